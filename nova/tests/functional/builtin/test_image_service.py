"""The built-in image service over real HTTP, driven with raw requests.

These tests speak the Glance v2 wire format directly so that the
documents and status codes stay what openstackclient/openstacksdk expect.
"""

import concurrent.futures
import hashlib
import uuid

import requests

from nova import test
from nova.tests.fixtures import image as image_fixture

PATCH_TYPE = 'application/openstack-images-v2.1-json-patch'
DATA = b'0123456789abcdef' * 4096


class ImageServiceTestBase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.images = self.useFixture(image_fixture.ImageService())
        self.url = self.images.url
        self.http = requests.Session()
        self.addCleanup(self.http.close)

    def call(self, method, path, token='alice:p1', **kwargs):
        headers = kwargs.pop('headers', {})
        if token is not None:
            headers.setdefault('X-Auth-Token', token)
        return self.http.request(method, self.url + path, headers=headers,
                                 timeout=30, **kwargs)

    def create(self, token='alice:p1', expect=201, **body):
        body.setdefault('disk_format', 'raw')
        body.setdefault('container_format', 'bare')
        resp = self.call('POST', '/v2/images', token=token, json=body)
        self.assertEqual(expect, resp.status_code, resp.text)
        return resp.json() if expect == 201 else resp

    def upload(self, image_id, data=DATA, token='alice:p1', expect=204):
        resp = self.call('PUT', '/v2/images/%s/file' % image_id, token=token,
                         data=data, headers={
                             'Content-Type': 'application/octet-stream'})
        self.assertEqual(expect, resp.status_code, resp.text)
        return resp

    def patch(self, image_id, ops, token='alice:p1', expect=200):
        resp = self.call('PATCH', '/v2/images/%s' % image_id, token=token,
                         json=ops, headers={'Content-Type': PATCH_TYPE})
        self.assertEqual(expect, resp.status_code, resp.text)
        return resp.json() if expect == 200 else resp

    def names(self, query='', token='alice:p1'):
        resp = self.call('GET', '/v2/images' + query, token=token)
        self.assertEqual(200, resp.status_code, resp.text)
        return sorted(i['name'] for i in resp.json()['images'])


class VersionsTestCase(ImageServiceTestBase):

    def test_root_lists_versions_as_multiple_choices(self):
        resp = self.call('GET', '/', token=None)
        self.assertEqual(300, resp.status_code)
        versions = resp.json()['versions']
        current = [v for v in versions if v['status'] == 'CURRENT']
        self.assertEqual(1, len(current))
        self.assertTrue(current[0]['id'].startswith('v2.'))
        self.assertEqual(self.url + '/v2/', current[0]['links'][0]['href'])

    def test_versions_answers_ok_without_token(self):
        resp = self.call('GET', '/versions', token=None)
        self.assertEqual(200, resp.status_code)
        self.assertIn('v2.0', [v['id'] for v in resp.json()['versions']])

    def test_schemas_describe_images(self):
        image = self.call('GET', '/v2/schemas/image').json()
        self.assertEqual('image', image['name'])
        self.assertTrue(image['properties']['status']['readOnly'])
        self.assertEqual({'type': 'string'}, image['additionalProperties'])
        images = self.call('GET', '/v2/schemas/images').json()
        self.assertEqual('images', images['name'])


class ImageLifecycleTestCase(ImageServiceTestBase):

    def test_create_upload_show_patch_download_delete(self):
        image = self.create(name='cirros', min_ram=64, tags=['a', 'a', 'b'],
                            hw_disk_bus='virtio')
        self.assertEqual('queued', image['status'])
        self.assertEqual('private', image['visibility'])
        self.assertEqual('p1', image['owner'])
        self.assertEqual(['a', 'b'], image['tags'])
        self.assertEqual('virtio', image['hw_disk_bus'])
        self.assertEqual('/v2/images/%s/file' % image['id'], image['file'])
        self.assertTrue(image['created_at'].endswith('Z'))
        self.assertIsNone(image['size'])

        self.upload(image['id'])
        shown = self.call('GET', '/v2/images/%s' % image['id']).json()
        self.assertEqual('active', shown['status'])
        self.assertEqual(len(DATA), shown['size'])
        self.assertEqual(hashlib.md5(DATA).hexdigest(), shown['checksum'])
        self.assertEqual('sha512', shown['os_hash_algo'])
        self.assertEqual(hashlib.sha512(DATA).hexdigest(),
                         shown['os_hash_value'])

        patched = self.patch(image['id'], [
            {'op': 'replace', 'path': '/name', 'value': 'cirros-2'},
            {'op': 'add', 'path': '/os_distro', 'value': 'cirros'},
            {'op': 'remove', 'path': '/hw_disk_bus'},
            {'op': 'replace', 'path': '/min_disk', 'value': 1},
        ])
        self.assertEqual('cirros-2', patched['name'])
        self.assertEqual('cirros', patched['os_distro'])
        self.assertNotIn('hw_disk_bus', patched)
        self.assertEqual(1, patched['min_disk'])
        # Glance's older patch format, which Tempest still sends.
        resp = self.call(
            'PATCH', '/v2/images/%s' % image['id'], token='alice:p1',
            json=[{'add': '/hw_rescue_device', 'value': 'disk'},
                  {'replace': '/name', 'value': 'cirros-3'}],
            headers={'Content-Type':
                     'application/openstack-images-v2.0-json-patch'})
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertEqual(('cirros-3', 'disk'), (resp.json()['name'],
                                                resp.json()[
                                                    'hw_rescue_device']))

        resp = self.call('GET', '/v2/images/%s/file' % image['id'],
                         stream=True)
        self.assertEqual(200, resp.status_code)
        body = resp.content
        self.assertEqual(DATA, body)
        self.assertEqual(shown['checksum'], resp.headers['Content-MD5'])
        self.assertEqual('application/octet-stream',
                         resp.headers['Content-Type'])

        resp = self.call('DELETE', '/v2/images/%s' % image['id'])
        self.assertEqual(204, resp.status_code)
        resp = self.call('GET', '/v2/images/%s' % image['id'])
        self.assertEqual(404, resp.status_code)

    def test_create_returns_location_and_accepts_an_id(self):
        image_id = str(uuid.uuid4())
        resp = self.create(id=image_id, expect=201)
        self.assertEqual(image_id, resp['id'])
        again = self.create(id=image_id, expect=409)
        self.assertEqual(409, again.status_code)
        resp = self.call('POST', '/v2/images', json={'name': 'x'})
        self.assertTrue(resp.headers['Location'].endswith(
            '/v2/images/%s' % resp.json()['id']))

    def test_chunked_upload_streams(self):
        image = self.create(name='chunked')
        self.upload(image['id'], data=iter([DATA[:1000], DATA[1000:]]))
        shown = self.call('GET', '/v2/images/%s' % image['id']).json()
        self.assertEqual(len(DATA), shown['size'])

    def test_upload_rules(self):
        image = self.create(name='x')
        self.upload(image['id'])
        resp = self.upload(image['id'], expect=409)
        self.assertIn('active', resp.text)
        bare = self.create(name='no-formats', disk_format=None,
                           container_format=None)
        self.upload(bare['id'], expect=400)
        resp = self.call('PUT', '/v2/images/%s/file' % bare['id'],
                         data=b'x', headers={'Content-Type': 'text/plain'})
        self.assertEqual(415, resp.status_code)

    def test_failed_upload_leaves_image_queued(self):
        self.images.app.max_image_size = 10
        image = self.create(name='big')
        self.upload(image['id'], data=iter([b'x' * 8, b'x' * 8]),
                    expect=413)
        shown = self.call('GET', '/v2/images/%s' % image['id']).json()
        self.assertEqual('queued', shown['status'])
        self.images.app.max_image_size = 1024
        self.upload(image['id'], data=b'small')

    def test_download_without_data_is_no_content(self):
        image = self.create(name='empty')
        resp = self.call('GET', '/v2/images/%s/file' % image['id'])
        self.assertEqual(204, resp.status_code)

    def test_protected_image_cannot_be_deleted(self):
        image = self.create(name='keep', protected=True)
        resp = self.call('DELETE', '/v2/images/%s' % image['id'])
        self.assertEqual(403, resp.status_code)
        self.patch(image['id'], [
            {'op': 'replace', 'path': '/protected', 'value': False}])
        resp = self.call('DELETE', '/v2/images/%s' % image['id'])
        self.assertEqual(204, resp.status_code)

    def test_concurrent_creates_and_uploads(self):
        def work(n):
            image = self.create(name='img-%d' % n)
            self.upload(image['id'], data=DATA[:n * 100 + 1])
            return image['id']

        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            ids = list(pool.map(work, range(16)))
        self.assertEqual(16, len(set(ids)))
        listed = self.call('GET', '/v2/images?status=active&limit=100')
        self.assertEqual(16, len(listed.json()['images']))


class ListImagesTestCase(ImageServiceTestBase):

    def test_filters(self):
        a = self.create(name='a', tags=['gold'], os_distro='ubuntu')
        b = self.create(name='b', disk_format='qcow2')
        self.create(name='c', os_hidden=True)
        self.upload(a['id'])
        self.assertEqual(['a', 'b'], self.names())
        self.assertEqual(['a'], self.names('?name=a'))
        self.assertEqual(['a'], self.names('?status=active'))
        self.assertEqual(['b'], self.names('?status=queued'))
        self.assertEqual(['a', 'b'],
                         self.names('?id=in:%s,%s' % (a['id'], b['id'])))
        self.assertEqual(['c'], self.names('?os_hidden=true'))
        self.assertEqual(['a'], self.names('?tag=gold'))
        self.assertEqual(['a'], self.names('?os_distro=ubuntu'))
        self.assertEqual(['b'], self.names('?disk_format=qcow2'))
        self.assertEqual(['a', 'b'], self.names('?owner=p1'))
        self.assertEqual([], self.names('?owner=p2'))
        self.assertEqual(['a', 'b'], self.names('?visibility=private'))

    def test_list_document_shape(self):
        self.create(name='a')
        doc = self.call('GET', '/v2/images?name=a').json()
        self.assertEqual('/v2/images?name=a', doc['first'])
        self.assertEqual('/v2/schemas/images', doc['schema'])
        self.assertNotIn('next', doc)

    def test_paging_follows_next_links(self):
        for n in range(5):
            self.create(name='img-%d' % n)
        seen, path = [], '/v2/images?limit=2&sort_key=name&sort_dir=asc'
        while path:
            doc = self.call('GET', path).json()
            self.assertLessEqual(len(doc['images']), 2)
            seen.extend(i['name'] for i in doc['images'])
            path = doc.get('next')
        self.assertEqual(['img-%d' % n for n in range(5)], seen)

    def test_default_order_is_newest_first(self):
        for n in range(3):
            self.create(name='img-%d' % n)
        images = self.call('GET', '/v2/images').json()['images']
        self.assertEqual(['img-2', 'img-1', 'img-0'],
                         [i['name'] for i in images])

    def test_sort_param(self):
        for name in ('b', 'a', 'c'):
            self.create(name=name)
        images = self.call('GET', '/v2/images?sort=name:asc').json()
        self.assertEqual(['a', 'b', 'c'],
                         [i['name'] for i in images['images']])


class VisibilityTestCase(ImageServiceTestBase):

    def test_private_images_belong_to_their_project(self):
        image = self.create(name='mine')
        resp = self.call('GET', '/v2/images/%s' % image['id'],
                         token='bob:p2')
        self.assertEqual(404, resp.status_code)
        self.assertEqual([], self.names(token='bob:p2'))
        for method in ('DELETE', 'PATCH'):
            resp = self.call(method, '/v2/images/%s' % image['id'],
                             token='bob:p2', json=[],
                             headers={'Content-Type': PATCH_TYPE})
            self.assertEqual(404, resp.status_code, method)
        resp = self.call('GET', '/v2/images/%s' % image['id'],
                         token='admin:admin')
        self.assertEqual(200, resp.status_code)
        self.assertEqual(['mine'], self.names(token='admin:admin'))

    def test_image_tasks(self):
        # No task works on an image here: uploads are synchronous.
        image = self.create(name='mine')
        resp = self.call('GET', '/v2/images/%s/tasks' % image['id'])
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertEqual({'tasks': []}, resp.json())
        resp = self.call('GET', '/v2/images/%s/tasks' % image['id'],
                         token='bob:p2')
        self.assertEqual(404, resp.status_code)

    def test_only_admins_publicize(self):
        resp = self.create(name='pub', visibility='public', expect=403)
        self.assertIn('publicize_image', resp.text)
        image = self.create(name='pub', visibility='public',
                            token='admin:admin')
        self.assertEqual(['pub'], self.names(token='bob:p2'))
        resp = self.call('DELETE', '/v2/images/%s' % image['id'],
                         token='bob:p2')
        self.assertEqual(403, resp.status_code)
        self.patch(image['id'], [{'op': 'add', 'path': '/x', 'value': 'y'}],
                   token='bob:p2', expect=403)

    def test_community_images_are_visible_but_not_listed(self):
        image = self.create(name='com', visibility='community')
        resp = self.call('GET', '/v2/images/%s' % image['id'],
                         token='bob:p2')
        self.assertEqual(200, resp.status_code)
        self.assertEqual([], self.names(token='bob:p2'))
        self.assertEqual(['com'],
                         self.names('?visibility=community', token='bob:p2'))
        self.assertEqual(['com'], self.names(token='alice:p1'))

    def test_shared_images_are_owner_only(self):
        image = self.create(name='sh', visibility='shared')
        resp = self.call('GET', '/v2/images/%s' % image['id'],
                         token='bob:p2')
        self.assertEqual(404, resp.status_code)
        self.assertEqual(['sh'], self.names('?visibility=shared'))

    def test_tokens_are_required(self):
        for token in (None, '', 'nocolon', ':p1', 'u:', 'a:b:c'):
            resp = self.call('GET', '/v2/images', token=token)
            self.assertEqual(401, resp.status_code, token)


class SeedTestCase(test.TestCase):

    def test_default_image_is_public_active_and_idempotent(self):
        images = self.useFixture(image_fixture.ImageService(seed=True))
        again = image_fixture.builtin_image.seed_default_image(images.app)
        self.assertEqual(images.default_image['id'], again['id'])
        resp = requests.get(images.url + '/v2/images',
                            headers={'X-Auth-Token': 'anyone:px'})
        listed = resp.json()['images']
        self.assertEqual([again['id']], [i['id'] for i in listed])
        self.assertEqual('active', listed[0]['status'])
        self.assertEqual('public', listed[0]['visibility'])
        resp = requests.get(
            images.url + '/v2/images/%s/file' % again['id'],
            headers={'X-Auth-Token': 'anyone:px'})
        self.assertEqual(again['checksum'],
                         hashlib.md5(resp.content).hexdigest())
