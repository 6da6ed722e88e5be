"""Policy defaults of the addFixedIp and removeFixedIp server actions."""

from oslo_policy import policy

from nova.policies import base

PREFIX = 'os_compute_api:os-multinic:%s'
ADD = PREFIX % 'add'
REMOVE = PREFIX % 'remove'

_ACTION = [{'method': 'POST', 'path': '/servers/{server_id}/action'}]

rules = [
    policy.DocumentedRuleDefault(
        name=ADD, check_str=base.PROJECT_MEMBER_OR_ADMIN,
        description='Add a fixed IP address to a server (addFixedIp)',
        operations=_ACTION),
    policy.DocumentedRuleDefault(
        name=REMOVE, check_str=base.PROJECT_MEMBER_OR_ADMIN,
        description='Remove a fixed IP address from a server '
                    '(removeFixedIp)',
        operations=_ACTION),
]


def list_rules():
    return rules
