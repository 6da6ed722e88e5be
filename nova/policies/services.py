"""Policy defaults of /os-services."""

from oslo_policy import policy

from nova.policies import base

LIST = 'os_compute_api:os-services:list'
UPDATE = 'os_compute_api:os-services:update'
DELETE = 'os_compute_api:os-services:delete'

rules = [
    policy.DocumentedRuleDefault(
        name='os_compute_api:os-services:list', check_str=base.ADMIN,
        description='List compute services',
        operations=[{'method': 'GET', 'path': '/os-services'}]),
    policy.DocumentedRuleDefault(
        name=UPDATE, check_str=base.ADMIN,
        description='Enable, disable or force down a service',
        operations=[{'method': 'PUT',
                     'path': '/os-services/{service_id}'}]),
    policy.DocumentedRuleDefault(
        name=DELETE, check_str=base.ADMIN,
        description='Delete a service (and a compute host with it)',
        operations=[{'method': 'DELETE',
                     'path': '/os-services/{service_id}'}]),
]


def list_rules():
    return rules
