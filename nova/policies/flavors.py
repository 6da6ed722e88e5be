"""Policy defaults of /flavors."""

from oslo_policy import policy

from nova.policies import base

INDEX = 'os_compute_api:flavors:index'
CREATE = 'os_compute_api:os-flavor-manage:create'
DELETE = 'os_compute_api:os-flavor-manage:delete'
EXTRA_SPECS_INDEX = 'os_compute_api:os-flavor-extra-specs:index'

rules = [
    policy.DocumentedRuleDefault(
        name='os_compute_api:flavors:index', check_str=base.ANY,
        description='List and show flavors',
        operations=[{'method': 'GET', 'path': '/flavors'},
                    {'method': 'GET', 'path': '/flavors/detail'},
                    {'method': 'GET', 'path': '/flavors/{flavor_id}'}]),
    policy.DocumentedRuleDefault(
        name='os_compute_api:os-flavor-manage:create', check_str=base.ADMIN,
        description='Create a flavor',
        operations=[{'method': 'POST', 'path': '/flavors'}]),
    policy.DocumentedRuleDefault(
        name='os_compute_api:os-flavor-manage:delete', check_str=base.ADMIN,
        description='Delete a flavor',
        operations=[{'method': 'DELETE', 'path': '/flavors/{flavor_id}'}]),
    policy.DocumentedRuleDefault(
        name=EXTRA_SPECS_INDEX, check_str=base.PROJECT_READER_OR_ADMIN,
        description='See flavor extra specs (embedded since 2.61)',
        operations=[{'method': 'GET', 'path': '/flavors/detail'},
                    {'method': 'GET', 'path': '/flavors/{flavor_id}'}]),
]


def list_rules():
    return rules
