"""Schemas of /flavors/{flavor_id}/os-flavor-access and the flavor access
actions of POST /flavors/{flavor_id}/action."""

no_query = {'type': 'object', 'properties': {},
            'additionalProperties': True}


def _action(name):
    return {
        'type': 'object',
        'properties': {
            name: {
                'type': 'object',
                'properties': {
                    # As the flavor_projects.project_id column.
                    'tenant': {'type': 'string', 'minLength': 1,
                               'maxLength': 255},
                },
                'required': ['tenant'],
                'additionalProperties': False,
            },
        },
        'required': [name],
        'additionalProperties': False,
    }


add_tenant_access = _action('addTenantAccess')
remove_tenant_access = _action('removeTenantAccess')
# The envelope only; each action's handler declares its own body.
action = {}

access_response = {
    'type': 'object',
    'properties': {
        'flavor_access': {
            'type': 'array',
            'items': {
                'type': 'object',
                'properties': {'flavor_id': {'type': 'string'},
                               'tenant_id': {'type': 'string'}},
                'required': ['flavor_id', 'tenant_id'],
                'additionalProperties': False,
            },
        },
    },
    'required': ['flavor_access'],
    'additionalProperties': False,
}
