"""Policy defaults of /servers."""

from oslo_policy import policy

from nova.policies import base

PREFIX = 'os_compute_api:servers:%s'
INDEX = PREFIX % 'index'
DETAIL = PREFIX % 'detail'
INDEX_ALL_TENANTS = PREFIX % 'index:get_all_tenants'
DETAIL_ALL_TENANTS = PREFIX % 'detail:get_all_tenants'
SHOW = PREFIX % 'show'
SHOW_HOST_STATUS = PREFIX % 'show:host_status'
SHOW_FLAVOR_EXTRA_SPECS = PREFIX % 'show:flavor-extra-specs'
CREATE = PREFIX % 'create'
CREATE_REQUESTED_DESTINATION = 'compute:servers:create:requested_destination'
DELETE = PREFIX % 'delete'
UPDATE = PREFIX % 'update'
REBUILD = PREFIX % 'rebuild'
RESIZE = PREFIX % 'resize'
CONFIRM_RESIZE = PREFIX % 'confirm_resize'
REVERT_RESIZE = PREFIX % 'revert_resize'
MIGRATE = 'os_compute_api:os-migrate-server:migrate'
MIGRATE_HOST = 'os_compute_api:os-migrate-server:migrate:host'
MIGRATE_LIVE = 'os_compute_api:os-migrate-server:migrate_live'
EVACUATE = 'os_compute_api:os-evacuate'
EXTENDED_ATTRIBUTES = 'os_compute_api:os-extended-server-attributes'


def _rule(name, check, description, method, path, *more):
    """A rule of ``PREFIX``; ``more``: further (method, path) pairs."""
    operations = [{'method': m, 'path': p}
                  for m, p in ((method, path),) + more]
    return policy.DocumentedRuleDefault(
        name=PREFIX % name, check_str=check, description=description,
        operations=operations)


# The server views of show, update and rebuild, which the view rules
# apply to.
_SERVER_VIEW = ('PUT', '/servers/{server_id}')
_REBUILD_VIEW = ('POST', '/servers/{server_id}/action')


rules = [
    _rule('index', base.PROJECT_READER_OR_ADMIN, 'List servers',
          'GET', '/servers'),
    _rule('detail', base.PROJECT_READER_OR_ADMIN, 'List servers in detail',
          'GET', '/servers/detail'),
    _rule('index:get_all_tenants', base.ADMIN,
          'List servers of all projects', 'GET', '/servers'),
    _rule('detail:get_all_tenants', base.ADMIN,
          'List servers of all projects in detail', 'GET',
          '/servers/detail'),
    # NOTE: an action this cloud does not serve yet answers 501 only to
    # those who may see the server, as show decides.
    policy.DocumentedRuleDefault(
        name=SHOW, check_str=base.PROJECT_READER_OR_ADMIN,
        description='Show a server',
        operations=[{'method': 'GET', 'path': '/servers/{server_id}'},
                    {'method': 'POST',
                     'path': '/servers/{server_id}/action'}]),
    _rule('show:host_status', base.ADMIN,
          'Show the status of the host of a server', 'GET',
          '/servers/{server_id}', _SERVER_VIEW, _REBUILD_VIEW),
    _rule('create', base.PROJECT_MEMBER_OR_ADMIN, 'Create a server',
          'POST', '/servers'),
    policy.DocumentedRuleDefault(
        name=CREATE_REQUESTED_DESTINATION, check_str=base.ADMIN,
        description='Create a server on a given host or node (2.74)',
        operations=[{'method': 'POST', 'path': '/servers'}]),
    _rule('delete', base.PROJECT_MEMBER_OR_ADMIN, 'Delete a server',
          'DELETE', '/servers/{server_id}'),
    _rule('rebuild', base.PROJECT_MEMBER_OR_ADMIN,
          'Rebuild a server from an image (rebuild)',
          'POST', '/servers/{server_id}/action'),
    _rule('resize', base.PROJECT_MEMBER_OR_ADMIN,
          'Resize a server to another flavor (resize)',
          'POST', '/servers/{server_id}/action'),
    _rule('confirm_resize', base.PROJECT_MEMBER_OR_ADMIN,
          'Confirm a resize or migration (confirmResize)',
          'POST', '/servers/{server_id}/action'),
    _rule('revert_resize', base.PROJECT_MEMBER_OR_ADMIN,
          'Revert a resize or migration (revertResize)',
          'POST', '/servers/{server_id}/action'),
    policy.DocumentedRuleDefault(
        name=MIGRATE, check_str=base.ADMIN,
        description='Cold migrate a server to another host (migrate)',
        operations=[{'method': 'POST',
                     'path': '/servers/{server_id}/action'}]),
    policy.DocumentedRuleDefault(
        name=EVACUATE, check_str=base.ADMIN,
        description='Rebuild a server whose host is down elsewhere '
                    '(evacuate)',
        operations=[{'method': 'POST',
                     'path': '/servers/{server_id}/action'}]),
    policy.DocumentedRuleDefault(
        name=MIGRATE_LIVE, check_str=base.ADMIN,
        description='Live migrate a server (os-migrateLive)',
        operations=[{'method': 'POST',
                     'path': '/servers/{server_id}/action'}]),
    policy.DocumentedRuleDefault(
        name=MIGRATE_HOST, check_str=base.ADMIN,
        description='Cold migrate a server to a given host (migrate, 2.56)',
        operations=[{'method': 'POST',
                     'path': '/servers/{server_id}/action'}]),
    _rule('update', base.PROJECT_MEMBER_OR_ADMIN,
          'Rename a server, or change its description or access addresses',
          'PUT', '/servers/{server_id}'),
    _rule('show:flavor-extra-specs', base.PROJECT_READER_OR_ADMIN,
          'See the extra specs of the embedded flavor (2.47+)',
          'GET', '/servers/{server_id}', _SERVER_VIEW, _REBUILD_VIEW),
    policy.DocumentedRuleDefault(
        name=EXTENDED_ATTRIBUTES, check_str=base.ADMIN,
        description='See the OS-EXT-SRV-ATTR attributes (host, node, '
                    'instance name, ...) of servers',
        operations=[{'method': 'GET', 'path': '/servers/{server_id}'},
                    {'method': 'GET', 'path': '/servers/detail'},
                    {'method': 'PUT', 'path': '/servers/{server_id}'},
                    {'method': 'POST',
                     'path': '/servers/{server_id}/action'}]),
]


def list_rules():
    return rules
