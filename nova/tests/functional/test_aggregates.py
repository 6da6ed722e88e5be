"""An admin manages host aggregates over HTTP (/os-aggregates) on two fake
hosts: their zones, their hosts (mirrored as placement aggregates) and
their metadata, with Nova's answers to requests that cannot be done."""

from nova import context as nova_context
from nova.scheduler.client import report
from nova.tests.fixtures import cloud as cloud_fixture
from nova.tests.functional import api_client

VIEW = {'id', 'name', 'availability_zone', 'created_at', 'updated_at',
        'deleted', 'deleted_at', 'hosts', 'metadata'}
CREATED_VIEW = VIEW - {'hosts', 'metadata'}


class AggregatesTestCase(cloud_fixture.SharedCloudTestCase):

    # Every answer is checked against its response schema too.
    cloud_options = {'fake_hosts': 2, 'api__validate_responses': True}

    def setUp(self):
        super().setUp()
        self.admin = self.cloud.admin_api
        self.api = self.cloud.api_for('demo', 'demo')
        self.hosts = sorted(c.host for c in self.cloud.computes)
        self.addCleanup(self.delete_all)

    def delete_all(self):
        for aggregate in self.admin.get('/os-aggregates').json()[
                'aggregates']:
            for host in aggregate['hosts']:
                self.act(aggregate['id'], 'remove_host', {'host': host})
            self.admin.delete('/os-aggregates/%s' % aggregate['id'])

    def create(self, name, zone=None, api=None, microversion='2.100'):
        body = {'name': name}
        if zone is not None:
            body['availability_zone'] = zone
        return (api or self.admin).post('/os-aggregates',
                                        {'aggregate': body},
                                        microversion=microversion)

    def make(self, name, zone=None, hosts=()):
        resp = self.create(name, zone)
        self.assertEqual(200, resp.status_code, resp.text)
        aggregate = resp.json()['aggregate']
        for host in hosts:
            resp = self.act(aggregate['id'], 'add_host', {'host': host})
            self.assertEqual(200, resp.status_code, resp.text)
        return aggregate

    def act(self, aggregate_id, name, args, api=None, **kw):
        return (api or self.admin).post(
            '/os-aggregates/%s/action' % aggregate_id, {name: args}, **kw)

    def put(self, aggregate_id, api=None, **values):
        return (api or self.admin).request(
            'PUT', '/os-aggregates/%s' % aggregate_id,
            {'aggregate': values})

    def show(self, aggregate_id):
        resp = self.admin.get('/os-aggregates/%s' % aggregate_id)
        self.assertEqual(200, resp.status_code, resp.text)
        return resp.json()['aggregate']


class TestAggregateLifecycle(AggregatesTestCase):

    def test_create_show_list_update_delete(self):
        resp = self.create('agg1', 'az1')
        self.assertEqual(200, resp.status_code, resp.text)
        created = resp.json()['aggregate']
        self.assertEqual(CREATED_VIEW | {'uuid'}, set(created))
        self.assertEqual(('agg1', 'az1', False, None, None), (
            created['name'], created['availability_zone'],
            created['deleted'], created['deleted_at'],
            created['updated_at']))
        agg_id = created['id']
        shown = self.show(agg_id)
        self.assertEqual(([], {'availability_zone': 'az1'},
                          created['uuid']),
                         (shown['hosts'], shown['metadata'], shown['uuid']))
        old = self.admin.get('/os-aggregates/%s' % agg_id,
                             microversion='2.40').json()['aggregate']
        self.assertEqual(VIEW, set(old))
        listed = self.admin.get('/os-aggregates').json()['aggregates']
        self.assertEqual([agg_id], [a['id'] for a in listed])
        self.assertIn('uuid', listed[0])
        self.assertNotIn('uuid', self.admin.get(
            '/os-aggregates', microversion='2.40').json()['aggregates'][0])
        # Surrounding spaces of a new name are stripped.
        resp = self.put(agg_id, name='  renamed ', availability_zone='az2')
        self.assertEqual(200, resp.status_code, resp.text)
        updated = resp.json()['aggregate']
        self.assertEqual(('renamed', 'az2', {'availability_zone': 'az2'}),
                         (updated['name'], updated['availability_zone'],
                          updated['metadata']))
        self.assertIsNotNone(updated['updated_at'])
        resp = self.admin.delete('/os-aggregates/%s' % agg_id)
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertEqual(404, self.admin.get(
            '/os-aggregates/%s' % agg_id).status_code)

    def test_metadata_and_zone(self):
        agg = self.make('agg1')
        self.assertIsNone(agg['availability_zone'])
        resp = self.act(agg['id'], 'set_metadata', {'metadata': {
            'ssd': 'true', 'availability_zone': 'fast', 'gone': None}})
        self.assertEqual(200, resp.status_code, resp.text)
        shown = resp.json()['aggregate']
        self.assertEqual(({'ssd': 'true', 'availability_zone': 'fast'},
                          'fast'),
                         (shown['metadata'], shown['availability_zone']))
        self.assertIsNotNone(shown['updated_at'])
        # A null value removes its key; other keys stay.
        resp = self.act(agg['id'], 'set_metadata', {'metadata': {
            'ssd': None, 'rack': 'r1'}})
        self.assertEqual({'availability_zone': 'fast', 'rack': 'r1'},
                         resp.json()['aggregate']['metadata'])
        # A zone is never an empty name (Nova: 400).
        for metadata in ({'availability_zone': None},
                         {'availability_zone': ''}):
            resp = self.act(agg['id'], 'set_metadata',
                            {'metadata': metadata})
            self.assertEqual(400, resp.status_code, (metadata, resp.text))
        self.assertEqual(400, self.put(
            agg['id'], availability_zone=None).status_code)
        self.assertEqual('fast', self.show(agg['id'])['availability_zone'])

    def test_hosts_and_their_placement_aggregates(self):
        agg = self.make('agg1')
        host = self.hosts[0]
        resp = self.act(agg['id'], 'add_host', {'host': host})
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertEqual([host], resp.json()['aggregate']['hosts'])
        self.assertEqual({agg['uuid']}, self.provider_aggregates(host))
        self.assertEqual(set(), self.provider_aggregates(self.hosts[1]))
        # A host with members cannot go: 400, as in Nova.
        resp = self.admin.delete('/os-aggregates/%s' % agg['id'])
        self.assertEqual(400, resp.status_code, resp.text)
        resp = self.act(agg['id'], 'remove_host', {'host': host})
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertEqual([], resp.json()['aggregate']['hosts'])
        self.assertEqual(set(), self.provider_aggregates(host))

    def provider_aggregates(self, host):
        hypervisors = self.admin.get(
            '/os-hypervisors/detail', microversion='2.53').json()[
            'hypervisors']
        rp_uuid = [h['id'] for h in hypervisors
                   if h['service']['host'] == host][0]
        found = report.SchedulerReportClient().get_provider_aggregates(
            nova_context.get_admin_context(), rp_uuid)
        return found[0]

    def test_images_are_accepted_for_precaching_from_2_81(self):
        agg = self.make('agg1', hosts=[self.hosts[0]])
        path = '/os-aggregates/%s/images' % agg['id']
        body = {'cache': [{'id': api_client.DEFAULT_IMAGE}]}
        resp = self.admin.post(path, body, microversion='2.81')
        self.assertEqual(202, resp.status_code, resp.text)
        self.assertEqual(b'', resp.content)
        self.assertEqual(404, self.admin.post(
            path, body, microversion='2.80').status_code)
        unknown = '7c8a3f7e-0000-4000-8000-000000000000'
        for bad in ({'cache': [{'id': api_client.DEFAULT_IMAGE}] * 2},
                    {'cache': [{'id': unknown}]},
                    {'cache': []}, {'cache': [{'id': 'not-a-uuid'}]}):
            resp = self.admin.post(path, bad, microversion='2.81')
            self.assertEqual(400, resp.status_code, (bad, resp.text))
        self.assertEqual(404, self.admin.post(
            '/os-aggregates/-1/images', body,
            microversion='2.81').status_code)
        self.assertEqual(403, self.api.post(
            path, body, microversion='2.81').status_code)


class TestAggregateRefusals(AggregatesTestCase):

    def test_bad_input_is_400(self):
        agg = self.make('agg1')
        for body in ({'name': ''}, {'name': 'x' * 256}, {'name': ' lead'},
                     {'name': 'a', 'availability_zone': 'a:b'},
                     {'name': 'a', 'availability_zone': ''},
                     {'name': 'a', 'other': 1}, {}):
            resp = self.admin.post('/os-aggregates', {'aggregate': body})
            self.assertEqual(400, resp.status_code, (body, resp.text))
        for values in ({}, {'name': '   '}, {'uuid': 'x'},
                       {'availability_zone': 'a:b'}):
            resp = self.put(agg['id'], **values)
            self.assertEqual(400, resp.status_code, (values, resp.text))
        self.assertEqual(400, self.admin.get('/os-aggregates/abc')
                         .status_code)
        self.assertEqual(400, self.put('abc', name='x').status_code)
        self.assertEqual(400, self.admin.delete('/os-aggregates/abc')
                         .status_code)
        for name, args in (('add_host', {}), ('add_host', {'host': 'a/b'}),
                           ('remove_host', {'host': ''}),
                           ('set_metadata', {'metadata': {'a/b': 'x'}}),
                           ('set_metadata', {'metadata': {'k': 1}}),
                           ('set_metadata', {}), ('no_such_action', {})):
            resp = self.act(agg['id'], name, args)
            self.assertEqual(400, resp.status_code, (name, resp.text))
        resp = self.admin.post('/os-aggregates/%s/action' % agg['id'],
                               {'add_host': {'host': self.hosts[0]},
                                'remove_host': {'host': self.hosts[0]}})
        self.assertEqual(400, resp.status_code, resp.text)
        self.assertEqual([], self.show(agg['id'])['hosts'])

    def test_non_admins_are_403(self):
        agg = self.make('agg1')
        one = '/os-aggregates/%s' % agg['id']
        for resp in (self.api.get('/os-aggregates'),
                     self.create('agg2', api=self.api),
                     self.api.get(one),
                     self.put(agg['id'], api=self.api, name='x'),
                     self.api.delete(one),
                     self.act(agg['id'], 'add_host', {'host': self.hosts[0]},
                              api=self.api),
                     self.act(agg['id'], 'remove_host',
                              {'host': self.hosts[0]}, api=self.api),
                     self.act(agg['id'], 'set_metadata',
                              {'metadata': {'a': 'b'}}, api=self.api)):
            self.assertEqual(403, resp.status_code, resp.text)
        self.assertEqual(('agg1', [], {}), (
            self.show(agg['id'])['name'], self.show(agg['id'])['hosts'],
            self.show(agg['id'])['metadata']))

    def test_unknown_aggregate_or_host_is_404(self):
        agg = self.make('agg1')
        for missing in ('-1', '424242', str(2 ** 70)):
            one = '/os-aggregates/%s' % missing
            for resp in (self.admin.get(one), self.admin.delete(one),
                         self.put(missing, name='x'),
                         self.act(missing, 'add_host',
                                  {'host': self.hosts[0]}),
                         self.act(missing, 'remove_host',
                                  {'host': self.hosts[0]}),
                         self.act(missing, 'set_metadata',
                                  {'metadata': {'a': 'b'}})):
                self.assertEqual(404, resp.status_code, resp.text)
        for name in ('add_host', 'remove_host'):
            resp = self.act(agg['id'], name, {'host': 'tempest-no_such.host'})
            self.assertEqual(404, resp.status_code, resp.text)
        # Not a member.
        resp = self.act(agg['id'], 'remove_host', {'host': self.hosts[0]})
        self.assertEqual(404, resp.status_code, resp.text)
        self.assertIn('Cannot remove host', resp.json()['itemNotFound'][
            'message'])

    def test_names_and_members_taken_are_409(self):
        agg = self.make('agg1', hosts=[self.hosts[0]])
        other = self.make('agg2')
        self.assertEqual(409, self.create('agg1').status_code)
        self.assertEqual(409, self.put(other['id'], name='agg1').status_code)
        # Renaming to its own name is fine.
        self.assertEqual(200, self.put(agg['id'], name='agg1').status_code)
        resp = self.act(agg['id'], 'add_host', {'host': self.hosts[0]})
        self.assertEqual(409, resp.status_code, resp.text)

    def test_a_host_is_in_one_zone(self):
        host = self.hosts[0]
        self.make('zone1', 'az1', hosts=[host])
        zone2 = self.make('zone2', 'az2')
        # Adding it to another zone: 409 (add_host answers 409, as Nova).
        resp = self.act(zone2['id'], 'add_host', {'host': host})
        self.assertEqual(409, resp.status_code, resp.text)
        self.assertIn('already in availability zone', resp.text)
        # An aggregate without a zone may hold it, and take its zone...
        plain = self.make('plain', hosts=[host])
        resp = self.act(plain['id'], 'set_metadata',
                        {'metadata': {'availability_zone': 'az1'}})
        self.assertEqual(200, resp.status_code, resp.text)
        # ...but no other one: 400 for update and set_metadata.
        resp = self.put(plain['id'], availability_zone='az3')
        self.assertEqual(400, resp.status_code, resp.text)
        resp = self.act(plain['id'], 'set_metadata',
                        {'metadata': {'availability_zone': 'az3'}})
        self.assertEqual(400, resp.status_code, resp.text)
        self.assertEqual('az1', self.show(plain['id'])['availability_zone'])

    def test_a_host_with_servers_keeps_its_zone(self):
        host = self.hosts[0]
        server = self.admin.create_server(host=host)['server']
        self.admin.wait_for_status(server['id'], 'ACTIVE')
        zone = self.make('zone1', 'az1')
        resp = self.act(zone['id'], 'add_host', {'host': host})
        self.assertEqual(409, resp.status_code, resp.text)
        # Into an aggregate without a zone it may go, and then that
        # aggregate cannot become a zone.
        plain = self.make('plain', hosts=[host])
        resp = self.put(plain['id'], availability_zone='az1')
        self.assertEqual(400, resp.status_code, resp.text)
        self.assertIn('contain instances', resp.text)
        self.assertEqual(200, self.act(plain['id'], 'remove_host',
                                       {'host': host}).status_code)
        # Once the server is gone the host may change zone.
        self.admin.delete('/servers/%s' % server['id'])
        self.admin.wait_until_gone(server['id'])
        resp = self.act(zone['id'], 'add_host', {'host': host})
        self.assertEqual(200, resp.status_code, resp.text)
        # With a server there again it cannot leave the zone.
        server = self.admin.create_server(host=host)['server']
        self.admin.wait_for_status(server['id'], 'ACTIVE')
        resp = self.act(zone['id'], 'remove_host', {'host': host})
        self.assertEqual(409, resp.status_code, resp.text)
        self.assertEqual([host], self.show(zone['id'])['hosts'])
