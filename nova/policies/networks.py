"""Policy defaults of the /os-networks proxy (until 2.35)."""

from oslo_policy import policy

from nova.policies import base

LIST = 'os_compute_api:os-networks:list'
SHOW = 'os_compute_api:os-networks:show'

rules = [
    policy.DocumentedRuleDefault(
        name=LIST, check_str=base.PROJECT_READER_OR_ADMIN,
        description='List networks (a proxy to the network service)',
        operations=[{'method': 'GET', 'path': '/os-networks'}]),
    policy.DocumentedRuleDefault(
        name=SHOW, check_str=base.PROJECT_READER_OR_ADMIN,
        description='Show a network (a proxy to the network service)',
        operations=[{'method': 'GET', 'path': '/os-networks/{network_id}'}]),
]


def list_rules():
    return rules
