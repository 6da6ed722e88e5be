"""``nova-all`` as a user runs it: one command, a whole cloud with its own
identity, image and network services; real ``openstack`` commands drive
it with the ``clouds.yaml`` it writes; a second start reuses the state;
SIGTERM stops it cleanly."""

import collections
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time

import fixtures
from keystoneauth1.identity import v3
from keystoneauth1 import session as ks_session
import pytest
import requests
import yaml

from nova import test
from nova.tests.functional import api_client

STARTUP_TIMEOUT = 90

# nova-all and openstack commands as child processes: run without
# ./run_tests.sh --fast.
pytestmark = pytest.mark.slow


def _free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def _openstack_command():
    local = os.path.join(os.path.dirname(sys.executable), 'openstack')
    return local if os.path.exists(local) else shutil.which('openstack')


class TestNovaAllCommand(test.TestCase):

    def setUp(self):
        super().setUp()
        self.aio_state = os.path.join(self.state_dir, 'aio')
        self.api_port = _free_port()
        self.placement_port = _free_port()
        self.config = os.path.join(self.state_dir, 'nova.conf')
        with open(self.config, 'w') as conf:
            conf.write('[DEFAULT]\nosapi_compute_listen_port = %d\n'
                       'report_interval = 1\n'
                       '[all_in_one]\nplacement_port = %d\nimage_port = %d\n'
                       'identity_port = %d\nnetwork_port = %d\n'
                       % (self.api_port, self.placement_port, _free_port(),
                          _free_port(), _free_port()))

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

    def _clouds(self):
        with open(os.path.join(self.aio_state, 'clouds.yaml')) as handle:
            return yaml.safe_load(handle)['clouds']

    def _token(self, cloud):
        auth = self._clouds()[cloud]['auth']
        return ks_session.Session(auth=v3.Password(**auth)).get_token()

    def _api(self, cloud):
        return api_client.Client(
            'http://127.0.0.1:%d/v2.1' % self.api_port, None, None,
            token=self._token(cloud))

    def _openstack(self, cloud, *args, formatted=True):
        command = _openstack_command()
        self.assertIsNotNone(command, 'the openstack client is not installed')
        env = dict(os.environ, OS_CLOUD=cloud, OS_CLIENT_CONFIG_FILE=(
            os.path.join(self.aio_state, 'clouds.yaml')))
        result = subprocess.run([command] + list(args) + (
            ['-f', 'json'] if formatted else []),
                                env=env, capture_output=True, text=True,
                                timeout=120)
        self.assertEqual(0, result.returncode,
                         '%s: %s' % (args, result.stderr))
        return json.loads(result.stdout) if formatted else None

    def test_start_boot_stop_restart(self):
        proc = self._start()
        api = self._api('admin')
        # Tokens of the built-in identity are required now.
        anonymous = api_client.Client(
            'http://127.0.0.1:%d/v2.1' % self.api_port, 'admin', 'admin')
        self.assertEqual(401, anonymous.get('/servers').status_code)
        garbage = api_client.Client(
            'http://127.0.0.1:%d/v2.1' % self.api_port, None, None,
            token='not-a-token')
        self.assertEqual(401, garbage.get('/servers').status_code)
        flavors = [f['name'] for f in api.get('/flavors').json()['flavors']]
        self.assertEqual(['m1.tiny', 'm1.small', 'm1.medium', 'm1.large'],
                         flavors)
        created = api.create_server(name='survivor')['server']
        api.wait_for_status(created['id'], 'ACTIVE')
        # Another project neither sees nor reaches it.
        demo = self._api('demo')
        self.assertEqual([], demo.get('/servers').json()['servers'])
        self.assertEqual(404, demo.get(
            '/servers/%s' % created['id']).status_code)
        # A reader may look but not create.
        reader = self._api('reader')
        self.assertEqual(200, reader.get('/servers').status_code)
        self.assertEqual(403, reader.post('/servers', {'server': {
            'name': 'no', 'imageRef': api_client.DEFAULT_IMAGE,
            'flavorRef': '1', 'networks': 'none'}}).status_code)
        # Placement takes a token of the identity with the admin role.
        providers = 'http://127.0.0.1:%d/resource_providers' % (
            self.placement_port)
        for token, status in ((None, 401), ('admin', 401),
                              (self._token('demo'), 403),
                              (self._token('admin'), 200)):
            headers = {'X-Auth-Token': token} if token else {}
            self.assertEqual(status, requests.get(
                providers, headers=headers, timeout=30).status_code, token)
        self._stop(proc)

        # Second start: same databases and users, no duplicate seed data.
        proc = self._start()
        api = self._api('admin')
        server = api.wait_for_status(created['id'], 'ACTIVE')
        self.assertEqual('survivor', server['name'])
        self.assertEqual(4, len(api.get('/flavors').json()['flavors']))
        services = api.get('/os-services').json()['services']
        self.assertEqual(3, len(services))
        self.assertEqual({'up'}, {s['state'] for s in services})
        self._stop(proc)

    def test_killed_mid_burst_nothing_stays_in_build(self):
        with open(self.config, 'a') as conf:
            conf.write('[conductor]\nbuild_request_timeout = 5\n'
                       'build_request_check_interval = 1\n')
        proc = self._start()
        api = self._api('admin')
        accepted, lock = [], threading.Lock()

        def boot(index):
            try:
                resp = api.post('/servers', {'server': {
                    'name': 'burst-%d' % index,
                    'imageRef': api_client.DEFAULT_IMAGE, 'flavorRef': '1',
                    'networks': 'none'}})
            except requests.RequestException:
                return
            if resp.status_code == 202:
                with lock:
                    accepted.append(resp.json()['server']['id'])

        threads = [threading.Thread(target=boot, args=(n,))
                   for n in range(50)]
        for thread in threads:
            thread.start()
            if len(accepted) >= 20 and proc.poll() is None:
                proc.kill()
            time.sleep(0.02)
        for thread in threads:
            thread.join()
        self._kill(proc)
        # Killed in the middle: some were accepted, not all.
        self.assertTrue(0 < len(accepted) < 50, len(accepted))

        proc = self._start()
        api = self._api('admin')
        deadline = time.time() + 90
        while True:
            servers = {s['id']: s for s in api.get(
                '/servers/detail?all_tenants=1').json()['servers']}
            pending = [u for u in accepted
                       if servers.get(u, {}).get('status') not in
                       ('ACTIVE', 'ERROR')]
            if not pending:
                break
            self.assertLess(time.time(), deadline,
                            'still pending: %s' % [
                                (u, servers.get(u, {}).get('status'))
                                for u in pending])
            time.sleep(0.5)
        placement = 'http://127.0.0.1:%d/allocations/' % self.placement_port
        headers = {'X-Auth-Token': self._token('admin'),
                   'OpenStack-API-Version': 'placement 1.28'}
        for server_id in accepted:
            server = servers[server_id]
            allocations = requests.get(placement + server_id,
                                       headers=headers,
                                       timeout=30).json()['allocations']
            if server['status'] == 'ERROR':
                self.assertIn('fault', server)
                self.assertEqual({}, allocations, server_id)
            else:
                self.assertEqual(1, len(allocations), server_id)
        print('accepted %d: %s' % (len(accepted), sorted(
            collections.Counter(servers[u]['status']
                                for u in accepted).items())))
        self._stop(proc)

    def test_openstack_client_drives_the_cloud(self):
        proc = self._start()
        self.assertIn('2.1', {v['Version'] for v in self._openstack(
            'demo', 'versions', 'show', '--service', 'compute')})
        flavors = self._openstack('demo', 'flavor', 'list')
        self.assertIn('m1.tiny', [f['Name'] for f in flavors])
        self.assertIn('tiny', [i['Name'] for i in
                               self._openstack('demo', 'image', 'list')])
        self.assertIn('private', [n['Name'] for n in
                                  self._openstack('demo', 'network', 'list')])
        image_file = os.path.join(self.state_dir, 'disk.raw')
        with open(image_file, 'wb') as handle:
            handle.write(b'\0' * 65536)
        image = self._openstack(
            'demo', 'image', 'create', '--file', image_file, '--disk-format',
            'raw', '--container-format', 'bare', 'mine')
        self.assertEqual('active', image['status'])
        self.assertEqual(65536, image['size'])
        server = self._openstack(
            'demo', 'server', 'create', '--image', 'tiny', '--flavor',
            'm1.tiny', '--network', 'private', '--wait', 'vm1')
        self.assertEqual('ACTIVE', server['status'])
        self.assertTrue(str(server['addresses']).find('10.0.0.') >= 0,
                        server['addresses'])
        ports = self._openstack('demo', 'port', 'list', '--server', 'vm1')
        self.assertEqual(1, len(ports))
        listed = self._openstack('demo', 'server', 'list')
        self.assertEqual(['vm1'], [s['Name'] for s in listed])
        shown = self._openstack('demo', 'server', 'show', 'vm1')
        self.assertEqual(server['id'], shown['id'])
        # Another project sees nothing of it.
        self.assertEqual([], self._openstack('admin', 'server', 'list'))
        services = self._openstack('admin', 'compute', 'service', 'list')
        self.assertEqual({'nova-conductor', 'nova-scheduler', 'nova-compute'},
                         {s['Binary'] for s in services})
        hypervisors = self._openstack('admin', 'hypervisor', 'list')
        self.assertEqual(1, len(hypervisors))
        self._openstack('demo', 'server', 'delete', '--wait', 'vm1',
                        formatted=False)
        self.assertEqual([], self._openstack('demo', 'server', 'list'))
        # Its port went with it.
        self.assertEqual([], self._openstack('demo', 'port', 'list'))
        self._stop(proc)

    def test_openstacksdk_drives_the_cloud(self):
        import openstack

        proc = self._start()
        self.useFixture(fixtures.EnvironmentVariable(
            'OS_CLIENT_CONFIG_FILE',
            os.path.join(self.aio_state, 'clouds.yaml')))
        conn = openstack.connect(cloud='demo')
        self.addCleanup(conn.close)
        flavor = conn.compute.find_flavor('m1.tiny')
        image = conn.image.find_image('tiny')
        self.assertIsNotNone(conn.network.find_network('private'))
        server = conn.compute.create_server(
            name='sdk-vm', flavor_id=flavor.id, image_id=image.id,
            networks='none')
        server = conn.compute.wait_for_server(server, wait=60)
        self.assertEqual('ACTIVE', server.status)
        self.assertEqual(['sdk-vm'], [s.name for s in conn.compute.servers()])
        conn.compute.delete_server(server)
        conn.compute.wait_for_delete(server, wait=60)
        self.assertEqual([], list(conn.compute.servers()))
        self._stop(proc)
