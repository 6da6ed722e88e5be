"""Schemas of /servers/{server_id}/os-instance-actions[/{request_id}]."""

import copy

from nova.api.validation import parameter_types as types

_any = {'type': 'object', 'properties': {}, 'additionalProperties': True}
index_query = _any
show_query = _any

# 2.58: paging and changes-since; 2.66: changes-before.
index_query_v258 = {
    'type': 'object',
    'properties': {
        'limit': types.limit_param,
        'marker': types.marker_param,
        'changes-since': types.single_param({'type': 'string',
                                             'format': 'date-time'}),
    },
    'additionalProperties': False,
}
index_query_v266 = copy.deepcopy(index_query_v258)
index_query_v266['properties']['changes-before'] = types.single_param(
    {'type': 'string', 'format': 'date-time'})

_string_or_null = {'type': ['string', 'null']}
_action = {
    'type': 'object',
    'properties': {
        'action': {'type': 'string'},
        'instance_uuid': {'type': 'string'},
        'message': _string_or_null,
        'project_id': _string_or_null,
        'request_id': {'type': 'string'},
        'start_time': {'type': 'string'},
        'user_id': _string_or_null,
        'updated_at': _string_or_null,
    },
    'required': ['action', 'instance_uuid', 'message', 'project_id',
                 'request_id', 'start_time', 'user_id'],
    'additionalProperties': False,
}
_event = {
    'type': 'object',
    'properties': {
        'event': {'type': 'string'},
        'start_time': _string_or_null,
        'finish_time': _string_or_null,
        'result': _string_or_null,
        'traceback': _string_or_null,
        'hostId': {'type': 'string'},
        'host': {'type': 'string'},
        'details': _string_or_null,
    },
    'required': ['event', 'start_time', 'finish_time', 'result'],
    'additionalProperties': False,
}
_action_with_events = copy.deepcopy(_action)
_action_with_events['properties']['events'] = {'type': 'array',
                                               'items': _event}

index_response = {
    'type': 'object',
    'properties': {'instanceActions': {'type': 'array', 'items': _action},
                   'links': types.links},
    'required': ['instanceActions'],
    'additionalProperties': False,
}
show_response = {
    'type': 'object',
    'properties': {'instanceAction': _action_with_events},
    'required': ['instanceAction'],
    'additionalProperties': False,
}
