"""Policy defaults of the lock and unlock server actions."""

from oslo_policy import policy

from nova.policies import base

LOCK = 'os_compute_api:os-lock-server:lock'
UNLOCK = 'os_compute_api:os-lock-server:unlock'
UNLOCK_OVERRIDE = 'os_compute_api:os-lock-server:unlock:unlock_override'

_ACTION = [{'method': 'POST', 'path': '/servers/{server_id}/action'}]

rules = [
    policy.DocumentedRuleDefault(
        name=LOCK, check_str=base.PROJECT_MEMBER_OR_ADMIN,
        description='Lock a server (lock)', operations=_ACTION),
    policy.DocumentedRuleDefault(
        name=UNLOCK, check_str=base.PROJECT_MEMBER_OR_ADMIN,
        description='Unlock a server (unlock)', operations=_ACTION),
    policy.DocumentedRuleDefault(
        name=UNLOCK_OVERRIDE, check_str=base.ADMIN,
        description='Unlock a server that an admin locked (unlock)',
        operations=_ACTION),
]


def list_rules():
    return rules
