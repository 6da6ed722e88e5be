"""GET /os-floating-ip-pools (until 2.35): the pools floating IPs are
allocated from, i.e. the external networks of the network service, by
name (their ID when unnamed), as Nova proxies them."""

from nova.api.openstack import api_version_request as avr
from nova.api.openstack.compute.schemas import floating_ip_pools as schemas
from nova.api.openstack import wsgi
from nova.api import validation
from nova.network import neutron
from nova.policies import floating_ip_pools as policies


@wsgi.expected_errors(())
@wsgi.api_version('2.1', avr.MAX_PROXY_API_SUPPORT_VERSION)
@wsgi.policies(policies.LIST)
@validation.query_schema(schemas.index_query)
@validation.response_body_schema(schemas.index_response)
def index(req):
    ctx = req.context
    ctx.can(policies.LIST, target={})
    pools = neutron.API().get_floating_ip_pools(ctx)
    return {'floating_ip_pools': [{'name': pool.get('name') or pool['id']}
                                  for pool in pools]}
