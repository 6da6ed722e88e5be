"""Schemas of GET /os-console-auth-tokens/{console_token}."""

import copy

# Nova ignores query parameters here until 2.99, which refuses them.
show_query = {'type': 'object', 'properties': {},
              'additionalProperties': True}
show_query_v299 = {'type': 'object', 'properties': {},
                   'additionalProperties': False}

show_response = {
    'type': 'object',
    'properties': {'console': {
        'type': 'object',
        'properties': {
            'instance_uuid': {'type': 'string', 'format': 'uuid'},
            'host': {'type': ['string', 'null']},
            'port': {'type': 'integer'},
            'internal_access_path': {'type': ['string', 'null']},
        },
        'required': ['instance_uuid', 'host', 'port',
                     'internal_access_path'],
        'additionalProperties': False}},
    'required': ['console'],
    'additionalProperties': False,
}

# 2.99: the TLS port too, for spice-direct consoles.
show_response_v299 = copy.deepcopy(show_response)
show_response_v299['properties']['console']['properties']['tls_port'] = {
    'type': ['integer', 'null']}
