"""Schemas of /os-keypairs: request bodies and queries per microversion,
and the responses (as Tempest's compute response schemas check them)."""

import copy

from nova.api.validation import parameter_types as types

_TYPES = ['ssh', 'x509']

# Letters, digits, spaces, '_' and '-'; '@' and '.' too from 2.92.
name = {'allOf': [types.name, {'type': 'string',
                               'pattern': r'^[_\- a-zA-Z0-9]+$'}]}
name_v292 = {'allOf': [types.name, {'type': 'string',
                                    'pattern': r'^[_\-@. a-zA-Z0-9]+$'}]}


def _create(properties, required=('name',)):
    return {
        'type': 'object',
        'properties': {'keypair': {
            'type': 'object',
            'properties': properties,
            'required': list(required),
            'additionalProperties': False,
        }},
        'required': ['keypair'],
        'additionalProperties': False,
    }


create = _create({'name': name, 'public_key': {'type': 'string'}})
create_v22 = _create({'name': name, 'public_key': {'type': 'string'},
                      'type': {'type': 'string', 'enum': _TYPES}})
create_v210 = _create({'name': name, 'public_key': {'type': 'string'},
                       'type': {'type': 'string', 'enum': _TYPES},
                       'user_id': {'type': 'string'}})
# Key generation is gone from 2.92: a public key must be given.
create_v292 = _create({'name': name_v292, 'public_key': {'type': 'string'},
                       'type': {'type': 'string', 'enum': _TYPES},
                       'user_id': {'type': 'string'}},
                      required=('name', 'public_key'))

query = {'type': 'object', 'properties': {}, 'additionalProperties': True}
query_v210 = {
    'type': 'object',
    'properties': {'user_id': types.multi_params({'type': 'string'})},
    'additionalProperties': True,
}
index_query_v235 = copy.deepcopy(query_v210)
index_query_v235['properties'].update(limit=types.limit_param,
                                      marker=types.marker_param)
# From 2.75 unknown query parameters are refused.
index_query_v275 = dict(index_query_v235, additionalProperties=False)
query_v275 = dict(query_v210, additionalProperties=False)

# -- responses ----

_KEYPAIR = {
    'name': {'type': 'string'},
    'public_key': {'type': 'string'},
    'fingerprint': {'type': 'string'},
}


def _keypair(extra, required):
    properties = dict(_KEYPAIR, **extra)
    return {
        'type': 'object',
        'properties': {'keypair': {
            'type': 'object',
            'properties': properties,
            'required': sorted(set(_KEYPAIR) | set(required)),
            'additionalProperties': False,
        }},
        'required': ['keypair'],
        'additionalProperties': False,
    }


_type = {'type': {'type': 'string', 'enum': _TYPES}}
_user = {'user_id': {'type': 'string'}}
_private = {'private_key': {'type': 'string'}}
create_response = _keypair(dict(_user, **_private), ['user_id'])
create_response_v22 = _keypair(dict(_user, **_private, **_type),
                               ['user_id', 'type'])
create_response_v292 = _keypair(dict(_user, **_type), ['user_id', 'type'])

_show = dict(_user, **{
    'id': {'type': 'integer'},
    'created_at': {'type': 'string', 'format': 'date-time'},
    'updated_at': {'type': 'null'},
    'deleted': {'type': 'boolean', 'const': False},
    'deleted_at': {'type': 'null'},
})
show_response = _keypair(_show, list(_show))
show_response_v22 = _keypair(dict(_show, **_type), list(_show) + ['type'])


def _index(item, links=False):
    schema = {
        'type': 'object',
        'properties': {'keypairs': {'type': 'array', 'items': item}},
        'required': ['keypairs'],
        'additionalProperties': False,
    }
    if links:
        schema['properties']['keypairs_links'] = types.collection_links
    return schema


index_response = _index(_keypair({}, []))
index_response_v22 = _index(_keypair(_type, ['type']))
index_response_v235 = _index(_keypair(_type, ['type']), links=True)

delete_response = types.empty_response
