"""Listing servers with every filter Nova documents: none is silently
ignored, bad values are 400, and admin-only filters stay admin-only."""

import time

from nova.tests.fixtures import cloud as cloud_fixture


class TestServerListFilters(cloud_fixture.SharedCloudTestCase):

    def setUp(self):
        super().setUp()
        self.api = self.cloud.api_for('demo', 'demo')
        self.admin = self.cloud.admin_api
        self.ids = {}
        for name in ('web-1', 'web-2', 'db-1'):
            self.ids[name] = self.api.create_server(
                name=name, availability_zone='nova')['server']['id']
        for server_id in self.ids.values():
            self.api.wait_for_status(server_id, 'ACTIVE')

    def names(self, query, api=None, microversion='2.100'):
        """Names of this test's servers the listing shows (a shared
        cloud also keeps the deleted servers of earlier tests)."""
        resp = (api or self.api).get('/servers?' + query,
                                     microversion=microversion)
        self.assertEqual(200, resp.status_code, resp.text)
        mine = set(self.ids.values())
        return sorted(s['name'] for s in resp.json()['servers']
                      if s['id'] in mine)

    def test_name_is_a_regular_expression(self):
        self.assertEqual(['web-1', 'web-2'], self.names('name=^web'))
        self.assertEqual(['db-1', 'web-1'], self.names('name=-1$'))
        self.assertEqual(['db-1'], self.names('name=d.-'))
        resp = self.api.get('/servers?name=(')
        self.assertEqual(400, resp.status_code, resp.text)

    def test_changes_since_and_before(self):
        start = time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(
            time.time() - 60))
        self.assertEqual(['db-1', 'web-1', 'web-2'],
                         self.names('changes-since=' + start))
        self.assertEqual([], self.names(
            'changes-before=2000-01-01T00:00:00Z'))
        resp = self.api.get('/servers?changes-since=2020-01-02T00:00:00Z'
                            '&changes-before=2020-01-01T00:00:00Z')
        self.assertEqual(400, resp.status_code, resp.text)
        resp = self.api.get('/servers?changes-since=yesterday')
        self.assertEqual(400, resp.status_code, resp.text)
        # Deleted servers are listed, as DELETED, with changes-since.
        self.api.delete('/servers/%s' % self.ids['db-1'])
        self.api.wait_until_gone(self.ids['db-1'])
        servers = self.api.get('/servers/detail?changes-since=' + start)
        statuses = {s['name']: s['status']
                    for s in servers.json()['servers']
                    if s['id'] in self.ids.values()}
        self.assertEqual('DELETED', statuses['db-1'])
        self.assertNotIn('db-1', self.names(''))

    def test_locked_key_name_zone_and_user(self):
        self.api.post('/servers/%s/action' % self.ids['web-1'],
                      {'lock': None})
        self.assertEqual(['web-1'], self.names('locked=true'))
        self.assertEqual(['db-1', 'web-2'], self.names('locked=false'))
        self.assertEqual(400, self.api.get(
            '/servers?locked=maybe').status_code)
        self.assertEqual([], self.names('key_name=nokey'))
        self.assertEqual(['db-1', 'web-1', 'web-2'],
                         self.names('availability_zone=nova'))
        self.assertEqual([], self.names('user_id=someone-else'))
        self.assertEqual(['db-1', 'web-1', 'web-2'],
                         self.names('user_id=demo'))

    def test_admin_filters(self):
        host = self.admin.get_server(self.ids['web-1'])[
            'OS-EXT-SRV-ATTR:host']
        self.assertEqual(['db-1', 'web-1', 'web-2'], self.names(
            'all_tenants=1&host=%s' % host, api=self.admin))
        self.assertEqual([], self.names(
            'all_tenants=1&host=elsewhere', api=self.admin))
        self.assertEqual(['db-1', 'web-1', 'web-2'], self.names(
            'all_tenants=1&project_id=demo', api=self.admin))
        # A user's host filter is not an admin's: ignored before 2.75...
        self.assertEqual(['db-1', 'web-1', 'web-2'],
                         self.names('host=elsewhere', microversion='2.74'))

    def test_marker_of_a_deleted_server(self):
        servers = [s for s in self.api.get('/servers').json()['servers']
                   if s['id'] in self.ids.values()]
        first = servers[0]['id']
        self.api.delete('/servers/%s' % first)
        self.api.wait_until_gone(first)
        resp = self.api.get('/servers?marker=%s' % first)
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertEqual([s['id'] for s in servers[1:]],
                         [s['id'] for s in resp.json()['servers']
                          if s['id'] in self.ids.values()])
