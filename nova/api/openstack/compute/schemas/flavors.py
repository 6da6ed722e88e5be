"""Schemas of /flavors."""

import copy

from nova.api.validation import parameter_types as types

SORT_KEYS = ['created_at', 'description', 'disabled', 'ephemeral_gb',
             'flavorid', 'id', 'is_public', 'memory_mb', 'name', 'root_gb',
             'rxtx_factor', 'swap', 'updated_at', 'vcpu_weight', 'vcpus']

index_query = {
    'type': 'object',
    'properties': {
        'limit': types.limit_param,
        'marker': types.marker_param,
        'is_public': types.multi_params({'type': 'string'}),
        'minRam': types.multi_params({'type': 'string'}),
        'minDisk': types.multi_params({'type': 'string'}),
        'sort_key': types.multi_params({'type': 'string',
                                        'enum': SORT_KEYS}),
        'sort_dir': types.multi_params(types.sort_dir),
    },
    # NOTE: unknown parameters are ignored before 2.75.
    'additionalProperties': True,
}
index_query_v275 = dict(index_query, additionalProperties=False)

show_query = {'type': 'object', 'properties': {},
              'additionalProperties': True}

# The largest rxtx_factor the database's FLOAT column holds.
RXTX_FACTOR_MAX = 3.40282e+38

_flavor = {
    'type': 'object',
    'properties': {
        'name': types.printable_name,
        # Absent, null (or, as in Nova, any false value): a UUID is made.
        'id': types.flavor_id,
        'ram': types.flavor_size_positive,
        'vcpus': types.flavor_size_positive,
        'disk': types.flavor_size_non_negative,
        'OS-FLV-EXT-DATA:ephemeral': types.flavor_size_non_negative,
        'swap': types.flavor_size_non_negative,
        'rxtx_factor': {'type': ['number', 'string'],
                        'pattern': r'^[0-9]+(\.[0-9]+)?$',
                        'minimum': 0, 'exclusiveMinimum': True,
                        'maximum': RXTX_FACTOR_MAX},
        'os-flavor-access:is_public': types.boolean,
    },
    'required': ['name', 'ram', 'vcpus', 'disk'],
    'additionalProperties': False,
}

create = {
    'type': 'object',
    'properties': {'flavor': _flavor},
    'required': ['flavor'],
    'additionalProperties': False,
}

# A flavor's description (2.55): the database column is TEXT (64 KiB).
_description = {'type': ['string', 'null'], 'maxLength': 65535,
                'format': 'printable'}

create_v255 = copy.deepcopy(create)
create_v255['properties']['flavor']['properties']['description'] = (
    _description)

update = {
    'type': 'object',
    'properties': {
        'flavor': {
            'type': 'object',
            'properties': {'description': _description},
            'required': ['description'],
            'additionalProperties': False,
        },
    },
    'required': ['flavor'],
    'additionalProperties': False,
}

_basic = {
    'type': 'object',
    'properties': {'id': {'type': 'string'}, 'name': {'type': 'string'},
                   'links': types.links},
    'required': ['id', 'name', 'links'],
    'additionalProperties': False,
}
_basic_v255 = copy.deepcopy(_basic)
_basic_v255['properties']['description'] = {'type': ['string', 'null']}
_basic_v255['required'].append('description')

_full = copy.deepcopy(_basic)
_full['properties'].update({
    'ram': {'type': 'integer'},
    'disk': {'type': 'integer'},
    'vcpus': {'type': 'integer'},
    'swap': {'type': ['integer', 'string']},
    'OS-FLV-EXT-DATA:ephemeral': {'type': 'integer'},
    'OS-FLV-DISABLED:disabled': {'type': 'boolean'},
    'os-flavor-access:is_public': {'type': 'boolean'},
    'rxtx_factor': {'type': ['number', 'string']},
})
_full['required'] += ['ram', 'disk', 'vcpus', 'swap',
                      'OS-FLV-EXT-DATA:ephemeral', 'OS-FLV-DISABLED:disabled',
                      'os-flavor-access:is_public', 'rxtx_factor']
_full_v255 = copy.deepcopy(_full)
_full_v255['properties']['description'] = {'type': ['string', 'null']}
_full_v255['required'].append('description')
_full_v261 = copy.deepcopy(_full_v255)
_full_v261['properties']['extra_specs'] = types.metadata
_full_v275 = copy.deepcopy(_full_v261)
_full_v275['properties']['swap'] = {'type': 'integer'}


def _list(item):
    return {
        'type': 'object',
        'properties': {'flavors': {'type': 'array', 'items': item},
                       'flavors_links': types.collection_links},
        'required': ['flavors'],
        'additionalProperties': False,
    }


def _one(item):
    return {'type': 'object', 'properties': {'flavor': item},
            'required': ['flavor'], 'additionalProperties': False}


index_response = _list(_basic)
index_response_v255 = _list(_basic_v255)
# (schema, min, max) of one detailed flavor.
FLAVOR_VERSIONS = (
    (_full, '2.1', '2.54'),
    (_full_v255, '2.55', '2.60'),
    (_full_v261, '2.61', '2.74'),
    (_full_v275, '2.75', None),
)
list_of = _list
one_of = _one
delete_response = types.empty_response
