"""A user stops, starts, reboots, pauses and suspends a server over HTTP.

Each action goes API -> compute RPC -> nova-compute -> fake virt driver
and leaves the state the table of ``nova.compute.states`` names; a server
in the wrong state answers 409 naming it, and a driver failure leaves the
server as it was, with a fault.
"""

import time

from nova.compute import power_state
from nova import exception
from nova.virt import fake
from nova.tests.fixtures import cloud as cloud_fixture

MISSING = '9a1e0b7c-0000-4000-8000-00000000dead'


class TestServerPower(cloud_fixture.SharedCloudTestCase):

    def setUp(self):
        super().setUp()
        self.api = self.cloud.api_for('demo', 'demo')
        created = self.api.create_server(name='vm')['server']
        self.server_id = created['id']
        self.api.wait_for_status(self.server_id, 'ACTIVE')

    def act(self, body, api=None, **kw):
        return (api or self.api).post(
            '/servers/%s/action' % self.server_id, body, **kw)

    def wait_idle(self):
        """The server once no task is in progress."""
        deadline = time.time() + 30
        while True:
            server = self.api.get_server(self.server_id)
            if server['OS-EXT-STS:task_state'] is None:
                return server
            self.assertLess(time.time(), deadline, server)
            time.sleep(0.05)

    def assert_state(self, status, vm_state, power):
        server = self.wait_idle()
        self.assertEqual(status, server['status'])
        self.assertEqual(vm_state, server['OS-EXT-STS:vm_state'])
        self.assertIsNone(server['OS-EXT-STS:task_state'])
        self.assertEqual(power, server['OS-EXT-STS:power_state'])
        return server

    def test_each_action_reaches_its_state(self):
        steps = [
            ({'os-stop': None}, 'SHUTOFF', 'stopped', power_state.SHUTDOWN),
            ({'os-start': None}, 'ACTIVE', 'active', power_state.RUNNING),
            ({'reboot': {'type': 'SOFT'}}, 'ACTIVE', 'active',
             power_state.RUNNING),
            ({'pause': None}, 'PAUSED', 'paused', power_state.PAUSED),
            ({'unpause': {}}, 'ACTIVE', 'active', power_state.RUNNING),
            ({'suspend': None}, 'SUSPENDED', 'suspended',
             power_state.SUSPENDED),
            ({'resume': None}, 'ACTIVE', 'active', power_state.RUNNING),
            ({'os-stop': None}, 'SHUTOFF', 'stopped', power_state.SHUTDOWN),
            # A hard reboot also starts a stopped server.
            ({'reboot': {'type': 'hard'}}, 'ACTIVE', 'active',
             power_state.RUNNING),
        ]
        for body, status, vm_state, power in steps:
            with self.subTest(action=body):
                resp = self.act(body)
                self.assertEqual(202, resp.status_code, resp.text)
                self.assertEqual(b'', resp.content)
                self.assert_state(status, vm_state, power)

    def test_wrong_state_is_409_naming_it(self):
        for body in ({'os-start': None}, {'unpause': None},
                     {'resume': None}):
            resp = self.act(body)
            self.assertEqual(409, resp.status_code, resp.text)
            self.assertIn('vm_state active',
                          resp.json()['conflictingRequest']['message'])
        self.assertEqual(202, self.act({'pause': None}).status_code)
        self.assert_state('PAUSED', 'paused', power_state.PAUSED)
        for body in ({'os-stop': None}, {'suspend': None},
                     {'reboot': {'type': 'SOFT'}}):
            resp = self.act(body)
            self.assertEqual(409, resp.status_code, resp.text)
            self.assertIn('vm_state paused', resp.text)
        # Nothing changed.
        self.assert_state('PAUSED', 'paused', power_state.PAUSED)

    def test_missing_or_foreign_server_is_404(self):
        other = self.cloud.api_for('alt', 'alt')
        resp = self.act({'os-stop': None}, api=other)
        self.assertEqual(404, resp.status_code, resp.text)
        resp = self.api.post('/servers/%s/action' % MISSING,
                             {'os-stop': None})
        self.assertEqual(404, resp.status_code, resp.text)
        self.assert_state('ACTIVE', 'active', power_state.RUNNING)

    def test_bad_bodies_are_400(self):
        for body in ({'reboot': {}}, {'reboot': {'type': 'gentle'}},
                     {'reboot': None}, {'os-stop': {'force': True}},
                     {'pause': 'now'}):
            resp = self.act(body)
            self.assertEqual(400, resp.status_code, (body, resp.text))
            self.assertIn('badRequest', resp.json())
        self.assert_state('ACTIVE', 'active', power_state.RUNNING)

    def test_driver_failure_keeps_the_state_and_records_a_fault(self):
        driver = self.cloud.computes[0].manager.driver
        driver.fail_power_for[self.server_id] = (
            exception.HypervisorUnavailable(host='fake'))
        self.addCleanup(driver.fail_power_for.clear)
        self.assertEqual(202, self.act({'os-stop': None}).status_code)
        self.assert_state('ACTIVE', 'active', power_state.RUNNING)
        # A failed hard reboot leaves the guest's state unknown: ERROR.
        self.assertEqual(202, self.act(
            {'reboot': {'type': 'HARD'}}).status_code)
        server = self.api.wait_for_status(self.server_id, 'ERROR')
        self.assertIn('fault', server)

    def test_console_output_tells_what_happened(self):
        def output(length=None, **kw):
            body = {} if length is None else {'length': length}
            return self.act({'os-getConsoleOutput': body}, **kw)

        self.assertEqual(202, self.act({'os-stop': None}).status_code)
        self.assert_state('SHUTOFF', 'stopped', power_state.SHUTDOWN)
        resp = output()
        self.assertEqual(200, resp.status_code, resp.text)
        lines = resp.json()['output'].splitlines()
        # The guest's boot, then its shutdown.
        self.assertEqual(list(fake.BOOT_LOG), lines[:-1])
        self.assertIn('shutdown', lines[-1])
        for length, expected in ((1, lines[-1:]), ('1', lines[-1:]),
                                 (-1, lines), (0, []), (100, lines)):
            resp = output(length)
            self.assertEqual(200, resp.status_code, resp.text)
            self.assertEqual(expected,
                             resp.json()['output'].splitlines(), length)
        for length in (-2, '-2', 'ten', 1.5):
            resp = output(length)
            self.assertEqual(400, resp.status_code, (length, resp.text))
        resp = self.api.post('/servers/%s/action' % MISSING,
                             {'os-getConsoleOutput': {}})
        self.assertEqual(404, resp.status_code, resp.text)


class TestPowerStateSync(cloud_fixture.SharedCloudTestCase):
    """The periodic power state sync puts right what a guest did by
    itself, as Nova's ``_sync_power_states`` does."""

    def setUp(self):
        super().setUp()
        self.api = self.cloud.api_for('demo', 'demo')
        self.server_id = self.api.create_server(name='vm')['server']['id']
        self.api.wait_for_status(self.server_id, 'ACTIVE')
        self.manager = self.cloud.computes[0].manager

    def sync(self):
        from nova import context
        return self.manager._sync_power_states(context.get_admin_context())

    def guest_does(self, state):
        self.manager.driver.guest_changed_by_itself(self.server_id, state)

    def server(self):
        server = self.api.get_server(self.server_id)
        return (server['status'], server['OS-EXT-STS:task_state'],
                server['OS-EXT-STS:power_state'])

    def test_guest_that_shut_down_by_itself_is_stopped(self):
        self.guest_does(power_state.SHUTDOWN)
        self.sync()
        self.assertEqual(('SHUTOFF', None, power_state.SHUTDOWN),
                         self.server())
        actions = self.api.get('/servers/%s/os-instance-actions' %
                               self.server_id).json()['instanceActions']
        self.assertEqual(['stop', 'create'], [a['action'] for a in actions])
        # It starts again as any stopped server does.
        resp = self.api.post('/servers/%s/action' % self.server_id,
                             {'os-start': None})
        self.assertEqual(202, resp.status_code, resp.text)
        self.api.wait_for_status(self.server_id, 'ACTIVE')

    def test_running_guest_of_a_stopped_server_is_stopped_again(self):
        self.api.post('/servers/%s/action' % self.server_id,
                      {'os-stop': None})
        self.api.wait_for_status(self.server_id, 'SHUTOFF')
        self.guest_does(power_state.RUNNING)
        self.sync()
        self.assertEqual(('SHUTOFF', None, power_state.SHUTDOWN),
                         self.server())
        self.assertEqual(power_state.SHUTDOWN,
                         self.manager.driver._guests[self.server_id].state)

    def test_other_changes_are_only_recorded(self):
        # A guest paused by itself stays ACTIVE with its power state.
        self.guest_does(power_state.PAUSED)
        self.sync()
        self.assertEqual(('ACTIVE', None, power_state.PAUSED),
                         self.server())
        # A vanished guest is recorded as NOSTATE, the server untouched.
        self.guest_does(power_state.NOSTATE)
        self.sync()
        self.assertEqual(('ACTIVE', None, power_state.NOSTATE),
                         self.server())

    def test_server_with_a_task_is_left_to_it(self):
        from nova import context
        from nova import objects
        ctx = context.get_admin_context()
        instance = objects.Instance.get_by_uuid(ctx, self.server_id)
        instance.task_state = 'rebooting'
        instance.save()
        self.guest_does(power_state.SHUTDOWN)
        self.sync()
        self.assertEqual(('REBOOT', 'rebooting', power_state.RUNNING),
                         self.server())
