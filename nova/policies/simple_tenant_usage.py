"""Policy defaults of /os-simple-tenant-usage: every project's usage for
admins, a project's own for its readers."""

from oslo_policy import policy

from nova.policies import base

LIST = 'os_compute_api:os-simple-tenant-usage:list'
SHOW = 'os_compute_api:os-simple-tenant-usage:show'

rules = [
    policy.DocumentedRuleDefault(
        name=LIST, check_str=base.ADMIN,
        description="List every project's usage",
        operations=[{'method': 'GET', 'path': '/os-simple-tenant-usage'}]),
    policy.DocumentedRuleDefault(
        name=SHOW, check_str=base.PROJECT_READER_OR_ADMIN,
        description="Show a project's usage",
        operations=[{'method': 'GET',
                     'path': '/os-simple-tenant-usage/{tenant_id}'}]),
]


def list_rules():
    return rules
