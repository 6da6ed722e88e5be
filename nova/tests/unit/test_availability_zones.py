"""Zones of hosts and services (nova.availability_zones): the pure
split into available and unavailable zones, table-driven, and the zones
host aggregates give, from a real (SQLite) API database."""

from nova import availability_zones
from nova import context as nova_context
from nova import objects
from nova import test
from nova.tests.fixtures import database


def _service(host, binary='nova-compute', disabled=False, zone=None):
    service = objects.Service(host=host, binary=binary, disabled=disabled)
    if zone is not None:
        service.availability_zone = zone
    return service


class TestSplitZones(test.TestCase):

    def test_split(self):
        cases = [
            # (host, zone, disabled) of each service -> (available,
            # unavailable) as {zone: hosts}
            ([], ({}, {})),
            ([('h1', 'nova', False)], ({'nova': {'h1'}}, {})),
            ([('h1', 'nova', True)], ({}, {'nova': {'h1'}})),
            # One enabled service makes the zone available.
            ([('h1', 'nova', True), ('h2', 'nova', False)],
             ({'nova': {'h2'}}, {})),
            ([('h1', 'az1', False), ('h2', 'az2', True),
              ('c1', 'internal', False)],
             ({'az1': {'h1'}, 'internal': {'c1'}}, {'az2': {'h2'}})),
        ]
        for rows, expected in cases:
            services = [_service(host, zone=zone, disabled=disabled)
                        for host, zone, disabled in rows]
            self.assertEqual(expected,
                             availability_zones.split_zones(services), rows)

    def test_zone_of(self):
        zones = {'h1': 'az1'}
        self.assertEqual('az1', availability_zones.zone_of(
            _service('h1'), zones))
        self.assertEqual('nova', availability_zones.zone_of(
            _service('h2'), zones))
        self.assertEqual('internal', availability_zones.zone_of(
            _service('h1', binary='nova-conductor'), zones))
        self.flags(default_availability_zone='dflt',
                   internal_service_availability_zone='own')
        self.assertEqual('dflt', availability_zones.zone_of(
            _service('h2'), zones))
        self.assertEqual('own', availability_zones.zone_of(
            _service('h2', binary='nova-scheduler'), zones))


class TestHostZones(test.TestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(database.Database())
        self.ctxt = nova_context.get_admin_context()

    def aggregate(self, name, hosts, **metadata):
        aggregate = objects.Aggregate(context=self.ctxt, name=name,
                                      metadata=metadata)
        aggregate.create()
        for host in hosts:
            aggregate.add_host(host)

    def test_zones_by_host(self):
        self.aggregate('zone1', ['h1', 'h2'], availability_zone='az1')
        self.aggregate('plain', ['h3'], ssd='true')
        # A host two zones claim reads as both (the API prevents it).
        self.aggregate('zone2', ['h2'], availability_zone='az2')
        self.assertEqual({'h1': 'az1', 'h2': 'az1,az2'},
                         availability_zones.zones_by_host(self.ctxt))
        self.assertEqual({'h1': 'az1'}, availability_zones.zones_by_host(
            self.ctxt, ['h1', 'h3']))
        self.assertEqual('az1', availability_zones.get_host_availability_zone(
            self.ctxt, 'h1'))
        self.assertEqual('nova', availability_zones.get_host_availability_zone(
            self.ctxt, 'h3'))

    def test_set_availability_zones(self):
        self.aggregate('zone1', ['h1'], availability_zone='az1')
        services = [_service('h1'), _service('h2'),
                    _service('h1', binary='nova-scheduler')]
        availability_zones.set_availability_zones(self.ctxt, services)
        self.assertEqual(['az1', 'nova', 'internal'],
                         [s.availability_zone for s in services])
