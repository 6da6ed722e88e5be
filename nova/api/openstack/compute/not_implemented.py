"""What Nova's Compute API serves and this cloud does not (yet).

A client, or a Tempest negative test, must be able to tell "no such server"
from "no such feature here". So every path and method of Nova's v2.1 API
that has no handler in ``routes.ROUTE_TABLE`` is declared below and answers:

* **501** ``notImplemented`` naming it, when Nova serves it and we do not
  yet. Under ``/servers/{server_id}`` the server is looked up first, as
  ``GET /servers/{server_id}`` does it (404 when it does not exist or is
  another project's, 403 when show is not allowed).
* **410** naming it, when Nova removed it and answers 410 Gone
  (nova-network, cells v1 and Xen-only APIs).
* **404**, like any versioned method, outside the microversions in which
  Nova serves it (the proxy APIs after 2.35, ``os-hosts`` after 2.42, ...).

Any other path stays 404. ``SERVER_ACTIONS`` does the same for the actions
of ``POST /servers/{server_id}/action`` that ``server_actions.ACTIONS`` does
not serve. When a handler lands, its entry here is removed (the router
refuses a method declared in both tables).
"""

import typing

import webob.exc

from nova.api.openstack import api_version_request as avr
from nova.api.openstack import wsgi
from nova.compute import api as compute_api
from nova import exception
from nova.i18n import _
from nova.policies import servers as servers_policies

PROXY_MAX = avr.MAX_PROXY_API_SUPPORT_VERSION


class Unserved(typing.NamedTuple):
    """How a path, method or action this cloud does not serve answers.

    ``code`` is 501 (Nova serves it), 410 (Nova removed it: Gone) or, for
    the one removed action Nova answers so, 400. ``why`` says what was
    removed and when (410/400 only).
    """
    code: int
    min_version: typing.Optional[str] = None
    max_version: typing.Optional[str] = None
    why: str = ''


TODO = Unserved(501)
PROXY = Unserved(501, max_version=PROXY_MAX)
VOLUMES_BOOT = Unserved(501, max_version='2.102')


def _todo(min_version=None, max_version=None):
    return Unserved(501, min_version, max_version)


def _gone(why):
    return Unserved(410, why=why)


GONE_NOVA_NETWORK = _gone(_('it only worked with nova-network, which Nova '
                            'has removed'))
GONE_CELLS_V1 = _gone(_('it only worked with cells v1, which Nova has '
                        'removed'))
GONE_XEN = _gone(_('it only worked with the Xen driver, which Nova has '
                   'removed'))
GONE_EC2 = _gone(_("it only served Nova's EC2 API, which Nova has removed"))

# path -> {METHOD: Unserved}, in the shape of ``routes.ROUTE_TABLE``.
# Capture names follow Nova's api-ref.
UNSERVED = (
    ('/versions/{version_id}', {'GET': TODO}),
    # -- servers
    ('/servers/{server_id}/consoles', {'GET': GONE_XEN, 'POST': GONE_XEN}),
    ('/servers/{server_id}/consoles/{console_id}',
     {'GET': GONE_XEN, 'DELETE': GONE_XEN}),
    ('/servers/{server_id}/os-virtual-interfaces',
     {'GET': GONE_NOVA_NETWORK}),
    ('/servers/{server_id}/os-volume_attachments',
     {'GET': TODO, 'POST': TODO}),
    ('/servers/{server_id}/os-volume_attachments/{volume_id}',
     {'GET': TODO, 'PUT': TODO, 'DELETE': TODO}),
    ('/servers/{server_id}/shares',
     {'GET': _todo('2.97'), 'POST': _todo('2.97')}),
    ('/servers/{server_id}/shares/{share_id}',
     {'GET': _todo('2.97'), 'DELETE': _todo('2.97')}),
    ('/os-volumes_boot', {'GET': VOLUMES_BOOT, 'POST': VOLUMES_BOOT}),
    ('/os-volumes_boot/detail', {'GET': VOLUMES_BOOT}),
    ('/os-volumes_boot/{server_id}',
     {'GET': VOLUMES_BOOT, 'PUT': VOLUMES_BOOT, 'DELETE': VOLUMES_BOOT}),
    ('/os-volumes_boot/{server_id}/action', {'POST': VOLUMES_BOOT}),
    # -- keypairs, limits, quotas
    # -- hosts, services, hypervisors, zones, aggregates, groups
    # -- usage, audit, migrations, consoles, Cinder-internal
    ('/os-assisted-volume-snapshots', {'POST': TODO}),
    ('/os-assisted-volume-snapshots/{snapshot_id}', {'DELETE': TODO}),
    # -- proxies to the image, network and volume services (<= 2.35)
    ('/os-networks', {'POST': GONE_NOVA_NETWORK}),
    ('/os-networks/add', {'POST': GONE_NOVA_NETWORK}),
    ('/os-networks/{network_id}', {'DELETE': GONE_NOVA_NETWORK}),
    ('/os-networks/{network_id}/action', {'POST': GONE_NOVA_NETWORK}),
    ('/os-tenant-networks', {'POST': GONE_NOVA_NETWORK}),
    ('/os-tenant-networks/{network_id}', {'DELETE': GONE_NOVA_NETWORK}),
    ('/os-volumes', {'GET': PROXY, 'POST': PROXY}),
    ('/os-volumes/detail', {'GET': PROXY}),
    ('/os-volumes/{volume_id}', {'GET': PROXY, 'DELETE': PROXY}),
    ('/os-snapshots', {'GET': PROXY, 'POST': PROXY}),
    ('/os-snapshots/detail', {'GET': PROXY}),
    ('/os-snapshots/{snapshot_id}', {'GET': PROXY, 'DELETE': PROXY}),
    ('/os-baremetal-nodes', {'GET': PROXY, 'POST': PROXY}),
    ('/os-baremetal-nodes/{node_id}', {'GET': PROXY, 'DELETE': PROXY}),
    ('/os-baremetal-nodes/{node_id}/action', {'POST': PROXY}),
    # -- removed from Nova: 410 Gone at every microversion
    ('/os-agents', {'GET': GONE_XEN, 'POST': GONE_XEN}),
    ('/os-agents/{agent_build_id}', {'PUT': GONE_XEN, 'DELETE': GONE_XEN}),
    ('/os-cells', {'GET': GONE_CELLS_V1, 'POST': GONE_CELLS_V1}),
    ('/os-cells/capacities', {'GET': GONE_CELLS_V1}),
    ('/os-cells/detail', {'GET': GONE_CELLS_V1}),
    ('/os-cells/info', {'GET': GONE_CELLS_V1}),
    ('/os-cells/sync_instances', {'POST': GONE_CELLS_V1}),
    ('/os-cells/{cell_id}', {'GET': GONE_CELLS_V1,
                             'PUT': GONE_CELLS_V1,
                             'DELETE': GONE_CELLS_V1}),
    ('/os-cells/{cell_id}/capacities', {'GET': GONE_CELLS_V1}),
    ('/os-certificates', {'POST': GONE_EC2}),
    ('/os-certificates/{certificate_id}', {'GET': GONE_EC2}),
    ('/os-cloudpipe', {'GET': GONE_NOVA_NETWORK, 'POST': GONE_NOVA_NETWORK}),
    ('/os-cloudpipe/{cloudpipe_id}', {'PUT': GONE_NOVA_NETWORK}),
    ('/os-fixed-ips/{fixed_ip}', {'GET': GONE_NOVA_NETWORK}),
    ('/os-fixed-ips/{fixed_ip}/action', {'POST': GONE_NOVA_NETWORK}),
    ('/os-floating-ip-dns', {'GET': GONE_NOVA_NETWORK}),
    ('/os-floating-ip-dns/{domain}', {'PUT': GONE_NOVA_NETWORK,
                                      'DELETE': GONE_NOVA_NETWORK}),
    ('/os-floating-ip-dns/{domain}/entries/{entry_name}',
     {'GET': GONE_NOVA_NETWORK, 'PUT': GONE_NOVA_NETWORK,
      'DELETE': GONE_NOVA_NETWORK}),
    ('/os-floating-ips-bulk', {'GET': GONE_NOVA_NETWORK,
                               'POST': GONE_NOVA_NETWORK}),
    ('/os-floating-ips-bulk/{host_name}',
     {'GET': GONE_NOVA_NETWORK, 'PUT': GONE_NOVA_NETWORK}),
    ('/os-fping', {'GET': GONE_NOVA_NETWORK}),
    ('/os-fping/{server_uuid}', {'GET': GONE_NOVA_NETWORK}),
    ('/os-security-group-default-rules',
     {'GET': GONE_NOVA_NETWORK, 'POST': GONE_NOVA_NETWORK}),
    ('/os-security-group-default-rules/{rule_id}',
     {'GET': GONE_NOVA_NETWORK, 'DELETE': GONE_NOVA_NETWORK}),
)

# Every action of POST /servers/{server_id}/action Nova knows, with the
# microversions in which Nova serves it.
SERVER_ACTIONS = {
    # NOTE: Nova answers this removed action with a plain 400, not 410.
    'os-getRDPConsole': Unserved(
        400, max_version='2.5',
        why=_('it only worked with the Hyper-V driver, which Nova has '
              'removed')),
    'resetNetwork': GONE_XEN,
}


# -- answers ----

def path_message(method, path, unserved):
    """The error message of ``METHOD path`` (a route template)."""
    if unserved.code == 501:
        return _('%(method)s %(path)s is not implemented by this cloud '
                 'yet') % {'method': method, 'path': path}
    return _('%(method)s %(path)s is gone: %(why)s') % {
        'method': method, 'path': path, 'why': unserved.why}


def action_message(name, unserved):
    """The error message of the server action ``name``."""
    if unserved.code == 501:
        return _("The '%s' server action is not implemented") % name
    return _("The '%(name)s' server action is gone: %(why)s") % {
        'name': name, 'why': unserved.why}


def looks_up_server(path, unserved):
    """Whether ``path`` answers 404 for a missing server before 501."""
    return unserved.code == 501 and '{server_id}' in path


def action_outcome(name, version):
    """(code, message) for a server action absent from our handler table
    at ``version``: 400 when Nova does not know it either (Nova's
    words), 404 outside its microversions, else its ``Unserved`` code."""
    unserved = SERVER_ACTIONS.get(name)
    if unserved is None:
        return 400, _('There is no such action: %s') % name
    if not version.matches(unserved.min_version, unserved.max_version):
        return 404, _version_message(version)
    return unserved.code, action_message(name, unserved)


def _version_message(version):
    return exception.VersionNotFoundForAPIMethod(
        version=version.get_string()).format_message()


def _http_error(code, message):
    cls = {400: webob.exc.HTTPBadRequest, 404: webob.exc.HTTPNotFound,
           410: webob.exc.HTTPGone, 501: webob.exc.HTTPNotImplemented}[code]
    return cls(explanation=message)


def _load_server(req, server_id):
    """Find the server as GET /servers/{server_id} does: 404 when it does
    not exist or belongs to another project, 403 when show is denied."""
    ctx = req.context
    try:
        instance = compute_api.API().get(ctx, server_id)
    except exception.InstanceNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    ctx.can(servers_policies.SHOW, target={'project_id': instance.project_id})
    return instance


def unserved_action(req, server_id, name):
    """The HTTP error answering a server action we have no handler for;
    for one Nova serves, the server is looked up first (which raises 404
    or 403 as GET /servers/{server_id} would)."""
    code, message = action_outcome(name, req.api_version_request)
    if code == 501:
        _load_server(req, server_id)
    return _http_error(code, message)


def _handler(method, path, unserved):
    """The route handler answering ``METHOD path`` as ``unserved`` says."""
    lookup = looks_up_server(path, unserved)
    message = path_message(method, path, unserved)

    @wsgi.expected_errors((404, unserved.code))
    @wsgi.api_version(unserved.min_version, unserved.max_version)
    def unserved_handler(req, **params):
        if lookup:
            _load_server(req, params['server_id'])
        raise _http_error(unserved.code, message)

    unserved_handler.__qualname__ = 'unserved(%s %s)' % (method, path)
    return unserved_handler


def _route_table(unserved_table):
    return tuple(
        (path, {method: _handler(method, path, unserved)
                for method, unserved in methods.items()})
        for path, methods in unserved_table)


# The handlers of UNSERVED; the router merges them with routes.ROUTE_TABLE.
ROUTE_TABLE = _route_table(UNSERVED)
