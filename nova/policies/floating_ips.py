"""Policy defaults of the /os-floating-ips proxy (until 2.35) and of the
addFloatingIp and removeFloatingIp server actions (until 2.43)."""

from oslo_policy import policy

from nova.policies import base

PREFIX = 'os_compute_api:os-floating-ips:%s'
LIST = PREFIX % 'list'
SHOW = PREFIX % 'show'
CREATE = PREFIX % 'create'
DELETE = PREFIX % 'delete'
ADD = PREFIX % 'add'
REMOVE = PREFIX % 'remove'

_ACTION = [{'method': 'POST', 'path': '/servers/{server_id}/action'}]

rules = [
    policy.DocumentedRuleDefault(
        name=LIST, check_str=base.PROJECT_READER_OR_ADMIN,
        description="List the project's floating IPs (a proxy to the "
                    "network service)",
        operations=[{'method': 'GET', 'path': '/os-floating-ips'}]),
    policy.DocumentedRuleDefault(
        name=CREATE, check_str=base.PROJECT_MEMBER_OR_ADMIN,
        description='Allocate a floating IP (a proxy to the network '
                    'service)',
        operations=[{'method': 'POST', 'path': '/os-floating-ips'}]),
    policy.DocumentedRuleDefault(
        name=SHOW, check_str=base.PROJECT_READER_OR_ADMIN,
        description='Show a floating IP (a proxy to the network service)',
        operations=[{'method': 'GET',
                     'path': '/os-floating-ips/{floating_ip_id}'}]),
    policy.DocumentedRuleDefault(
        name=DELETE, check_str=base.PROJECT_MEMBER_OR_ADMIN,
        description='Release a floating IP (a proxy to the network '
                    'service)',
        operations=[{'method': 'DELETE',
                     'path': '/os-floating-ips/{floating_ip_id}'}]),
    policy.DocumentedRuleDefault(
        name=ADD, check_str=base.PROJECT_MEMBER_OR_ADMIN,
        description='Associate a floating IP with a server '
                    '(addFloatingIp)',
        operations=_ACTION),
    policy.DocumentedRuleDefault(
        name=REMOVE, check_str=base.PROJECT_MEMBER_OR_ADMIN,
        description='Disassociate a floating IP from a server '
                    '(removeFloatingIp)',
        operations=_ACTION),
]


def list_rules():
    return rules
