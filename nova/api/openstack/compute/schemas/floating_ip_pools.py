"""Schemas of the /os-floating-ip-pools proxy (until 2.35)."""

# Deprecated proxy: any query is accepted and ignored.
index_query = {'type': 'object', 'properties': {},
               'additionalProperties': True}

index_response = {
    'type': 'object',
    'properties': {'floating_ip_pools': {
        'type': 'array',
        'items': {
            'type': 'object',
            'properties': {'name': {'type': 'string'}},
            'required': ['name'],
            'additionalProperties': False,
        },
    }},
    'required': ['floating_ip_pools'],
    'additionalProperties': False,
}
