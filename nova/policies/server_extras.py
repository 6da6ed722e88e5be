"""Policy defaults of a server's diagnostics and its encrypted password
(/servers/{server_id}/diagnostics, /servers/{server_id}/os-server-password).
"""

from oslo_policy import policy

from nova.policies import base

DIAGNOSTICS = 'os_compute_api:os-server-diagnostics'
PASSWORD_SHOW = 'os_compute_api:os-server-password:show'
PASSWORD_CLEAR = 'os_compute_api:os-server-password:clear'

_PASSWORD_PATH = '/servers/{server_id}/os-server-password'

rules = [
    policy.DocumentedRuleDefault(
        name=DIAGNOSTICS, check_str=base.ADMIN,
        description="Show a server's diagnostics",
        operations=[{'method': 'GET',
                     'path': '/servers/{server_id}/diagnostics'}]),
    policy.DocumentedRuleDefault(
        name=PASSWORD_SHOW, check_str=base.PROJECT_READER_OR_ADMIN,
        description="Show a server's encrypted administrator password",
        operations=[{'method': 'GET', 'path': _PASSWORD_PATH}]),
    policy.DocumentedRuleDefault(
        name=PASSWORD_CLEAR, check_str=base.PROJECT_MEMBER_OR_ADMIN,
        description="Clear a server's encrypted administrator password",
        operations=[{'method': 'DELETE', 'path': _PASSWORD_PATH}]),
]


def list_rules():
    return rules
