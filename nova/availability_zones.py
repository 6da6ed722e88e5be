"""Availability zones: which zone a host and a service are in.

A compute host is in the zone named by the ``availability_zone`` metadata
of a host aggregate it is in, else in ``[DEFAULT]
default_availability_zone``. The aggregate API keeps a host out of two
aggregates with different zones; should that still happen the host's zone
reads as both names joined by a comma. Services other than nova-compute
are in ``[DEFAULT] internal_service_availability_zone``.

A zone is available when an enabled service is in it; it is unavailable
when only disabled services are.
"""

import collections

import nova.conf
from nova import objects
from nova.objects import aggregate as aggregate_obj

CONF = nova.conf.CONF

COMPUTE_BINARY = 'nova-compute'


def zones_by_host(context, hosts=None):
    """``{host: zone}`` of the hosts in an aggregate with a zone (only of
    ``hosts`` when given); hosts in none are left out."""
    wanted = set(hosts) if hosts is not None else None
    names = collections.defaultdict(set)
    for aggregate in objects.AggregateList.get_by_metadata_key(
            context, aggregate_obj.AZ_KEY,
            hosts=list(wanted) if wanted is not None else None):
        for host in aggregate.hosts:
            if wanted is None or host in wanted:
                names[host].add(aggregate.availability_zone)
    return {host: ','.join(sorted(zones)) for host, zones in names.items()}


def get_host_availability_zone(context, host):
    """The zone of the compute host ``host``."""
    return zones_by_host(context, [host]).get(
        host, CONF.default_availability_zone)


def zone_of(service, host_zones):
    """The zone of ``service`` given ``{host: zone}`` of compute hosts."""
    if service.binary != COMPUTE_BINARY:
        return CONF.internal_service_availability_zone
    return host_zones.get(service.host, CONF.default_availability_zone)


def set_availability_zones(context, services):
    """Set ``availability_zone`` on each of ``services``; returns them."""
    host_zones = zones_by_host(context, {
        s.host for s in services if s.binary == COMPUTE_BINARY})
    for service in services:
        service.availability_zone = zone_of(service, host_zones)
    return services


def split_zones(services):
    """``(available, unavailable)``: each ``{zone: set of hosts}`` of
    ``services`` (with zones set). A zone is available when an enabled
    service is in it, unavailable when only disabled ones are."""
    available = collections.defaultdict(set)
    disabled = collections.defaultdict(set)
    for service in services:
        target = disabled if service.disabled else available
        target[service.availability_zone].add(service.host)
    unavailable = {zone: hosts for zone, hosts in disabled.items()
                   if zone not in available}
    return dict(available), unavailable


def available_compute_zones(context, host_api):
    """Names of the zones with an enabled compute service: where a server
    can be asked to go."""
    services = host_api.service_get_all(
        context, filters={'binary': COMPUTE_BINARY}, set_zones=True)
    available, _unavailable = split_zones(services)
    return set(available)
