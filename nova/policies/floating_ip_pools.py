"""Policy default of the /os-floating-ip-pools proxy (until 2.35)."""

from oslo_policy import policy

from nova.policies import base

LIST = 'os_compute_api:os-floating-ip-pools'

rules = [
    policy.DocumentedRuleDefault(
        name=LIST, check_str=base.ANY,
        description='List the floating IP pools (the external networks of '
                    'the network service)',
        operations=[{'method': 'GET', 'path': '/os-floating-ip-pools'}]),
]


def list_rules():
    return rules
