"""Malformed requests to the built-in image service get 4xx, never 500."""

import requests

from nova import test
from nova.tests.fixtures import image as image_fixture

PATCH_TYPE = 'application/openstack-images-v2.1-json-patch'
JSON = {'Content-Type': 'application/json'}
PATCH = {'Content-Type': PATCH_TYPE}
OCTETS = {'Content-Type': 'application/octet-stream'}
MISSING = '3a5e8d0c-1f5b-4b7e-9f0e-6a2d7c1b9e44'

# (method, path, headers, body, expected status); {id} is a queued image
# of the caller. ``body`` is sent as-is when bytes, else as JSON.
CASES = [
    ('POST', '/v2/images', JSON, b'{not json', 400),
    ('POST', '/v2/images', JSON, b'\xff\xfe\x00', 400),
    ('POST', '/v2/images', JSON, [1, 2], 400),
    ('POST', '/v2/images', JSON, {'id': 'not-a-uuid'}, 400),
    ('POST', '/v2/images', JSON, {'disk_format': 'floppy'}, 400),
    ('POST', '/v2/images', JSON, {'min_ram': -1}, 400),
    ('POST', '/v2/images', JSON, {'min_disk': 'big'}, 400),
    ('POST', '/v2/images', JSON, {'protected': 'yes'}, 400),
    ('POST', '/v2/images', JSON, {'tags': 'one'}, 400),
    ('POST', '/v2/images', JSON, {'name': 'n' * 256}, 400),
    ('POST', '/v2/images', JSON, {'custom': 5}, 400),
    ('POST', '/v2/images', JSON, {'visibility': 'everyone'}, 400),
    ('POST', '/v2/images', JSON, {'status': 'active'}, 403),
    ('POST', '/v2/images', JSON, {'os_glance_x': 'y'}, 403),
    ('GET', '/v2/images?limit=-1', {}, None, 400),
    ('GET', '/v2/images?limit=ten', {}, None, 400),
    ('GET', '/v2/images?marker=' + MISSING, {}, None, 400),
    ('GET', '/v2/images?sort_key=colour', {}, None, 400),
    ('GET', '/v2/images?sort_dir=sideways', {}, None, 400),
    ('GET', '/v2/images?visibility=everyone', {}, None, 400),
    ('GET', '/v2/images?os_hidden=maybe', {}, None, 400),
    ('GET', '/v2/images/not-a-uuid', {}, None, 404),
    ('GET', '/v2/images/' + MISSING, {}, None, 404),
    ('GET', '/v2/images/' + MISSING + '/file', {}, None, 404),
    ('DELETE', '/v2/images/' + MISSING, {}, None, 404),
    ('GET', '/v2/nothing', {}, None, 404),
    ('POST', '/v2/images/{id}', JSON, {}, 405),
    ('PATCH', '/v2/images/{id}', JSON, [], 415),
    ('PATCH', '/v2/images/{id}', PATCH, b'[{', 400),
    ('PATCH', '/v2/images/{id}', PATCH, {'op': 'add'}, 400),
    ('PATCH', '/v2/images/{id}', PATCH, [{'op': 'move', 'path': '/name'}],
     400),
    ('PATCH', '/v2/images/{id}', PATCH, [{'op': 'add', 'path': 'name',
                                          'value': 'x'}], 400),
    ('PATCH', '/v2/images/{id}', PATCH, [{'op': 'add', 'path': '/a/b',
                                          'value': 'x'}], 400),
    ('PATCH', '/v2/images/{id}', PATCH, [{'op': 'replace',
                                          'path': '/name'}], 400),
    ('PATCH', '/v2/images/{id}', PATCH, [{'op': 'replace',
                                          'path': '/status',
                                          'value': 'active'}], 403),
    ('PATCH', '/v2/images/{id}', PATCH, [{'op': 'remove',
                                          'path': '/name'}], 403),
    ('PATCH', '/v2/images/{id}', PATCH, [{'op': 'remove',
                                          'path': '/nope'}], 409),
    ('PATCH', '/v2/images/{id}', PATCH, [{'op': 'replace',
                                          'path': '/min_ram',
                                          'value': True}], 400),
    ('PUT', '/v2/images/{id}/file', {}, b'abc', 415),
    ('PUT', '/v2/images/{id}/file', JSON, b'abc', 415),
]


class MalformedRequestsTestCase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.images = self.useFixture(image_fixture.ImageService())

    def _send(self, method, path, headers, body):
        headers = dict(headers, **{'X-Auth-Token': 'alice:p1',
                                   'Accept': 'application/json'})
        kwargs = {'data': body} if isinstance(body, bytes) else (
            {'json': body} if body is not None else {})
        return requests.request(method, self.images.url + path,
                                headers=headers, timeout=30, **kwargs)

    def test_every_malformed_request_gets_its_4xx(self):
        queued = self._send('POST', '/v2/images', JSON, {
            'name': 'target', 'disk_format': 'raw',
            'container_format': 'bare'}).json()
        self.assertGreaterEqual(len(CASES), 20)
        for method, path, headers, body, expected in CASES:
            path = path.replace('{id}', queued['id'])
            resp = self._send(method, path, headers, body)
            self.assertEqual(expected, resp.status_code,
                             '%s %s %r: %s' % (method, path, body,
                                               resp.text))
            if expected != 405:
                self.assertIn('message', resp.json(), resp.text)
        # Nothing above changed the target image.
        shown = self._send('GET', '/v2/images/' + queued['id'], {}, None)
        self.assertEqual(queued, shown.json())

    def test_plain_text_errors_without_json_accept(self):
        resp = requests.get(self.images.url + '/v2/images/' + MISSING,
                            headers={'X-Auth-Token': 'alice:p1'})
        self.assertEqual(404, resp.status_code)
        self.assertIn('No image found with ID %s' % MISSING, resp.text)
