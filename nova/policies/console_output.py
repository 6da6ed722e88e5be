"""Policy default of the os-getConsoleOutput server action."""

from oslo_policy import policy

from nova.policies import base

CONSOLE_OUTPUT = 'os_compute_api:os-console-output'

rules = [
    policy.DocumentedRuleDefault(
        name=CONSOLE_OUTPUT, check_str=base.PROJECT_MEMBER_OR_ADMIN,
        description="Show a server's console output (os-getConsoleOutput)",
        operations=[{'method': 'POST',
                     'path': '/servers/{server_id}/action'}]),
]


def list_rules():
    return rules
