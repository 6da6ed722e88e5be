"""Floating IPs, kept by the network service, as Nova proxies them.

``/os-floating-ips[/{floating_ip_id}]`` (2.1 - 2.35, then 404): list the
project's floating IPs, allocate one (``{"pool": name or ID}``, optional;
default ``[neutron] default_floating_pool``), show one, release one (202;
it is disassociated first). The ``addFloatingIp`` and ``removeFloatingIp``
server actions (2.1 - 2.43, 202) associate a floating IP with a fixed IP
of a server and disassociate it; the server's cached network info is
refreshed after each change, so its addresses show the floating IP as
``OS-EXT-IPS:type: floating``.

Errors, as in Nova: 404 for an unknown pool, floating IP or server, and
for a pool without free addresses; 403 over the project's floating IP
quota; 400 for a bad body, a server without network info or fixed IP, a
fixed address the server does not have, or a fixed IP that has a floating
IP already; 409 for removing a floating IP from a server it is not
associated with. Unlike Nova, which checks the remove policy against an
empty target when the floating IP is not associated (denying every
non-admin), we check it against the floating IP's project.
"""

from oslo_log import log as logging
import webob.exc

from nova.api.openstack import api_version_request as avr
from nova.api.openstack.compute.schemas import floating_ips as schemas
from nova.api.openstack.compute import servers
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import api as compute_api
from nova import exception
from nova.i18n import _
from nova.network import model
from nova.network import neutron
from nova.policies import floating_ips as policies

LOG = logging.getLogger(__name__)

PROXY_MAX = avr.MAX_PROXY_API_SUPPORT_VERSION
# The server actions went with nova-network's fixed IP APIs in 2.44.
ACTION_MAX = '2.43'


def _view(fip):
    """A Networking API floating IP (with ``network_details`` and
    ``port_details``) as the Compute API shows it."""
    port = fip.get('port_details') or {}
    network = fip.get('network_details') or {}
    return {
        'id': fip['id'],
        'ip': fip['floating_ip_address'],
        'fixed_ip': fip.get('fixed_ip_address'),
        'instance_id': port.get('device_id') or None,
        'pool': network.get('name') or fip['floating_network_id'],
    }


def _not_found(floating_ip_id):
    return webob.exc.HTTPNotFound(
        explanation=_('Floating IP not found for ID %s') % floating_ip_id)


def _server_of(ctx, address):
    """The server the floating IP ``address`` is associated with, or
    None; 404 when there is no such floating IP (or the server is gone),
    409 when several have that address."""
    try:
        server_id = neutron.API().get_instance_id_by_floating_address(
            ctx, address)
    except exception.FloatingIpNotFoundForAddress as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    except exception.FloatingIpMultipleFoundForAddress as exc:
        raise webob.exc.HTTPConflict(explanation=exc.format_message())
    if not server_id:
        return None
    return servers.get(ctx, server_id, None)


def _refresh_elsewhere(ctx, server_id):
    """Refresh the network info of the server a floating IP was taken
    from; best effort (as in Nova): a failure is only logged."""
    try:
        other = compute_api.API().get(ctx, server_id)
        neutron.API().refresh_info_cache(ctx, other)
    except Exception:
        LOG.warning('Could not refresh the network info of server %s '
                    'after its floating IP moved', server_id,
                    exc_info=True)


# -- /os-floating-ips --------------------------------------------------------

@wsgi.expected_errors(())
@wsgi.api_version('2.1', PROXY_MAX)
@wsgi.policies(policies.LIST)
@validation.query_schema(schemas.no_query)
@validation.response_body_schema(schemas.index_response)
def index(req):
    ctx = req.context
    ctx.can(policies.LIST, target={'project_id': ctx.project_id})
    fips = neutron.API().get_floating_ips_by_project(ctx)
    return {'floating_ips': [_view(fip) for fip in fips]}


@wsgi.expected_errors((400, 404))
@wsgi.api_version('2.1', PROXY_MAX)
@wsgi.policies(policies.SHOW)
@validation.query_schema(schemas.no_query)
@validation.response_body_schema(schemas.show_response)
def show(req, floating_ip_id):
    ctx = req.context
    ctx.can(policies.SHOW, target={'project_id': ctx.project_id})
    try:
        fip = neutron.API().get_floating_ip(ctx, floating_ip_id)
    except exception.FloatingIpNotFound:
        raise _not_found(floating_ip_id)
    return {'floating_ip': _view(fip)}


@wsgi.expected_errors((400, 403, 404))
@wsgi.api_version('2.1', PROXY_MAX)
@wsgi.policies(policies.CREATE)
@validation.schema(schemas.create)
@validation.response_body_schema(schemas.create_response)
def create(req, body):
    ctx = req.context
    ctx.can(policies.CREATE, target={'project_id': ctx.project_id})
    pool = (body or {}).get('pool')
    api = neutron.API()
    try:
        address = api.allocate_floating_ip(ctx, pool)
        fip = api.get_floating_ip_by_address(ctx, address)
    except exception.NoMoreFloatingIps:
        if pool:
            msg = _('No more floating IPs in pool %s.') % pool
        else:
            msg = _('No more floating IPs available.')
        raise webob.exc.HTTPNotFound(explanation=msg)
    except exception.FloatingIpLimitExceeded:
        if pool:
            msg = _('IP allocation over quota in pool %s.') % pool
        else:
            msg = _('IP allocation over quota.')
        raise webob.exc.HTTPForbidden(explanation=msg)
    except exception.FloatingIpPoolNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    except (exception.FloatingIpBadRequest,
            exception.FloatingIpPoolAmbiguous) as exc:
        raise webob.exc.HTTPBadRequest(explanation=exc.format_message())
    return {'floating_ip': _view(fip)}


@wsgi.response(202)
@wsgi.expected_errors((400, 403, 404, 409))
@wsgi.api_version('2.1', PROXY_MAX)
@wsgi.policies(policies.DELETE)
@validation.query_schema(schemas.no_query)
@validation.response_body_schema(schemas.no_body_response)
def delete(req, floating_ip_id):
    ctx = req.context
    ctx.can(policies.DELETE, target={'project_id': ctx.project_id})
    api = neutron.API()
    try:
        fip = api.get_floating_ip(ctx, floating_ip_id)
    except exception.FloatingIpNotFound:
        raise _not_found(floating_ip_id)
    instance = _server_of(ctx, fip['floating_ip_address'])
    try:
        api.release_floating_ip(ctx, fip)
    except exception.FloatingIpNotFoundForAddress as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    if instance is not None:
        api.refresh_info_cache(ctx, instance)


# -- server actions ----------------------------------------------------------

def _fixed_address(instance, requested, address, server_id):
    """The fixed IP of ``instance`` to associate the floating IP with:
    ``requested``, else its first IPv4 one; 400 when there is none."""
    network_info = instance.info_cache or []
    if not network_info:
        raise webob.exc.HTTPBadRequest(
            explanation=_('Instance network is not ready yet'))
    fixed_ips = model.fixed_addresses(network_info)
    if not fixed_ips:
        raise webob.exc.HTTPBadRequest(
            explanation=_('No fixed IPs associated to instance'))
    if requested is not None:
        if requested not in fixed_ips:
            raise webob.exc.HTTPBadRequest(explanation=_(
                'Specified fixed address not assigned to instance'))
        return requested
    for fixed in fixed_ips:
        if ':' not in fixed:
            return fixed
    raise webob.exc.HTTPBadRequest(explanation=_(
        'Unable to associate floating IP %(address)s to any fixed IPs for '
        'instance %(id)s. Instance has no fixed IPv4 addresses to '
        'associate.') % {'address': address, 'id': server_id})


@wsgi.response(202)
@wsgi.expected_errors((400, 403, 404))
@wsgi.api_version('2.1', ACTION_MAX)
@wsgi.policies(policies.ADD)
@validation.schema(schemas.add_floating_ip)
@validation.response_body_schema(schemas.no_body_response)
def add_floating_ip(req, server_id, body):
    ctx = req.context
    instance = servers.get(ctx, server_id, None)
    ctx.can(policies.ADD, target={'project_id': instance.project_id})
    address = body['addFloatingIp']['address']
    fixed_address = _fixed_address(
        instance, body['addFloatingIp'].get('fixed_address'), address,
        server_id)
    api = neutron.API()
    try:
        previous = api.associate_floating_ip(ctx, instance, address,
                                             fixed_address)
    except exception.FloatingIpNotFoundForAddress:
        raise webob.exc.HTTPNotFound(
            explanation=_('floating IP not found'))
    except exception.FloatingIpAssociateFailed as exc:
        raise webob.exc.HTTPBadRequest(explanation=exc.format_message())
    except (exception.FixedIpNotFoundForAddress,
            exception.FloatingIpMultipleFoundForAddress,
            exception.NetworkBadRequest) as exc:
        raise webob.exc.HTTPBadRequest(explanation=_(
            'Unable to associate floating IP %(address)s to fixed IP '
            '%(fixed_address)s for instance %(id)s. Error: %(error)s') % {
            'address': address, 'fixed_address': fixed_address,
            'id': server_id, 'error': exc.format_message()})
    api.refresh_info_cache(ctx, instance)
    if previous:
        _refresh_elsewhere(ctx, previous)


@wsgi.response(202)
@wsgi.expected_errors((400, 403, 404, 409))
@wsgi.api_version('2.1', ACTION_MAX)
@wsgi.policies(policies.REMOVE)
@validation.schema(schemas.remove_floating_ip)
@validation.response_body_schema(schemas.no_body_response)
def remove_floating_ip(req, server_id, body):
    ctx = req.context
    address = body['removeFloatingIp']['address']
    # As in Nova, the server is found from the floating IP; server_id
    # only has to match it.
    instance = _server_of(ctx, address)
    api = neutron.API()
    try:
        fip = api.get_floating_ip_by_address(ctx, address)
    except exception.FloatingIpNotFoundForAddress:
        raise webob.exc.HTTPNotFound(
            explanation=_('floating IP not found'))
    project_id = (instance.project_id if instance is not None else
                  fip.get('project_id') or fip.get('tenant_id'))
    ctx.can(policies.REMOVE, target={'project_id': project_id})
    if instance is None or not fip.get('port_id') or (
            instance.uuid != server_id):
        raise webob.exc.HTTPConflict(explanation=_(
            'Floating IP %(address)s is not associated with instance '
            '%(id)s.') % {'address': address, 'id': server_id})
    try:
        api.disassociate_floating_ip(ctx, instance, address)
    except exception.FloatingIpNotFoundForAddress as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    api.refresh_info_cache(ctx, instance)
