"""Policy defaults of /os-hypervisors."""

from oslo_policy import policy

from nova.policies import base

LIST = 'os_compute_api:os-hypervisors:list'
LIST_DETAIL = 'os_compute_api:os-hypervisors:list-detail'
SHOW = 'os_compute_api:os-hypervisors:show'
STATISTICS = 'os_compute_api:os-hypervisors:statistics'
UPTIME = 'os_compute_api:os-hypervisors:uptime'
SEARCH = 'os_compute_api:os-hypervisors:search'
SERVERS = 'os_compute_api:os-hypervisors:servers'

rules = [
    policy.DocumentedRuleDefault(
        name='os_compute_api:os-hypervisors:list', check_str=base.ADMIN,
        description='List hypervisors',
        operations=[{'method': 'GET', 'path': '/os-hypervisors'}]),
    policy.DocumentedRuleDefault(
        name='os_compute_api:os-hypervisors:list-detail',
        check_str=base.ADMIN,
        description='List hypervisors in detail',
        operations=[{'method': 'GET', 'path': '/os-hypervisors/detail'}]),
    policy.DocumentedRuleDefault(
        name=SHOW, check_str=base.ADMIN, description='Show a hypervisor',
        operations=[{'method': 'GET',
                     'path': '/os-hypervisors/{hypervisor_id}'}]),
    policy.DocumentedRuleDefault(
        name=STATISTICS, check_str=base.ADMIN,
        description='Show the sums over all hypervisors (until 2.87)',
        operations=[{'method': 'GET',
                     'path': '/os-hypervisors/statistics'}]),
    policy.DocumentedRuleDefault(
        name=UPTIME, check_str=base.ADMIN,
        description="Show a hypervisor's uptime (until 2.87)",
        operations=[{'method': 'GET',
                     'path': '/os-hypervisors/{hypervisor_id}/uptime'}]),
    policy.DocumentedRuleDefault(
        name=SEARCH, check_str=base.ADMIN,
        description='Find hypervisors by host name (until 2.52)',
        operations=[{'method': 'GET', 'path':
                     '/os-hypervisors/{hypervisor_hostname_pattern}/search'}
                    ]),
    policy.DocumentedRuleDefault(
        name=SERVERS, check_str=base.ADMIN,
        description="List the servers of hypervisors found by host name "
                    "(until 2.52)",
        operations=[{'method': 'GET', 'path':
                     '/os-hypervisors/{hypervisor_hostname_pattern}/servers'}
                    ]),
]


def list_rules():
    return rules
