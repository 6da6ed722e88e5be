"""Schemas of the shelve, shelveOffload and unshelve server actions."""

from nova.api.validation import parameter_types as types


def _null_action(name):
    """``{"<name>": null}``; Nova also takes an empty object."""
    return {
        'type': 'object',
        'properties': {name: {'type': ['null', 'object'],
                              'additionalProperties': False}},
        'required': [name],
        'additionalProperties': False,
    }


shelve = _null_action('shelve')
shelve_offload = _null_action('shelveOffload')
unshelve = _null_action('unshelve')


def _unshelve_with(arguments):
    return {
        'type': 'object',
        'properties': {'unshelve': {'oneOf': [
            {'type': 'null'},
            {'type': 'object', 'properties': arguments,
             'additionalProperties': False},
        ]}},
        'required': ['unshelve'],
        'additionalProperties': False,
    }


# 2.77: an availability zone; 2.91: a host, and a null zone to unpin.
unshelve_v277 = _unshelve_with({'availability_zone': types.name})
unshelve_v291 = _unshelve_with({
    'availability_zone': {'oneOf': [{'type': 'null'}, types.name]},
    'host': types.fqdn,
})

no_body_response = types.empty_response
