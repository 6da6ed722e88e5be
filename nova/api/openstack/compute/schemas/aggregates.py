"""Schemas of /os-aggregates: request bodies, queries and the responses
(as Tempest's compute response schemas check them)."""

import copy

from nova.api.validation import parameter_types as types

# A zone name: printable, no ':' (the ``az:host`` form of server create
# uses it), no leading or trailing whitespace.
zone_name = {'allOf': [types.name, types.availability_zone]}
_zone_or_null = {'oneOf': [zone_name, {'type': 'null'}]}

# Renaming accepts surrounding whitespace and strips it, as Nova does.
name_with_spaces = {'type': 'string', 'minLength': 1, 'maxLength': 255,
                    'pattern': r'^\s*\S(.*\S)?\s*$'}

# A service host name; Nova allows '_' and '.' in it.
host = {'type': 'string', 'minLength': 1, 'maxLength': 255,
        'pattern': '^[a-zA-Z0-9-._]*$'}

metadata_with_null = copy.deepcopy(types.metadata)
for _value in metadata_with_null['patternProperties'].values():
    _value['type'] = ['string', 'null']


def _wrapped(key, properties, required=(), **extra):
    inner = {'type': 'object', 'properties': properties,
             'additionalProperties': False}
    if required:
        inner['required'] = list(required)
    inner.update(extra)
    return {'type': 'object', 'properties': {key: inner},
            'required': [key], 'additionalProperties': False}


create = _wrapped('aggregate', {'name': types.name,
                                'availability_zone': _zone_or_null},
                  required=['name'])
update = _wrapped('aggregate', {'name': name_with_spaces,
                                'availability_zone': _zone_or_null},
                  anyOf=[{'required': ['name']},
                         {'required': ['availability_zone']}])
add_host = _wrapped('add_host', {'host': host}, required=['host'])
remove_host = _wrapped('remove_host', {'host': host}, required=['host'])
set_metadata = _wrapped('set_metadata', {'metadata': metadata_with_null},
                        required=['metadata'])
images = {
    'type': 'object',
    'properties': {'cache': {
        'type': 'array', 'minItems': 1,
        'items': {'type': 'object', 'properties': {'id': types.uuid},
                  'required': ['id'], 'additionalProperties': False},
    }},
    'required': ['cache'],
    'additionalProperties': False,
}

# POST /os-aggregates/{aggregate_id}/action: the envelope only; each
# action's handler declares the schema of its own body.
action = {}

# Unknown query parameters are ignored at every microversion served here
# (Nova refuses them from 2.102).
query = {'type': 'object', 'properties': {}, 'additionalProperties': True}

# -- responses ----

_AGGREGATE = {
    'id': {'type': 'integer'},
    'name': {'type': 'string'},
    'availability_zone': {'type': ['string', 'null']},
    'created_at': {'type': 'string', 'format': 'date-time'},
    'updated_at': types.datetime_or_null,
    'deleted': {'type': 'boolean', 'const': False},
    'deleted_at': {'type': 'null'},
}
_MEMBERS = {
    'hosts': {'type': 'array', 'items': {'type': 'string'}},
    'metadata': {'type': 'object',
                 'additionalProperties': {'type': 'string'}},
}
_UUID = {'uuid': {'type': 'string', 'format': 'uuid'}}


def _aggregate(*parts):
    properties = dict(_AGGREGATE)
    for part in parts:
        properties.update(part)
    return {'type': 'object', 'properties': properties,
            'required': sorted(properties), 'additionalProperties': False}


def _one(item):
    return {'type': 'object', 'properties': {'aggregate': item},
            'required': ['aggregate'], 'additionalProperties': False}


index_response = {
    'type': 'object',
    'properties': {'aggregates': {'type': 'array',
                                  'items': _aggregate(_MEMBERS)}},
    'required': ['aggregates'], 'additionalProperties': False}
index_response_v241 = copy.deepcopy(index_response)
index_response_v241['properties']['aggregates']['items'] = _aggregate(
    _MEMBERS, _UUID)

# Created: no hosts or metadata shown, as in Nova.
create_response = _one(_aggregate())
create_response_v241 = _one(_aggregate(_UUID))

show_response = _one(_aggregate(_MEMBERS))
show_response_v241 = _one(_aggregate(_MEMBERS, _UUID))

delete_response = types.empty_response
images_response = types.empty_response
action_response = {'type': 'object'}
