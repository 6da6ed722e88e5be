"""What a request adds to the allocation-candidates query of placement,
worked out once per request before it is sent.

A request for an availability zone asks for providers in one of the
placement aggregates mirroring the host aggregates of that zone
(``member_of``), as Nova's ``map_az_to_placement_aggregate`` does. A
zone no aggregate carries (the default zone) adds nothing; the
AvailabilityZoneFilter then keeps the other zones' hosts out.
"""

from nova import objects
from nova.objects import aggregate as aggregate_obj
from nova.scheduler.filters import availability_zone_filter


def member_of(context, spec_obj):
    """The ``member_of`` argument of ``get_allocation_candidates`` for
    ``spec_obj``: a list of lists of aggregate UUIDs (any of each)."""
    zone = availability_zone_filter.requested_zone(spec_obj)
    if not zone:
        return []
    aggregates = objects.AggregateList.get_by_metadata(
        context, key=aggregate_obj.AZ_KEY, value=zone)
    uuids = sorted(a.uuid for a in aggregates)
    return [uuids] if uuids else []
