"""Policy defaults of /os-availability-zone: anyone lists the zones; the
hosts and services in them are for admins."""

from oslo_policy import policy

from nova.policies import base

LIST = 'os_compute_api:os-availability-zone:list'
DETAIL = 'os_compute_api:os-availability-zone:detail'

rules = [
    policy.DocumentedRuleDefault(
        name=LIST, check_str=base.ANY,
        description='List availability zones without their hosts',
        operations=[{'method': 'GET', 'path': '/os-availability-zone'}]),
    policy.DocumentedRuleDefault(
        name=DETAIL, check_str=base.ADMIN,
        description='List availability zones with their hosts and services',
        operations=[{'method': 'GET',
                     'path': '/os-availability-zone/detail'}]),
]


def list_rules():
    return rules
