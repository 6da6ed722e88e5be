"""/os-networks[/{network_id}] (until 2.35): a read-only proxy to the
network service's networks, in nova-network's shape: ``id`` and
``label`` (the name); the fields only nova-network had are null (admins
see more of them, as in Nova). Creating and deleting networks went with
nova-network: 410 (``not_implemented``)."""

import webob.exc

from nova.api.openstack import api_version_request as avr
from nova.api.openstack.compute.schemas import networks as schemas
from nova.api.openstack import wsgi
from nova.api import validation
from nova import exception
from nova.i18n import _
from nova.network import neutron
from nova.policies import networks as policies

_FIELDS = ('cidr', 'netmask', 'gateway', 'broadcast', 'dns1', 'dns2',
           'cidr_v6', 'gateway_v6', 'netmask_v6')
_ADMIN_FIELDS = ('created_at', 'updated_at', 'deleted_at', 'deleted',
                 'injected', 'bridge', 'vlan', 'vpn_public_address',
                 'vpn_public_port', 'vpn_private_address', 'dhcp_start',
                 'project_id', 'host', 'bridge_interface', 'multi_host',
                 'priority', 'rxtx_base', 'mtu', 'dhcp_server',
                 'enable_dhcp', 'share_address')


def _view(ctx, network):
    view = {'id': network['id'], 'label': network.get('name')}
    for field in _FIELDS + (_ADMIN_FIELDS if ctx.is_admin else ()):
        view[field] = None
    return view


@wsgi.expected_errors(())
@wsgi.api_version('2.1', avr.MAX_PROXY_API_SUPPORT_VERSION)
@wsgi.policies(policies.LIST)
@validation.query_schema(schemas.no_query)
@validation.response_body_schema(schemas.index_response)
def index(req):
    ctx = req.context
    ctx.can(policies.LIST, target={'project_id': ctx.project_id})
    return {'networks': [_view(ctx, n)
                         for n in neutron.API().get_all(ctx)]}


@wsgi.expected_errors(404)
@wsgi.api_version('2.1', avr.MAX_PROXY_API_SUPPORT_VERSION)
@wsgi.policies(policies.SHOW)
@validation.query_schema(schemas.no_query)
@validation.response_body_schema(schemas.show_response)
def show(req, network_id):
    ctx = req.context
    ctx.can(policies.SHOW, target={'project_id': ctx.project_id})
    try:
        network = neutron.API().get(ctx, network_id)
    except exception.NetworkNotFound:
        raise webob.exc.HTTPNotFound(explanation=_('Network not found'))
    return {'network': _view(ctx, network)}
