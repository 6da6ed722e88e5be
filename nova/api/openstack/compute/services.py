"""/os-services: list the services (admin)."""

from nova.api.openstack import api_version_request as avr
from nova.api.openstack import common
from nova.api.openstack.compute.schemas import services as schemas
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import api as compute_api
from nova.policies import services as policies

_TIME_FORMAT = '%Y-%m-%dT%H:%M:%S.%f'


def service_view(req, service, is_up):
    updated = (common.field(service, 'updated_at') or
               common.field(service, 'created_at'))
    view = {
        'id': service.uuid if avr.use_uuid_ids_for_services(req)
        else service.id,
        'binary': service.binary,
        'host': service.host,
        'zone': common.field(service, 'availability_zone'),
        'status': 'disabled' if service.disabled else 'enabled',
        'state': 'up' if is_up else 'down',
        'updated_at': (updated.replace(tzinfo=None).strftime(_TIME_FORMAT)
                       if updated else None),
        'disabled_reason': common.field(service, 'disabled_reason'),
    }
    if avr.allow_service_forced_down(req):
        view['forced_down'] = bool(common.field(service, 'forced_down'))
    return view


@wsgi.expected_errors(())
@wsgi.policies(policies.LIST)
@validation.query_schema(schemas.index_query, '2.1', '2.74')
@validation.query_schema(schemas.index_query_v275, '2.75')
@validation.response_body_schema(schemas.index_response, '2.1', '2.10')
@validation.response_body_schema(schemas.index_response_v211, '2.11')
def index(req):
    ctx = req.context
    ctx.can(policies.LIST, target={})
    filters = {}
    for name in ('host', 'binary'):
        value = common.last_value(req, name)
        if value:
            filters[name] = value
    host_api = compute_api.HostAPI()
    services = host_api.service_get_all(ctx, filters=filters or None)
    return {'services': [service_view(req, svc, host_api.service_is_up(svc))
                         for svc in services]}
