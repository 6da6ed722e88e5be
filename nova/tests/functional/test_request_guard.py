"""Bad input to any listener of the cloud gets a 4xx in the service's own
error format, never a 5xx; request bodies are limited (413 at once); the
one HTTP server answers bursts and is not stalled by half-open clients.

Everything goes through real sockets, as a client (or an attacker) sends
it.
"""

import concurrent.futures
import os
import socket
import time
import urllib.parse

import pytest
import requests

from nova.builtin import identity as builtin_identity
from nova.builtin import placement as builtin_placement
from nova import test
from nova.tests.fixtures import cloud as cloud_fixture

LIMIT = 114688
ADMIN = {'X-Auth-Token': 'admin:admin', 'Accept': 'application/json'}
JSON = dict(ADMIN, **{'Content-Type': 'application/json'})
# Seconds the server waits on a silent client, in these tests.
SOCKET_TIMEOUT = 1


def raw_exchange(url, request, timeout=30):
    """Send the bytes ``request`` to the listener at ``url``; return the
    status code of the answer and the seconds it took, or ``(None, t)``
    when the server closed the connection without answering."""
    parts = urllib.parse.urlsplit(url)
    started = time.monotonic()
    with socket.create_connection((parts.hostname, parts.port),
                                  timeout=timeout) as sock:
        sock.sendall(request)
        data = b''
        while b'\r\n' not in data:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
    elapsed = time.monotonic() - started
    if not data:
        return None, elapsed
    return int(data.split(b' ', 2)[1]), elapsed


def head(method, path, host, headers=()):
    lines = ['%s %s HTTP/1.1' % (method, path), 'Host: %s' % host]
    lines += ['%s: %s' % pair for pair in headers]
    return ('\r\n'.join(lines) + '\r\n\r\n').encode('latin-1')


class TestRequestGuard(cloud_fixture.SharedCloudTestCase):

    cloud_options = {'all_in_one__network': True,
                     'wsgi__client_socket_timeout': SOCKET_TIMEOUT}

    def setUp(self):
        super().setUp()
        self.urls = self.cloud.cloud.urls
        self.compute = self.urls['compute']

    def url(self, service, path):
        base = self.compute if service == 'compute' else self.urls[service]
        return base + path

    # -- undecodable paths and queries ----------------------------------

    def test_undecodable_path_and_query_are_400(self):
        cases = [
            ('compute', '/v2.1/servers/%ff', 'badRequest'),
            ('compute', '/v2.1/flavors?minDisk=%ff', 'badRequest'),
            ('placement', '/resource_providers?name=%ff', 'errors'),
            ('image', '/v2/images/%ff', 'message'),
            ('network', '/v2.0/networks?name=%c3%28', 'NeutronError'),
        ]
        for service, path, key in cases:
            resp = requests.get(self.url(service, path), headers=ADMIN,
                                timeout=30)
            self.assertEqual(400, resp.status_code, (service, path))
            self.assertIn(key, resp.json(), (service, path))

    # -- bodies -----------------------------------------------------------

    def test_oversized_body_is_413_in_each_format(self):
        body = b'{"a": "%s"}' % (b'x' * LIMIT)
        cases = [
            ('compute', '/v2.1/servers', 'overLimit'),
            ('placement', '/resource_providers', 'errors'),
            ('image', '/v2/images', 'message'),
            ('network', '/v2.0/networks', 'NeutronError'),
        ]
        for service, path, key in cases:
            resp = requests.post(self.url(service, path), data=body,
                                 headers=JSON, timeout=30)
            self.assertEqual(413, resp.status_code, service)
            doc = resp.json()
            self.assertIn(key, doc, service)
            # Never an echo of the input.
            self.assertLess(len(resp.content), 1000, service)

    def test_413_comes_before_the_body(self):
        # Only the headers are sent: the answer cannot wait for the body.
        host = urllib.parse.urlsplit(self.compute).netloc
        status, elapsed = raw_exchange(self.compute, head(
            'POST', '/v2.1/servers', host,
            [('X-Auth-Token', 'admin:admin'),
             ('Content-Type', 'application/json'),
             ('Content-Length', str(100 * 1024 * 1024))]))
        self.assertEqual(413, status)
        self.assertLess(elapsed, SOCKET_TIMEOUT)

    def test_oversized_chunked_body_is_413(self):
        def chunks():
            for _ in range(LIMIT // 4096 + 2):
                yield b'x' * 4096

        resp = requests.post(self.url('network', '/v2.0/networks'),
                             data=chunks(), headers=JSON, timeout=30)
        self.assertEqual(413, resp.status_code)
        self.assertEqual('HTTPRequestEntityTooLarge',
                         resp.json()['NeutronError']['type'])

    def test_chunked_body_within_the_limit_is_served(self):
        def chunks():
            yield b'{"network": {"name": '
            yield b'"chunked"}}'

        resp = requests.post(self.url('network', '/v2.0/networks'),
                             data=chunks(), headers=JSON, timeout=30)
        self.assertEqual(201, resp.status_code, resp.text)
        self.assertEqual('chunked', resp.json()['network']['name'])

    def test_truncated_body_is_400(self):
        host = urllib.parse.urlsplit(self.compute).netloc
        request = head('POST', '/v2.1/os-keypairs', host,
                       [('X-Auth-Token', 'admin:admin'),
                        ('Content-Type', 'application/json'),
                        ('Content-Length', '100')]) + b'{"keypair": '
        status, elapsed = raw_exchange(self.compute, request)
        self.assertEqual(400, status)
        self.assertLess(elapsed, SOCKET_TIMEOUT + 5)

    def test_deep_json_and_lone_surrogates_are_400(self):
        deep = b'[' * 5000 + b']' * 5000
        resp = requests.post(self.url('compute', '/v2.1/servers'),
                             data=b'{"server": %s}' % deep, headers=JSON,
                             timeout=30)
        self.assertEqual(400, resp.status_code)
        self.assertIn('badRequest', resp.json())
        resp = requests.post(self.url('placement', '/resource_providers'),
                             data=deep, headers=JSON, timeout=30)
        self.assertEqual(400, resp.status_code)
        self.assertIn('errors', resp.json())
        resp = requests.post(self.url('image', '/v2/images'),
                             data=b'{"\\ud800": "x"}', headers=JSON,
                             timeout=30)
        self.assertEqual(400, resp.status_code)
        resp = requests.post(self.url('network', '/v2.0/networks'),
                             data=b'{"network": {"name": "\\udfff"}}',
                             headers=JSON, timeout=30)
        self.assertEqual(400, resp.status_code)
        self.assertIn('NeutronError', resp.json())

    def test_validation_errors_do_not_echo_the_input(self):
        name = 'n' * 100000
        resp = self.cloud.admin_api.post(
            '/os-keypairs', {'keypair': {'name': name}})
        self.assertEqual(400, resp.status_code)
        self.assertLess(len(resp.content), 1000)
        message = resp.json()['badRequest']['message']
        self.assertIn('...', message)
        self.assertNotIn('n' * 101, message)

    def test_image_upload_is_not_limited(self):
        resp = requests.post(self.url('image', '/v2/images'), json={
            'name': 'big', 'disk_format': 'raw',
            'container_format': 'bare'}, headers=ADMIN, timeout=30)
        self.assertEqual(201, resp.status_code, resp.text)
        image_id = resp.json()['id']
        data = os.urandom(4 * LIMIT)
        resp = requests.put(
            self.url('image', '/v2/images/%s/file' % image_id), data=data,
            headers=dict(ADMIN, **{
                'Content-Type': 'application/octet-stream'}), timeout=60)
        self.assertEqual(204, resp.status_code, resp.text)
        resp = requests.get(
            self.url('image', '/v2/images/%s/file' % image_id),
            headers=ADMIN, timeout=60)
        self.assertEqual(200, resp.status_code)
        self.assertEqual(data, resp.content)
        requests.delete(self.url('image', '/v2/images/%s' % image_id),
                        headers=ADMIN, timeout=30)

    def test_truncated_image_upload_is_400(self):
        resp = requests.post(self.url('image', '/v2/images'), json={
            'name': 'cut', 'disk_format': 'raw',
            'container_format': 'bare'}, headers=ADMIN, timeout=30)
        self.assertEqual(201, resp.status_code, resp.text)
        image_id = resp.json()['id']
        self.addCleanup(requests.delete, self.url(
            'image', '/v2/images/%s' % image_id), headers=ADMIN, timeout=30)
        image = self.urls['image']
        host = urllib.parse.urlsplit(image).netloc
        request = head('PUT', '/v2/images/%s/file' % image_id, host,
                       [('X-Auth-Token', 'admin:admin'),
                        ('Content-Type', 'application/octet-stream'),
                        ('Content-Length', str(10 * LIMIT))])
        status, elapsed = raw_exchange(image, request + b'x' * LIMIT)
        self.assertEqual(400, status)
        self.assertLess(elapsed, SOCKET_TIMEOUT + 5)

    def test_out_of_range_integer_filter_is_400(self):
        for name in ('minRam', 'minDisk'):
            resp = self.cloud.admin_api.get('/flavors?%s=%s' % (name,
                                                                '9' * 30))
            self.assertEqual(400, resp.status_code, name)
            self.assertIn('badRequest', resp.json())

    # -- the server -----------------------------------------------------

    def test_concurrent_posts_are_all_answered(self):
        def post(index):
            # A connection of its own each, as 50 clients would open.
            return requests.post(
                self.url('compute', '/v2.1/os-keypairs'),
                json={'keypair': {'name': 'burst %d' % index,
                                  'type': 'nonsense'}},
                headers=ADMIN, timeout=60).status_code

        with concurrent.futures.ThreadPoolExecutor(50) as pool:
            statuses = list(pool.map(post, range(50)))
        self.assertEqual([400] * 50, statuses)

    @pytest.mark.slow
    def test_half_open_clients_stall_nothing(self):
        parts = urllib.parse.urlsplit(self.compute)
        stalled = []
        try:
            for _ in range(40):
                sock = socket.create_connection(
                    (parts.hostname, parts.port), timeout=30)
                stalled.append(sock)
                sock.sendall(b'GET /v2.1/flavors HTTP/1.1\r\nHost: x\r\n')
            started = time.monotonic()
            resp = self.cloud.admin_api.get('/flavors')
            elapsed = time.monotonic() - started
        finally:
            for sock in stalled:
                sock.close()
        self.assertEqual(200, resp.status_code)
        # Workers let go of each half-open client after the socket
        # timeout: the wait is a few timeouts at most, not a minute.
        self.assertLess(elapsed, 5 * SOCKET_TIMEOUT + 5)


class TestIdentityListener(test.TestCase):
    """The built-in identity service, served as ``nova-all`` serves it."""

    def setUp(self):
        super().setUp()
        self.flags(client_socket_timeout=SOCKET_TIMEOUT, group='wsgi')
        app = builtin_identity.create_app(
            os.path.join(self.state_dir, 'identity'))
        served = builtin_placement.serve(app, service='identity')
        self.addCleanup(served.stop)
        self.url = served.url

    def test_bad_input_is_4xx_in_keystone_format(self):
        resp = requests.post(self.url + '/v3/auth/tokens',
                             data=b'x' * (LIMIT + 1), headers=JSON,
                             timeout=30)
        self.assertEqual(413, resp.status_code)
        self.assertEqual(413, resp.json()['error']['code'])
        resp = requests.get(self.url + '/v3/users?name=%ff', headers=JSON,
                            timeout=30)
        self.assertEqual(400, resp.status_code)
        self.assertEqual('Bad Request', resp.json()['error']['title'])
        resp = requests.post(self.url + '/v3/auth/tokens',
                             data=b'{"auth": ' * 5000, headers=JSON,
                             timeout=30)
        self.assertEqual(400, resp.status_code)
        self.assertIn('error', resp.json())
