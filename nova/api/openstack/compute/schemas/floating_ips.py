"""Schemas of the /os-floating-ips proxy (until 2.35) and of the
addFloatingIp and removeFloatingIp server actions (until 2.43)."""

from nova.api.validation import parameter_types as types

# The body is optional; other keys are ignored, as in Nova.
create = {
    'type': ['object', 'null'],
    'properties': {'pool': {'type': ['string', 'null']}},
}


def _action(name, properties, required):
    return {
        'type': 'object',
        'properties': {name: {
            'type': 'object',
            'properties': properties,
            'required': required,
            'additionalProperties': False,
        }},
        'required': [name],
        'additionalProperties': False,
    }


add_floating_ip = _action('addFloatingIp',
                          {'address': types.ip_address,
                           'fixed_address': types.ip_address},
                          ['address'])
remove_floating_ip = _action('removeFloatingIp',
                             {'address': types.ip_address}, ['address'])

# Deprecated proxies: any query is accepted and ignored.
no_query = {'type': 'object', 'properties': {},
            'additionalProperties': True}

_address = {'type': 'string', 'anyOf': [{'format': 'ipv4'},
                                        {'format': 'ipv6'}]}
_floating_ip = {
    'type': 'object',
    'properties': {
        'id': {'type': 'string', 'format': 'uuid'},
        'ip': _address,
        'fixed_ip': dict(_address, type=['string', 'null']),
        'instance_id': {'type': ['string', 'null'], 'format': 'uuid'},
        'pool': {'type': 'string'},
    },
    'required': ['id', 'ip', 'fixed_ip', 'instance_id', 'pool'],
    'additionalProperties': False,
}
show_response = {
    'type': 'object',
    'properties': {'floating_ip': _floating_ip},
    'required': ['floating_ip'],
    'additionalProperties': False,
}
create_response = show_response
index_response = {
    'type': 'object',
    'properties': {'floating_ips': {'type': 'array',
                                    'items': _floating_ip}},
    'required': ['floating_ips'],
    'additionalProperties': False,
}
no_body_response = types.empty_response
