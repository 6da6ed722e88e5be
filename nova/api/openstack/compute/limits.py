"""/limits: the absolute limits of the caller's project (an admin's
``tenant_id`` names another) with what it uses, under the names Nova's
api-ref gives them; ``rate`` is always empty (Nova has no rate limits).
nova-network's go at 2.36, ``maxImageMeta`` at 2.39, the personality ones
at 2.57.
"""

from nova.api.openstack import api_version_request as avr
from nova.api.openstack import common
from nova.api.openstack.compute.schemas import quota_sets as schemas
from nova.api.openstack import wsgi
from nova.api import validation
from nova.policies import limits as policies
from nova import quota

# Resource -> the names of its limit.
_LIMITS = {
    'ram': ('maxTotalRAMSize',),
    'instances': ('maxTotalInstances',),
    'cores': ('maxTotalCores',),
    'key_pairs': ('maxTotalKeypairs',),
    'floating_ips': ('maxTotalFloatingIps',),
    'metadata_items': ('maxServerMeta', 'maxImageMeta'),
    'injected_files': ('maxPersonality',),
    'injected_file_content_bytes': ('maxPersonalitySize',),
    'security_groups': ('maxSecurityGroups',),
    'security_group_rules': ('maxSecurityGroupRules',),
    'server_groups': ('maxServerGroups',),
    'server_group_members': ('maxServerGroupMembers',),
}
# Resource -> the name of its use.
_USED = {
    'ram': 'totalRAMUsed',
    'cores': 'totalCoresUsed',
    'instances': 'totalInstancesUsed',
    'floating_ips': 'totalFloatingIpsUsed',
    'security_groups': 'totalSecurityGroupsUsed',
    'server_groups': 'totalServerGroupsUsed',
}


def _hidden(req):
    hidden = set()
    if avr.is_supported(req, '2.36'):
        hidden |= {'floating_ips', 'security_groups', 'security_group_rules',
                   'maxImageMeta' if avr.is_supported(req, '2.39') else ''}
    if avr.is_supported(req, '2.57'):
        hidden |= {'injected_files', 'injected_file_content_bytes'}
    return hidden


@wsgi.expected_errors(())
@wsgi.policies(policies.INDEX, policies.OTHER_PROJECT)
@validation.query_schema(schemas.limits_query, '2.1', '2.74')
@validation.query_schema(schemas.limits_query_v275, '2.75')
@validation.response_body_schema(schemas.limits_response)
def index(req):
    ctx = req.context
    project_id = ctx.project_id
    ctx.can(policies.INDEX, target={'project_id': project_id})
    named = common.last_value(req, 'tenant_id')
    if named and named != project_id:
        ctx.can(policies.OTHER_PROJECT, target={'project_id': named})
        project_id = named
    limits = quota.project_limits(ctx, project_id)
    used = quota.usages(ctx, project_id)
    hidden = _hidden(req)
    absolute = {}
    for resource, names in _LIMITS.items():
        if resource in hidden:
            continue
        for name in names:
            if name not in hidden:
                absolute[name] = limits[resource]
    for resource, name in _USED.items():
        if resource not in hidden:
            absolute[name] = used[resource]
    return {'limits': {'rate': [], 'absolute': absolute}}
