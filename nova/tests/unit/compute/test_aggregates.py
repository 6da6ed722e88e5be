"""The pure zone rules of the aggregate API (nova.compute.aggregates),
table-driven."""

from nova.compute import aggregates
from nova import objects
from nova import test


def _agg(agg_id, zone=None):
    return objects.Aggregate(id=agg_id, metadata=(
        {'availability_zone': zone} if zone else {}))


class TestZoneRules(test.TestCase):

    def test_conflicting_zones(self):
        cases = [
            # (zone asked, the aggregate's id, others: (id, zone)) -> zones
            (('az1', 1, []), []),
            (('az1', 1, [(2, 'az1')]), []),
            (('az1', 1, [(2, 'az2'), (3, 'az3'), (4, 'az2')]),
             ['az2', 'az3']),
            # The aggregate itself does not conflict with its new zone.
            (('az1', 1, [(1, 'az9')]), []),
            (('az1', 1, [(2, None)]), []),
        ]
        for (zone, own, others), expected in cases:
            found = aggregates.conflicting_zones(
                zone, _agg(own), [_agg(i, z) for i, z in others])
            self.assertEqual(expected, found, (zone, own, others))

    def test_zone_of_host(self):
        cases = [
            # (aggregates: (id, zone), without) -> zone
            (([], None), None),
            (([(1, None)], None), None),
            (([(1, 'az1'), (2, None)], None), 'az1'),
            (([(1, 'az1')], 1), None),
            (([(1, 'az1'), (2, 'az1')], 1), 'az1'),
        ]
        for (rows, without), expected in cases:
            self.assertEqual(expected, aggregates.zone_of_host(
                [_agg(i, z) for i, z in rows], without=without),
                (rows, without))
