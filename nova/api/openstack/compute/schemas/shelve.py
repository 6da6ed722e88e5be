"""Schemas of the shelve, shelveOffload and unshelve server actions."""

from nova.api.validation import parameter_types as types
from nova.api.openstack.compute.schemas.server_actions import no_arguments


shelve = no_arguments('shelve')
shelve_offload = no_arguments('shelveOffload')
unshelve = no_arguments('unshelve')


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
