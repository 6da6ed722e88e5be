"""The request line and request id of nova.api.request_log.RequestLog."""

import logging
import re
import time

from oslo_context import context as oslo_context
from oslo_serialization import jsonutils
from oslo_utils import uuidutils
import webob
import webob.dec

from nova.api.openstack import compute
from nova.api import request_log
from nova.builtin.image import app as image_app
from nova import test
from nova.tests.fixtures import logs
from nova.tests.unit.api.openstack import fakes

LOGGER = 'nova.builtin.test.request_log'
LINE = re.compile(
    r'^(?P<addr>\S+) "(?P<method>\S+) (?P<path>\S+) (?P<proto>\S+)" '
    r'status: (?P<status>\S+) len: (?P<len>\d+) '
    r'microversion: (?P<mv>\S+) time: (?P<time>\d+\.\d{6}) '
    r'request_id: (?P<rid>\S+) service: (?P<service>\S+)$')


def _plain(status, body=b'', headers=()):
    """A WSGI app answering ``status`` with ``body`` (a list)."""
    def app(environ, start_response):
        start_response(status, [('Content-Type', 'text/plain')] +
                       list(headers))
        return [body] if body else []
    return app


class _Streamed:
    """A body produced while it is sent; remembers being closed."""

    def __init__(self, chunks):
        self.chunks = chunks
        self.closed = False

    def __iter__(self):
        return iter(self.chunks)

    def close(self):
        self.closed = True


class RequestLogTestCase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.logs = self.useFixture(logs.CapturedLogs('nova'))

    def call(self, app, path='/', **kwargs):
        req = webob.Request.blank(path, **kwargs)
        req.environ['REMOTE_ADDR'] = '192.0.2.7'
        resp = req.get_response(request_log.RequestLog(app, 'test'))
        # As a server does: send the body (webob then closes it).
        resp.body
        return req, resp

    def line(self):
        [entry] = self.logs.find(LOGGER)
        self.assertEqual('INFO', entry.level)
        match = LINE.match(entry.message)
        self.assertIsNotNone(match, entry.message)
        return entry, match.groupdict()

    def test_fields_of_a_request(self):
        req, resp = self.call(
            _plain('200 OK', b'hello', [('OpenStack-API-Version',
                                         'compute 2.79')]),
            '/v2.1/servers?limit=1&name=a')
        entry, fields = self.line()
        request_id = resp.headers['x-openstack-request-id']
        self.assertTrue(request_log.valid_request_id(request_id))
        self.assertEqual({
            'addr': '192.0.2.7', 'method': 'GET',
            'path': '/v2.1/servers?limit=1&name=a', 'proto': 'HTTP/1.0',
            'status': '200', 'len': '5', 'mv': '2.79', 'rid': request_id,
            'service': 'test'}, {k: v for k, v in fields.items()
                                 if k != 'time'})
        self.assertLess(float(fields['time']), 5)
        # The line carries the id in its logging context too.
        self.assertEqual(request_id, entry.request_id)
        self.assertEqual(request_id, req.environ['openstack.request_id'])

    def test_time_covers_the_app(self):
        def slow(environ, start_response):
            time.sleep(0.05)
            start_response('200 OK', [])
            return []

        self.call(slow)
        self.assertGreaterEqual(float(self.line()[1]['time']), 0.05)

    def test_request_id_of_the_app_passes_through(self):
        own = 'req-' + uuidutils.generate_uuid()
        req, resp = self.call(_plain('202 Accepted', b'{}', [
            ('X-OpenStack-Request-ID', own)]))
        self.assertEqual([own],
                         resp.headers.getall('x-openstack-request-id'))
        self.assertEqual(own, self.line()[1]['rid'])

    def test_inbound_request_id_is_the_global_one(self):
        inbound = 'req-' + uuidutils.generate_uuid()
        seen = {}

        def app(environ, start_response):
            seen['context'] = oslo_context.get_current()
            return _plain('200 OK')(environ, start_response)

        req, resp = self.call(app, headers={
            'X-OpenStack-Request-ID': inbound})
        request_id = resp.headers['x-openstack-request-id']
        self.assertNotEqual(inbound, request_id)
        self.assertEqual(inbound,
                         req.environ['openstack.global_request_id'])
        self.assertEqual((request_id, inbound),
                         (seen['context'].request_id,
                          seen['context'].global_request_id))
        entry, fields = self.line()
        self.assertEqual(inbound, entry.global_request_id)

    def test_malformed_inbound_request_id_is_ignored(self):
        req, resp = self.call(_plain('200 OK'), headers={
            'X-OpenStack-Request-ID': 'req-not-a-uuid'})
        self.assertNotIn('openstack.global_request_id', req.environ)
        self.assertIsNone(self.line()[0].global_request_id)

    def test_streamed_body_is_counted_and_logged_once_sent(self):
        body = _Streamed([b'abc', b'', b'defgh'])

        def app(environ, start_response):
            start_response('200 OK', [])
            return body

        environ = webob.Request.blank('/v2/images/x/file').environ
        started = []
        served = request_log.RequestLog(app, 'test')(
            environ, lambda status, headers, exc_info=None:
            started.append((status, headers)))
        chunks = iter(served)
        self.assertEqual(b'abc', next(chunks))
        self.assertEqual([], self.logs.find(LOGGER))
        self.assertEqual(b'abcdefgh', b'abc' + b''.join(chunks))
        served.close()
        self.assertTrue(body.closed)
        self.assertEqual(('200', '8'),
                         (self.line()[1]['status'], self.line()[1]['len']))
        served.close()
        self.assertEqual(1, len(self.logs.find(LOGGER)))
        self.assertIn('x-openstack-request-id',
                      [name for name, value in started[0][1]])

    def test_generator_app_starting_late(self):
        def app(environ, start_response):
            start_response('201 Created', [])
            yield b'12'
            yield b'345'

        req, resp = self.call(app, method='POST')
        self.assertEqual(b'12345', resp.body)
        self.assertIn('x-openstack-request-id', resp.headers)
        fields = self.line()[1]
        self.assertEqual(('POST', '201', '5'),
                         (fields['method'], fields['status'],
                          fields['len']))

    def test_head_and_204_have_no_body(self):
        @webob.dec.wsgify
        def app(req):
            if req.method == 'HEAD':
                return webob.Response(b'would-be body')
            return webob.Response(status=204)

        self.call(app, method='HEAD')
        self.call(app, method='DELETE')
        found = [LINE.match(e.message).groupdict()
                 for e in self.logs.find(LOGGER)]
        self.assertEqual([('HEAD', '200', '0'), ('DELETE', '204', '0')],
                         [(f['method'], f['status'], f['len'])
                          for f in found])

    def test_app_raising_is_a_500_with_the_request_id(self):
        def app(environ, start_response):
            raise RuntimeError('kaboom')

        req, resp = self.call(app, method='PUT', headers={
            'X-Auth-Token': 'secret-token'})
        self.assertEqual(500, resp.status_int)
        request_id = resp.headers['x-openstack-request-id']
        error = jsonutils.loads(resp.body)['error']
        self.assertEqual(500, error['code'])
        self.assertIn(request_id, error['message'])
        [failure, line] = self.logs.find(LOGGER)
        self.assertEqual(('ERROR', True, request_id),
                         (failure.level, failure.traceback,
                          failure.request_id))
        self.assertEqual(('500', request_id),
                         (LINE.match(line.message)['status'],
                          line.request_id))
        for entry in self.logs.entries:
            self.assertNotIn('secret-token', entry.message)

    def test_info_disabled_logs_no_line_but_gives_ids(self):
        self.useFixture(logs.CapturedLogs(LOGGER, logging.WARNING))
        req, resp = self.call(_plain('200 OK', b'x'))
        self.assertIn('x-openstack-request-id', resp.headers)
        self.assertEqual([], self.logs.find(LOGGER))

    def test_logger_names(self):
        self.assertEqual('nova.api.request_log',
                         request_log.logger_name('compute'))
        self.assertEqual('nova.builtin.image.request_log',
                         request_log.logger_name('image'))


class CatchAllTracebackTestCase(test.TestCase):
    """A built-in service's unexpected error is logged with the request id
    its client saw."""

    def test_image_service_error(self):
        captured = self.useFixture(logs.CapturedLogs('nova'))

        def broken_authenticate(req):
            raise RuntimeError('identity store is broken')

        app = image_app.create_app(self.state_dir,
                                   authenticate=broken_authenticate)
        req = webob.Request.blank('/v2/images')
        resp = req.get_response(request_log.RequestLog(app, 'image'))
        self.assertEqual(500, resp.status_int)
        request_id = resp.headers['x-openstack-request-id']
        [failure] = [e for e in captured.entries if e.traceback]
        self.assertEqual(('nova.builtin.image.app', request_id),
                         (failure.logger, failure.request_id))
        [line] = captured.find('nova.builtin.image.request_log')
        self.assertEqual(request_id, line.request_id)
        self.assertIn('status: 500', line.message)


class ComputeApiTestCase(test.TestCase):
    """The Compute API app logs its line and its tracebacks with the id of
    ``x-openstack-request-id`` / ``x-compute-request-id``."""

    def setUp(self):
        super().setUp()
        self.logs = self.useFixture(logs.CapturedLogs('nova'))
        self.app = compute.build_app(route_table=fakes.ROUTE_TABLE)

    def get(self, path, **headers):
        req = webob.Request.blank(path, headers=dict(
            {'X-Auth-Token': 'alice:proj1'}, **headers))
        resp = req.get_response(self.app)
        resp.body
        request_id = resp.headers['x-openstack-request-id']
        self.assertEqual(request_id, resp.headers['x-compute-request-id'])
        [line] = self.logs.find(request_log.COMPUTE_LOGGER)
        self.assertEqual(request_id, line.request_id)
        return resp, LINE.match(line.message).groupdict()

    def test_line_of_a_request(self):
        resp, fields = self.get('/v2.1/widgets',
                                **{'OpenStack-API-Version': 'compute 2.53'})
        self.assertEqual(
            ('GET', '/v2.1/widgets', '200', str(len(resp.body)), '2.53',
             resp.headers['x-openstack-request-id'], 'compute'),
            (fields['method'], fields['path'], fields['status'],
             fields['len'], fields['mv'], fields['rid'], fields['service']))

    def test_unauthenticated_request_has_a_line(self):
        req = webob.Request.blank('/v2.1/widgets')
        resp = req.get_response(self.app)
        [line] = self.logs.find(request_log.COMPUTE_LOGGER)
        self.assertIn('status: 401', line.message)
        self.assertEqual(resp.headers['x-openstack-request-id'],
                         line.request_id)

    def test_unexpected_error_traceback_carries_the_request_id(self):
        resp, fields = self.get('/v2.1/widgets/boom')
        self.assertEqual('500', fields['status'])
        [failure] = [e for e in self.logs.entries if e.traceback]
        self.assertEqual('ERROR', failure.level)
        # Every record of the request, the traceback's included.
        self.assertEqual({resp.headers['x-openstack-request-id']},
                         {e.request_id for e in self.logs.entries})
