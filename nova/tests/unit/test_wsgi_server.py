"""nova.wsgi_server.WSGIServer: the one server of every listener."""

import socket
import time
import urllib.request

from nova import test
from nova import wsgi_server


def _app(environ, start_response):
    start_response('200 OK', [('Content-Type', 'text/plain'),
                              ('Content-Length', '5')])
    return [b'hello']


def _response(sock):
    data = b''
    while not data.endswith(b'hello'):
        chunk = sock.recv(1000)
        if not chunk:
            break
        data += chunk
    return data


class TestWSGIServer(test.TestCase):

    def test_options_shape_the_server(self):
        self.flags(backlog=77, client_socket_timeout=3,
                   keep_alive_timeout=30, keep_alive_connections=4,
                   group='wsgi')
        server = wsgi_server.WSGIServer('test', _app, threads=3)
        cheroot = server._server
        self.assertEqual((77, 3, 30, 4, 3),
                         (cheroot.request_queue_size,
                          cheroot.nova_read_timeout, cheroot.timeout,
                          cheroot.keep_alive_conn_limit,
                          cheroot.requests.min))

    def test_reads_time_out_idle_connections_stay(self):
        self.flags(client_socket_timeout=1, keep_alive_timeout=30,
                   group='wsgi')
        server = wsgi_server.WSGIServer('test', _app).start()
        self.addCleanup(server.stop)
        # A half-sent request gets a 408 after the read timeout.
        with socket.create_connection((server.host, server.port),
                                      timeout=10) as sock:
            sock.sendall(b'GET / HTTP/1.1\r\nHost: x\r\n')
            started = time.monotonic()
            self.assertTrue(sock.recv(100).startswith(
                b'HTTP/1.1 408 Request Timeout'))
            self.assertLess(time.monotonic() - started, 5)
        # An idle keep-alive connection outlives it.
        with socket.create_connection((server.host, server.port),
                                      timeout=10) as sock:
            request = b'GET / HTTP/1.1\r\nHost: x\r\n\r\n'
            sock.sendall(request)
            self.assertIn(b'200 OK', _response(sock))
            time.sleep(1.5)
            sock.sendall(request)
            self.assertIn(b'200 OK', _response(sock))

    def test_serves_and_stops(self):
        server = wsgi_server.WSGIServer('test', _app).start()
        self.addCleanup(server.stop)
        with urllib.request.urlopen(server.url + '/', timeout=10) as resp:
            self.assertEqual(b'hello', resp.read())
        server.stop()
        server.stop()
        self.assertRaises(OSError, socket.create_connection,
                          (server.host, server.port), 2)

    def test_bind_failure_raises(self):
        server = wsgi_server.WSGIServer('test', _app).start()
        self.addCleanup(server.stop)
        taken = wsgi_server.WSGIServer('again', _app, port=server.port)
        self.assertRaises(OSError, taken.start)
