"""A user rebuilds a server over HTTP: the guest is spawned again from
the image, with the new name, metadata and password, on the same host."""

import time

from nova.compute import power_state
from nova import exception
from nova.tests.fixtures import cloud as cloud_fixture
from nova.tests.functional import api_client

MISSING = '9a1e0b7c-0000-4000-8000-00000000dead'


class TestServerRebuild(cloud_fixture.SharedCloudTestCase):

    def setUp(self):
        super().setUp()
        self.api = self.cloud.api_for('demo', 'demo')
        self.server_id = self.api.create_server(
            name='vm', metadata={'a': '1'})['server']['id']
        self.server = self.api.wait_for_status(self.server_id, 'ACTIVE')
        self.driver = self.cloud.computes[0].manager.driver

    def rebuild(self, microversion='2.100', api=None, **args):
        args.setdefault('imageRef', api_client.DEFAULT_IMAGE)
        return (api or self.api).post(
            '/servers/%s/action' % self.server_id, {'rebuild': args},
            microversion=microversion)

    def wait_idle(self):
        deadline = time.time() + 30
        while True:
            server = self.api.get_server(self.server_id)
            if server['OS-EXT-STS:task_state'] is None:
                return server
            self.assertLess(time.time(), deadline, server)
            time.sleep(0.05)

    def test_rebuild_with_new_attributes(self):
        resp = self.rebuild(name='renewed', metadata={'b': '2'},
                            adminPass='pw-2', description='again',
                            hostname='renewed-host')
        self.assertEqual(202, resp.status_code, resp.text)
        server = resp.json()['server']
        self.assertEqual('pw-2', server['adminPass'])
        self.assertEqual('REBUILD', server['status'])
        self.assertEqual(('renewed', {'b': '2'}),
                         (server['name'], server['metadata']))
        server = self.wait_idle()
        self.assertEqual('ACTIVE', server['status'])
        self.assertEqual(power_state.RUNNING,
                         server['OS-EXT-STS:power_state'])
        self.assertEqual(self.server['hostId'], server['hostId'])
        self.assertEqual(('again', 'renewed-host'),
                         (server['description'],
                          server['OS-EXT-SRV-ATTR:hostname']))
        # The guest was spawned again, with the new password.
        self.assertEqual('pw-2', self.driver.admin_passwords[self.server_id])

    def test_a_stopped_server_stays_stopped(self):
        self.api.post('/servers/%s/action' % self.server_id,
                      {'os-stop': None})
        self.api.wait_for_status(self.server_id, 'SHUTOFF')
        self.wait_idle()
        self.assertEqual(202, self.rebuild().status_code)
        server = self.wait_idle()
        self.assertEqual('SHUTOFF', server['status'])
        self.assertEqual(power_state.SHUTDOWN,
                         server['OS-EXT-STS:power_state'])

    def test_failure_is_error_with_a_fault(self):
        self.driver.fail_spawn_for[self.server_id] = (
            exception.HypervisorUnavailable(host='fake'))
        self.addCleanup(self.driver.fail_spawn_for.clear)
        self.assertEqual(202, self.rebuild().status_code)
        server = self.api.wait_for_status(self.server_id, 'ERROR')
        self.assertIn('hypervisor', server['fault']['message'])
        # An ERROR server may be rebuilt.
        self.driver.fail_spawn_for.clear()
        self.assertEqual(202, self.rebuild().status_code)
        self.assertEqual('ACTIVE', self.wait_idle()['status'])

    def test_bad_rebuilds_change_nothing(self):
        cases = [({'imageRef': MISSING}, 400),
                 ({'imageRef': ''}, 400),
                 ({'name': 'x'}, 400),
                 ({'key_name': 'nokey'}, 400),
                 ({'metadata': {'k': 1}}, 400),
                 ({'user_data': 'not base64!'}, 400),
                 ({'hostname': 'a.b'}, 400)]
        for args, code in cases:
            if 'imageRef' not in args and args != {'name': 'x'}:
                args['imageRef'] = api_client.DEFAULT_IMAGE
            body = {'rebuild': args}
            resp = self.api.post('/servers/%s/action' % self.server_id,
                                 body, microversion='2.93')
            self.assertEqual(code, resp.status_code, (args, resp.text))
        self.flags(metadata_items=1, group='quota')
        resp = self.rebuild(metadata={'a': '1', 'b': '2'})
        self.assertEqual(403, resp.status_code, resp.text)
        resp = self.rebuild(api=self.cloud.api_for('alt', 'alt'))
        self.assertEqual(404, resp.status_code, resp.text)
        server = self.wait_idle()
        self.assertEqual(('vm', {'a': '1'}, 'ACTIVE'),
                         (server['name'], server['metadata'],
                          server['status']))
        self.api.post('/servers/%s/action' % self.server_id,
                      {'pause': None})
        self.api.wait_for_status(self.server_id, 'PAUSED')
        resp = self.rebuild()
        self.assertEqual(409, resp.status_code, resp.text)
        self.assertIn('vm_state paused', resp.text)

    def test_views_before_and_from_2_75(self):
        server = self.rebuild(microversion='2.74').json()['server']
        self.assertNotIn('OS-EXT-STS:vm_state', server)
        self.assertNotIn('OS-SRV-USG:launched_at', server)
        self.assertIn('locked_reason', server)
        self.wait_idle()
        server = self.rebuild(microversion='2.75').json()['server']
        self.assertEqual('active', server['OS-EXT-STS:vm_state'])
        self.wait_idle()
        # An admin sees the extended attributes, but the user data only
        # once, as ``user_data``.
        server = self.rebuild(microversion='2.75', api=self.cloud.admin_api,
                              user_data='aGk=').json()['server']
        self.assertIn('OS-EXT-SRV-ATTR:host', server)
        self.assertNotIn('OS-EXT-SRV-ATTR:user_data', server)
        self.assertEqual('aGk=', server['user_data'])
        self.wait_idle()
        resp = self.api.request('PUT', '/servers/%s' % self.server_id,
                                {'server': {'name': 'n'}},
                                microversion='2.74')
        self.assertNotIn('OS-EXT-STS:vm_state', resp.json()['server'])

    def test_rebuild_view_shows_key_and_user_data(self):
        server = self.rebuild(microversion='2.53').json()['server']
        self.assertNotIn('key_name', server)
        self.wait_idle()
        server = self.rebuild(microversion='2.54').json()['server']
        self.assertIsNone(server['key_name'])
        self.assertNotIn('user_data', server)
        self.wait_idle()
        server = self.rebuild(microversion='2.57',
                              user_data='aGVsbG8=').json()['server']
        self.assertEqual('aGVsbG8=', server['user_data'])
        self.wait_idle()
        server = self.rebuild(microversion='2.74').json()['server']
        for addresses in server['addresses'].values():
            for address in addresses:
                self.assertEqual({'version', 'addr'}, set(address))
