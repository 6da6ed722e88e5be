"""``nova-all`` as a user runs it: one command, a whole cloud; a second
start reuses the state; SIGTERM stops it cleanly."""

import os
import signal
import socket
import subprocess
import sys
import time

from nova import test
from nova.tests.functional import api_client

STARTUP_TIMEOUT = 60


def _free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


class TestNovaAllCommand(test.TestCase):

    def setUp(self):
        super().setUp()
        self.aio_state = os.path.join(self.state_dir, 'aio')
        self.api_port = _free_port()
        self.config = os.path.join(self.state_dir, 'nova.conf')
        with open(self.config, 'w') as conf:
            conf.write('[DEFAULT]\nosapi_compute_listen_port = %d\n'
                       'report_interval = 1\n'
                       '[all_in_one]\nplacement_port = %d\nimage_port = %d\n'
                       % (self.api_port, _free_port(), _free_port()))

    def _start(self):
        log = open(os.path.join(self.state_dir, 'nova-all.log'), 'ab')
        code = 'from nova.cmd import all; all.main()'
        env = dict(os.environ, PYTHONPATH=os.getcwd())
        proc = subprocess.Popen(
            [sys.executable, '-W', 'ignore', '-c', code, '--state-dir',
             self.aio_state, '--config-file', self.config],
            stdout=subprocess.PIPE, stderr=log, env=env)
        self.addCleanup(self._kill, proc)
        deadline = time.time() + STARTUP_TIMEOUT
        while time.time() < deadline:
            line = proc.stdout.readline().decode()
            if 'nova-all ready' in line:
                return proc
            if not line and proc.poll() is not None:
                break
        self.fail('nova-all did not start; see %s' % log.name)

    @staticmethod
    def _kill(proc):
        if proc.poll() is None:
            proc.kill()
            proc.wait()

    def _stop(self, proc):
        proc.send_signal(signal.SIGTERM)
        self.assertEqual(0, proc.wait(timeout=30))

    def test_start_boot_stop_restart(self):
        proc = self._start()
        api = api_client.Client(
            'http://127.0.0.1:%d/v2.1' % self.api_port, 'admin', 'admin')
        flavors = [f['name'] for f in api.get('/flavors').json()['flavors']]
        self.assertEqual(['m1.tiny', 'm1.small', 'm1.medium', 'm1.large'],
                         flavors)
        created = api.create_server(name='survivor')['server']
        api.wait_for_status(created['id'], 'ACTIVE')
        self._stop(proc)

        # Second start: same databases, no duplicate seed data.
        proc = self._start()
        server = api.wait_for_status(created['id'], 'ACTIVE')
        self.assertEqual('survivor', server['name'])
        self.assertEqual(4, len(api.get('/flavors').json()['flavors']))
        services = api.get('/os-services').json()['services']
        self.assertEqual(3, len(services))
        self.assertEqual({'up'}, {s['state'] for s in services})
        self._stop(proc)
