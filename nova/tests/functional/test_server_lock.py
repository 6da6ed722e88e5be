"""A locked server refuses its owner's changes, not an admin's."""

from nova.tests.fixtures import cloud as cloud_fixture


class TestServerLock(cloud_fixture.SharedCloudTestCase):

    def setUp(self):
        super().setUp()
        self.owner = self.cloud.api_for('demo', 'demo')
        self.admin = self.cloud.admin_api
        self.server_id = self.owner.create_server(name='vm')['server']['id']
        self.owner.wait_for_status(self.server_id, 'ACTIVE')

    def act(self, api, body, **kw):
        return api.post('/servers/%s/action' % self.server_id, body, **kw)

    def show(self, api=None, microversion='2.100'):
        return (api or self.owner).get(
            '/servers/%s' % self.server_id,
            microversion=microversion).json()['server']

    def test_owner_locks_and_unlocks_with_a_reason(self):
        resp = self.act(self.owner, {'lock': {'locked_reason': 'audit'}})
        self.assertEqual(202, resp.status_code, resp.text)
        server = self.show()
        self.assertTrue(server['locked'])
        self.assertEqual('audit', server['locked_reason'])
        self.assertNotIn('locked_reason', self.show(microversion='2.72'))
        self.assertNotIn('locked', self.show(microversion='2.8'))

        # The owner may neither act on it nor delete it; an admin may.
        for body in ({'os-stop': None}, {'reboot': {'type': 'HARD'}}):
            resp = self.act(self.owner, body)
            self.assertEqual(409, resp.status_code, resp.text)
            self.assertIn('is locked', resp.text)
        resp = self.owner.delete('/servers/%s' % self.server_id)
        self.assertEqual(409, resp.status_code, resp.text)
        self.assertEqual('ACTIVE', self.show()['status'])
        self.assertEqual(202, self.act(self.admin,
                                       {'os-stop': None}).status_code)
        self.owner.wait_for_status(self.server_id, 'SHUTOFF')

        self.assertEqual(202, self.act(self.owner,
                                       {'unlock': None}).status_code)
        server = self.show()
        self.assertFalse(server['locked'])
        self.assertIsNone(server['locked_reason'])
        self.assertEqual(202, self.act(self.owner,
                                       {'os-start': None}).status_code)
        self.owner.wait_for_status(self.server_id, 'ACTIVE')

    def test_an_admins_lock_is_the_admins_to_lift(self):
        self.assertEqual(202, self.act(self.admin, {'lock': None}).status_code)
        resp = self.act(self.owner, {'unlock': None})
        self.assertEqual(403, resp.status_code, resp.text)
        self.assertTrue(self.show()['locked'])
        self.assertEqual(202, self.act(self.admin,
                                       {'unlock': None}).status_code)
        self.assertFalse(self.show()['locked'])

    def test_bad_lock_bodies(self):
        for body, version in (({'lock': {'locked_reason': 'x'}}, '2.72'),
                              ({'lock': {'locked_reason': ''}}, '2.73'),
                              ({'lock': {'locked_reason': 'x' * 256}},
                               '2.73'),
                              ({'lock': {'why': 'x'}}, '2.73'),
                              ({'unlock': {'locked_reason': 'x'}}, '2.73')):
            resp = self.act(self.owner, body, microversion=version)
            self.assertEqual(400, resp.status_code, (body, resp.text))
        self.assertFalse(self.show()['locked'])


class TestServerUpdate(cloud_fixture.SharedCloudTestCase):

    def setUp(self):
        super().setUp()
        self.api = self.cloud.api_for('demo', 'demo')
        self.server_id = self.api.create_server(name='vm')['server']['id']
        self.api.wait_for_status(self.server_id, 'ACTIVE')

    def put(self, body, api=None, **kw):
        return (api or self.api).request(
            'PUT', '/servers/%s' % self.server_id, body=body, **kw)

    def test_rename_describe_and_set_access_addresses(self):
        resp = self.put({'server': {'name': 'renamed',
                                    'description': 'web front',
                                    'accessIPv4': '192.0.2.9',
                                    'accessIPv6': '2001:db8::9'}})
        self.assertEqual(200, resp.status_code, resp.text)
        answered = resp.json()['server']
        shown = self.api.get_server(self.server_id)
        for server in (answered, shown):
            self.assertEqual('renamed', server['name'])
            self.assertEqual('web front', server['description'])
            self.assertEqual('192.0.2.9', server['accessIPv4'])
            self.assertEqual('2001:db8::9', server['accessIPv6'])
        # Fields left out keep their value.
        resp = self.put({'server': {'name': 'again'}})
        self.assertEqual('web front', resp.json()['server']['description'])

    def test_bad_updates_change_nothing(self):
        other = self.cloud.api_for('alt', 'alt')
        self.assertEqual(404, self.put({'server': {'name': 'x'}},
                                       api=other).status_code)
        for body, version in (({'server': {'name': ''}}, '2.100'),
                              ({'server': {'accessIPv4': '::1'}}, '2.100'),
                              ({'server': {'description': 'x'}}, '2.18'),
                              ({'server': {'flavorRef': '2'}}, '2.100'),
                              ({'name': 'x'}, '2.100')):
            resp = self.put(body, microversion=version)
            self.assertEqual(400, resp.status_code, (body, resp.text))
        self.assertEqual('vm', self.api.get_server(self.server_id)['name'])

    def test_rename_before_the_server_is_scheduled(self):
        # Renamed at once, most likely while it is still a build request:
        # the conductor creates it in its cell with the new name.
        created = self.api.create_server(name='early')['server']
        resp = self.api.request('PUT', '/servers/%s' % created['id'],
                                body={'server': {'name': 'renamed-early'}})
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertEqual('renamed-early', resp.json()['server']['name'])
        server = self.api.wait_for_status(created['id'], 'ACTIVE')
        self.assertEqual('renamed-early', server['name'])
