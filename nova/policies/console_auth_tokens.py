"""Policy default of GET /os-console-auth-tokens/{console_token}: admins
only (console proxies turn a user's token into the guest's address)."""

from oslo_policy import policy

from nova.policies import base

SHOW = 'os_compute_api:os-console-auth-tokens'

rules = [
    policy.DocumentedRuleDefault(
        name=SHOW, check_str=base.ADMIN,
        description='Show the connection information of the console a '
                    'console authentication token opens',
        operations=[{'method': 'GET',
                     'path': '/os-console-auth-tokens/{console_token}'}]),
]


def list_rules():
    return rules
