"""AvailabilityZoneFilter: only hosts in the availability zone the request
asks for (``RequestSpec.availability_zone``); a request without one
passes every host.

A host's zone is that of its host aggregates with an ``availability_zone``
(``nova.availability_zones``), else ``[DEFAULT] default_availability_zone``.
Placement already narrows candidates to the aggregates of a named zone
(``nova.scheduler.request_filter``); this filter is what keeps the hosts
of other zones out when the zone asked for is the default one, which no
aggregate carries. The zones of all hosts are read once per request.
"""

import nova.conf
from nova import availability_zones
from nova.scheduler.filters import base

CONF = nova.conf.CONF


def requested_zone(spec_obj):
    """The zone ``spec_obj`` asks for, or None."""
    return (spec_obj.availability_zone
            if spec_obj.obj_attr_is_set('availability_zone') else None)


def in_zone(zone, host_zone):
    """Whether a host whose zone reads ``host_zone`` (names joined by ','
    when aggregates disagree) is in ``zone``."""
    return zone in host_zone.split(',')


class AvailabilityZoneFilter(base.BaseHostFilter):

    # Zones do not change while one request is placed.
    run_filter_for_each_instance = False

    def __init__(self):
        self._zones = {}

    def prepare(self, context, spec_obj, host_manager):
        self._zones = (availability_zones.zones_by_host(context)
                       if requested_zone(spec_obj) else {})

    def fits(self, host_state, spec_obj):
        zone = requested_zone(spec_obj)
        if not zone:
            return True, None
        host_zone = self._zones.get(host_state.host,
                                    CONF.default_availability_zone)
        if in_zone(zone, host_zone):
            return True, None
        return False, 'in availability zone %s, not %s' % (host_zone, zone)
