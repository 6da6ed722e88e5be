"""nova.ports: is a port nova-all needs taken, and by whom?"""

import os
import socket

from nova import ports
from nova import test


def _listening_socket(test_case):
    sock = socket.socket()
    test_case.addCleanup(sock.close)
    sock.bind(('127.0.0.1', 0))
    sock.listen()
    return sock.getsockname()[1]


def _listener(service, port, option='--some-port'):
    return ports.Listener(service, '127.0.0.1', port, option)


class CheckFreeTestCase(test.TestCase):

    def test_free_ports_and_port_zero_pass(self):
        with socket.socket() as sock:
            sock.bind(('127.0.0.1', 0))
            free = sock.getsockname()[1]
        ports.check_free([_listener('the compute API', free),
                          _listener('placement', 0),
                          _listener('image', 0)])
        # Probing left nothing bound.
        ports.check_free([_listener('the compute API', free)])

    def test_port_in_use_names_service_address_option_and_process(self):
        port = _listening_socket(self)
        error = self.assertRaises(
            ports.PortInUse, ports.check_free,
            [_listener('the compute API', port, '--osapi-compute-port')])
        message = str(error)
        self.assertTrue(message.startswith(
            'cannot listen on 127.0.0.1:%d for the compute API: ' % port),
            message)
        self.assertIn('(by pid %d: ' % os.getpid(), message)
        self.assertTrue(message.endswith(
            '; choose another port with --osapi-compute-port'), message)
        self.assertNotIn('\n', message)

    def test_two_services_on_one_port(self):
        error = self.assertRaises(
            ports.PortInUse, ports.check_free,
            [_listener('the image service', 9999),
             _listener('the network service', 9999, '--network-port')])
        self.assertIn('for the network service: the port of the image '
                      'service too', str(error))

    def test_nobody_listening_is_no_holder(self):
        with socket.socket() as sock:
            sock.bind(('127.0.0.1', 0))
            port = sock.getsockname()[1]
        self.assertIsNone(ports.listening_process(port))
