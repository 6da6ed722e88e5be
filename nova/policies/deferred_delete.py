"""Policy defaults of the restore and forceDelete server actions."""

from oslo_policy import policy

from nova.policies import base

RESTORE = 'os_compute_api:os-deferred-delete:restore'
FORCE = 'os_compute_api:os-deferred-delete:force'

_ACTION = [{'method': 'POST', 'path': '/servers/{server_id}/action'}]

rules = [
    policy.DocumentedRuleDefault(
        name=RESTORE, check_str=base.PROJECT_MEMBER_OR_ADMIN,
        description='Restore a soft-deleted server (restore)',
        operations=_ACTION),
    policy.DocumentedRuleDefault(
        name=FORCE, check_str=base.PROJECT_MEMBER_OR_ADMIN,
        description='Delete a server at once, also a soft-deleted one '
                    '(forceDelete)',
        operations=_ACTION),
]


def list_rules():
    return rules
