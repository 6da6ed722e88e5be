"""Host filters: each says whether one host can take one request.

A filter is a class under this package with ``fits(host_state, spec_obj)``
returning ``(ok, reason)``; ``enabled_filters`` names them by class name,
as Nova does. ``FILTERS`` is the explicit registry.
"""

from nova.scheduler.filters import affinity_filter
from nova.scheduler.filters import availability_zone_filter
from nova.scheduler.filters import compute_filter
from nova.scheduler.filters import server_group_filter

FILTERS = {
    'ComputeFilter': compute_filter.ComputeFilter,
    'SameHostFilter': affinity_filter.SameHostFilter,
    'DifferentHostFilter': affinity_filter.DifferentHostFilter,
    'AvailabilityZoneFilter': availability_zone_filter.AvailabilityZoneFilter,
    'ServerGroupAffinityFilter':
        server_group_filter.ServerGroupAffinityFilter,
    'ServerGroupAntiAffinityFilter':
        server_group_filter.ServerGroupAntiAffinityFilter,
}


class UnknownFilter(Exception):
    pass


def load(names):
    """Instances of the filters named in ``names``, in that order."""
    filters = []
    for name in names:
        short = name.rpartition('.')[2]
        if short not in FILTERS:
            raise UnknownFilter(name)
        filters.append(FILTERS[short]())
    return filters
