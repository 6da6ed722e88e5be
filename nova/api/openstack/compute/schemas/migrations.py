"""Schemas of /os-migrations and /servers/{server_id}/migrations."""

import copy

from nova.api.validation import parameter_types as types

_any = {'type': 'object', 'properties': {}, 'additionalProperties': True}
index_query = _any
server_query = _any

# 2.59: paging and changes-since; 2.66: changes-before; 2.80: user and
# project. Unknown parameters are still ignored, as in Nova.
index_query_v259 = {
    'type': 'object',
    'properties': {
        'limit': types.limit_param,
        'marker': types.marker_param,
        'changes-since': types.single_param({'type': 'string',
                                             'format': 'date-time'}),
    },
    'additionalProperties': True,
}
index_query_v266 = copy.deepcopy(index_query_v259)
index_query_v266['properties']['changes-before'] = types.single_param(
    {'type': 'string', 'format': 'date-time'})
index_query_v280 = copy.deepcopy(index_query_v266)
index_query_v280['properties']['user_id'] = types.single_param(
    {'type': 'string'})
index_query_v280['properties']['project_id'] = types.single_param(
    {'type': 'string'})

_string_or_null = {'type': ['string', 'null']}
_migration = {
    'type': 'object',
    'properties': {
        'id': {'type': 'integer'},
        'uuid': {'type': 'string'},
        'status': _string_or_null,
        'instance_uuid': _string_or_null,
        'source_node': _string_or_null,
        'source_compute': _string_or_null,
        'dest_node': _string_or_null,
        'dest_compute': _string_or_null,
        'dest_host': _string_or_null,
        'old_instance_type_id': {'type': ['integer', 'null']},
        'new_instance_type_id': {'type': ['integer', 'null']},
        'created_at': {'type': 'string'},
        'updated_at': _string_or_null,
        'migration_type': {'type': 'string'},
        'links': types.links,
        'user_id': _string_or_null,
        'project_id': _string_or_null,
    },
    'required': ['id', 'status', 'instance_uuid', 'source_node',
                 'source_compute', 'dest_node', 'dest_compute', 'dest_host',
                 'old_instance_type_id', 'new_instance_type_id',
                 'created_at', 'updated_at'],
    'additionalProperties': False,
}
index_response = {
    'type': 'object',
    'properties': {'migrations': {'type': 'array', 'items': _migration},
                   'migrations_links': types.links},
    'required': ['migrations'],
    'additionalProperties': False,
}

_server_migration = {
    'type': 'object',
    'properties': {
        'id': {'type': 'integer'},
        'uuid': {'type': 'string'},
        'status': _string_or_null,
        'server_uuid': {'type': 'string'},
        'source_node': _string_or_null,
        'source_compute': _string_or_null,
        'dest_node': _string_or_null,
        'dest_compute': _string_or_null,
        'dest_host': _string_or_null,
        'created_at': {'type': 'string'},
        'updated_at': _string_or_null,
        'memory_total_bytes': {'type': ['integer', 'null']},
        'memory_processed_bytes': {'type': ['integer', 'null']},
        'memory_remaining_bytes': {'type': ['integer', 'null']},
        'disk_total_bytes': {'type': ['integer', 'null']},
        'disk_processed_bytes': {'type': ['integer', 'null']},
        'disk_remaining_bytes': {'type': ['integer', 'null']},
        'user_id': _string_or_null,
        'project_id': _string_or_null,
    },
    'required': ['id', 'status', 'server_uuid', 'source_node',
                 'source_compute', 'dest_node', 'dest_compute', 'dest_host',
                 'created_at', 'updated_at'],
    'additionalProperties': False,
}
server_index_response = {
    'type': 'object',
    'properties': {'migrations': {'type': 'array',
                                  'items': _server_migration}},
    'required': ['migrations'],
    'additionalProperties': False,
}
server_show_response = {
    'type': 'object',
    'properties': {'migration': _server_migration},
    'required': ['migration'],
    'additionalProperties': False,
}

force_complete = {
    'type': 'object',
    'properties': {'force_complete': {'type': 'null'}},
    'required': ['force_complete'],
    'additionalProperties': False,
}
no_body_response = types.empty_response
