"""Schemas of the lock and unlock server actions."""

import copy

lock = {
    'type': 'object',
    'properties': {'lock': {'type': ['null', 'object'],
                            'additionalProperties': False}},
    'required': ['lock'],
    'additionalProperties': False,
}

# 2.73: an optional reason, shown as the server's ``locked_reason``.
lock_v273 = copy.deepcopy(lock)
lock_v273['properties']['lock']['properties'] = {
    'locked_reason': {'type': 'string', 'minLength': 1, 'maxLength': 255},
}

unlock = {
    'type': 'object',
    'properties': {'unlock': {'type': ['null', 'object'],
                              'additionalProperties': False}},
    'required': ['unlock'],
    'additionalProperties': False,
}

no_body_response = {'type': 'null'}
