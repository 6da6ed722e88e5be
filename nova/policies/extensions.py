"""Policy defaults of /extensions: anyone may read them."""

from oslo_policy import policy

from nova.policies import base

BASE = 'os_compute_api:extensions'

rules = [
    policy.DocumentedRuleDefault(
        name=BASE, check_str=base.ANY,
        description='List the v2 extensions or show one',
        operations=[{'method': 'GET', 'path': '/extensions'},
                    {'method': 'GET', 'path': '/extensions/{alias}'}]),
]


def list_rules():
    return rules
