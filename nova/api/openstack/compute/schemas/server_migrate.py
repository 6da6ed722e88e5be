"""Schemas of the resize, confirmResize, revertResize and migrate server
actions, and of restore and forceDelete."""

from nova.api.validation import parameter_types as types

resize = {
    'type': 'object',
    'properties': {
        'resize': {
            'type': 'object',
            'properties': {
                'flavorRef': types.flavor_ref,
                'OS-DCF:diskConfig': {'type': 'string',
                                      'enum': ['AUTO', 'MANUAL']},
            },
            'required': ['flavorRef'],
            'additionalProperties': False,
        },
    },
    'required': ['resize'],
    'additionalProperties': False,
}


def _null_action(name):
    """``{"<name>": null}``; Nova also takes an empty object."""
    return {
        'type': 'object',
        'properties': {name: {'type': ['null', 'object'],
                              'additionalProperties': False}},
        'required': [name],
        'additionalProperties': False,
    }


confirm_resize = _null_action('confirmResize')
revert_resize = _null_action('revertResize')
migrate = _null_action('migrate')
# Deferred delete's actions take no arguments either.
restore = _null_action('restore')
force_delete = _null_action('forceDelete')
# 2.56: a target host (null: the scheduler's choice).
migrate_v256 = {
    'type': 'object',
    'properties': {
        'migrate': {
            'type': ['object', 'null'],
            'properties': {'host': {'oneOf': [{'type': 'null'},
                                              types.fqdn]}},
            'additionalProperties': False,
        },
    },
    'required': ['migrate'],
    'additionalProperties': False,
}

no_body_response = types.empty_response
