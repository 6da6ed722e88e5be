"""Schemas of the /os-networks proxy."""

no_query = {'type': 'object', 'properties': {}, 'additionalProperties': True}

_network = {
    'type': 'object',
    'properties': {'id': {'type': 'string'},
                   'label': {'type': ['string', 'null']}},
    # The other fields are nova-network's: always null.
    'additionalProperties': {'type': 'null'},
    'required': ['id', 'label'],
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
