"""AvailabilityZoneFilter and the zone's placement query (member_of),
table-driven, with the host aggregates in a real (SQLite) API database."""

from nova import context as nova_context
from nova import objects
from nova.scheduler.filters import availability_zone_filter as az_filter
from nova.scheduler import request_filter
from nova import test
from nova.tests.fixtures import database
from nova.tests.unit.scheduler import fakes


def _spec(zone=None):
    spec = fakes.request_spec()
    if zone is not None:
        spec.availability_zone = zone
    return spec


class TestInZone(test.TestCase):

    def test_in_zone(self):
        cases = [
            # (zone asked for, host's zone) -> fits
            (('az1', 'az1'), True),
            (('az1', 'nova'), False),
            (('az1', 'az1,az2'), True),
            (('az2', 'az1,az2'), True),
            (('az', 'az1'), False),
            (('AZ1', 'az1'), False),
        ]
        for (zone, host_zone), expected in cases:
            self.assertEqual(expected, az_filter.in_zone(zone, host_zone),
                             (zone, host_zone))

    def test_requested_zone(self):
        self.assertIsNone(az_filter.requested_zone(_spec()))
        self.assertIsNone(az_filter.requested_zone(_spec(zone=None)))
        self.assertEqual('az1', az_filter.requested_zone(_spec('az1')))


class _ZonesTestCase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(database.Database())
        self.ctxt = nova_context.get_admin_context()

    def aggregate(self, name, hosts, zone=None, **metadata):
        if zone:
            metadata['availability_zone'] = zone
        aggregate = objects.Aggregate(context=self.ctxt, name=name,
                                      metadata=metadata)
        aggregate.create()
        for host in hosts:
            aggregate.add_host(host)
        return aggregate


class TestAvailabilityZoneFilter(_ZonesTestCase):

    def setUp(self):
        super().setUp()
        self.aggregate('zone1', ['h1', 'h2'], zone='az1')
        self.aggregate('ssd', ['h2', 'h3'], ssd='true')
        self.hosts = [fakes.host_state(h) for h in ('h1', 'h2', 'h3', 'h4')]

    def passing(self, zone, **flags):
        if flags:
            self.flags(**flags)
        spec = _spec(zone)
        host_filter = az_filter.AvailabilityZoneFilter()
        host_filter.prepare(self.ctxt, spec, None)
        passed, rejected = host_filter.filter_all(self.hosts, spec)
        return [h.host for h in passed], rejected

    def test_fits(self):
        cases = [
            # zone asked for -> hosts passing
            (None, ['h1', 'h2', 'h3', 'h4']),
            ('az1', ['h1', 'h2']),
            ('nova', ['h3', 'h4']),
            ('elsewhere', []),
        ]
        for zone, expected in cases:
            self.assertEqual(expected, self.passing(zone)[0], zone)

    def test_the_default_zone_follows_the_option(self):
        passed, rejected = self.passing('other',
                                        default_availability_zone='other')
        self.assertEqual(['h3', 'h4'], passed)
        self.assertEqual('in availability zone az1, not other',
                         rejected['h1'])

    def test_runs_once_per_request(self):
        self.assertFalse(
            az_filter.AvailabilityZoneFilter.run_filter_for_each_instance)


class TestMemberOf(_ZonesTestCase):

    def test_zone_becomes_member_of_its_aggregates(self):
        first = self.aggregate('zone1-a', ['h1'], zone='az1')
        second = self.aggregate('zone1-b', ['h2'], zone='az1')
        self.aggregate('zone2', ['h3'], zone='az2')
        self.aggregate('plain', ['h4'], az1='not a zone')
        self.assertEqual([sorted([first.uuid, second.uuid])],
                         request_filter.member_of(self.ctxt, _spec('az1')))

    def test_no_zone_or_no_aggregate_adds_nothing(self):
        self.aggregate('zone1', ['h1'], zone='az1')
        self.assertEqual([], request_filter.member_of(self.ctxt, _spec()))
        self.assertEqual([], request_filter.member_of(self.ctxt,
                                                      _spec('nova')))
