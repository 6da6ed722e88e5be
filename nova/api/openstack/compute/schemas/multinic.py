"""Schemas of the addFixedIp and removeFixedIp server actions (2.1 -
2.43, api-ref "Add (Associate) Fixed Ip (addFixedIp Action)")."""

from nova.api.validation import parameter_types as types

add_fixed_ip = {
    'type': 'object',
    'properties': {
        'addFixedIp': {
            'type': 'object',
            'properties': {
                # nova-network took integer ids too; a network's UUID now.
                'networkId': {'type': ['string', 'number'],
                              'minLength': 1, 'maxLength': 36},
            },
            'required': ['networkId'],
            'additionalProperties': False,
        },
    },
    'required': ['addFixedIp'],
    'additionalProperties': False,
}
remove_fixed_ip = {
    'type': 'object',
    'properties': {
        'removeFixedIp': {
            'type': 'object',
            'properties': {'address': types.ip_address},
            'required': ['address'],
            'additionalProperties': False,
        },
    },
    'required': ['removeFixedIp'],
    'additionalProperties': False,
}
no_body_response = types.empty_response
