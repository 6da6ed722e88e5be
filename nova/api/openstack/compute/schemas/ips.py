"""Schemas of /servers/{server_id}/ips."""

index_query = {'type': 'object', 'properties': {},
               'additionalProperties': True}
index_query_v275 = dict(index_query, additionalProperties=False)
show_query = index_query
show_query_v275 = index_query_v275

_address = {
    'type': 'object',
    'properties': {
        'version': {'enum': [4, 6]},
        'addr': {'type': 'string'},
    },
    'required': ['version', 'addr'],
    'additionalProperties': False,
}
_addresses = {
    'type': 'object',
    'additionalProperties': {'type': 'array', 'items': _address},
}

index_response = {
    'type': 'object',
    'properties': {'addresses': _addresses},
    'required': ['addresses'],
    'additionalProperties': False,
}

# One key: the network label asked for.
show_response = dict(_addresses, minProperties=1, maxProperties=1)
