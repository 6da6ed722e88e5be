"""Availability zones over HTTP on two fake hosts, the second put into an
aggregate with the zone ``az1``: the zone lists, the zones of services,
and servers booted and unshelved into a zone."""

from nova.tests.fixtures import cloud as cloud_fixture
from nova.tests.functional import api_client


class ZonesTestCase(cloud_fixture.SharedCloudTestCase):

    # Every answer is checked against its response schema too.
    cloud_options = {'fake_hosts': 2, 'api__validate_responses': True}

    def setUp(self):
        super().setUp()
        self.admin = self.cloud.admin_api
        self.api = self.cloud.api_for('demo', 'demo')
        self.default_host, self.az1_host = sorted(
            c.host for c in self.cloud.computes)
        resp = self.admin.post('/os-aggregates', {'aggregate': {
            'name': 'zone1', 'availability_zone': 'az1'}})
        self.assertEqual(200, resp.status_code, resp.text)
        self.aggregate = resp.json()['aggregate']['id']
        self.addCleanup(self.admin.delete,
                        '/os-aggregates/%s' % self.aggregate)
        self.assertEqual(200, self.act('add_host').status_code)
        self.addCleanup(self.act, 'remove_host')
        # A host with servers keeps its zone: they go first (cleanups run
        # last registered first).
        self.addCleanup(self.cloud.delete_all_servers)

    def act(self, name):
        return self.admin.post('/os-aggregates/%s/action' % self.aggregate,
                               {name: {'host': self.az1_host}})

    def zones(self, path, api):
        resp = api.get(path)
        self.assertEqual(200, resp.status_code, resp.text)
        return {z['zoneName']: z for z in resp.json()['availabilityZoneInfo']}

    def boot(self, **extra):
        body = {'name': 'vm', 'flavorRef': '1', 'networks': 'none',
                'imageRef': api_client.DEFAULT_IMAGE}
        body.update(extra)
        return self.api.post('/servers', {'server': body})

    def booted(self, **extra):
        resp = self.boot(**extra)
        self.assertEqual(202, resp.status_code, resp.text)
        server_id = resp.json()['server']['id']
        self.api.wait_for_status(server_id, 'ACTIVE')
        return self.admin.get_server(server_id)


class TestAvailabilityZones(ZonesTestCase):

    def test_everyone_lists_the_zones_without_hosts(self):
        zones = self.zones('/os-availability-zone', self.api)
        self.assertEqual({'nova', 'az1'}, set(zones))
        self.assertEqual({'zoneName': 'az1', 'hosts': None,
                          'zoneState': {'available': True}}, zones['az1'])
        self.assertTrue(zones['nova']['zoneState']['available'])
        # An aggregate without hosts makes no zone.
        resp = self.admin.post('/os-aggregates', {'aggregate': {
            'name': 'empty', 'availability_zone': 'az2'}})
        self.addCleanup(self.admin.delete, '/os-aggregates/%s' %
                        resp.json()['aggregate']['id'])
        self.assertNotIn('az2', self.zones('/os-availability-zone',
                                           self.api))

    def test_admins_see_hosts_and_services_in_the_detail(self):
        self.assertEqual(403, self.api.get(
            '/os-availability-zone/detail').status_code)
        zones = self.zones('/os-availability-zone/detail', self.admin)
        self.assertEqual({'nova', 'az1', 'internal'}, set(zones))
        self.assertEqual({self.az1_host}, set(zones['az1']['hosts']))
        compute = zones['az1']['hosts'][self.az1_host]['nova-compute']
        self.assertEqual((True, True), (compute['available'],
                                        compute['active']))
        # The time of its last heartbeat (None before the first one).
        self.assertIn('updated_at', compute)
        self.assertEqual({'nova-compute'}, set(
            zones['nova']['hosts'][self.default_host]))
        internal = set()
        for services in zones['internal']['hosts'].values():
            internal.update(services)
        self.assertIn('nova-conductor', internal)
        self.assertIn('nova-scheduler', internal)
        self.assertNotIn('nova-compute', internal)

    def test_services_show_their_zones(self):
        services = self.admin.get('/os-services').json()['services']
        zones = {(s['binary'], s['host']): s['zone'] for s in services}
        self.assertEqual('az1', zones[('nova-compute', self.az1_host)])
        self.assertEqual('nova', zones[('nova-compute', self.default_host)])
        self.assertEqual({'internal'}, {
            zone for (binary, _host), zone in zones.items()
            if binary != 'nova-compute'})

    def test_servers_land_in_the_zone_asked_for(self):
        for _ in range(3):
            server = self.booted(availability_zone='az1')
            self.assertEqual(('az1', self.az1_host), (
                server['OS-EXT-AZ:availability_zone'],
                server['OS-EXT-SRV-ATTR:host']))
            server = self.booted(availability_zone='nova')
            self.assertEqual(('nova', self.default_host), (
                server['OS-EXT-AZ:availability_zone'],
                server['OS-EXT-SRV-ATTR:host']))
            # 2.96: the zone asked for is the one the server is pinned to.
            self.assertEqual('nova', self.api.get_server(server['id'])[
                'pinned_availability_zone'])
        # Without a zone a server shows the zone of its host once placed,
        # and is pinned to none.
        server = self.booted()
        expected = ('az1' if server['OS-EXT-SRV-ATTR:host'] == self.az1_host
                    else 'nova')
        self.assertEqual(expected, server['OS-EXT-AZ:availability_zone'])
        self.assertIsNone(server['pinned_availability_zone'])
        self.assertNotIn('pinned_availability_zone', self.api.get(
            '/servers/%s' % server['id'], microversion='2.95').json()[
            'server'])
        listed = self.api.get('/servers/detail?availability_zone=az1')
        self.assertEqual({'az1'}, {
            s['OS-EXT-AZ:availability_zone']
            for s in listed.json()['servers']})

    def test_a_zone_without_hosts_is_unknown(self):
        self.assertEqual(200, self.act('remove_host').status_code)
        self.assertEqual(400, self.boot(availability_zone='az1').status_code)
        self.assertNotIn('az1', self.zones('/os-availability-zone',
                                           self.api))
        self.assertEqual(200, self.act('add_host').status_code)

    def test_unknown_or_internal_zone_is_400(self):
        for zone in ('nowhere', 'internal', 'AZ1'):
            resp = self.boot(availability_zone=zone)
            self.assertEqual(400, resp.status_code, (zone, resp.text))
            self.assertIn('availability zone is not available', resp.text)
        self.assertEqual([], self.api.get('/servers').json()['servers'])

    def test_unshelve_into_a_zone(self):
        server = self.booted(availability_zone='nova')
        path = '/servers/%s/action' % server['id']
        self.assertEqual(202, self.api.post(path, {'shelve': None})
                         .status_code)
        self.api.wait_for_status(server['id'], 'SHELVED_OFFLOADED')
        # A host outside the zone asked for: 409, as in Nova.
        resp = self.admin.post(path, {'unshelve': {
            'availability_zone': 'az1', 'host': self.default_host}},
            microversion='2.91')
        self.assertEqual(409, resp.status_code, resp.text)
        resp = self.api.post(path, {'unshelve': {
            'availability_zone': 'nowhere'}}, microversion='2.77')
        self.assertEqual(400, resp.status_code, resp.text)
        resp = self.api.post(path, {'unshelve': {
            'availability_zone': 'az1'}}, microversion='2.77')
        self.assertEqual(202, resp.status_code, resp.text)
        self.api.wait_for_status(server['id'], 'ACTIVE')
        server = self.admin.get_server(server['id'])
        self.assertEqual(('az1', self.az1_host), (
            server['OS-EXT-AZ:availability_zone'],
            server['OS-EXT-SRV-ATTR:host']))
        self.assertEqual('az1', server['pinned_availability_zone'])


class TestZoneInPlacementQuery(ZonesTestCase):
    """Without the AvailabilityZoneFilter, placement alone (``member_of``
    the zone's aggregates) keeps servers in a zone an aggregate names."""

    cloud_options = dict(ZonesTestCase.cloud_options,
                         filter_scheduler__enabled_filters=['ComputeFilter'])

    def test_servers_land_in_the_zone_asked_for(self):
        for _ in range(4):
            server = self.booted(availability_zone='az1')
            self.assertEqual(self.az1_host, server['OS-EXT-SRV-ATTR:host'])
