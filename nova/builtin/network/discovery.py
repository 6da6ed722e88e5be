"""Version discovery, the extension list and quotas of the service.

The extension list names only what this service implements, because Nova
and the SDK change what they call depending on the aliases present.
"""

from nova.builtin.network import errors
from nova.builtin.network import rest

UPDATED = '2024-01-01T00:00:00-00:00'
# alias -> (name, description)
EXTENSIONS = {
    'binding': ('Port Binding', 'Expose port bindings of a virtual port '
                'to external application'),
    'security-group': ('security-group', 'The security groups extension.'),
    'external-net': ('Neutron external network', 'Adds external network '
                     'attribute to network resource.'),
    'standard-attr-description': ('standard-attr-description', 'Extension '
                                  'to add descriptions to standard '
                                  'attributes'),
    'standard-attr-timestamp': ('Resource timestamps', 'Adds created_at '
                                'and updated_at fields to all Neutron '
                                'resources that have Neutron standard '
                                'attributes.'),
    'standard-attr-revisions': ('Resource revision numbers', 'This '
                                'extension will display the revision '
                                'number of neutron resources.'),
    'net-mtu': ('Network MTU', 'Provides MTU attribute for a network '
                'resource.'),
    'port-security': ('Port Security', 'Provides port security'),
    'project-id': ('project_id field enabled', 'Extension that indicates '
                   'that project_id field is enabled.'),
    'quotas': ('Quota management support', 'Expose functions for quotas '
               'management per project'),
    'pagination': ('Pagination support', 'Extension that indicates that '
                   'pagination is enabled.'),
    'sorting': ('Sorting support', 'Extension that indicates that sorting '
                'is enabled.'),
    'filter-validation': ('Filter parameters validation', 'Provides '
                          'validation on filter parameters.'),
}
RESOURCES = ('networks', 'subnets', 'ports', 'security-groups',
             'security-group-rules', 'quotas', 'floatingips')
QUOTA = {'network': 100, 'subnet': 100, 'port': 500, 'router': 10,
         'floatingip': 50, 'security_group': 10,
         'security_group_rule': 100}


def _version(req):
    return {'id': 'v2.0', 'status': 'CURRENT',
            'links': [{'rel': 'self', 'href': req.host_url + '/v2.0/'}]}


def versions(app, req, caller):
    return rest.json_response({'versions': [_version(req)]})


def resources(app, req, caller):
    return rest.json_response({'resources': [
        {'name': name.replace('-', '_').rstrip('s'), 'collection': name,
         'links': [{'rel': 'self',
                    'href': '%s/v2.0/%s' % (req.host_url, name)}]}
        for name in RESOURCES]})


def _extension(alias):
    name, description = EXTENSIONS[alias]
    return {'alias': alias, 'name': name, 'description': description,
            'updated': UPDATED, 'links': []}


def list_extensions(app, req, caller):
    return rest.json_response(
        {'extensions': [_extension(a) for a in EXTENSIONS]})


def show_extension(app, req, caller, alias):
    if alias not in EXTENSIONS:
        raise errors.not_found(errors.EXTENSION_NOT_FOUND,
                               'Extension with alias %s does not exist'
                               % alias)
    return rest.json_response({'extension': _extension(alias)})


def show_quota(app, req, caller, project_id):
    if project_id != caller.project_id and not caller.is_admin:
        raise errors.forbidden('(rule:get_quota) is disallowed by policy')
    return rest.json_response({'quota': dict(QUOTA)})


def empty_list(plural):
    """A handler listing no ``plural`` (resources this service lacks)."""
    def handler(app, req, caller):
        return rest.json_response({plural: []})
    handler.__name__ = 'list_' + plural
    return handler
