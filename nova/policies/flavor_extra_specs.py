"""Policy defaults of /flavors/{flavor_id}/os-extra_specs: project readers
see a flavor's extra specs (also embedded in flavor views since 2.61);
admins set and delete them."""

from oslo_policy import policy

from nova.policies import base

EXTRA_SPECS = 'os_compute_api:os-flavor-extra-specs:%s'
INDEX = EXTRA_SPECS % 'index'
SHOW = EXTRA_SPECS % 'show'
CREATE = EXTRA_SPECS % 'create'
UPDATE = EXTRA_SPECS % 'update'
DELETE = EXTRA_SPECS % 'delete'

_ALL = '/flavors/{flavor_id}/os-extra_specs'
_ONE = _ALL + '/{flavor_extra_spec_key}'

rules = [
    policy.DocumentedRuleDefault(
        name=INDEX, check_str=base.PROJECT_READER_OR_ADMIN,
        description="List a flavor's extra specs; from 2.61 flavor views "
                    "show them too when this allows",
        operations=[{'method': 'GET', 'path': _ALL},
                    {'method': 'POST', 'path': '/flavors'},
                    {'method': 'GET', 'path': '/flavors/detail'},
                    {'method': 'GET', 'path': '/flavors/{flavor_id}'},
                    {'method': 'PUT', 'path': '/flavors/{flavor_id}'}]),
    policy.DocumentedRuleDefault(
        name=SHOW, check_str=base.PROJECT_READER_OR_ADMIN,
        description='Show one extra spec of a flavor',
        operations=[{'method': 'GET', 'path': _ONE}]),
    policy.DocumentedRuleDefault(
        name=CREATE, check_str=base.ADMIN,
        description='Create or update extra specs of a flavor',
        operations=[{'method': 'POST', 'path': _ALL}]),
    policy.DocumentedRuleDefault(
        name=UPDATE, check_str=base.ADMIN,
        description='Update one extra spec of a flavor',
        operations=[{'method': 'PUT', 'path': _ONE}]),
    policy.DocumentedRuleDefault(
        name=DELETE, check_str=base.ADMIN,
        description='Delete one extra spec of a flavor',
        operations=[{'method': 'DELETE', 'path': _ONE}]),
]


def list_rules():
    return rules
