"""Schemas of /os-server-groups."""

from nova.api.validation import parameter_types as types

_HARD = ['anti-affinity', 'affinity']
_ALL = _HARD + ['soft-anti-affinity', 'soft-affinity']


def _create(properties, required):
    return {
        'type': 'object',
        'properties': {'server_group': {
            'type': 'object',
            'properties': dict(properties, name=types.name),
            'required': ['name'] + required,
            'additionalProperties': False,
        }},
        'required': ['server_group'],
        'additionalProperties': False,
    }


def _policies(names):
    return {'type': 'array', 'items': {'type': 'string', 'enum': names},
            'uniqueItems': True, 'minItems': 1, 'maxItems': 1}


create = _create({'policies': _policies(_HARD)}, ['policies'])
# The soft policies from 2.15; one ``policy`` and its ``rules`` from 2.64.
create_v215 = _create({'policies': _policies(_ALL)}, ['policies'])
create_v264 = _create({
    'policy': {'type': 'string', 'enum': _ALL},
    'rules': {'type': 'object',
              'properties': {'max_server_per_host': types.positive_integer},
              'additionalProperties': False},
}, ['policy'])

index_query = {
    'type': 'object',
    'properties': {
        'all_projects': types.multi_params({'type': 'string'}),
        'limit': types.multi_params(types.non_negative_integer),
        'offset': types.multi_params(types.non_negative_integer),
    },
    'additionalProperties': True,
}
# From 2.75 unknown query parameters are refused.
index_query_v275 = dict(index_query, additionalProperties=False)
show_query = {'type': 'object', 'properties': {},
              'additionalProperties': True}

# -- responses ----

_uuids = {'type': 'array', 'items': {'type': 'string', 'format': 'uuid'}}


def _group(microversion_fields):
    properties = {'id': {'type': 'string', 'format': 'uuid'},
                  'name': {'type': 'string'}, 'members': _uuids}
    properties.update(microversion_fields)
    return {'type': 'object', 'properties': properties,
            'required': sorted(properties), 'additionalProperties': False}


_old = {'policies': {'type': 'array', 'items': {'enum': _ALL}},
        'metadata': {'type': 'object', 'maxProperties': 0}}
_owner = {'project_id': {'type': 'string'}, 'user_id': {'type': 'string'}}
_v264 = {'policy': {'enum': _ALL},
         'rules': {'type': 'object', 'properties': {
             'max_server_per_host': {'type': 'integer', 'minimum': 1}},
             'additionalProperties': False}}

GROUP_VERSIONS = (
    (_group(_old), '2.1', '2.12'),
    (_group(dict(_old, **_owner)), '2.13', '2.63'),
    (_group(dict(_v264, **_owner)), '2.64', None),
)


def _one(group):
    return {'type': 'object', 'properties': {'server_group': group},
            'required': ['server_group'], 'additionalProperties': False}


def _many(group):
    return {'type': 'object',
            'properties': {'server_groups': {'type': 'array',
                                             'items': group}},
            'required': ['server_groups'], 'additionalProperties': False}


show_responses = [(_one(g), low, high) for g, low, high in GROUP_VERSIONS]
index_responses = [(_many(g), low, high) for g, low, high in GROUP_VERSIONS]
delete_response = types.empty_response
