"""Policy defaults of /os-hypervisors."""

from oslo_policy import policy

from nova.policies import base

LIST = 'os_compute_api:os-hypervisors:list'
LIST_DETAIL = 'os_compute_api:os-hypervisors:list-detail'

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
]


def list_rules():
    return rules
