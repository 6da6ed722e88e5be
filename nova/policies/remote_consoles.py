"""Policy default of the remote consoles of a server: POST
/servers/{server_id}/remote-consoles and, before 2.6, the
os-getVNCConsole, os-getSPICEConsole and os-getSerialConsole actions."""

from oslo_policy import policy

from nova.policies import base

REMOTE_CONSOLES = 'os_compute_api:os-remote-consoles'

rules = [
    policy.DocumentedRuleDefault(
        name=REMOTE_CONSOLES, check_str=base.PROJECT_MEMBER_OR_ADMIN,
        description='Get the URL of a remote console of a server '
                    '(remote-consoles; before 2.6 the os-getVNCConsole, '
                    'os-getSPICEConsole and os-getSerialConsole actions)',
        operations=[{'method': 'POST',
                     'path': '/servers/{server_id}/remote-consoles'},
                    {'method': 'POST',
                     'path': '/servers/{server_id}/action'}]),
]


def list_rules():
    return rules
