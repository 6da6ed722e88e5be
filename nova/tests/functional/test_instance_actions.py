"""A user reads what was done to a server: one action per request that
changed it, with the steps each service took (events) and their results,
also after the server is deleted (2.21)."""

import time

from nova import exception
from nova.tests.fixtures import cloud as cloud_fixture


class TestInstanceActions(cloud_fixture.SharedCloudTestCase):

    def setUp(self):
        super().setUp()
        self.api = self.cloud.api_for('demo', 'demo')
        resp = self.api.post('/servers', {'server': {
            'name': 'vm', 'imageRef': '155d900f-4e14-4e4c-a73d-069cbf4541e6',
            'flavorRef': '1', 'networks': 'none'}})
        self.assertEqual(202, resp.status_code, resp.text)
        self.create_request = resp.headers['x-compute-request-id']
        self.server_id = resp.json()['server']['id']
        self.api.wait_for_status(self.server_id, 'ACTIVE')
        self.path = '/servers/%s/os-instance-actions' % self.server_id

    def act(self, body):
        resp = self.api.post('/servers/%s/action' % self.server_id, body)
        self.assertEqual(202, resp.status_code, resp.text)
        return resp.headers['x-compute-request-id']

    def action(self, request_id, api=None, microversion='2.100', done=True):
        """The action, once its events finished (with ``done``)."""
        deadline = time.time() + 30
        while True:
            resp = (api or self.api).get(
                '%s/%s' % (self.path, request_id), microversion=microversion)
            self.assertEqual(200, resp.status_code, resp.text)
            action = resp.json()['instanceAction']
            events = action.get('events', [])
            if not done or (events and all(e['finish_time']
                                           for e in events)):
                return action
            self.assertLess(time.time(), deadline, action)
            time.sleep(0.05)

    def test_create_and_stop_are_recorded_with_their_events(self):
        action = self.action(self.create_request)
        self.assertEqual(('create', self.server_id, 'demo', 'demo'),
                         (action['action'], action['instance_uuid'],
                          action['user_id'], action['project_id']))
        self.assertEqual(['compute__do_build_and_run_instance'],
                         [e['event'] for e in action['events']])
        self.assertEqual('Success', action['events'][0]['result'])
        stop = self.act({'os-stop': None})
        action = self.action(stop)
        self.assertEqual('stop', action['action'])
        self.assertIsNone(action['message'])
        event = action['events'][0]
        self.assertEqual(('compute_stop_instance', 'Success'),
                         (event['event'], event['result']))
        # A user sees the host's id, not its name nor tracebacks.
        self.assertIn('hostId', event)
        self.assertNotIn('host', event)
        self.assertNotIn('traceback', event)
        listed = self.api.get(self.path).json()['instanceActions']
        self.assertEqual(['stop', 'create'], [a['action'] for a in listed])
        self.assertEqual(stop, listed[0]['request_id'])

    def test_events_by_microversion_and_role(self):
        stop = self.act({'os-stop': None})
        self.action(stop)
        action = self.action(stop, microversion='2.50', done=False)
        self.assertNotIn('events', action)
        admin = self.cloud.admin_api
        event = self.action(stop, api=admin, microversion='2.50')[
            'events'][0]
        self.assertEqual({'event', 'start_time', 'finish_time', 'result',
                          'traceback'}, set(event))
        event = self.action(stop, api=admin)['events'][0]
        self.assertEqual(self.cloud.computes[0].host, event['host'])
        self.assertIn('details', event)
        self.assertNotIn('updated_at', self.action(
            stop, microversion='2.57'))

    def test_a_failed_step_is_an_error(self):
        driver = self.cloud.computes[0].manager.driver
        driver.fail_power_for[self.server_id] = (
            exception.HypervisorUnavailable(host='fake'))
        self.addCleanup(driver.fail_power_for.clear)
        action = self.action(self.act({'pause': None}))
        self.assertEqual('Error', action['message'])
        event = action['events'][0]
        self.assertEqual('Error', event['result'])
        # The details are for admins by default, as in Nova (2.84).
        self.assertNotIn('details', event)
        admin_event = self.action(action['request_id'],
                                  api=self.cloud.admin_api)['events'][0]
        self.assertIn('hypervisor is broken', admin_event['details'])
        self.assertIn('HypervisorUnavailable', admin_event['traceback'])

    def test_actions_of_a_deleted_server(self):
        self.assertEqual(204, self.api.delete(
            '/servers/%s' % self.server_id).status_code)
        self.api.wait_until_gone(self.server_id)
        resp = self.api.get(self.path, microversion='2.21')
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertEqual(['delete', 'create'], [
            a['action'] for a in resp.json()['instanceActions']])
        self.assertEqual(404, self.api.get(
            self.path, microversion='2.20').status_code)

    def test_paging_and_time_filters(self):
        for body in ({'os-stop': None}, {'os-start': None}):
            self.action(self.act(body))
            self.api.wait_for_status(self.server_id, ['SHUTOFF', 'ACTIVE'])
        first = self.api.get(self.path + '?limit=2').json()
        self.assertEqual(['start', 'stop'],
                         [a['action'] for a in first['instanceActions']])
        self.assertIn('marker=', first['links'][0]['href'])
        marker = first['instanceActions'][-1]['request_id']
        rest = self.api.get(self.path + '?marker=' + marker).json()
        self.assertEqual(['create'],
                         [a['action'] for a in rest['instanceActions']])
        self.assertEqual(400, self.api.get(
            self.path + '?marker=req-nope').status_code)
        self.assertEqual(400, self.api.get(
            self.path + '?limit=-1').status_code)
        self.assertEqual([], self.api.get(
            self.path + '?changes-since=2999-01-01T00:00:00Z').json()[
            'instanceActions'])
        resp = self.api.get(self.path + '?changes-since=2020-01-02T00:00:00Z'
                            '&changes-before=2020-01-01T00:00:00Z')
        self.assertEqual(400, resp.status_code, resp.text)
        resp = self.api.get(self.path + '?changes-before=2020-01-01T00:00:00Z',
                            microversion='2.65')
        self.assertEqual(400, resp.status_code, resp.text)

    def test_not_yours_or_unknown_is_404(self):
        other = self.cloud.api_for('alt', 'alt')
        self.assertEqual(404, other.get(self.path).status_code)
        self.assertEqual(404, other.get(
            '%s/%s' % (self.path, self.create_request)).status_code)
        self.assertEqual(404, self.api.get(
            self.path + '/req-00000000-0000-0000-0000-000000000000'
        ).status_code)
