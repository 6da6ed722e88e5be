"""Pure parts of Nova's image client: error mapping, bodies, catalog."""

import requests
import testtools

from nova import exception
from nova.image import glance


def _response(status, body=b'', content_type='application/json'):
    response = requests.Response()
    response.status_code = status
    response._content = body
    response.headers['Content-Type'] = content_type
    return response


class TranslateTestCase(testtools.TestCase):

    def test_status_codes(self):
        cases = [(404, exception.ImageNotFound),
                 (401, exception.ImageNotAuthorized),
                 (403, exception.ImageNotAuthorized),
                 (409, exception.ImageConflict),
                 (400, exception.ImageBadRequest),
                 (413, exception.ImageBadRequest),
                 (500, exception.ImageServiceUnavailable),
                 (503, exception.ImageServiceUnavailable)]
        for status, error in cases:
            self.assertRaises(error, glance._translate, _response(status),
                              'some-id')

    def test_success_passes(self):
        for status in (200, 201, 204, 300):
            glance._translate(_response(status))

    def test_detail_comes_from_json_message(self):
        response = _response(409, b'{"message": "already active", '
                                  b'"code": "409 Conflict"}')
        error = self.assertRaises(exception.ImageConflict,
                                  glance._translate, response, 'x')
        self.assertIn('already active', str(error))
        error = self.assertRaises(exception.ImageServiceUnavailable,
                                  glance._translate,
                                  _response(502, b'<html>bad gateway',
                                            'text/html'))
        self.assertIn('bad gateway', str(error))


class FlattenTestCase(testtools.TestCase):

    def test_nested_properties_and_read_only_fields(self):
        body = glance._flatten({
            'name': 'snap', 'status': 'active', 'size': 5, 'id': 'i',
            'properties': {'instance_uuid': 'u', 'min_vcpus': 2},
        })
        self.assertEqual({'name': 'snap', 'id': 'i', 'instance_uuid': 'u',
                          'min_vcpus': '2'}, body)


class UserTokenAuthTestCase(testtools.TestCase):

    CATALOG = [
        {'type': 'compute', 'endpoints': [
            {'interface': 'public', 'url': 'http://nova'}]},
        {'type': 'image', 'endpoints': [
            {'interface': 'admin', 'region': 'R1', 'url': 'http://admin'},
            {'interface': 'public', 'region': 'R1', 'url': 'http://pub'},
            {'interface': 'internal', 'region': 'R2', 'url': 'http://r2'}]},
    ]

    def _endpoint(self, **kwargs):
        plugin = glance.UserTokenAuth('t', self.CATALOG)
        return plugin.get_endpoint(None, service_type='image', **kwargs)

    def test_token_header(self):
        plugin = glance.UserTokenAuth('u:p', [])
        self.assertEqual({'X-Auth-Token': 'u:p'}, plugin.get_headers(None))

    def test_interfaces_in_order_of_preference(self):
        self.assertEqual('http://r2',
                         self._endpoint(interface=['internal', 'public']))
        self.assertEqual('http://pub', self._endpoint(interface='public'))
        self.assertEqual('http://pub', self._endpoint(
            interface=['internal', 'public'], region_name='R1'))
        self.assertIsNone(self._endpoint(interface='internal',
                                         region_name='R1'))
