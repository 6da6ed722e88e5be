"""``nova-all`` and ``nova-manage`` as an operator meets them, run as child
processes: --help and --version, one cloud per state directory, a port
in use, progress of a first start, the nova.conf of the state directory
and nova-manage working on it, errors on one line.
"""

import os
import re
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
import time

import fixtures
import pytest

from nova.db import migration
from nova import test
from nova.tests.fixtures import multiprocess
from nova import version

# Child processes: run without ./run_tests.sh --fast.
pytestmark = pytest.mark.slow

STARTUP_TIMEOUT = 90
NOVA_ALL = [sys.executable, '-c', 'from nova.cmd import all; all.main()']
MANAGE = [sys.executable, '-m', 'nova.cmd.manage']


def _run(argv, env=None, cwd=None, timeout=60):
    return subprocess.run(argv, capture_output=True, text=True,
                          env=env or multiprocess.python_env(),
                          cwd=cwd or multiprocess.REPO_ROOT, timeout=timeout)


class NovaAllCommandLineTestCase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.tmp = self.useFixture(fixtures.TempDir()).path
        self.state = os.path.join(self.tmp, 'state')

    @staticmethod
    def _ports_args():
        """Free ports for the built-in services, on the command line."""
        return [arg for name in ('placement', 'image', 'identity', 'network')
                for arg in ('--%s-port' % name,
                            str(multiprocess.free_port()))]

    def assertOneLine(self, text):
        self.assertEqual(1, len(text.strip().splitlines()), text)
        self.assertNotIn('Traceback', text)

    def test_help_and_version_create_nothing(self):
        home = os.path.join(self.tmp, 'home')
        os.mkdir(home)
        env = dict(multiprocess.python_env(), HOME=home)
        env.pop('NOVA_STATE_DIR', None)
        helped = _run(NOVA_ALL + ['--help'], env=env, cwd=home)
        self.assertEqual(0, helped.returncode, helped.stderr)
        for option in ('--state-dir DIR', '--listen ADDRESS',
                       '--osapi-compute-listen-port PORT',
                       '--placement-port PORT', '--image-port PORT',
                       '--identity-port PORT', '--network-port PORT',
                       '--fake-hosts N', '--noidentity', '--noimage',
                       '--nonetwork', '--compute-driver DRIVER',
                       '--config-file PATH', '--config-dir DIR'):
            self.assertIn(option, helped.stdout)
        self.assertIn('usage: nova-all', helped.stdout)
        # The rest is in the configuration files, under Nova's names.
        flat = ' '.join(helped.stdout.split())
        self.assertIn('[all_in_one] fake_hosts, default 1', flat)
        self.assertIn('quotas in [quota]', flat)

        shown = _run(NOVA_ALL + ['--version'], env=env, cwd=home)
        self.assertEqual(0, shown.returncode, shown.stderr)
        self.assertEqual(version.version_string(), shown.stdout.strip())
        # Not even ~/.nova-all or a cache under $HOME.
        self.assertEqual([], os.listdir(home))

    def test_port_in_use_exits_at_once_with_one_line(self):
        taken = socket.socket()
        self.addCleanup(taken.close)
        taken.bind(('127.0.0.1', 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _run(NOVA_ALL + [
            '--state-dir', self.state, '--osapi-compute-listen-port',
            str(port)] + self._ports_args())
        self.assertEqual(1, result.returncode, result.stderr)
        self.assertOneLine(result.stderr)
        self.assertIn('nova-all: cannot listen on 127.0.0.1:%d for the '
                      'compute API: ' % port, result.stderr)
        self.assertIn('(by pid %d: ' % os.getpid(), result.stderr)
        self.assertIn('--osapi-compute-listen-port', result.stderr)
        self.assertNotIn('ready', result.stdout)
        # Nothing was created before the check: no database, no service.
        self.assertEqual(['nova-all.lock'], os.listdir(self.state))

    def test_manage_errors_are_one_line(self):
        missing = _run(MANAGE + ['--state-dir', self.state, 'cell_v2',
                                 'list_cells'])
        self.assertEqual(1, missing.returncode)
        self.assertOneLine(missing.stdout + missing.stderr)
        self.assertIn('%s/nova.conf not found' % self.state, missing.stdout)

        empty = os.path.join(self.tmp, 'empty.conf')
        open(empty, 'w').close()
        unexpected = _run(MANAGE + ['--config-file', empty, 'cell_v2',
                                    'list_cells'])
        self.assertEqual(255, unexpected.returncode)
        self.assertOneLine(unexpected.stdout + unexpected.stderr)
        self.assertIn('An error has occurred: DBNotConfigured: ',
                      unexpected.stdout)
        debug = _run(MANAGE + ['--config-file', empty, '--debug', 'cell_v2',
                               'list_cells'])
        self.assertEqual(255, debug.returncode)
        self.assertIn('Traceback', debug.stdout)


class NovaAllStateDirTestCase(test.TestCase):
    """One cloud started, stopped and started again on a state directory,
    with nova-manage at work on it in between."""

    def setUp(self):
        super().setUp()
        self.tmp = self.useFixture(fixtures.TempDir()).path
        self.state = os.path.join(self.tmp, 'state')
        self.api_port = multiprocess.free_port()
        # Options from a configuration directory, as an operator keeps them.
        self.config_dir = os.path.join(self.tmp, 'nova.conf.d')
        os.mkdir(self.config_dir)
        multiprocess.write_config(
            os.path.join(self.config_dir, '10-ports.conf'), {
                'DEFAULT': {'osapi_compute_listen_port': self.api_port,
                            'report_interval': 1},
                'all_in_one': {
                    '%s_port' % name: multiprocess.free_port()
                    for name in ('placement', 'image', 'identity',
                                 'network')}})

    def _start(self):
        """Start nova-all; returns the process and the lines it printed
        before its "ready" line."""
        log = os.path.join(self.tmp, 'nova-all.log')
        proc = subprocess.Popen(
            NOVA_ALL + ['--state-dir', self.state, '--config-dir',
                        self.config_dir, '--fake-hosts', '2',
                        '--log-file', log],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env=multiprocess.python_env(), cwd=multiprocess.REPO_ROOT)
        self.addCleanup(self._kill, proc)
        lines = []
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if line.startswith('nova-all ready'):
                return proc, lines
            if not line and proc.poll() is not None:
                break
            lines.append(line.rstrip('\n'))
        self.fail('nova-all did not start:\n%s' % '\n'.join(lines))

    @staticmethod
    def _kill(proc):
        if proc.poll() is None:
            proc.kill()
            proc.wait()

    def _stop(self, proc):
        proc.send_signal(signal.SIGTERM)
        self.assertEqual(0, proc.wait(timeout=30))

    def _manage(self, *argv, expect=0):
        result = _run(MANAGE + list(argv))
        self.assertEqual(expect, result.returncode, '%s:\n%s%s' % (
            argv, result.stdout, result.stderr))
        return result.stdout

    def _host_mappings(self):
        with sqlite3.connect(os.path.join(self.state,
                                          'nova_api.sqlite')) as db:
            return db.execute('SELECT COUNT(*) FROM host_mappings').fetchone(
                )[0]

    def test_first_start_later_start_lock_and_nova_manage(self):
        proc, printed = self._start()
        self.assertEqual('nova-all: first start: creating a cloud in %s'
                         % self.state, printed[0])
        steps = '\n'.join(printed)
        for step in (r'creating databases \(API, cell0, cell1\) and cells',
                     r'creating flavors \(m1\.tiny, m1\.small, m1\.medium, '
                     r'm1\.large\)',
                     r'creating the image service and image "tiny"',
                     r'creating the network service and networks '
                     r'\(private, public\)',
                     r'creating the identity service and its users '
                     r'\(admin, demo, reader\)',
                     r'starting conductor, scheduler and 2 compute '
                     r'host\(s\)'):
            self.assertRegex(steps, r'(?m)^nova-all: %s \.\.\. \d+\.\d s$'
                             % step)
        self.assertRegex(printed[-1], r'^nova-all: cloud created in '
                                      r'\d+\.\d s$')

        # One cloud per state directory.
        second = _run(NOVA_ALL + ['--state-dir', self.state], timeout=60)
        self.assertEqual(1, second.returncode)
        self.assertEqual(
            'nova-all: the state directory %s is in use by nova-all (pid %d)'
            '; stop it or use another --state-dir' % (self.state, proc.pid),
            second.stderr.strip())
        self.assertEqual('', second.stdout)

        # The configuration it runs with, without passwords.
        config = os.path.join(self.state, 'nova.conf')
        self.assertEqual(0o600, stat.S_IMODE(os.stat(config).st_mode))
        with open(config) as handle:
            written = handle.read()
        with open(os.path.join(self.state,
                               'identity-passwords.json')) as handle:
            for password in re.findall(r'"([^"]{20,})"', handle.read()):
                self.assertNotIn(password, written)
        self.assertIn('osapi_compute_listen_port = %d' % self.api_port,
                      written)
        self.assertIn('fake_hosts = 2', written)
        self.assertIn(self.config_dir, written)

        # nova-manage on the running cloud's state.
        cells = self._manage('--state-dir', self.state, 'cell_v2',
                             'list_cells')
        self.assertIn('cell0', cells)
        self.assertIn('sqlite:///%s/nova_cell1.sqlite' % self.state, cells)
        self.assertEqual(migration.head_version('main'), self._manage(
            '--state-dir', self.state, 'db', 'version').strip())
        self.assertEqual(migration.head_version('api'), self._manage(
            '--config-file', config, 'api_db', 'version').strip())
        # (Whether nova-all mapped both hosts already depends on when their
        # nodes reported: either way they are mapped after this.)
        self.assertIn('Getting compute nodes from cell', self._manage(
            '--state-dir', self.state, 'cell_v2', 'discover_hosts',
            '--verbose'))
        self.assertEqual(2, self._host_mappings())
        self._stop(proc)

        # Hosts as new ones look (unmapped, their nodes not marked mapped):
        # nova-manage maps them from the databases alone (the message queue
        # is in-memory).
        with sqlite3.connect(os.path.join(self.state,
                                          'nova_api.sqlite')) as db:
            db.execute('DELETE FROM host_mappings')
        with sqlite3.connect(os.path.join(self.state,
                                          'nova_cell1.sqlite')) as db:
            db.execute('UPDATE compute_nodes SET mapped = 0')
        self._manage('--config-file', config, 'cell_v2', 'discover_hosts',
                     '--strict')
        self.assertEqual(2, self._host_mappings())
        self._manage('--config-file', config, 'cell_v2', 'discover_hosts',
                     '--strict', expect=1)

        # A later start says so in one line.
        proc, printed = self._start()
        self.assertEqual(1, len(printed), printed)
        self.assertRegex(printed[0], r'^nova-all: started from the existing '
                                     r'state in %s in \d+\.\d s$'
                         % re.escape(self.state))
        self._stop(proc)
