"""Schemas of /os-server-external-events."""

import copy

# Event names accepted from each microversion on.
_NAMES_V21 = ['network-changed', 'network-vif-plugged',
              'network-vif-unplugged', 'network-vif-deleted']
_NAMES_V251 = _NAMES_V21 + ['volume-extended']
_NAMES_V276 = _NAMES_V251 + ['power-update']
_NAMES_V282 = _NAMES_V276 + ['accelerator-request-bound']
_NAMES_V293 = _NAMES_V282 + ['volume-reimaged']
_STATUSES = ['failed', 'completed', 'in-progress']

_event = {
    'type': 'object',
    'properties': {
        'server_uuid': {'type': 'string', 'format': 'uuid'},
        'name': {'type': 'string', 'enum': _NAMES_V21},
        'status': {'type': 'string', 'enum': _STATUSES},
        'tag': {'type': 'string', 'maxLength': 255},
    },
    'required': ['server_uuid', 'name'],
    'additionalProperties': False,
}


def _create(names):
    event = copy.deepcopy(_event)
    event['properties']['name']['enum'] = names
    return {
        'type': 'object',
        'properties': {
            'events': {'type': 'array', 'minItems': 1, 'items': event},
        },
        'required': ['events'],
        'additionalProperties': False,
    }


create = _create(_NAMES_V21)
create_v251 = _create(_NAMES_V251)
create_v276 = _create(_NAMES_V276)
create_v282 = _create(_NAMES_V282)
create_v293 = _create(_NAMES_V293)

create_response = {
    'type': 'object',
    'properties': {
        'events': {
            'type': 'array',
            'items': {
                'type': 'object',
                'properties': {
                    'server_uuid': {'type': 'string', 'format': 'uuid'},
                    'name': {'type': 'string', 'enum': _NAMES_V293},
                    'status': {'type': 'string', 'enum': _STATUSES},
                    'tag': {'type': 'string', 'maxLength': 255},
                    'code': {'type': 'integer', 'enum': [200, 400, 404,
                                                         422]},
                },
                'required': ['server_uuid', 'name', 'status', 'code'],
                'additionalProperties': False,
            },
        },
    },
    'required': ['events'],
    'additionalProperties': False,
}
