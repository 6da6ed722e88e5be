"""Schemas of /servers/{server_id}/os-interface[/{port_id}]: a server's
ports (api-ref "Port Interfaces (servers, os-interface)")."""

import copy

from nova.api.validation import parameter_types as types

create = {
    'type': 'object',
    'properties': {
        'interfaceAttachment': {
            'type': 'object',
            'properties': {
                'net_id': types.uuid,
                'port_id': types.uuid,
                # One address, on the network of ``net_id``.
                'fixed_ips': {
                    'type': 'array', 'minItems': 1, 'maxItems': 1,
                    'items': {
                        'type': 'object',
                        'properties': {'ip_address': types.ip_address},
                        'required': ['ip_address'],
                        'additionalProperties': False,
                    },
                },
            },
            'additionalProperties': False,
        },
    },
    'additionalProperties': False,
}
# 2.49: a device tag for the new port.
create_v249 = copy.deepcopy(create)
create_v249['properties']['interfaceAttachment']['properties']['tag'] = (
    types.tag)

no_query = {'type': 'object', 'properties': {},
            'additionalProperties': True}

_attachment = {
    'type': 'object',
    'properties': {
        'fixed_ips': {
            'type': ['array', 'null'],
            'items': {
                'type': 'object',
                'properties': {'ip_address': {'type': 'string'},
                               'subnet_id': types.uuid},
                'required': ['ip_address', 'subnet_id'],
                'additionalProperties': False,
            },
        },
        'mac_addr': {'type': 'string'},
        'net_id': types.uuid,
        'port_id': types.uuid,
        'port_state': {'type': 'string'},
    },
    'required': ['fixed_ips', 'mac_addr', 'net_id', 'port_id',
                 'port_state'],
    'additionalProperties': False,
}
# 2.70: the device tag the port was attached with (or null).
_attachment_v270 = copy.deepcopy(_attachment)
_attachment_v270['properties']['tag'] = {'type': ['string', 'null']}
_attachment_v270['required'].append('tag')


def _list(item):
    return {'type': 'object',
            'properties': {'interfaceAttachments': {'type': 'array',
                                                    'items': item}},
            'required': ['interfaceAttachments'],
            'additionalProperties': False}


def _one(item):
    return {'type': 'object',
            'properties': {'interfaceAttachment': item},
            'required': ['interfaceAttachment'],
            'additionalProperties': False}


index_responses = ((_list(_attachment), '2.1', '2.69'),
                   (_list(_attachment_v270), '2.70', None))
show_responses = ((_one(_attachment), '2.1', '2.69'),
                  (_one(_attachment_v270), '2.70', None))
delete_response = types.empty_response
