"""Schemas of /os-services."""

from nova.api.validation import parameter_types as types

index_query = {
    'type': 'object',
    'properties': {
        'host': types.multi_params({'type': 'string'}),
        'binary': types.multi_params({'type': 'string'}),
    },
    'additionalProperties': True,
}
index_query_v275 = dict(index_query, additionalProperties=False)

_service = {
    'type': 'object',
    'properties': {
        'id': {'type': ['integer', 'string']},
        'binary': {'type': 'string'},
        'host': {'type': 'string'},
        'zone': {'type': ['string', 'null']},
        'status': {'enum': ['enabled', 'disabled']},
        'state': {'enum': ['up', 'down']},
        'updated_at': {'type': ['string', 'null']},
        'disabled_reason': {'type': ['string', 'null']},
    },
    'required': ['id', 'binary', 'host', 'zone', 'status', 'state',
                 'updated_at', 'disabled_reason'],
    'additionalProperties': False,
}
_service_v211 = {
    **_service,
    'properties': {**_service['properties'],
                   'forced_down': {'type': 'boolean'}},
    'required': _service['required'] + ['forced_down'],
}


def _list(item):
    return {'type': 'object',
            'properties': {'services': {'type': 'array', 'items': item}},
            'required': ['services'], 'additionalProperties': False}


index_response = _list(_service)
index_response_v211 = _list(_service_v211)

# -- PUT /os-services/{action} (before 2.53) and /os-services/{uuid} ----

_host_binary = {'host': {'type': 'string', 'minLength': 1},
                'binary': {'type': 'string', 'minLength': 1}}
update_action = {
    'type': 'object',
    'properties': dict(_host_binary, disabled_reason={
        'type': 'string', 'minLength': 1, 'maxLength': 255}),
    'required': ['host', 'binary'],
    'additionalProperties': False,
}
update_action_v211 = {
    'type': 'object',
    'properties': dict(update_action['properties'],
                       forced_down=types.boolean),
    'required': ['host', 'binary'],
    'additionalProperties': False,
}
update_v253 = {
    'type': 'object',
    'properties': {
        'status': {'type': 'string', 'enum': ['enabled', 'disabled']},
        'disabled_reason': {'type': 'string', 'minLength': 1,
                            'maxLength': 255},
        'forced_down': types.boolean,
    },
    'additionalProperties': False,
}
no_query = {'type': 'object', 'properties': {}, 'additionalProperties': True}

update_action_response = {
    'type': 'object',
    'properties': {'service': {
        'type': 'object',
        'properties': {'host': {'type': 'string'},
                       'binary': {'type': 'string'},
                       'status': {'enum': ['enabled', 'disabled']},
                       'disabled_reason': {'type': ['string', 'null']},
                       'forced_down': {'type': 'boolean'}},
        'required': ['host', 'binary'],
        'additionalProperties': False,
    }},
    'required': ['service'],
    'additionalProperties': False,
}
update_response_v253 = {
    'type': 'object',
    'properties': {'service': _service_v211},
    'required': ['service'],
    'additionalProperties': False,
}
delete_response = types.empty_response
