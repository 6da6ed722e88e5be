"""Server groups over HTTP on two fake hosts: the API, booting into a
group with the ``group`` hint, the (anti-)affinity policies and quotas."""

import time

from oslo_utils import uuidutils

from nova.tests.fixtures import cloud as cloud_fixture
from nova.tests.functional import api_client


class TestServerGroups(cloud_fixture.SharedCloudTestCase):

    cloud_options = {'fake_hosts': 2}

    def setUp(self):
        super().setUp()
        self.api = self.cloud.api_for('demo', 'demo')
        self.admin = self.cloud.admin_api
        self.addCleanup(self._delete_groups)

    def _delete_groups(self):
        for group in self.admin.get('/os-server-groups?all_projects=1').json()[
                'server_groups']:
            self.admin.delete('/os-server-groups/%s' % group['id'])
        self.admin.delete('/os-quota-sets/demo')

    def group(self, policy, rules=None, microversion='2.64'):
        body = {'name': 'g-' + policy, 'policy': policy}
        if rules:
            body['rules'] = rules
        resp = self.api.post('/os-server-groups', {'server_group': body},
                             microversion=microversion)
        self.assertEqual(200, resp.status_code, resp.text)
        return resp.json()['server_group']['id']

    def boot(self, group_id, **extra):
        return self.api.post('/servers', {
            'server': dict({'name': 'vm', 'flavorRef': '1',
                            'imageRef': api_client.DEFAULT_IMAGE,
                            'networks': 'none'}, **extra),
            'os:scheduler_hints': {'group': group_id}})

    def boot_active(self, group_id):
        resp = self.boot(group_id)
        self.assertEqual(202, resp.status_code, resp.text)
        server_id = resp.json()['server']['id']
        self.api.wait_for_status(server_id, 'ACTIVE')
        return server_id

    def host(self, server_id):
        return self.admin.get_server(server_id)['OS-EXT-SRV-ATTR:host']

    def test_create_show_list_delete_by_microversion(self):
        resp = self.api.post('/os-server-groups', {'server_group': {
            'name': 'old', 'policies': ['anti-affinity']}},
            microversion='2.1')
        self.assertEqual(200, resp.status_code, resp.text)
        old = resp.json()['server_group']
        self.assertEqual((['anti-affinity'], {}, []), (
            old['policies'], old['metadata'], old['members']))
        self.assertNotIn('project_id', old)
        shown = self.api.get('/os-server-groups/%s' % old['id'],
                             microversion='2.13').json()['server_group']
        self.assertEqual('demo', shown['project_id'])
        new = self.api.get('/os-server-groups/%s' % old['id']).json()[
            'server_group']
        self.assertEqual(('anti-affinity', {}), (new['policy'],
                                                 new['rules']))
        self.assertNotIn('policies', new)
        gid = self.group('anti-affinity', {'max_server_per_host': 3})
        shown = self.api.get('/os-server-groups/%s' % gid).json()[
            'server_group']
        self.assertEqual({'max_server_per_host': 3}, shown['rules'])
        listed = self.api.get('/os-server-groups').json()['server_groups']
        self.assertEqual({old['id'], gid}, {g['id'] for g in listed})
        self.assertEqual(1, len(self.api.get(
            '/os-server-groups?limit=1&offset=1').json()['server_groups']))
        other = self.cloud.api_for('alt', 'alt')
        self.assertEqual([], other.get('/os-server-groups').json()[
            'server_groups'])
        self.assertEqual(403, other.get('/os-server-groups/%s' % gid)
                         .status_code)
        self.assertEqual(204, self.api.delete('/os-server-groups/%s' % gid)
                         .status_code)
        self.assertEqual(404, self.api.get('/os-server-groups/%s' % gid)
                         .status_code)

    def test_bad_input(self):
        cases = [
            ({'name': 'x', 'policies': ['soft-affinity']}, '2.14'),
            ({'name': 'x', 'policies': ['affinity', 'anti-affinity']},
             '2.15'),
            ({'name': 'x', 'policies': []}, '2.15'),
            ({'name': 'x', 'policy': 'affinity'}, '2.63'),
            ({'name': 'x', 'policy': 'nearby'}, '2.64'),
            ({'name': 'x', 'policy': 'affinity',
              'rules': {'max_server_per_host': 2}}, '2.64'),
            ({'name': 'x', 'policy': 'anti-affinity',
              'rules': {'max_server_per_host': 0}}, '2.64'),
            ({'name': 'x', 'policy': 'anti-affinity',
              'rules': {'other': 1}}, '2.64'),
            ({'policy': 'affinity'}, '2.64'),
            ({'name': '', 'policy': 'affinity'}, '2.64'),
        ]
        for body, version in cases:
            resp = self.api.post('/os-server-groups', {'server_group': body},
                                 microversion=version)
            self.assertEqual(400, resp.status_code, (body, resp.text))
        resp = self.boot(uuidutils.generate_uuid())
        self.assertEqual(400, resp.status_code, resp.text)
        resp = self.boot('not-a-uuid')
        self.assertEqual(400, resp.status_code, resp.text)

    def test_affinity_and_anti_affinity(self):
        together = self.group('affinity')
        first = self.boot_active(together)
        second = self.boot_active(together)
        self.assertEqual(self.host(first), self.host(second))
        apart = self.group('anti-affinity')
        one = self.boot_active(apart)
        two = self.boot_active(apart)
        self.assertNotEqual(self.host(one), self.host(two))
        # No third host: the next one cannot be placed.
        resp = self.boot(apart)
        server = self.api.wait_for_status(resp.json()['server']['id'],
                                          'ERROR')
        self.assertIn('No valid host', server['fault']['message'])
        members = self.api.get('/os-server-groups/%s' % apart).json()[
            'server_group']['members']
        self.assertEqual({one, two, server['id']}, set(members))
        # A deleted server leaves its group.
        self.api.delete('/servers/%s' % server['id'])
        self.api.wait_until_gone(server['id'])
        members = self.api.get('/os-server-groups/%s' % apart).json()[
            'server_group']['members']
        self.assertEqual({one, two}, set(members))
        # The server's view names its group (2.71).
        shown = self.api.get('/servers/%s' % one).json()['server']
        self.assertEqual([apart], shown['server_groups'])

    def test_multi_create_spreads_and_rules_allow_more(self):
        apart = self.group('anti-affinity')
        resp = self.boot(apart, min_count=2, max_count=2)
        self.assertEqual(202, resp.status_code, resp.text)
        members = self._wait_members(apart, 2)
        self.assertEqual(2, len({self.host(m) for m in members}))
        loose = self.group('anti-affinity', {'max_server_per_host': 2})
        servers = [self.boot_active(loose) for _ in range(4)]
        hosts = [self.host(s) for s in servers]
        self.assertEqual([2, 2], sorted(hosts.count(h) for h in set(hosts)))

    def test_soft_policies_never_refuse(self):
        # Only the group's preference decides (free RAM, CPU and disk
        # would weigh as much with the default multipliers).
        self.flags(group='filter_scheduler', ram_weight_multiplier=0,
                   cpu_weight_multiplier=0, disk_weight_multiplier=0)
        soft = self.group('soft-anti-affinity')
        servers = [self.boot_active(soft) for _ in range(3)]
        self.assertEqual(2, len({self.host(s) for s in servers}))
        soft = self.group('soft-affinity')
        servers = [self.boot_active(soft) for _ in range(3)]
        self.assertEqual(1, len({self.host(s) for s in servers}))

    def test_quotas(self):
        self.admin.request('PUT', '/os-quota-sets/demo', {'quota_set': {
            'server_groups': 1, 'server_group_members': 1}})
        gid = self.group('affinity')
        resp = self.api.post('/os-server-groups', {'server_group': {
            'name': 'two', 'policy': 'affinity'}}, microversion='2.64')
        self.assertEqual(403, resp.status_code, resp.text)
        self.assertIn('too many server groups', resp.text)
        limits = self.api.get('/limits').json()['limits']['absolute']
        self.assertEqual((1, 1), (limits['maxServerGroups'],
                                  limits['totalServerGroupsUsed']))
        self.boot_active(gid)
        resp = self.boot(gid)
        self.assertEqual(403, resp.status_code, resp.text)
        self.assertIn('too many servers in group', resp.text)

    def _wait_members(self, group_id, count):
        deadline = time.time() + 30
        while True:
            members = self.api.get('/os-server-groups/%s' % group_id).json()[
                'server_group']['members']
            servers = [self.api.get_server(m) for m in members]
            if len(members) == count and all(
                    s['status'] == 'ACTIVE' for s in servers):
                return members
            self.assertLess(time.time(), deadline, servers)
            time.sleep(0.1)
