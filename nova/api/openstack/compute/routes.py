"""Every URL of the Compute API v2.1: path -> {METHOD: handler}.

Paths are relative to ``/v2.1`` (an optional ``/{project_id}`` segment
may precede them). ``{name}`` segments are passed to the handler as
keyword arguments of that name. The paths of Nova's API that are not
served here answer 501 or 410 from ``not_implemented.ROUTE_TABLE``.
"""

from nova.api.openstack.compute import aggregates
from nova.api.openstack.compute import attach_interfaces
from nova.api.openstack.compute import availability_zone
from nova.api.openstack.compute import console_auth_tokens
from nova.api.openstack.compute import flavor_access
from nova.api.openstack.compute import flavor_extra_specs
from nova.api.openstack.compute import extensions
from nova.api.openstack.compute import flavors
from nova.api.openstack.compute import floating_ip_pools
from nova.api.openstack.compute import floating_ips
from nova.api.openstack.compute import hosts
from nova.api.openstack.compute import hypervisors
from nova.api.openstack.compute import images
from nova.api.openstack.compute import instance_actions
from nova.api.openstack.compute import instance_usage_audit_log
from nova.api.openstack.compute import ips
from nova.api.openstack.compute import keypairs
from nova.api.openstack.compute import limits
from nova.api.openstack.compute import migrations
from nova.api.openstack.compute import networks
from nova.api.openstack.compute import quota_sets
from nova.api.openstack.compute import remote_consoles
from nova.api.openstack.compute import security_group_proxy
from nova.api.openstack.compute import security_groups
from nova.api.openstack.compute import server_actions
from nova.api.openstack.compute import server_external_events
from nova.api.openstack.compute import server_extras
from nova.api.openstack.compute import server_groups
from nova.api.openstack.compute import server_metadata
from nova.api.openstack.compute import server_tags
from nova.api.openstack.compute import servers
from nova.api.openstack.compute import services
from nova.api.openstack.compute import simple_tenant_usage
from nova.api.openstack.compute import tenant_networks

ROUTE_TABLE = (
    ('/extensions', {'GET': extensions.index}),
    ('/extensions/{alias}', {'GET': extensions.show}),
    ('/flavors', {'GET': flavors.index, 'POST': flavors.create}),
    ('/flavors/detail', {'GET': flavors.detail}),
    ('/flavors/{flavor_id}', {'GET': flavors.show,
                              'PUT': flavors.update,
                              'DELETE': flavors.delete}),
    ('/flavors/{flavor_id}/action', {'POST': flavor_access.action}),
    ('/flavors/{flavor_id}/os-extra_specs',
     {'GET': flavor_extra_specs.index, 'POST': flavor_extra_specs.create}),
    ('/flavors/{flavor_id}/os-extra_specs/{flavor_extra_spec_key}',
     {'GET': flavor_extra_specs.show, 'PUT': flavor_extra_specs.update,
      'DELETE': flavor_extra_specs.delete}),
    ('/flavors/{flavor_id}/os-flavor-access',
     {'GET': flavor_access.index}),
    ('/images', {'GET': images.index}),
    ('/images/detail', {'GET': images.detail}),
    ('/images/{image_id}', {'GET': images.show, 'DELETE': images.delete}),
    ('/images/{image_id}/metadata', {'GET': images.metadata_index,
                                     'POST': images.metadata_create,
                                     'PUT': images.metadata_update_all}),
    ('/images/{image_id}/metadata/{key}', {'GET': images.metadata_show,
                                           'PUT': images.metadata_update,
                                           'DELETE': images.metadata_delete}),
    ('/os-aggregates', {'GET': aggregates.index, 'POST': aggregates.create}),
    ('/os-aggregates/{aggregate_id}', {'GET': aggregates.show,
                                       'PUT': aggregates.update,
                                       'DELETE': aggregates.delete}),
    ('/os-aggregates/{aggregate_id}/action', {'POST': aggregates.action}),
    ('/os-aggregates/{aggregate_id}/images', {'POST': aggregates.images}),
    ('/os-availability-zone', {'GET': availability_zone.index}),
    ('/os-availability-zone/detail', {'GET': availability_zone.detail}),
    ('/os-console-auth-tokens/{console_token}',
     {'GET': console_auth_tokens.show}),
    ('/os-floating-ip-pools', {'GET': floating_ip_pools.index}),
    ('/os-floating-ips', {'GET': floating_ips.index,
                          'POST': floating_ips.create}),
    ('/os-floating-ips/{floating_ip_id}',
     {'GET': floating_ips.show, 'DELETE': floating_ips.delete}),
    ('/os-hosts', {'GET': hosts.index}),
    ('/os-hosts/{host_name}', {'GET': hosts.show, 'PUT': hosts.update}),
    ('/os-hosts/{host_name}/reboot', {'GET': hosts.reboot}),
    ('/os-hosts/{host_name}/shutdown', {'GET': hosts.shutdown}),
    ('/os-hosts/{host_name}/startup', {'GET': hosts.startup}),
    ('/os-hypervisors', {'GET': hypervisors.index}),
    ('/os-hypervisors/detail', {'GET': hypervisors.detail}),
    ('/os-hypervisors/statistics', {'GET': hypervisors.statistics}),
    ('/os-hypervisors/{hypervisor_id}', {'GET': hypervisors.show}),
    ('/os-hypervisors/{hypervisor_id}/uptime', {'GET': hypervisors.uptime}),
    ('/os-hypervisors/{hypervisor_hostname_pattern}/search',
     {'GET': hypervisors.search}),
    ('/os-hypervisors/{hypervisor_hostname_pattern}/servers',
     {'GET': hypervisors.servers}),
    ('/os-instance_usage_audit_log',
     {'GET': instance_usage_audit_log.index}),
    ('/os-instance_usage_audit_log/{before_timestamp}',
     {'GET': instance_usage_audit_log.show}),
    ('/os-keypairs', {'GET': keypairs.index, 'POST': keypairs.create}),
    ('/os-keypairs/{keypair_name}', {'GET': keypairs.show,
                                     'DELETE': keypairs.delete}),
    ('/limits', {'GET': limits.index}),
    ('/os-migrations', {'GET': migrations.index}),
    ('/os-networks', {'GET': networks.index}),
    ('/os-networks/{network_id}', {'GET': networks.show}),
    ('/os-quota-class-sets/{quota_class}',
     {'GET': quota_sets.class_show, 'PUT': quota_sets.class_update}),
    ('/os-quota-sets/{tenant_id}', {'GET': quota_sets.show,
                                    'PUT': quota_sets.update,
                                    'DELETE': quota_sets.delete}),
    ('/os-quota-sets/{tenant_id}/defaults', {'GET': quota_sets.defaults}),
    ('/os-quota-sets/{tenant_id}/detail', {'GET': quota_sets.detail}),
    ('/os-security-groups', {'GET': security_group_proxy.index,
                             'POST': security_group_proxy.create}),
    ('/os-security-groups/{security_group_id}',
     {'GET': security_group_proxy.show, 'PUT': security_group_proxy.update,
      'DELETE': security_group_proxy.delete}),
    ('/os-security-group-rules', {'POST': security_group_proxy.create_rule}),
    ('/os-security-group-rules/{security_group_rule_id}',
     {'DELETE': security_group_proxy.delete_rule}),
    ('/os-server-external-events', {'POST': server_external_events.create}),
    ('/os-server-groups', {'GET': server_groups.index,
                           'POST': server_groups.create}),
    ('/os-server-groups/{server_group_id}', {'GET': server_groups.show,
                                             'DELETE': server_groups.delete}),
    ('/os-services', {'GET': services.index}),
    ('/os-services/{service_id}', {'PUT': services.update,
                                   'DELETE': services.delete}),
    ('/os-simple-tenant-usage', {'GET': simple_tenant_usage.index}),
    ('/os-simple-tenant-usage/{tenant_id}',
     {'GET': simple_tenant_usage.show}),
    ('/os-tenant-networks', {'GET': tenant_networks.index}),
    ('/os-tenant-networks/{network_id}', {'GET': tenant_networks.show}),
    ('/servers', {'GET': servers.index, 'POST': servers.create}),
    ('/servers/detail', {'GET': servers.detail}),
    ('/servers/{server_id}', {'GET': servers.show,
                              'PUT': servers.update,
                              'DELETE': servers.delete}),
    ('/servers/{server_id}/action', {'POST': server_actions.action}),
    ('/servers/{server_id}/ips', {'GET': ips.index}),
    ('/servers/{server_id}/ips/{network_label}', {'GET': ips.show}),
    ('/servers/{server_id}/migrations', {'GET': migrations.server_index}),
    ('/servers/{server_id}/migrations/{migration_id}',
     {'GET': migrations.server_show, 'DELETE': migrations.abort}),
    ('/servers/{server_id}/migrations/{migration_id}/action',
     {'POST': migrations.force_complete}),
    ('/servers/{server_id}/os-interface',
     {'GET': attach_interfaces.index, 'POST': attach_interfaces.create}),
    ('/servers/{server_id}/os-interface/{port_id}',
     {'GET': attach_interfaces.show, 'DELETE': attach_interfaces.delete}),
    ('/servers/{server_id}/remote-consoles',
     {'POST': remote_consoles.create}),
    ('/servers/{server_id}/os-security-groups',
     {'GET': security_groups.index}),
    ('/servers/{server_id}/os-instance-actions',
     {'GET': instance_actions.index}),
    ('/servers/{server_id}/os-instance-actions/{request_id}',
     {'GET': instance_actions.show}),
    ('/servers/{server_id}/diagnostics',
     {'GET': server_extras.diagnostics}),
    ('/servers/{server_id}/topology', {'GET': server_extras.topology}),
    ('/servers/{server_id}/os-server-password',
     {'GET': server_extras.show_password,
      'DELETE': server_extras.clear_password}),
    ('/servers/{server_id}/metadata', {'GET': server_metadata.index,
                                       'POST': server_metadata.create,
                                       'PUT': server_metadata.update_all}),
    ('/servers/{server_id}/metadata/{key}',
     {'GET': server_metadata.show, 'PUT': server_metadata.update,
      'DELETE': server_metadata.delete}),
    ('/servers/{server_id}/tags', {'GET': server_tags.index,
                                   'PUT': server_tags.update_all,
                                   'DELETE': server_tags.delete_all}),
    ('/servers/{server_id}/tags/{tag}', {'GET': server_tags.show,
                                         'PUT': server_tags.update,
                                         'DELETE': server_tags.delete}),
)
