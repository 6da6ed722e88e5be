"""/os-availability-zone[/detail]: the availability zones.

The list shows each zone with an enabled service as available and each
zone with only disabled services as not, without the zone of the
internal services (``internal_service_availability_zone``). The detail
(admin) shows it too, and for each available zone its hosts with their
enabled services: ``{"nova-compute": {"available": <up>, "active":
<enabled>, "updated_at": <heartbeat>}}``. Zones come from host
aggregates (``nova.availability_zones``).
"""

from nova.api.openstack.compute.schemas import availability_zone as schemas
from nova.api.openstack import wsgi
from nova.api import validation
from nova import availability_zones
from nova.compute import api as compute_api
import nova.conf
from nova.policies import availability_zone as policies

CONF = nova.conf.CONF

# The API services keep no heartbeat of their own here (Nova's are
# skipped the same way).
_API_BINARIES = ('nova-osapi_compute', 'nova-metadata')


def _time(value):
    return (value.replace(tzinfo=None).strftime('%Y-%m-%dT%H:%M:%S.%f')
            if value else None)


def _zone(name, available, hosts=None):
    return {'zoneName': name, 'zoneState': {'available': available},
            'hosts': hosts}


def _services(req):
    return compute_api.HostAPI().service_get_all(
        req.context.elevated(), set_zones=True)


@wsgi.expected_errors(())
@wsgi.policies(policies.LIST)
@validation.query_schema(schemas.query)
@validation.response_body_schema(schemas.index_response)
def index(req):
    req.context.can(policies.LIST, target={})
    available, unavailable = availability_zones.split_zones(_services(req))
    internal = CONF.internal_service_availability_zone
    return {'availabilityZoneInfo': [
        _zone(name, state) for zones, state in ((available, True),
                                                (unavailable, False))
        for name in sorted(zones) if name != internal]}


def _host_services(host_api, services, zone):
    """``{host: {binary: state}}`` of the enabled ``services`` in
    ``zone``."""
    hosts = {}
    for service in services:
        if (service.disabled or service.availability_zone != zone or
                service.binary in _API_BINARIES):
            continue
        hosts.setdefault(service.host, {})[service.binary] = {
            'available': host_api.service_is_up(service),
            'active': True,
            'updated_at': _time(service.updated_at),
        }
    return hosts


@wsgi.expected_errors(())
@wsgi.policies(policies.DETAIL)
@validation.query_schema(schemas.query)
@validation.response_body_schema(schemas.detail_response)
def detail(req):
    req.context.can(policies.DETAIL, target={})
    host_api = compute_api.HostAPI()
    services = _services(req)
    available, unavailable = availability_zones.split_zones(services)
    zones = [_zone(name, True, _host_services(host_api, services, name))
             for name in sorted(available)]
    zones += [_zone(name, False) for name in sorted(unavailable)]
    return {'availabilityZoneInfo': zones}
