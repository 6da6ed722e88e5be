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
list_response = {
    'type': 'object',
    'properties': {'security_groups': {'type': 'array',
                                       'items': {'type': 'object'}}},
    'required': ['security_groups'],
    'additionalProperties': False,
}
