"""Policy defaults of /flavors: everyone lists and shows flavors; admins
create, describe (2.55) and delete them."""

from oslo_policy import policy

from nova.policies import base

INDEX = 'os_compute_api:flavors:index'
MANAGE = 'os_compute_api:os-flavor-manage:%s'
CREATE = MANAGE % 'create'
UPDATE = MANAGE % 'update'
DELETE = MANAGE % 'delete'

_ONE = '/flavors/{flavor_id}'

rules = [
    policy.DocumentedRuleDefault(
        name=INDEX, check_str=base.ANY,
        description='List and show flavors',
        operations=[{'method': 'GET', 'path': '/flavors'},
                    {'method': 'GET', 'path': '/flavors/detail'},
                    {'method': 'GET', 'path': _ONE}]),
    policy.DocumentedRuleDefault(
        name=CREATE, check_str=base.ADMIN,
        description='Create a flavor',
        operations=[{'method': 'POST', 'path': '/flavors'}]),
    policy.DocumentedRuleDefault(
        name=UPDATE, check_str=base.ADMIN,
        description="Update a flavor's description (2.55)",
        operations=[{'method': 'PUT', 'path': _ONE}]),
    policy.DocumentedRuleDefault(
        name=DELETE, check_str=base.ADMIN,
        description='Delete a flavor',
        operations=[{'method': 'DELETE', 'path': _ONE}]),
]


def list_rules():
    return rules
