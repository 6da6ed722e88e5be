"""Schemas of a server's security groups: addSecurityGroup,
removeSecurityGroup and /servers/{server_id}/os-security-groups."""

from nova.api.validation import parameter_types as types


def _action(name):
    return {
        'type': 'object',
        'properties': {name: {
            'type': 'object',
            'properties': {'name': {'type': 'string', 'minLength': 1,
                                    'maxLength': 255}},
            'required': ['name'],
            'additionalProperties': False,
        }},
        'required': [name],
        'additionalProperties': False,
    }


add_security_group = _action('addSecurityGroup')
remove_security_group = _action('removeSecurityGroup')
no_body_response = types.empty_response
no_query = {'type': 'object', 'properties': {},
            'additionalProperties': True}
_port = {'type': ['integer', 'null'], 'minimum': -1}
# A rule: from the remote group in ``group`` or from a CIDR in
# ``ip_range`` (the other one empty).
rule = {
    'type': 'object',
    'properties': {
        'id': {'type': 'string'},
        'parent_group_id': {'type': 'string'},
        'ip_protocol': {'type': ['string', 'null']},
        'from_port': _port,
        'to_port': _port,
        'group': {'type': 'object',
                  'properties': {'name': {'type': 'string'},
                                 'tenant_id': {'type': 'string'}},
                  'additionalProperties': False},
        'ip_range': {'type': 'object',
                     'properties': {'cidr': {'type': 'string'}},
                     'additionalProperties': False},
    },
    'required': ['id', 'parent_group_id', 'ip_protocol', 'from_port',
                 'to_port', 'group', 'ip_range'],
    'additionalProperties': False,
}
group = {
    'type': 'object',
    'properties': {
        'id': {'type': 'string'},
        'name': {'type': 'string'},
        'description': {'type': 'string'},
        'tenant_id': {'type': 'string'},
        'rules': {'type': 'array', 'items': rule},
    },
    'required': ['id', 'name', 'description', 'tenant_id', 'rules'],
    'additionalProperties': False,
}
list_response = {
    'type': 'object',
    'properties': {'security_groups': {'type': 'array', 'items': group}},
    'required': ['security_groups'],
    'additionalProperties': False,
}
