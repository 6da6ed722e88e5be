"""A user reads and changes images through the Compute API's image proxy
(/images, 2.1-2.35; /images/{id}/metadata, 2.1-2.38), which forwards to
the image service as that user."""

import requests

from nova.tests.fixtures import cloud as cloud_fixture

MISSING = '9a1e0b7c-0000-4000-8000-00000000beef'


class TestImageProxy(cloud_fixture.SharedCloudTestCase):

    def setUp(self):
        super().setUp()
        self.api = self.cloud.api_for('demo', 'demo', microversion='2.1')
        self.image_url = self.cloud.cloud.urls['image']
        self.image = self.make_image('proxy-%s' % self.id()[-20:],
                                     min_ram=64, properties={'kind': 'x'})

    def make_image(self, name, upload=True, min_ram=0, properties=None):
        session = requests.Session()
        session.headers['X-Auth-Token'] = 'demo:demo'
        body = dict(properties or {}, name=name, disk_format='raw',
                    container_format='bare', min_ram=min_ram)
        resp = session.post(self.image_url + '/v2/images', json=body)
        self.assertEqual(201, resp.status_code, resp.text)
        image = resp.json()
        self.addCleanup(session.delete,
                        self.image_url + '/v2/images/' + image['id'])
        if upload:
            resp = session.put(
                self.image_url + '/v2/images/%s/file' % image['id'],
                data=b'x' * 1024,
                headers={'Content-Type': 'application/octet-stream'})
            self.assertEqual(204, resp.status_code, resp.text)
        return image

    def test_show_in_novas_image_view(self):
        resp = self.api.get('/images/%s' % self.image['id'])
        self.assertEqual(200, resp.status_code, resp.text)
        image = resp.json()['image']
        self.assertEqual(self.image['id'], image['id'])
        self.assertEqual('ACTIVE', image['status'])
        self.assertEqual(100, image['progress'])
        self.assertEqual(64, image['minRam'])
        self.assertEqual(0, image['minDisk'])
        self.assertEqual({'kind': 'x'}, image['metadata'])
        self.assertEqual(1024, image['OS-EXT-IMG-SIZE:size'])
        self.assertTrue(image['created'].endswith('Z'))
        self.assertEqual(['self', 'bookmark'],
                         [link['rel'] for link in image['links']])
        self.assertNotIn('server', image)
        queued = self.make_image('queued', upload=False)
        image = self.api.get('/images/%s' % queued['id']).json()['image']
        self.assertEqual(('SAVING', 25), (image['status'], image['progress']))

    def test_list_and_filters(self):
        self.make_image('other-image')

        def names(resp):
            return [i['name'] for i in resp.json()['images']]

        resp = self.api.get('/images')
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertIn(self.image['name'], names(resp))
        self.assertEqual({'id', 'name', 'links'},
                         set(resp.json()['images'][0]))
        resp = self.api.get('/images/detail?name=%s' % self.image['name'])
        self.assertEqual([self.image['name']], names(resp))
        self.assertEqual('ACTIVE', resp.json()['images'][0]['status'])
        self.assertNotIn(self.image['name'],
                         names(self.api.get('/images?status=SAVING')))
        self.assertEqual([self.image['name']],
                         names(self.api.get('/images?minRam=64')))
        self.assertEqual([], names(self.api.get(
            '/images?changes-since=2999-01-01T00:00:00Z')))
        resp = self.api.get('/images?limit=1')
        self.assertEqual(1, len(resp.json()['images']))
        self.assertIn('marker=', resp.json()['images_links'][0]['href'])
        resp = self.api.get('/images?changes-since=yesterday')
        self.assertEqual(400, resp.status_code, resp.text)

    def test_missing_image_and_later_microversions_are_404(self):
        for path in ('/images/%s' % MISSING, '/images/not-a-uuid',
                     '/images/%s/metadata' % MISSING):
            resp = self.api.get(path)
            self.assertEqual(404, resp.status_code, (path, resp.text))
            self.assertIn('itemNotFound', resp.json())
        path = '/images/%s' % self.image['id']
        self.assertEqual(404, self.api.get(path,
                                           microversion='2.36').status_code)
        self.assertEqual(200, self.api.get(
            path + '/metadata', microversion='2.38').status_code)
        self.assertEqual(404, self.api.get(
            path + '/metadata', microversion='2.39').status_code)

    def test_delete(self):
        path = '/images/%s' % self.image['id']
        resp = self.api.delete(path)
        self.assertEqual(204, resp.status_code, resp.text)
        self.assertEqual(404, self.api.get(path).status_code)
        self.assertEqual(404, self.api.delete(path).status_code)
        # Another project's private image is not the user's to delete.
        image = self.make_image('private')
        other = self.cloud.api_for('alt', 'alt', microversion='2.1')
        resp = other.delete('/images/%s' % image['id'])
        self.assertIn(resp.status_code, (403, 404), resp.text)
        self.assertEqual(200, self.api.get(
            '/images/%s' % image['id']).status_code)

    def test_metadata(self):
        path = '/images/%s/metadata' % self.image['id']
        self.assertEqual({'metadata': {'kind': 'x'}},
                         self.api.get(path).json())
        resp = self.api.post(path, {'metadata': {'os': 'linux'}})
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertEqual({'kind': 'x', 'os': 'linux'},
                         resp.json()['metadata'])
        resp = self.api.request('PUT', path, {'metadata': {'a': '1'}})
        self.assertEqual({'a': '1'}, resp.json()['metadata'])
        self.assertEqual({'a': '1'}, self.api.get(path).json()['metadata'])
        resp = self.api.request('PUT', path + '/b', {'meta': {'b': '2'}})
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertEqual({'meta': {'b': '2'}}, resp.json())
        self.assertEqual({'meta': {'b': '2'}},
                         self.api.get(path + '/b').json())
        self.assertEqual(204, self.api.delete(path + '/b').status_code)
        self.assertEqual(404, self.api.get(path + '/b').status_code)
        self.assertEqual(404, self.api.delete(path + '/b').status_code)
        self.assertEqual({'a': '1'}, self.api.get(path).json()['metadata'])

    def test_bad_metadata_changes_nothing(self):
        path = '/images/%s/metadata' % self.image['id']
        self.flags(metadata_items=2, group='quota')
        cases = [
            ('PUT', path + '/b', {'meta': {'c': '2'}}, 400),
            ('PUT', path + '/b', {'meta': {'b': '2', 'c': '3'}}, 400),
            ('POST', path, {'metadata': {'k' * 256: 'v'}}, 400),
            ('POST', path, {'metadata': {'a': 1}}, 400),
            ('POST', path, {'meta': {}}, 400),
            ('POST', path, {'metadata': {'a': '1', 'b': '2'}}, 403),
            ('PUT', path, {'metadata': {'a': '1', 'b': '2', 'c': '3'}},
             403),
        ]
        for method, url, body, code in cases:
            resp = self.api.request(method, url, body)
            self.assertEqual(code, resp.status_code, (body, resp.text))
        self.assertEqual({'kind': 'x'}, self.api.get(path).json()['metadata'])
