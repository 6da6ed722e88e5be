"""Policy defaults of /servers/{server_id}/topology (2.78)."""

from oslo_policy import policy

from nova.policies import base

INDEX = 'compute:server:topology:index'

_PATH = [{'method': 'GET', 'path': '/servers/{server_id}/topology'}]

rules = [
    policy.DocumentedRuleDefault(
        name=INDEX, check_str=base.PROJECT_READER_OR_ADMIN,
        description="Show a server's NUMA topology", operations=_PATH),
]


def list_rules():
    return rules
