"""Policy defaults of a server's security groups: the addSecurityGroup and
removeSecurityGroup actions and /servers/{server_id}/os-security-groups."""

from oslo_policy import policy

from nova.policies import base

PREFIX = 'os_compute_api:os-security-groups:%s'
LIST = PREFIX % 'list'
ADD = PREFIX % 'add'
REMOVE = PREFIX % 'remove'

_ACTION = [{'method': 'POST', 'path': '/servers/{server_id}/action'}]

rules = [
    policy.DocumentedRuleDefault(
        name=LIST, check_str=base.PROJECT_READER_OR_ADMIN,
        description="List a server's security groups",
        operations=[{'method': 'GET',
                     'path': '/servers/{server_id}/os-security-groups'}]),
    policy.DocumentedRuleDefault(
        name=ADD, check_str=base.PROJECT_MEMBER_OR_ADMIN,
        description='Add a security group to a server (addSecurityGroup)',
        operations=_ACTION),
    policy.DocumentedRuleDefault(
        name=REMOVE, check_str=base.PROJECT_MEMBER_OR_ADMIN,
        description='Remove a security group from a server '
                    '(removeSecurityGroup)',
        operations=_ACTION),
]


def list_rules():
    return rules
