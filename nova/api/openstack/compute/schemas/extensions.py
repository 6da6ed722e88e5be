"""Schemas of /extensions."""

no_query = {'type': 'object', 'properties': {}, 'additionalProperties': True}

_extension = {
    'type': 'object',
    'properties': {
        'alias': {'type': 'string'}, 'name': {'type': 'string'},
        'description': {'type': 'string'},
        'namespace': {'type': 'string'},
        'updated': {'type': 'string', 'format': 'date-time'},
        'links': {'type': 'array', 'maxItems': 0},
    },
    'required': ['alias', 'name', 'description', 'namespace', 'updated',
                 'links'],
    'additionalProperties': False,
}
index_response = {
    'type': 'object',
    'properties': {'extensions': {'type': 'array', 'items': _extension}},
    'required': ['extensions'],
    'additionalProperties': False,
}
show_response = {
    'type': 'object',
    'properties': {'extension': _extension},
    'required': ['extension'],
    'additionalProperties': False,
}
