"""nova.api.request_guard: bad input refused with 4xx in each service's
error format before the app sees it."""

import io
import json

import webob

from nova.api import request_guard
from nova import test

LIMIT = 1000


class _Unreadable(io.RawIOBase):
    """A request body that must not be read."""

    def read(self, size=-1):
        raise AssertionError('the body was read')


class _TimesOut(io.RawIOBase):
    """A socket's body stream whose client went quiet: some bytes, then a
    timeout; counts what is left as cheroot's KnownLengthRFile does."""

    def __init__(self, data, remaining):
        self.data = data
        self.remaining = remaining

    def read(self, size=-1):
        if self.data:
            data, self.data = self.data, b''
            self.remaining -= len(data)
            return data
        raise TimeoutError('timed out')


class _App:
    """Records the environ and body it was called with."""

    def __init__(self):
        self.calls = []

    def __call__(self, environ, start_response):
        req = webob.Request(environ)
        self.calls.append((dict(environ), req.body))
        start_response('200 OK', [('Content-Type', 'text/plain')])
        return [b'ok']


class TestRequestGuard(test.TestCase):

    def setUp(self):
        super().setUp()
        self.flags(max_request_body_size=LIMIT, group='oslo_middleware')
        self.app = _App()

    def call(self, service, path='/x', method='GET', body=None, **environ):
        req = webob.Request.blank(path, method=method)
        if body is not None:
            req.body = body
        req.environ.update(environ)
        return req.get_response(
            request_guard.RequestGuard(self.app, service))

    def test_undecodable_path_in_each_format(self):
        expected = {
            'compute': lambda d: d['badRequest']['code'],
            'placement': lambda d: d['errors'][0]['status'],
            'network': lambda d: d['NeutronError']['type'],
            'identity': lambda d: d['error']['code'],
        }
        for service, field in expected.items():
            resp = self.call(service, '/servers/%ff')
            self.assertEqual(400, resp.status_int, service)
            self.assertIn(field(resp.json), (400, 'HTTPBadRequest'))
        resp = self.call('image', '/v2/images/%ff',
                         HTTP_ACCEPT='application/json')
        self.assertEqual(400, resp.status_int)
        self.assertEqual([], self.app.calls)

    def test_undecodable_query_is_400(self):
        for query in ('minDisk=%ff', 'a=%c3%28', 'name=%ed%a0%80'):
            resp = self.call('compute', '/flavors?' + query)
            self.assertEqual(400, resp.status_int, query)
            self.assertEqual(request_guard.BAD_PATH,
                             resp.json['badRequest']['message'])
        self.assertEqual([], self.app.calls)

    def test_utf8_path_and_query_pass(self):
        resp = self.call('compute', '/servers/%C3%A9t%C3%A9?name=%E2%82%AC+x')
        self.assertEqual(200, resp.status_int)
        self.assertEqual(1, len(self.app.calls))

    def test_too_large_content_length_is_413_unread(self):
        resp = self.call('network', '/v2.0/networks', 'POST',
                         CONTENT_LENGTH=str(LIMIT + 1),
                         **{'wsgi.input': _Unreadable()})
        self.assertEqual(413, resp.status_int)
        self.assertEqual('HTTPRequestEntityTooLarge',
                         resp.json['NeutronError']['type'])
        self.assertEqual([], self.app.calls)

    def test_body_at_the_limit_reaches_the_app(self):
        resp = self.call('compute', '/servers', 'POST', b'x' * LIMIT)
        self.assertEqual(200, resp.status_int)
        self.assertEqual(b'x' * LIMIT, self.app.calls[0][1])

    def test_limit_follows_the_option(self):
        self.flags(max_request_body_size=10, group='oslo_middleware')
        resp = self.call('compute', '/servers', 'POST', b'x' * 11)
        self.assertEqual(413, resp.status_int)
        self.assertEqual(413, resp.json['overLimit']['code'])

    def test_chunked_body_is_limited_and_buffered(self):
        def chunked(body):
            # As cheroot gives a chunked body: decoded, of unknown length.
            return {'HTTP_TRANSFER_ENCODING': 'chunked',
                    'wsgi.input_terminated': True,
                    'wsgi.input': io.BytesIO(body)}

        req = webob.Request.blank('/resource_providers', method='POST',
                                  environ=chunked(b'y' * (LIMIT + 1)))
        req.environ.pop('CONTENT_LENGTH', None)
        resp = req.get_response(
            request_guard.RequestGuard(self.app, 'placement'))
        self.assertEqual(413, resp.status_int)
        self.assertEqual(413, resp.json['errors'][0]['status'])
        self.assertEqual([], self.app.calls)

        req = webob.Request.blank('/resource_providers', method='POST',
                                  environ=chunked(b'y' * 10))
        req.environ.pop('CONTENT_LENGTH', None)
        resp = req.get_response(
            request_guard.RequestGuard(self.app, 'placement'))
        self.assertEqual(200, resp.status_int)
        environ, body = self.app.calls[0]
        self.assertEqual((b'y' * 10, '10'), (body, environ['CONTENT_LENGTH']))
        self.assertNotIn('HTTP_TRANSFER_ENCODING', environ)

    def test_short_body_is_400_and_not_drained(self):
        stream = _TimesOut(b'{"a"', 100)
        resp = self.call('identity', '/v3/auth/tokens', 'POST',
                         CONTENT_LENGTH='100', **{'wsgi.input': stream})
        self.assertEqual(400, resp.status_int)
        self.assertEqual(request_guard.SHORT_BODY,
                         resp.json['error']['message'])
        # The server must not wait for the rest before answering.
        self.assertEqual(0, stream.remaining)
        self.assertEqual([], self.app.calls)

    def test_streamed_image_upload_is_not_limited(self):
        data = b'z' * (LIMIT * 3)
        resp = self.call('image', '/v2/images/abc/file', 'PUT', data)
        self.assertEqual(200, resp.status_int)
        self.assertEqual(data, self.app.calls[0][1])
        # Other image requests are limited.
        resp = self.call('image', '/v2/images', 'POST', data)
        self.assertEqual(413, resp.status_int)
        # The upload of another service is not exempt.
        resp = self.call('network', '/v2/images/abc/file', 'PUT', data)
        self.assertEqual(413, resp.status_int)

    def test_streamed_upload_path_is_still_checked(self):
        resp = self.call('image', '/v2/images/%ff/file', 'PUT', b'z')
        self.assertEqual(400, resp.status_int)
        self.assertEqual([], self.app.calls)

    def test_placement_json_is_checked(self):
        resp = self.call('placement', '/resource_providers', 'POST',
                         b'[' * 100 + b']' * 100,
                         CONTENT_TYPE='application/json')
        self.assertEqual(400, resp.status_int)
        self.assertIn('Malformed JSON', resp.json['errors'][0]['detail'])
        resp = self.call('placement', '/resource_providers', 'POST',
                         b'{"name": "\\ud800"}',
                         CONTENT_TYPE='application/json')
        self.assertEqual(400, resp.status_int)
        resp = self.call('placement', '/resource_providers', 'POST',
                         b'{"name": "rp"}', CONTENT_TYPE='application/json')
        self.assertEqual(200, resp.status_int)
        self.assertEqual(b'{"name": "rp"}', self.app.calls[0][1])

    def test_placement_query_integers_beyond_the_database_are_400(self):
        for value in ('VCPU:18446744073709551616',
                      'VCPU%3A9223372036854775808', 'VCPU:' + '9' * 500):
            resp = self.call('placement',
                             '/allocation_candidates?resources=' + value)
            self.assertEqual(400, resp.status_int, value)
        self.assertEqual([], self.app.calls)
        resp = self.call('placement', '/allocation_candidates?resources='
                         'VCPU:9223372036854775807&limit=1')
        self.assertEqual(200, resp.status_int)

    def test_error_response_formats(self):
        body = json.loads(request_guard.error_response(
            'placement', 413, 'too big', 'req-1').body)
        self.assertEqual({'errors': [{
            'status': 413, 'title': 'Request Entity Too Large',
            'detail': 'too big', 'request_id': 'req-1'}]}, body)
        body = json.loads(request_guard.error_response(
            'network', 400, 'bad').body)
        self.assertEqual({'NeutronError': {
            'type': 'HTTPBadRequest', 'message': 'bad', 'detail': ''}},
            body)

    def test_request_without_body_gets_none(self):
        resp = self.call('compute', '/servers')
        self.assertEqual(200, resp.status_int)
        environ, body = self.app.calls[0]
        self.assertEqual(b'', body)
        self.assertNotIn('CONTENT_LENGTH', environ)

    def test_streamed_upload_read_failure_is_an_oserror(self):
        seen = []

        def upload(environ, start_response):
            try:
                environ['wsgi.input'].read(10)
                environ['wsgi.input'].read(10)
            except OSError as e:
                seen.append(str(e))
            start_response('400 Bad Request', [])
            return []

        stream = _TimesOut(b'z' * 10, 500)
        req = webob.Request.blank('/v2/images/abc/file', method='PUT')
        req.environ.update({'CONTENT_LENGTH': '500', 'wsgi.input': stream})
        resp = req.get_response(
            request_guard.RequestGuard(upload, 'image'))
        self.assertEqual(400, resp.status_int)
        self.assertEqual(['The request body could not be read.'], seen)
        self.assertEqual(0, stream.remaining)
