"""Schemas of the /os-tenant-networks proxy (until 2.35)."""

no_query = {'type': 'object', 'properties': {}, 'additionalProperties': True}

_network = {
    'type': 'object',
    'properties': {
        'id': {'type': 'string'},
        'label': {'type': 'string'},
        # The first subnet's CIDR, or the string 'None' (Nova's answer
        # for a network without one).
        'cidr': {'type': 'string'},
    },
    'required': ['id', 'label', 'cidr'],
    'additionalProperties': False,
}
index_response = {
    'type': 'object',
    'properties': {'networks': {'type': 'array', 'items': _network}},
    'required': ['networks'],
    'additionalProperties': False,
}
show_response = {
    'type': 'object',
    'properties': {'network': _network},
    'required': ['network'],
    'additionalProperties': False,
}
