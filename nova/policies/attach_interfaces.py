"""Policy defaults of a server's ports (os-interface)."""

from oslo_policy import policy

from nova.policies import base

PREFIX = 'os_compute_api:os-attach-interfaces:%s'
LIST = PREFIX % 'list'
SHOW = PREFIX % 'show'
CREATE = PREFIX % 'create'
DELETE = PREFIX % 'delete'

_PATH = '/servers/{server_id}/os-interface'

rules = [
    policy.DocumentedRuleDefault(
        name=LIST, check_str=base.PROJECT_READER_OR_ADMIN,
        description="List a server's port interfaces",
        operations=[{'method': 'GET', 'path': _PATH}]),
    policy.DocumentedRuleDefault(
        name=SHOW, check_str=base.PROJECT_READER_OR_ADMIN,
        description="Show one of a server's port interfaces",
        operations=[{'method': 'GET', 'path': _PATH + '/{port_id}'}]),
    policy.DocumentedRuleDefault(
        name=CREATE, check_str=base.PROJECT_MEMBER_OR_ADMIN,
        description='Attach a port interface to a server',
        operations=[{'method': 'POST', 'path': _PATH}]),
    policy.DocumentedRuleDefault(
        name=DELETE, check_str=base.PROJECT_MEMBER_OR_ADMIN,
        description='Detach a port interface from a server',
        operations=[{'method': 'DELETE', 'path': _PATH + '/{port_id}'}]),
]


def list_rules():
    return rules
