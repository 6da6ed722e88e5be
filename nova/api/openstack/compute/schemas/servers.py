"""Schemas of /servers: create bodies, list/show queries, responses."""

import copy

from nova.api.validation import parameter_types as types

# -- POST /servers ----

_network = {
    'type': 'object',
    'properties': {
        'uuid': {'type': 'string'},
        'port': {'type': ['string', 'null'], 'format': 'uuid'},
        'fixed_ip': types.ip_address,
    },
    'additionalProperties': False,
}

# Block device mappings; only the image-backed local root disk that
# openstackclient sends with --image is accepted by the handler.
_bdm_v2 = {
    'type': 'object',
    'properties': {
        'uuid': {'type': 'string', 'maxLength': 255},
        'source_type': {'type': 'string',
                        'enum': ['blank', 'image', 'snapshot', 'volume']},
        'destination_type': {'type': 'string',
                             'enum': ['local', 'volume']},
        'boot_index': {'type': ['integer', 'string', 'null']},
        'delete_on_termination': types.boolean,
        'device_name': {'type': ['string', 'null'], 'maxLength': 255},
        'device_type': {'type': ['string', 'null'], 'maxLength': 255},
        'disk_bus': {'type': ['string', 'null'], 'maxLength': 255},
        'guest_format': {'type': ['string', 'null'], 'maxLength': 255},
        'volume_size': {'type': ['integer', 'string', 'null']},
        'volume_type': {'type': ['string', 'null'], 'maxLength': 255},
        'tag': {'type': 'string', 'maxLength': 60},
    },
    'additionalProperties': False,
}

_server_v21 = {
    'type': 'object',
    'properties': {
        'name': types.name,
        'accessIPv4': types.ipv4,
        'accessIPv6': types.ipv6,
        'block_device_mapping_v2': {'type': 'array', 'items': _bdm_v2},
        'imageRef': types.image_ref,
        'flavorRef': types.flavor_ref,
        'adminPass': types.admin_password,
        'metadata': types.metadata,
        'networks': {'type': 'array', 'items': _network},
        'OS-DCF:diskConfig': {'type': 'string', 'enum': ['AUTO', 'MANUAL']},
        'availability_zone': types.availability_zone,
        'config_drive': types.boolean,
        'key_name': types.key_name,
        'min_count': types.positive_integer,
        'max_count': types.positive_integer,
        'return_reservation_id': types.boolean,
        'security_groups': {
            'type': 'array',
            'items': {'type': 'object',
                      'properties': {'name': {'type': 'string'}},
                      'additionalProperties': False}},
        'user_data': {'type': 'string', 'format': 'base64',
                      'maxLength': 65535},
    },
    'required': ['name', 'flavorRef'],
    'additionalProperties': False,
}


# One server UUID or a list of them (same_host, different_host).
_servers_hint = {'oneOf': [types.uuid,
                           {'type': 'array', 'items': types.uuid}]}

# The hints Nova knows are checked; others pass (out-of-tree filters).
_scheduler_hints = {
    'type': 'object',
    'properties': {
        'group': types.uuid,
        'same_host': _servers_hint,
        'different_host': _servers_hint,
        'query': {'type': ['string', 'object']},
        'build_near_host_ip': {'type': 'string', 'oneOf': [
            {'format': 'ipv4'}, {'format': 'ipv6'}]},
        'cidr': {'type': 'string', 'pattern': '^/[0-9a-f.:]+$'},
    },
    'additionalProperties': True,
}


def _create_schema(server):
    return {
        'type': 'object',
        'properties': {
            'server': server,
            'os:scheduler_hints': _scheduler_hints,
            'OS-SCH-HNT:scheduler_hints': _scheduler_hints,
        },
        'required': ['server'],
        'additionalProperties': False,
    }


create = _create_schema(_server_v21)

# -- PUT /servers/{server_id} ----

_update_server = {
    'type': 'object',
    'properties': {
        'name': types.name,
        'accessIPv4': types.ipv4,
        'accessIPv6': types.ipv6,
        'OS-DCF:diskConfig': {'type': 'string', 'enum': ['AUTO', 'MANUAL']},
    },
    'additionalProperties': False,
}
update = {
    'type': 'object',
    'properties': {'server': _update_server},
    'required': ['server'],
    'additionalProperties': False,
}
update_v219 = copy.deepcopy(update)
update_v219['properties']['server']['properties']['description'] = (
    types.description)
update_v290 = copy.deepcopy(update_v219)
update_v290['properties']['server']['properties']['hostname'] = (
    types.hostname)
update_v294 = copy.deepcopy(update_v290)
update_v294['properties']['server']['properties']['hostname'] = types.fqdn

_server_v219 = copy.deepcopy(_server_v21)
_server_v219['properties']['description'] = types.description
create_v219 = _create_schema(_server_v219)

# 2.37: networks is required: "auto", "none" or a list with UUID uuids.
_server_v237 = copy.deepcopy(_server_v219)
_network_v237 = copy.deepcopy(_network)
_network_v237['properties']['uuid'] = types.uuid
_server_v237['properties']['networks'] = {'oneOf': [
    {'type': 'array', 'items': _network_v237},
    {'type': 'string', 'enum': ['none', 'auto']},
]}
_server_v237['required'] = ['name', 'flavorRef', 'networks']
create_v237 = _create_schema(_server_v237)

# 2.52: tags at create.
_server_v252 = copy.deepcopy(_server_v237)
_server_v252['properties']['tags'] = {'type': 'array', 'items': types.tag,
                                      'maxItems': 50}
create_v252 = _create_schema(_server_v252)

# 2.57: personality files are gone.
# 2.63: trusted image certificate IDs.
_server_v263 = copy.deepcopy(_server_v252)
_server_v263['properties']['trusted_image_certificates'] = {
    'type': ['array', 'null'], 'minItems': 1, 'maxItems': 50,
    'uniqueItems': True,
    'items': {'type': 'string', 'minLength': 1}}
create_v263 = _create_schema(_server_v263)

# 2.74: the host and/or node to build on (admins).
_server_v274 = copy.deepcopy(_server_v263)
_server_v274['properties']['host'] = types.fqdn
_server_v274['properties']['hypervisor_hostname'] = types.fqdn
create_v274 = _create_schema(_server_v274)

# 2.90: the guest's hostname (a DNS label); 2.94: or a FQDN.
_server_v290 = copy.deepcopy(_server_v274)
_server_v290['properties']['hostname'] = types.hostname
create_v290 = _create_schema(_server_v290)
_server_v294 = copy.deepcopy(_server_v290)
_server_v294['properties']['hostname'] = types.fqdn
create_v294 = _create_schema(_server_v294)

# -- GET /servers, /servers/detail -------------------------------------------

_FILTERS = (
    'user_id', 'project_id', 'tenant_id', 'launch_index', 'image_ref',
    'image', 'kernel_id', 'ramdisk_id', 'hostname', 'key_name',
    'power_state', 'vm_state', 'task_state', 'host', 'node', 'flavor',
    'reservation_id', 'launched_at', 'terminated_at', 'availability_zone',
    'name', 'display_name', 'description', 'display_description',
    'locked_by', 'uuid', 'root_device_name', 'config_drive',
    'access_ip_v4', 'access_ip_v6', 'auto_disk_config', 'progress',
    'sort_key', 'sort_dir', 'all_tenants', 'soft_deleted', 'deleted',
    'status', 'changes-since', 'changes-before', 'ip', 'ip6', 'created_at',
    'block_device_mapping', 'services', 'metadata', 'pci_devices',
    'security_groups', 'tags', 'tags-any', 'not-tags', 'not-tags-any',
    'locked', 'pinned_availability_zone',
)

_index_properties = {
    name: types.multi_params({'type': 'string'}) for name in _FILTERS}
_index_properties['limit'] = types.limit_param
_index_properties['marker'] = types.marker_param
_index_properties['sort_dir'] = types.multi_params(types.sort_dir)
_index_properties['changes-since'] = types.single_param(
    {'type': 'string', 'format': 'date-time'})

# NOTE: before 2.75 unknown query parameters are ignored, not rejected.
index_query = {
    'type': 'object',
    'properties': _index_properties,
    'additionalProperties': True,
}
index_query_v275 = dict(index_query, additionalProperties=False)

show_query = {'type': 'object', 'properties': {},
              'additionalProperties': True}
show_query_v275 = dict(show_query, additionalProperties=False)
delete_query = show_query
delete_query_v275 = show_query_v275

# -- responses ----

_basic_server = {
    'type': 'object',
    'properties': {
        'id': {'type': 'string'},
        'name': {'type': 'string'},
        'links': types.links,
    },
    'required': ['id', 'name', 'links'],
    'additionalProperties': False,
}

index_response = {
    'type': 'object',
    'properties': {
        'servers': {'type': 'array', 'items': _basic_server},
        'servers_links': types.collection_links,
    },
    'required': ['servers'],
    'additionalProperties': False,
}

_flavor_link = {
    'type': 'object',
    'properties': {'id': {'type': 'string'}, 'links': types.links},
    'required': ['id', 'links'],
    'additionalProperties': False,
}
_flavor_embedded = {
    'type': 'object',
    'properties': {
        'original_name': {'type': 'string'},
        'vcpus': {'type': 'integer'},
        'ram': {'type': 'integer'},
        'disk': {'type': 'integer'},
        'ephemeral': {'type': 'integer'},
        'swap': {'type': 'integer'},
        'extra_specs': {'type': 'object'},
    },
    'required': ['original_name', 'vcpus', 'ram', 'disk', 'ephemeral',
                 'swap'],
    'additionalProperties': False,
}
_image = {'oneOf': [
    {'type': 'string', 'maxLength': 0},
    {'type': 'object',
     'properties': {'id': {'type': 'string'}, 'links': types.links,
                    'properties': {'type': 'object'}},
     'required': ['id', 'links'],
     'additionalProperties': False},
]}
_fault = {
    'type': 'object',
    'properties': {
        'code': {'type': 'integer'},
        'created': {'type': 'string', 'format': 'date-time'},
        'message': {'type': 'string'},
        'details': {'type': 'string'},
    },
    'required': ['code', 'created', 'message'],
    'additionalProperties': False,
}
_string_or_null = {'type': ['string', 'null']}

_server_v21 = {
    'type': 'object',
    'properties': {
        'id': {'type': 'string'},
        'name': {'type': 'string'},
        'status': {'type': 'string'},
        'tenant_id': {'type': 'string'},
        'user_id': {'type': 'string'},
        'metadata': {'type': 'object'},
        'hostId': {'type': 'string'},
        'image': _image,
        'flavor': _flavor_link,
        'created': {'type': 'string', 'format': 'date-time'},
        'updated': {'type': 'string', 'format': 'date-time'},
        'addresses': {'type': 'object'},
        'accessIPv4': {'type': 'string'},
        'accessIPv6': {'type': 'string'},
        'links': types.links,
        'OS-DCF:diskConfig': {'enum': ['AUTO', 'MANUAL']},
        'progress': {'type': 'integer'},
        'fault': _fault,
        'OS-EXT-AZ:availability_zone': {'type': 'string'},
        'config_drive': {'type': ['string', 'boolean', 'null']},
        'key_name': _string_or_null,
        'OS-SRV-USG:launched_at': _string_or_null,
        'OS-SRV-USG:terminated_at': _string_or_null,
        'security_groups': {'type': 'array'},
        'OS-EXT-STS:task_state': _string_or_null,
        'OS-EXT-STS:vm_state': {'type': 'string'},
        'OS-EXT-STS:power_state': {'type': 'integer'},
        'os-extended-volumes:volumes_attached': {'type': 'array'},
        'OS-EXT-SRV-ATTR:host': _string_or_null,
        'OS-EXT-SRV-ATTR:instance_name': {'type': 'string'},
        'OS-EXT-SRV-ATTR:hypervisor_hostname': _string_or_null,
    },
    'required': ['id', 'name', 'status', 'tenant_id', 'user_id',
                 'metadata', 'hostId', 'image', 'flavor', 'created',
                 'updated', 'addresses', 'accessIPv4', 'accessIPv6',
                 'links', 'OS-DCF:diskConfig', 'OS-EXT-AZ:availability_zone',
                 'config_drive', 'key_name', 'OS-SRV-USG:launched_at',
                 'OS-SRV-USG:terminated_at', 'OS-EXT-STS:task_state',
                 'OS-EXT-STS:vm_state', 'OS-EXT-STS:power_state',
                 'os-extended-volumes:volumes_attached'],
    'additionalProperties': False,
}

_server_v23 = copy.deepcopy(_server_v21)
_server_v23['properties'].update({
    'OS-EXT-SRV-ATTR:reservation_id': _string_or_null,
    'OS-EXT-SRV-ATTR:launch_index': {'type': ['integer', 'null']},
    'OS-EXT-SRV-ATTR:hostname': _string_or_null,
    'OS-EXT-SRV-ATTR:kernel_id': _string_or_null,
    'OS-EXT-SRV-ATTR:ramdisk_id': _string_or_null,
    'OS-EXT-SRV-ATTR:root_device_name': _string_or_null,
    'OS-EXT-SRV-ATTR:user_data': _string_or_null,
})
_server_v29 = copy.deepcopy(_server_v23)
_server_v29['properties']['locked'] = {'type': 'boolean'}
_server_v29['required'].append('locked')
_server_v216 = copy.deepcopy(_server_v29)
_server_v216['properties']['host_status'] = {
    'enum': ['UP', 'DOWN', 'MAINTENANCE', 'UNKNOWN', '']}
_server_v219 = copy.deepcopy(_server_v216)
_server_v219['properties']['description'] = _string_or_null
_server_v219['required'].append('description')
_server_v226 = copy.deepcopy(_server_v219)
_server_v226['properties']['tags'] = {'type': 'array',
                                      'items': {'type': 'string'}}
_server_v226['required'].append('tags')
_server_v247 = copy.deepcopy(_server_v226)
_server_v247['properties']['flavor'] = _flavor_embedded
_server_v263 = copy.deepcopy(_server_v247)
_server_v263['properties']['trusted_image_certificates'] = {
    'type': ['array', 'null']}
_server_v263['required'].append('trusted_image_certificates')
_server_v271 = copy.deepcopy(_server_v263)
_server_v271['properties']['server_groups'] = {
    'type': 'array', 'items': {'type': 'string'}}
_server_v273 = copy.deepcopy(_server_v271)
_server_v273['properties']['locked_reason'] = _string_or_null
_server_v273['required'].append('locked_reason')
_server_v296 = copy.deepcopy(_server_v273)
_server_v296['properties']['pinned_availability_zone'] = _string_or_null
_server_v296['required'].append('pinned_availability_zone')
_server_v2100 = copy.deepcopy(_server_v296)
_server_v2100['properties']['scheduler_hints'] = {'type': 'object'}
_server_v2100['required'].append('scheduler_hints')

# (schema, min, max) of one server in show and detail responses.
SERVER_VERSIONS = (
    (_server_v21, '2.1', '2.2'),
    (_server_v23, '2.3', '2.8'),
    (_server_v29, '2.9', '2.15'),
    (_server_v216, '2.16', '2.18'),
    (_server_v219, '2.19', '2.25'),
    (_server_v226, '2.26', '2.46'),
    (_server_v247, '2.47', '2.62'),
    (_server_v263, '2.63', '2.70'),
    (_server_v271, '2.71', '2.72'),
    (_server_v273, '2.73', '2.95'),
    (_server_v296, '2.96', '2.99'),
    (_server_v2100, '2.100', None),
)


def show_response(server):
    return {'type': 'object', 'properties': {'server': server},
            'required': ['server'], 'additionalProperties': False}


def rebuild_response(server):
    """The server view of a rebuild: the show view and ``adminPass``."""
    server = copy.deepcopy(server)
    server['properties']['adminPass'] = {'type': 'string'}
    server['properties']['key_name'] = {'type': ['string', 'null']}
    server['properties']['user_data'] = {'type': ['string', 'null']}
    return show_response(server)


def detail_response(server):
    return {
        'type': 'object',
        'properties': {
            'servers': {'type': 'array', 'items': server},
            'servers_links': types.collection_links,
        },
        'required': ['servers'],
        'additionalProperties': False,
    }


create_response = {
    'oneOf': [
        {'type': 'object',
         'properties': {'server': {
             'type': 'object',
             'properties': {
                 'id': {'type': 'string'},
                 'links': types.links,
                 'adminPass': {'type': 'string'},
                 'OS-DCF:diskConfig': {'enum': ['AUTO', 'MANUAL']},
                 'security_groups': {'type': 'array'},
             },
             'required': ['id', 'links', 'OS-DCF:diskConfig',
                          'security_groups'],
             'additionalProperties': False}},
         'required': ['server'],
         'additionalProperties': False},
        {'type': 'object',
         'properties': {'reservation_id': {'type': 'string'}},
         'required': ['reservation_id'],
         'additionalProperties': False},
    ],
}

delete_response = types.empty_response
