"""A user snapshots, backs up, rescues, re-passwords and crash-dumps a
server over HTTP, and an admin resets its state.

Each action goes API -> compute RPC -> nova-compute -> fake virt driver;
snapshots land in the built-in image service and are read back through
the Compute API's image proxy.
"""

import time

from nova.compute import power_state
from nova import context
from nova import exception
from nova import objects
from nova.tests.fixtures import cloud as cloud_fixture

MISSING = '9a1e0b7c-0000-4000-8000-00000000dead'


class ServerTaskTestCase(cloud_fixture.SharedCloudTestCase):

    def setUp(self):
        super().setUp()
        self.api = self.cloud.api_for('demo', 'demo')
        self.server_id = self.api.create_server(name='vm')['server']['id']
        self.api.wait_for_status(self.server_id, 'ACTIVE')
        self.driver = self.cloud.computes[0].manager.driver

    def act(self, body, api=None, **kw):
        return (api or self.api).post(
            '/servers/%s/action' % self.server_id, body, **kw)

    def wait_idle(self, timeout=30):
        deadline = time.time() + timeout
        while True:
            server = self.api.get_server(self.server_id)
            if server['OS-EXT-STS:task_state'] is None:
                return server
            self.assertLess(time.time(), deadline, server)
            time.sleep(0.05)

    def image(self, image_id, microversion='2.1'):
        return self.api.get('/images/%s' % image_id,
                            microversion=microversion)


class TestSnapshots(ServerTaskTestCase):

    def test_create_image_before_and_after_2_45(self):
        resp = self.act({'createImage': {'name': 'snap',
                                         'metadata': {'why': 'test'}}},
                        microversion='2.44')
        self.assertEqual(202, resp.status_code, resp.text)
        self.assertEqual(b'', resp.content)
        image_id = resp.headers['Location'].rsplit('/', 1)[1]
        self.assertTrue(resp.headers['Location'].endswith(
            '/v2.1/images/%s' % image_id))
        self.assertEqual('ACTIVE', self.wait_idle()['status'])
        image = self.image(image_id).json()['image']
        self.assertEqual(('snap', 'ACTIVE'), (image['name'],
                                              image['status']))
        self.assertEqual(self.server_id, image['server']['id'])
        self.assertEqual('snapshot', image['metadata']['image_type'])
        self.assertEqual('test', image['metadata']['why'])
        self.assertEqual([image_id], self.driver.snapshots[self.server_id])

        resp = self.act({'createImage': {'name': 'snap2'}})
        self.assertEqual(202, resp.status_code, resp.text)
        self.assertNotIn('Location', resp.headers)
        image_id = resp.json()['image_id']
        self.wait_idle()
        self.assertEqual('ACTIVE', self.image(image_id).json()[
            'image']['status'])

    def test_snapshot_of_a_stopped_server_stays_stopped(self):
        self.assertEqual(202, self.act({'os-stop': None}).status_code)
        self.api.wait_for_status(self.server_id, 'SHUTOFF')
        self.wait_idle()
        resp = self.act({'createImage': {'name': 'cold'}})
        self.assertEqual(202, resp.status_code, resp.text)
        server = self.wait_idle()
        self.assertEqual('SHUTOFF', server['status'])

    def test_failed_upload_records_a_fault_and_deletes_the_image(self):
        self.driver.fail_snapshot_for[self.server_id] = (
            exception.HypervisorUnavailable(host='fake'))
        self.addCleanup(self.driver.fail_snapshot_for.clear)
        resp = self.act({'createImage': {'name': 'doomed'}})
        self.assertEqual(202, resp.status_code, resp.text)
        server = self.wait_idle()
        self.assertEqual('ACTIVE', server['status'])
        # Nova shows faults in the view of ERROR servers only.
        self.assertNotIn('fault', server)
        self.assertIn('Connection to the hypervisor is broken',
                      self.latest_fault().message)
        self.assertEqual(404, self.image(resp.json()['image_id']).status_code)

    def latest_fault(self):
        ctxt = context.get_admin_context()
        mapping = objects.InstanceMapping.get_by_instance_uuid(
            ctxt, self.server_id)
        with context.target_cell(ctxt, mapping.cell_mapping) as cctxt:
            return objects.InstanceFault.get_latest_for_instance(
                cctxt, self.server_id)

    def test_bad_requests(self):
        resp = self.act({'createImage': {}})
        self.assertEqual(400, resp.status_code, resp.text)
        resp = self.act({'createImage': {'name': 'x', 'metadata': 'no'}})
        self.assertEqual(400, resp.status_code, resp.text)
        self.flags(metadata_items=1, group='quota')
        resp = self.act({'createImage': {'name': 'x',
                                         'metadata': {'a': '1', 'b': '2'}}})
        self.assertEqual(403, resp.status_code, resp.text)
        resp = self.api.post('/servers/%s/action' % MISSING,
                             {'createImage': {'name': 'x'}})
        self.assertEqual(404, resp.status_code, resp.text)
        other = self.cloud.api_for('alt', 'alt')
        resp = self.act({'createImage': {'name': 'x'}}, api=other)
        self.assertEqual(404, resp.status_code, resp.text)
        self.assertIsNone(self.driver.snapshots.get(self.server_id))

    def test_backups_rotate(self):
        image_ids = []
        for n in range(3):
            resp = self.act({'createBackup': {
                'name': 'b%d' % n, 'backup_type': 'daily', 'rotation': 2}})
            self.assertEqual(202, resp.status_code, resp.text)
            image_ids.append(resp.json()['image_id'])
            self.wait_idle()
            # Creation times are kept in whole seconds.
            time.sleep(1.1)
        self.assertEqual(404, self.image(image_ids[0]).status_code)
        for image_id in image_ids[1:]:
            image = self.image(image_id).json()['image']
            self.assertEqual('backup', image['metadata']['image_type'])
            self.assertEqual('daily', image['metadata']['backup_type'])
        resp = self.act({'createBackup': {
            'name': 'none', 'backup_type': 'weekly', 'rotation': 0}})
        self.assertEqual(202, resp.status_code, resp.text)
        self.assertEqual(b'', resp.content)
        for body in ({'name': 'x', 'backup_type': 'daily'},
                     {'name': 'x', 'backup_type': 'daily', 'rotation': -1},
                     {'name': 'x', 'backup_type': 'daily', 'rotation': 'a'}):
            resp = self.act({'createBackup': body})
            self.assertEqual(400, resp.status_code, (body, resp.text))


class TestRescueAndPasswords(ServerTaskTestCase):

    def test_rescue_and_unrescue(self):
        resp = self.act({'rescue': {'adminPass': 'secret-1'}})
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertEqual({'adminPass': 'secret-1'}, resp.json())
        server = self.wait_idle()
        self.assertEqual('RESCUE', server['status'])
        self.assertEqual(power_state.RUNNING,
                         server['OS-EXT-STS:power_state'])
        self.assertEqual('secret-1',
                         self.driver.admin_passwords[self.server_id])
        # Rescued: no second rescue, no snapshot, no pause.
        for body in ({'rescue': None}, {'createImage': {'name': 'x'}},
                     {'pause': None}):
            resp = self.act(body)
            self.assertEqual(409, resp.status_code, (body, resp.text))
            self.assertIn('vm_state rescued', resp.text)
        resp = self.act({'unrescue': None})
        self.assertEqual(202, resp.status_code, resp.text)
        self.assertEqual('ACTIVE', self.wait_idle()['status'])
        self.assertEqual(409, self.act({'unrescue': None}).status_code)

    def test_rescue_generates_a_password_and_checks_the_image(self):
        resp = self.act({'rescue': None})
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertEqual(12, len(resp.json()['adminPass']))
        self.wait_idle()
        self.act({'unrescue': None})
        self.wait_idle()
        resp = self.act({'rescue': {'rescue_image_ref': MISSING}})
        self.assertEqual(400, resp.status_code, resp.text)
        resp = self.act({'rescue': {'rescue_image_ref': 'not-a-uuid'}})
        self.assertEqual(400, resp.status_code, resp.text)
        self.flags(enable_instance_password=False, group='api')
        resp = self.act({'rescue': {}})
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertEqual({}, resp.json())
        self.assertEqual('RESCUE', self.wait_idle()['status'])

    def test_change_password(self):
        resp = self.act({'changePassword': {'adminPass': 'n3w'}})
        self.assertEqual(202, resp.status_code, resp.text)
        self.assertEqual('n3w', self.driver.admin_passwords[self.server_id])
        self.assertIsNone(self.wait_idle()['OS-EXT-STS:task_state'])
        self.assertEqual(400, self.act({'changePassword': {}}).status_code)
        self.act({'os-stop': None})
        self.api.wait_for_status(self.server_id, 'SHUTOFF')
        self.wait_idle()
        resp = self.act({'changePassword': {'adminPass': 'x'}})
        self.assertEqual(409, resp.status_code, resp.text)

    def test_trigger_crash_dump(self):
        resp = self.act({'trigger_crash_dump': None}, microversion='2.16')
        self.assertEqual(404, resp.status_code, resp.text)
        resp = self.act({'trigger_crash_dump': None}, microversion='2.17')
        self.assertEqual(202, resp.status_code, resp.text)
        # The host gets the NMI asynchronously.
        deadline = time.time() + 30
        while 'NMI received' not in self.act(
                {'os-getConsoleOutput': {}}).json()['output']:
            self.assertLess(time.time(), deadline)
            time.sleep(0.05)
        self.assertEqual(400, self.act(
            {'trigger_crash_dump': {}}).status_code)
        self.act({'os-stop': None})
        self.api.wait_for_status(self.server_id, 'SHUTOFF')
        self.wait_idle()
        resp = self.act({'trigger_crash_dump': None})
        self.assertEqual(409, resp.status_code, resp.text)

    def test_reset_state_is_for_admins(self):
        resp = self.act({'os-resetState': {'state': 'error'}})
        self.assertEqual(403, resp.status_code, resp.text)
        admin = self.cloud.admin_api
        resp = self.act({'os-resetState': {'state': 'error'}}, api=admin)
        self.assertEqual(202, resp.status_code, resp.text)
        self.assertEqual('ERROR', self.api.get_server(
            self.server_id)['status'])
        resp = self.act({'os-resetState': {'state': 'active'}}, api=admin)
        self.assertEqual(202, resp.status_code, resp.text)
        self.assertEqual('ACTIVE', self.api.get_server(
            self.server_id)['status'])
        for body in ({'state': 'stopped'}, {}, {'state': 'active', 'x': 1}):
            resp = self.act({'os-resetState': body}, api=admin)
            self.assertEqual(400, resp.status_code, (body, resp.text))
