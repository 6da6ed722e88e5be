"""Policy defaults of the access list of private flavors
(/flavors/{flavor_id}/os-flavor-access and the addTenantAccess and
removeTenantAccess actions): admins only."""

from oslo_policy import policy

from nova.policies import base

INDEX = 'os_compute_api:os-flavor-access'
ADD_TENANT_ACCESS = 'os_compute_api:os-flavor-access:add_tenant_access'
REMOVE_TENANT_ACCESS = 'os_compute_api:os-flavor-access:remove_tenant_access'

_ACTION = '/flavors/{flavor_id}/action'

rules = [
    policy.DocumentedRuleDefault(
        name=INDEX, check_str=base.ADMIN,
        description='List the projects that may use a private flavor',
        operations=[{'method': 'GET',
                     'path': '/flavors/{flavor_id}/os-flavor-access'}]),
    policy.DocumentedRuleDefault(
        name=ADD_TENANT_ACCESS, check_str=base.ADMIN,
        description='Let a project use a private flavor (addTenantAccess)',
        operations=[{'method': 'POST', 'path': _ACTION}]),
    policy.DocumentedRuleDefault(
        name=REMOVE_TENANT_ACCESS, check_str=base.ADMIN,
        description='Stop a project using a private flavor '
                    '(removeTenantAccess)',
        operations=[{'method': 'POST', 'path': _ACTION}]),
]


def list_rules():
    return rules
