"""Schemas of /servers/{server_id}/metadata and /servers/{server_id}/tags."""

from nova.api.validation import parameter_types as types

no_query = {'type': 'object', 'properties': {},
            'additionalProperties': True}

metadata_body = {
    'type': 'object',
    'properties': {'metadata': types.metadata},
    'required': ['metadata'],
    'additionalProperties': False,
}
meta_item_body = {
    'type': 'object',
    'properties': {'meta': dict(types.metadata, minProperties=1,
                                maxProperties=1)},
    'required': ['meta'],
    'additionalProperties': False,
}
_strings = {'type': 'object', 'additionalProperties': {'type': 'string'}}
metadata_response = {
    'type': 'object',
    'properties': {'metadata': _strings},
    'required': ['metadata'],
    'additionalProperties': False,
}
meta_item_response = {
    'type': 'object',
    'properties': {'meta': dict(_strings, minProperties=1,
                                maxProperties=1)},
    'required': ['meta'],
    'additionalProperties': False,
}

tags_body = {
    'type': 'object',
    'properties': {'tags': {'type': 'array', 'items': types.tag}},
    'required': ['tags'],
    'additionalProperties': False,
}
tags_response = {
    'type': 'object',
    'properties': {'tags': {'type': 'array',
                            'items': {'type': 'string'}}},
    'required': ['tags'],
    'additionalProperties': False,
}
no_body_response = types.empty_response
# PUT /servers/{server_id}/tags/{tag} takes no body (clients send none or
# an empty one).
no_body = {'type': ['null', 'object'], 'maxProperties': 0}
