"""Every URL of the Compute API v2.1: path -> {METHOD: handler}.

Paths are relative to ``/v2.1`` (an optional ``/{project_id}`` segment
may precede them). ``{name}`` segments are passed to the handler as
keyword arguments of that name. The paths of Nova's API that are not
served here answer 501 or 410 from ``not_implemented.ROUTE_TABLE``.
"""

from nova.api.openstack.compute import flavors
from nova.api.openstack.compute import hypervisors
from nova.api.openstack.compute import images
from nova.api.openstack.compute import instance_actions
from nova.api.openstack.compute import ips
from nova.api.openstack.compute import keypairs
from nova.api.openstack.compute import limits
from nova.api.openstack.compute import migrations
from nova.api.openstack.compute import quota_sets
from nova.api.openstack.compute import security_groups
from nova.api.openstack.compute import server_actions
from nova.api.openstack.compute import server_external_events
from nova.api.openstack.compute import server_extras
from nova.api.openstack.compute import server_metadata
from nova.api.openstack.compute import server_tags
from nova.api.openstack.compute import servers
from nova.api.openstack.compute import services

ROUTE_TABLE = (
    ('/flavors', {'GET': flavors.index, 'POST': flavors.create}),
    ('/flavors/detail', {'GET': flavors.detail}),
    ('/flavors/{flavor_id}', {'GET': flavors.show,
                              'DELETE': flavors.delete}),
    ('/images', {'GET': images.index}),
    ('/images/detail', {'GET': images.detail}),
    ('/images/{image_id}', {'GET': images.show, 'DELETE': images.delete}),
    ('/images/{image_id}/metadata', {'GET': images.metadata_index,
                                     'POST': images.metadata_create,
                                     'PUT': images.metadata_update_all}),
    ('/images/{image_id}/metadata/{key}', {'GET': images.metadata_show,
                                           'PUT': images.metadata_update,
                                           'DELETE': images.metadata_delete}),
    ('/os-hypervisors', {'GET': hypervisors.index}),
    ('/os-hypervisors/detail', {'GET': hypervisors.detail}),
    ('/os-keypairs', {'GET': keypairs.index, 'POST': keypairs.create}),
    ('/os-keypairs/{keypair_name}', {'GET': keypairs.show,
                                     'DELETE': keypairs.delete}),
    ('/limits', {'GET': limits.index}),
    ('/os-migrations', {'GET': migrations.index}),
    ('/os-quota-class-sets/{quota_class}',
     {'GET': quota_sets.class_show, 'PUT': quota_sets.class_update}),
    ('/os-quota-sets/{tenant_id}', {'GET': quota_sets.show,
                                    'PUT': quota_sets.update,
                                    'DELETE': quota_sets.delete}),
    ('/os-quota-sets/{tenant_id}/defaults', {'GET': quota_sets.defaults}),
    ('/os-quota-sets/{tenant_id}/detail', {'GET': quota_sets.detail}),
    ('/os-server-external-events', {'POST': server_external_events.create}),
    ('/os-services', {'GET': services.index}),
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
