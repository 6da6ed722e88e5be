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
