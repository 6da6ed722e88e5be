"""Schemas of /os-availability-zone[/detail] (as Tempest's compute
response schemas check them)."""

import copy

# Unknown query parameters are ignored at every microversion served here
# (Nova refuses them from 2.102).
query = {'type': 'object', 'properties': {}, 'additionalProperties': True}

_service = {
    'type': 'object',
    'properties': {
        'available': {'type': 'boolean'},
        'active': {'type': 'boolean'},
        'updated_at': {'type': ['string', 'null'], 'format': 'date-time'},
    },
    'required': ['available', 'active', 'updated_at'],
    'additionalProperties': False,
}

# host -> {service binary -> its state}
_hosts = {
    'type': ['object', 'null'],
    'additionalProperties': {'type': 'object',
                             'additionalProperties': _service},
}

_zone = {
    'type': 'object',
    'properties': {
        'zoneName': {'type': 'string'},
        'zoneState': {
            'type': 'object',
            'properties': {'available': {'type': 'boolean'}},
            'required': ['available'],
            'additionalProperties': False,
        },
        'hosts': {'type': 'null'},
    },
    'required': ['zoneName', 'zoneState', 'hosts'],
    'additionalProperties': False,
}

index_response = {
    'type': 'object',
    'properties': {'availabilityZoneInfo': {'type': 'array',
                                            'items': _zone}},
    'required': ['availabilityZoneInfo'],
    'additionalProperties': False,
}

detail_response = copy.deepcopy(index_response)
detail_response['properties']['availabilityZoneInfo']['items'][
    'properties']['hosts'] = _hosts
