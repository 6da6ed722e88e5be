"""Policy defaults of /os-services."""

from oslo_policy import policy

from nova.policies import base

LIST = 'os_compute_api:os-services:list'

rules = [
    policy.DocumentedRuleDefault(
        name='os_compute_api:os-services:list', check_str=base.ADMIN,
        description='List compute services',
        operations=[{'method': 'GET', 'path': '/os-services'}]),
]


def list_rules():
    return rules
