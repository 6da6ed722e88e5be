"""Policy defaults of /os-instance_usage_audit_log: admins only."""

from oslo_policy import policy

from nova.policies import base

LIST = 'os_compute_api:os-instance-usage-audit-log:list'
SHOW = 'os_compute_api:os-instance-usage-audit-log:show'

rules = [
    policy.DocumentedRuleDefault(
        name=LIST, check_str=base.ADMIN,
        description='Show the instance usage audit of the last period',
        operations=[{'method': 'GET',
                     'path': '/os-instance_usage_audit_log'}]),
    policy.DocumentedRuleDefault(
        name=SHOW, check_str=base.ADMIN,
        description='Show the instance usage audit of the last period '
                    'before a time',
        operations=[{'method': 'GET', 'path':
                     '/os-instance_usage_audit_log/{before_timestamp}'}]),
]


def list_rules():
    return rules
