"""A user keeps metadata and tags on servers over HTTP, sets them at
create (tags 2.52, hostname 2.90) and filters listings by tags."""

from nova.tests.fixtures import cloud as cloud_fixture
from nova.tests.functional import api_client

MISSING = '9a1e0b7c-0000-4000-8000-00000000dead'


class RecordsTestCase(cloud_fixture.SharedCloudTestCase):

    def setUp(self):
        super().setUp()
        self.api = self.cloud.api_for('demo', 'demo')
        self.server_id = self.api.create_server(
            name='vm', metadata={'a': '1'})['server']['id']
        self.api.wait_for_status(self.server_id, 'ACTIVE')
        self.path = '/servers/%s' % self.server_id

    def put(self, path, body=None, api=None, **kw):
        return (api or self.api).request('PUT', path, body, **kw)


class TestServerMetadata(RecordsTestCase):

    def test_read_merge_replace_and_delete(self):
        path = self.path + '/metadata'
        self.assertEqual({'metadata': {'a': '1'}}, self.api.get(path).json())
        resp = self.api.post(path, {'metadata': {'b': '2'}})
        self.assertEqual((200, {'metadata': {'a': '1', 'b': '2'}}),
                         (resp.status_code, resp.json()))
        resp = self.put(path, {'metadata': {'c': '3'}})
        self.assertEqual({'metadata': {'c': '3'}}, resp.json())
        resp = self.put(path + '/d', {'meta': {'d': '4'}})
        self.assertEqual((200, {'meta': {'d': '4'}}),
                         (resp.status_code, resp.json()))
        self.assertEqual({'meta': {'d': '4'}},
                         self.api.get(path + '/d').json())
        self.assertEqual(204, self.api.delete(path + '/d').status_code)
        self.assertEqual(404, self.api.get(path + '/d').status_code)
        self.assertEqual(404, self.api.delete(path + '/d').status_code)
        self.assertEqual({'c': '3'}, self.api.get_server(
            self.server_id)['metadata'])

    def test_bad_changes_change_nothing(self):
        path = self.path + '/metadata'
        self.flags(metadata_items=2, group='quota')
        cases = [
            ('PUT', path + '/k', {'meta': {'other': 'v'}}, 400),
            ('PUT', path + '/k', {'meta': {'k': 'v', 'j': 'w'}}, 400),
            ('PUT', path + '/k', {'meta': {}}, 400),
            ('POST', path, {'metadata': {'k': 1}}, 400),
            ('POST', path, {'metadata': {'': 'v'}}, 400),
            ('POST', path, {'metadata': {'k' * 256: 'v'}}, 400),
            ('POST', path, None, 400),
            ('POST', path, {'metadata': {'b': '2', 'c': '3'}}, 403),
            ('PUT', path, {'metadata': {'a': '1', 'b': '2', 'c': '3'}},
             403),
        ]
        for method, url, body, code in cases:
            resp = self.api.request(method, url, body)
            self.assertEqual(code, resp.status_code, (body, resp.text))
        self.assertEqual({'a': '1'}, self.api.get(path).json()['metadata'])

    def test_other_project_missing_locked_and_stateful(self):
        path = self.path + '/metadata'
        other = self.cloud.api_for('alt', 'alt')
        self.assertEqual(404, other.get(path).status_code)
        self.assertEqual(404, other.post(
            path, {'metadata': {'x': 'y'}}).status_code)
        self.assertEqual(404, self.api.get(
            '/servers/%s/metadata' % MISSING).status_code)
        admin = self.cloud.admin_api
        self.assertEqual(202, admin.post(self.path + '/action',
                                         {'lock': None}).status_code)
        resp = self.api.post(path, {'metadata': {'x': 'y'}})
        self.assertEqual(409, resp.status_code, resp.text)
        self.assertEqual(200, admin.post(
            path, {'metadata': {'x': 'y'}}).status_code)
        admin.post(self.path + '/action', {'unlock': None})
        admin.post(self.path + '/action',
                   {'os-resetState': {'state': 'error'}})
        resp = self.api.post(path, {'metadata': {'z': 'y'}})
        self.assertEqual(409, resp.status_code, resp.text)
        self.assertIn('vm_state error', resp.text)


class TestServerTags(RecordsTestCase):

    def test_tag_lifecycle(self):
        path = self.path + '/tags'
        self.assertEqual({'tags': []}, self.api.get(path).json())
        resp = self.put(path + '/blue')
        self.assertEqual(201, resp.status_code, resp.text)
        self.assertTrue(resp.headers['Location'].endswith(
            '/servers/%s/tags/blue' % self.server_id))
        self.assertEqual(204, self.put(path + '/blue').status_code)
        self.assertEqual(204, self.api.get(path + '/blue').status_code)
        self.assertEqual(404, self.api.get(path + '/red').status_code)
        resp = self.put(path, {'tags': ['z', 'a', 'z']})
        self.assertEqual((200, {'tags': ['a', 'z']}),
                         (resp.status_code, resp.json()))
        self.assertEqual(['a', 'z'],
                         self.api.get_server(self.server_id)['tags'])
        self.assertEqual(204, self.api.delete(path + '/a').status_code)
        self.assertEqual(404, self.api.delete(path + '/a').status_code)
        self.assertEqual(204, self.api.delete(path).status_code)
        self.assertEqual({'tags': []}, self.api.get(path).json())
        self.assertEqual(404, self.api.get(
            path, microversion='2.25').status_code)

    def test_bad_tags(self):
        path = self.path + '/tags'
        for body in ({'tags': ['a,b']}, {'tags': ['a/b']}, {'tags': ['']},
                     {'tags': ['x' * 61]}, {'tags': 'a'},
                     {'tags': ['t%d' % n for n in range(51)]}):
            resp = self.put(path, body)
            self.assertEqual(400, resp.status_code, (body, resp.text))
        self.put(path, {'tags': ['t%d' % n for n in range(50)]})
        resp = self.put(path + '/one-more')
        self.assertEqual(400, resp.status_code, resp.text)
        self.assertEqual(400, self.put(path + '/' + 'x' * 61).status_code)
        self.assertEqual(50, len(self.api.get(path).json()['tags']))
        other = self.cloud.api_for('alt', 'alt')
        self.assertEqual(404, other.request('PUT', path + '/x').status_code)

    def test_tags_at_create_and_list_filters(self):
        self.api.request('PUT', self.path + '/tags', {'tags': ['a']})
        created = self.api.create_server(name='tagged', tags=['a', 'b'])
        other_id = created['server']['id']
        self.assertEqual(['a', 'b'], self.api.get_server(other_id)['tags'])
        self.api.wait_for_status(other_id, 'ACTIVE')

        def names(query):
            resp = self.api.get('/servers?' + query)
            self.assertEqual(200, resp.status_code, resp.text)
            return sorted(s['name'] for s in resp.json()['servers'])

        self.assertEqual(['tagged'], names('tags=a,b'))
        self.assertEqual(['tagged', 'vm'], names('tags-any=b,a'))
        self.assertEqual(['vm'], names('not-tags=a,b'))
        self.assertEqual([], names('not-tags-any=a'))
        self.assertEqual(['tagged'], names('not-tags-any=c&tags=b'))
        resp = self.api.post('/servers', {'server': {
            'name': 'x', 'imageRef': api_client.DEFAULT_IMAGE,
            'flavorRef': '1', 'networks': 'none', 'tags': ['a']}},
            microversion='2.51')
        self.assertEqual(400, resp.status_code, resp.text)


class TestCreateFields(cloud_fixture.SharedCloudTestCase):

    def setUp(self):
        super().setUp()
        self.api = self.cloud.api_for('demo', 'demo')

    def create(self, microversion='2.100', **server):
        body = dict({'name': 'x', 'imageRef': api_client.DEFAULT_IMAGE,
                     'flavorRef': '1', 'networks': 'none'}, **server)
        return self.api.post('/servers', {'server': body},
                             microversion=microversion)

    def test_hostname(self):
        resp = self.create(hostname='web-1')
        self.assertEqual(202, resp.status_code, resp.text)
        server_id = resp.json()['server']['id']
        self.assertEqual(
            'web-1',
            self.api.get_server(server_id)['OS-EXT-SRV-ATTR:hostname'])
        self.assertEqual(400, self.create(
            hostname='web.example.com', microversion='2.93').status_code)
        self.assertEqual(202, self.create(
            hostname='web.example.com').status_code)
        self.assertEqual(400, self.create(
            hostname='web_1', microversion='2.90').status_code)
        self.assertEqual(400, self.create(
            hostname='h', max_count=2).status_code)
        self.assertEqual(400, self.create(
            hostname='h', microversion='2.89').status_code)
        resp = self.api.request('PUT', '/servers/%s' % server_id,
                                {'server': {'hostname': 'web-2'}})
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertEqual('web-2', resp.json()['server'][
            'OS-EXT-SRV-ATTR:hostname'])

    def test_requested_host_is_for_admins_and_must_exist(self):
        host = self.cloud.computes[0].host
        self.assertEqual(403, self.create(host=host).status_code)
        admin = self.cloud.admin_api
        resp = admin.post('/servers', {'server': {
            'name': 'pinned', 'imageRef': api_client.DEFAULT_IMAGE,
            'flavorRef': '1', 'networks': 'none', 'host': host}})
        self.assertEqual(202, resp.status_code, resp.text)
        server = admin.wait_for_status(resp.json()['server']['id'],
                                       'ACTIVE')
        self.assertEqual(host, server['OS-EXT-SRV-ATTR:host'])
        resp = admin.post('/servers', {'server': {
            'name': 'nowhere', 'imageRef': api_client.DEFAULT_IMAGE,
            'flavorRef': '1', 'networks': 'none', 'host': 'no-such-host'}})
        self.assertEqual(400, resp.status_code, resp.text)
        resp = admin.post('/servers', {'server': {
            'name': 'nowhere', 'imageRef': api_client.DEFAULT_IMAGE,
            'flavorRef': '1', 'networks': 'none', 'host': host}},
            microversion='2.73')
        self.assertEqual(400, resp.status_code, resp.text)

    def test_admin_password_reaches_the_driver_and_can_be_hidden(self):
        resp = self.create(adminPass='pw-1')
        server = resp.json()['server']
        self.assertEqual('pw-1', server['adminPass'])
        self.api.wait_for_status(server['id'], 'ACTIVE')
        driver = self.cloud.computes[0].manager.driver
        self.assertEqual('pw-1', driver.admin_passwords[server['id']])
        # A generated one too.
        server = self.create().json()['server']
        self.api.wait_for_status(server['id'], 'ACTIVE')
        self.assertEqual(server['adminPass'],
                         driver.admin_passwords[server['id']])
        self.flags(enable_instance_password=False, group='api')
        resp = self.create(adminPass='pw-1')
        self.assertNotIn('adminPass', resp.json()['server'])
