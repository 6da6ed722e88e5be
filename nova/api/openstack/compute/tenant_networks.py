"""GET /os-tenant-networks[/{network_id}] (2.1 - 2.35; 404 after, as in
Nova): a read-only proxy to the networks the caller may see in the
network service, in nova-network's tenant-networks shape: ``id``,
``label`` (the name) and ``cidr``, the CIDR of the network's first
subnet (the string ``'None'``, as Nova answers, when it has none).
Creating and deleting went with nova-network: 410 (``not_implemented``).
"""

import webob.exc

from nova.api.openstack import api_version_request as avr
from nova.api.openstack.compute.schemas import tenant_networks as schemas
from nova.api.openstack import wsgi
from nova.api import validation
from nova import exception
from nova.i18n import _
from nova.network import neutron
from nova.policies import tenant_networks as policies

NO_CIDR = 'None'


def _first_cidrs(ctx, networks):
    """{network id: CIDR of its first subnet} for ``networks``."""
    wanted = {n['subnets'][0]: n['id'] for n in networks if n.get('subnets')}
    if not wanted:
        return {}
    return {wanted[s['id']]: s['cidr']
            for s in neutron.API().list_subnets(ctx, id=sorted(wanted))
            if s['id'] in wanted}


def _views(ctx, networks):
    cidrs = _first_cidrs(ctx, networks)
    return [{'id': n['id'], 'label': n.get('name') or '',
             'cidr': cidrs.get(n['id'], NO_CIDR)} for n in networks]


@wsgi.expected_errors(())
@wsgi.api_version('2.1', avr.MAX_PROXY_API_SUPPORT_VERSION)
@wsgi.policies(policies.LIST)
@validation.query_schema(schemas.no_query)
@validation.response_body_schema(schemas.index_response)
def index(req):
    ctx = req.context
    ctx.can(policies.LIST, target={'project_id': ctx.project_id})
    return {'networks': _views(ctx, neutron.API().get_all(ctx))}


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
    return {'network': _views(ctx, [network])[0]}
