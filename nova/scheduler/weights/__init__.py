"""Host weighers: each scores hosts; higher total wins.

A weigher returns a raw value per host; ``weigh_hosts`` normalises each
weigher's values to [0, 1] across the candidates, multiplies by the
weigher's multiplier and adds them up, in this one place.
"""

from nova.scheduler.weights import affinity
from nova.scheduler.weights import cpu
from nova.scheduler.weights import disk
from nova.scheduler.weights import ram

WEIGHERS = {
    'RAMWeigher': ram.RAMWeigher,
    'CPUWeigher': cpu.CPUWeigher,
    'DiskWeigher': disk.DiskWeigher,
    'ServerGroupSoftAffinityWeigher': affinity.ServerGroupSoftAffinityWeigher,
    'ServerGroupSoftAntiAffinityWeigher':
        affinity.ServerGroupSoftAntiAffinityWeigher,
}

ALL_WEIGHERS_ALIAS = 'nova.scheduler.weights.all_weighers'


class UnknownWeigher(Exception):
    pass


def all_weighers():
    return list(WEIGHERS.values())


def load(names):
    weighers = []
    for name in names:
        if name == ALL_WEIGHERS_ALIAS or name == 'all_weighers':
            weighers.extend(cls() for cls in all_weighers())
            continue
        short = name.rpartition('.')[2]
        if short not in WEIGHERS:
            raise UnknownWeigher(name)
        weighers.append(WEIGHERS[short]())
    return weighers


def normalize(values):
    """Scale ``values`` to [0, 1]; all-equal values all become 0."""
    if not values:
        return []
    low, high = min(values), max(values)
    if high == low:
        return [0.0] * len(values)
    span = float(high - low)
    return [(v - low) / span for v in values]


def weigh_hosts(weighers, host_states, spec_obj):
    """``[(weight, host_state)]`` sorted best first."""
    totals = [0.0] * len(host_states)
    for weigher in weighers:
        multiplier = weigher.weight_multiplier()
        if not multiplier:
            continue
        raw = [weigher.raw_weight(h, spec_obj) for h in host_states]
        for i, value in enumerate(normalize(raw)):
            totals[i] += multiplier * value
    ranked = list(zip(totals, host_states))
    ranked.sort(key=lambda pair: pair[0], reverse=True)
    return ranked
