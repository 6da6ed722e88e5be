"""Policy defaults of /limits: anyone sees their project's; an admin,
another project's (``tenant_id``)."""

from oslo_policy import policy

from nova.policies import base

INDEX = 'os_compute_api:limits'
OTHER_PROJECT = 'os_compute_api:limits:other_project'

rules = [
    policy.DocumentedRuleDefault(
        name=INDEX, check_str=base.ANY,
        description="Show the caller's project's limits and usage",
        operations=[{'method': 'GET', 'path': '/limits'}]),
    policy.DocumentedRuleDefault(
        name=OTHER_PROJECT, check_str=base.ADMIN,
        description="Show another project's limits (tenant_id)",
        operations=[{'method': 'GET', 'path': '/limits'}]),
]


def list_rules():
    return rules
