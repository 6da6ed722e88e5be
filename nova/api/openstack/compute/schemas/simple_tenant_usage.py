"""Schemas of /os-simple-tenant-usage."""

from nova.api.validation import parameter_types as types

_string = types.multi_params({'type': 'string'})
index_query = {
    'type': 'object',
    'properties': {'start': _string, 'end': _string, 'detailed': _string},
    'additionalProperties': True,
}
index_query_v240 = {
    'type': 'object',
    'properties': dict(index_query['properties'], limit=types.limit_param,
                       marker=types.marker_param),
    'additionalProperties': True,
}
# From 2.75 unknown query parameters are refused.
index_query_v275 = dict(index_query_v240, additionalProperties=False)
show_query = index_query
show_query_v240 = index_query_v240
show_query_v275 = index_query_v275

_time = {'type': 'string', 'format': 'date-time'}
_server_usage = {
    'type': 'object',
    'properties': {
        'instance_id': {'type': 'string'}, 'name': {'type': 'string'},
        'hours': {'type': 'number'}, 'memory_mb': {'type': 'integer'},
        'local_gb': {'type': 'integer'}, 'vcpus': {'type': 'integer'},
        'tenant_id': {'type': 'string'}, 'flavor': {'type': 'string'},
        'started_at': _time, 'ended_at': {'type': ['string', 'null']},
        'state': {'type': 'string'}, 'uptime': {'type': 'integer'},
    },
    'required': ['instance_id', 'name', 'hours', 'memory_mb', 'local_gb',
                 'vcpus', 'tenant_id', 'flavor', 'started_at', 'ended_at',
                 'state', 'uptime'],
    'additionalProperties': False,
}
_usage = {
    'type': 'object',
    'properties': {
        'tenant_id': {'type': 'string'}, 'start': _time, 'stop': _time,
        'total_hours': {'type': 'number'},
        'total_local_gb_usage': {'type': 'number'},
        'total_memory_mb_usage': {'type': 'number'},
        'total_vcpus_usage': {'type': 'number'},
        'server_usages': {'type': 'array', 'items': _server_usage},
    },
    'required': ['tenant_id', 'start', 'stop', 'total_hours',
                 'total_local_gb_usage', 'total_memory_mb_usage',
                 'total_vcpus_usage'],
    'additionalProperties': False,
}


def _response(key, value, links):
    properties = {key: value}
    if links:
        properties[key + '_links'] = types.collection_links
    return {'type': 'object', 'properties': properties, 'required': [key],
            'additionalProperties': False}


index_response = _response('tenant_usages',
                           {'type': 'array', 'items': _usage}, False)
index_response_v240 = _response('tenant_usages',
                                {'type': 'array', 'items': _usage}, True)
# One project's usage: an empty object when it used nothing.
show_response = _response('tenant_usage',
                          {'oneOf': [_usage, {'type': 'object',
                                              'maxProperties': 0}]}, False)
show_response_v240 = _response('tenant_usage',
                               {'oneOf': [_usage, {'type': 'object',
                                                   'maxProperties': 0}]},
                               True)
