"""A server's life with every Nova service in its own OS process.

nova-api, nova-conductor, nova-scheduler and nova-compute run as child
processes started from their command modules, talk over RabbitMQ (a vhost
per test) and keep the API, cell0 and cell1 databases on MariaDB or
PostgreSQL; the deployment is prepared with ``nova-manage`` exactly as an
operator does. Placement and the built-in image service are served from
the test process over HTTP. nova-compute gets a configuration without any
database, as on a real compute host.

Each test skips when RabbitMQ or its database server is down, and fails
instead when ``CI=true``.
"""

import collections
import os
import threading
import time

import fixtures
import pytest
import requests

from nova.builtin.image import app as image_app
from nova.builtin.image import seed as image_seed
from nova.builtin import placement
from nova import test
from nova.tests.fixtures import multiprocess

# Child processes over RabbitMQ with a database server: run without
# ./run_tests.sh --fast.
pytestmark = pytest.mark.slow

API_HEADERS = {'X-Auth-Token': 'admin:admin',
               'OpenStack-API-Version': 'compute 2.100'}
FLAVOR = {'flavor': {'name': 'mp.tiny', 'id': 'mp-tiny', 'ram': 512,
                     'disk': 1, 'vcpus': 1}}


class _DistributedDeployment:
    """Every service in its own process, deployed as an operator does;
    subclasses name the database backend."""

    backend = None

    def setUp(self):
        super().setUp()
        self.tmp = self.useFixture(fixtures.TempDir()).path
        try:
            rabbit = multiprocess.RabbitVhost().check()
            dbs = multiprocess.ServerDatabases(self.backend).check()
        except multiprocess.Unreachable as error:
            multiprocess.unreachable(self, 'RabbitMQ or %s' % self.backend,
                                     error)
        self.rabbit = self.useFixture(rabbit)
        self.dbs = self.useFixture(dbs)
        self.host = 'mp-compute-%s' % self.dbs.prefix[-6:]
        self.processes = self.useFixture(
            multiprocess.ServiceProcesses(self.tmp))
        self.session = requests.Session()
        self.addCleanup(self.session.close)

    # -- the deployment -----------------------------------------------------

    def _serve_placement_and_images(self):
        app = placement.make_app(self.dbs.create('placement'))
        self.addCleanup(app.dispose)
        served = placement.serve(app, '127.0.0.1', 0)
        self.addCleanup(served.stop)
        self.placement_url = served.url
        images = image_app.create_app(os.path.join(self.tmp, 'images'))
        self.addCleanup(images.store.close)
        self.image = image_seed.seed_default_image(images)
        served_images = placement.serve(images, '127.0.0.1', 0)
        self.addCleanup(served_images.stop)
        return served.url, served_images.url

    def _write_configs(self, placement_url, image_url):
        self.api_port = multiprocess.free_port()
        common = {
            'DEFAULT': {'transport_url': self.rabbit.transport_url,
                        'report_interval': 5,
                        'osapi_compute_listen': '127.0.0.1',
                        'osapi_compute_listen_port': self.api_port},
            'placement': {'endpoint_override': placement_url},
            'glance': {'endpoint_override': image_url},
            'api': {'validate_responses': True},
            'oslo_concurrency': {'lock_path': self.tmp},
        }
        controller = dict(common)
        controller['DEFAULT'] = dict(common['DEFAULT'], host='mp-controller')
        controller['api_database'] = {'connection': self.dbs.url('api')}
        controller['database'] = {'connection': self.dbs.url()}
        # No quota: the burst boots 100 servers for one project.
        controller['quota'] = {'instances': -1, 'cores': -1, 'ram': -1}
        self.controller_conf = multiprocess.write_config(
            os.path.join(self.tmp, 'nova.conf'), controller)
        # NOTE: no database options at all, as on a real compute host.
        compute = dict(common)
        compute['DEFAULT'] = dict(common['DEFAULT'], host=self.host)
        # Room for the burst's 100 servers of 512 MB on the one host.
        compute['fake'] = {'vcpus': 128, 'memory_mb': 65536,
                           'local_gb': 200}
        self.compute_conf = multiprocess.write_config(
            os.path.join(self.tmp, 'nova-compute.conf'), compute)

    def manage(self, *argv):
        result = multiprocess.run_manage(self.controller_conf, *argv)
        self.assertEqual(
            0, result.returncode,
            'nova-manage %s failed (%s):\n%s%s' % (
                ' '.join(argv), result.returncode, result.stdout,
                result.stderr))
        return result.stdout

    def _deploy(self):
        for suffix in ('api', '', 'cell0'):
            self.dbs.create(suffix)
        self._write_configs(*self._serve_placement_and_images())
        self.manage('api_db', 'sync')
        self.manage('cell_v2', 'map_cell0')
        self.manage('db', 'sync')
        self.manage('cell_v2', 'create_cell', '--name', 'cell1',
                    '--transport-url', self.rabbit.transport_url,
                    '--database_connection', self.dbs.url())
        for binary in ('nova-conductor', 'nova-scheduler'):
            self.processes.start(binary, self.controller_conf)
        for binary in ('nova-conductor', 'nova-scheduler'):
            self.processes.wait_for_log(binary, '%s started' % binary)
        self.processes.start('nova-compute', self.compute_conf)
        self.processes.wait_for_log('nova-compute', 'nova-compute started')
        found = self.manage('cell_v2', 'discover_hosts', '--verbose')
        self.assertIn('Creating the host mapping of compute host %s'
                      % self.host, found)
        self.processes.start('nova-api', self.controller_conf)
        self.processes.wait_for_log('nova-api', 'listening on')
        self.api = 'http://127.0.0.1:%d/v2.1' % self.api_port

    # -- talking to the API -------------------------------------------------

    def request(self, method, path, body=None, expect=None):
        response = self.session.request(method, self.api + path, json=body,
                                        headers=API_HEADERS, timeout=30)
        if expect is not None:
            self.assertEqual(expect, response.status_code,
                             '%s %s: %s' % (method, path, response.text))
        return response

    def wait_for(self, predicate, what, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.processes.assert_running()
            value = predicate()
            if value:
                return value
            time.sleep(0.25)
        self.fail('Timed out waiting for %s' % what)

    def _server_status(self, server_id):
        server = self.request('GET', '/servers/%s' % server_id,
                              expect=200).json()['server']
        return server if server['status'] != 'BUILD' else None

    def _server_gone(self, server_id):
        return self.request('GET', '/servers/%s' % server_id).status_code \
            == 404


class _DistributedBootMixin(_DistributedDeployment):
    """The boot story; subclasses name the database backend."""

    def test_boot_show_list_delete(self):
        self._deploy()
        self.request('POST', '/flavors', FLAVOR, expect=200)
        created = self.request('POST', '/servers', {'server': {
            'name': 'mp-vm1', 'imageRef': self.image['id'],
            'flavorRef': 'mp-tiny', 'networks': 'none'}}, expect=202)
        server_id = created.json()['server']['id']

        server = self.wait_for(lambda: self._server_status(server_id),
                               'server %s to leave BUILD' % server_id)
        self.assertEqual('ACTIVE', server['status'], server)
        self.assertEqual(self.host, server['OS-EXT-SRV-ATTR:host'])
        self.assertEqual('mp-vm1', server['name'])

        listed = self.request('GET', '/servers', expect=200).json()
        self.assertEqual([server_id], [s['id'] for s in listed['servers']])

        self.request('DELETE', '/servers/%s' % server_id, expect=204)
        self.wait_for(lambda: self._server_gone(server_id),
                      'server %s to be deleted' % server_id)
        listed = self.request('GET', '/servers', expect=200).json()
        self.assertEqual([], listed['servers'])
        self.processes.assert_running()


class _DistributedBurstMixin(_DistributedDeployment):
    """100 boots at once through the distributed services."""

    BURST = 100

    def _allocations(self):
        providers = requests.get(
            self.placement_url + '/resource_providers',
            headers={'X-Auth-Token': 'admin'}, timeout=30).json()[
            'resource_providers']
        consumers = set()
        for provider in providers:
            allocations = requests.get(
                self.placement_url + '/resource_providers/%s/allocations'
                % provider['uuid'], headers={'X-Auth-Token': 'admin'},
                timeout=30).json()['allocations']
            consumers.update(allocations)
        return consumers

    def test_burst_of_boots_all_active_with_one_allocation_each(self):
        self._deploy()
        self.request('POST', '/flavors', FLAVOR, expect=200)
        body = {'server': {'name': 'burst', 'imageRef': self.image['id'],
                           'flavorRef': 'mp-tiny', 'networks': 'none'}}
        codes, errors = [], []

        def create():
            # Each client its own connection, as 100 users would.
            response = requests.post(self.api + '/servers', json=body,
                                     headers=API_HEADERS, timeout=120)
            codes.append(response.status_code)
            if response.status_code != 202:
                errors.append(response.text[:300])

        threads = [threading.Thread(target=create)
                   for _ in range(self.BURST)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual({202: self.BURST}, collections.Counter(codes),
                         errors[:3])

        def settled():
            servers = self.request('GET', '/servers/detail', expect=200
                                   ).json()['servers']
            if any(s['status'] == 'BUILD' for s in servers):
                return None
            return servers
        servers = self.wait_for(settled, 'the burst to settle', timeout=300)
        statuses = collections.Counter(s['status'] for s in servers)
        consumers = self._allocations()
        print('burst of %d on %s: %s, %d allocations' % (
            self.BURST, self.backend, dict(statuses), len(consumers)))
        self.assertEqual({'ACTIVE': self.BURST}, dict(statuses))
        self.assertEqual({s['id'] for s in servers}, consumers)
        self.processes.assert_running()


class MySQLDistributedBootTest(_DistributedBootMixin, test.TestCase):
    backend = 'mysql'


class PostgreSQLDistributedBootTest(_DistributedBootMixin, test.TestCase):
    backend = 'postgresql'


class MySQLDistributedBurstTest(_DistributedBurstMixin, test.TestCase):
    backend = 'mysql'


class PostgreSQLDistributedBurstTest(_DistributedBurstMixin, test.TestCase):
    backend = 'postgresql'
