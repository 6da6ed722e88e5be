"""The same_host and different_host scheduler hints of POST /servers, on
two fake hosts, and the hints shown back at 2.100."""

from nova.tests.fixtures import cloud as cloud_fixture
from nova.tests.functional import api_client


class TestSchedulerHints(cloud_fixture.SharedCloudTestCase):

    cloud_options = {'fake_hosts': 2}

    def setUp(self):
        super().setUp()
        self.api = self.cloud.api_for('demo', 'demo')
        self.admin = self.cloud.admin_api
        self.first = self.boot()

    def boot(self, **hints):
        body = {'server': {'name': 'vm', 'flavorRef': '1',
                           'imageRef': api_client.DEFAULT_IMAGE,
                           'networks': 'none'}}
        if hints:
            body['os:scheduler_hints'] = hints
        resp = self.api.post('/servers', body)
        self.assertEqual(202, resp.status_code, resp.text)
        server_id = resp.json()['server']['id']
        self.api.wait_for_status(server_id, 'ACTIVE')
        return server_id

    def host(self, server_id):
        return self.admin.get_server(server_id)['OS-EXT-SRV-ATTR:host']

    def test_same_host_and_different_host(self):
        host = self.host(self.first)
        for _ in range(3):
            self.assertEqual(host, self.host(self.boot(
                same_host=self.first)))
            self.assertNotEqual(host, self.host(self.boot(
                different_host=[self.first])))

    def test_hints_are_shown_at_2_100(self):
        second = self.boot(same_host=self.first, other='x')
        resp = self.api.get('/servers/%s' % second, microversion='2.100')
        self.assertEqual({'same_host': [self.first], 'other': ['x']},
                         resp.json()['server']['scheduler_hints'])
        resp = self.api.get('/servers/detail', microversion='2.100')
        hints = {s['id']: s['scheduler_hints']
                 for s in resp.json()['servers']}
        self.assertEqual({}, hints[self.first])
        self.assertEqual([self.first], hints[second]['same_host'])
        resp = self.api.get('/servers/%s' % second, microversion='2.99')
        self.assertNotIn('scheduler_hints', resp.json()['server'])

    def test_malformed_hints_are_400(self):
        for hints in ({'same_host': 'not-a-uuid'},
                      {'different_host': [self.first, 42]},
                      {'group': 'nope'}, 'same_host'):
            resp = self.api.post('/servers', {
                'server': {'name': 'vm', 'flavorRef': '1',
                           'imageRef': api_client.DEFAULT_IMAGE,
                           'networks': 'none'},
                'os:scheduler_hints': hints})
            self.assertEqual(400, resp.status_code, (hints, resp.text))
