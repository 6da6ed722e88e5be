"""Schemas of the image proxy: /images and /images/{image_id}/metadata."""

import copy

from nova.api.validation import parameter_types as types

# Nova accepts any query parameter here (unknown ones are ignored).
index_query = {'type': 'object', 'properties': {},
               'additionalProperties': True}
show_query = index_query

_link = {
    'type': 'object',
    'properties': {'rel': {'type': 'string'}, 'href': {'type': 'string'},
                   'type': {'type': 'string'}},
    'required': ['rel', 'href'],
    'additionalProperties': False,
}
_links = {'type': 'array', 'items': _link}

_image_basic = {
    'type': 'object',
    'properties': {'id': {'type': 'string'},
                   'name': {'type': ['string', 'null']},
                   'links': _links},
    'required': ['id', 'name', 'links'],
    'additionalProperties': False,
}

_image = {
    'type': 'object',
    'properties': {
        'id': {'type': 'string'},
        'name': {'type': ['string', 'null']},
        'status': {'enum': ['ACTIVE', 'SAVING', 'DELETED', 'ERROR',
                            'UNKNOWN']},
        'progress': {'type': 'integer'},
        'minRam': {'type': 'integer'},
        'minDisk': {'type': 'integer'},
        'metadata': {'type': 'object'},
        'created': types.datetime_or_null,
        'updated': types.datetime_or_null,
        'links': _links,
        'OS-EXT-IMG-SIZE:size': {'type': ['integer', 'null']},
        'server': {
            'type': 'object',
            'properties': {'id': {'type': 'string'}, 'links': _links},
            'required': ['id', 'links'],
            'additionalProperties': False,
        },
    },
    'required': ['id', 'name', 'status', 'progress', 'minRam', 'minDisk',
                 'metadata', 'created', 'updated', 'links'],
    'additionalProperties': False,
}


def _listing(item):
    return {
        'type': 'object',
        'properties': {'images': {'type': 'array', 'items': item},
                       'images_links': _links},
        'required': ['images'],
        'additionalProperties': False,
    }


index_response = _listing(_image_basic)
detail_response = _listing(_image)
show_response = {
    'type': 'object',
    'properties': {'image': _image},
    'required': ['image'],
    'additionalProperties': False,
}
delete_response = types.empty_response

# -- /images/{image_id}/metadata ----

_metadata = types.metadata
metadata_body = {
    'type': 'object',
    'properties': {'metadata': _metadata},
    'required': ['metadata'],
    'additionalProperties': False,
}
meta_item_body = {
    'type': 'object',
    'properties': {
        'meta': dict(copy.deepcopy(_metadata), minProperties=1,
                     maxProperties=1),
    },
    'required': ['meta'],
    'additionalProperties': False,
}
metadata_response = {
    'type': 'object',
    'properties': {'metadata': {'type': 'object'}},
    'required': ['metadata'],
    'additionalProperties': False,
}
meta_item_response = {
    'type': 'object',
    'properties': {'meta': {'type': 'object', 'minProperties': 1,
                            'maxProperties': 1}},
    'required': ['meta'],
    'additionalProperties': False,
}
