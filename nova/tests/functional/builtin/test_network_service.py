"""The built-in network service over real HTTP, driven with raw requests.

These tests speak the Neutron v2.0 wire format directly so that the
documents and status codes stay what Nova and openstacksdk expect.
"""

import concurrent.futures
import http.server
import json
import queue
import threading

import requests

from nova.builtin import network as builtin_network
from nova import test
from nova.tests.fixtures import network as network_fixture

ADMIN = 'admin:admin'
ALICE = 'alice:p1'
BOB = 'bob:p2'


class NetworkServiceTestBase(test.TestCase):

    nova_url = None

    def setUp(self):
        super().setUp()
        self.net = self.useFixture(network_fixture.NetworkService(
            seed=True, nova_url=self.nova_url))
        self.private = self.net.default_network
        self.http = requests.Session()
        self.addCleanup(self.http.close)

    def call(self, method, path, token=ALICE, expect=None, **kwargs):
        headers = kwargs.pop('headers', {})
        if token is not None:
            headers.setdefault('X-Auth-Token', token)
        resp = self.http.request(method, self.net.url + path,
                                 headers=headers, timeout=30, **kwargs)
        if expect is not None:
            self.assertEqual(expect, resp.status_code, resp.text)
        return resp

    def create(self, resource, token=ALICE, expect=201, **body):
        resp = self.call('POST', '/v2.0/%ss' % resource, token=token,
                         expect=expect, json={resource: body})
        return resp.json()[resource] if expect == 201 else resp.json()

    def ids(self, path, token=ALICE, key=None):
        resp = self.call('GET', path, token=token, expect=200)
        key = key or path.split('?')[0].rsplit('/', 1)[1]
        return sorted(item['id'] for item in resp.json()[key])

    def error_type(self, resp):
        return resp.json()['NeutronError']['type']


class DiscoveryTestCase(NetworkServiceTestBase):

    def test_root_lists_v2_without_token(self):
        resp = self.call('GET', '/', token=None, expect=200)
        version, = resp.json()['versions']
        self.assertEqual('v2.0', version['id'])
        self.assertEqual('CURRENT', version['status'])
        self.assertEqual(self.net.url + '/v2.0/',
                         version['links'][0]['href'])

    def test_resources_and_extensions(self):
        resources = self.call('GET', '/v2.0/', expect=200).json()
        self.assertIn('networks', [r['collection']
                                   for r in resources['resources']])
        aliases = [e['alias'] for e in self.call(
            'GET', '/v2.0/extensions', expect=200).json()['extensions']]
        for alias in ('binding', 'security-group', 'external-net',
                      'standard-attr-description'):
            self.assertIn(alias, aliases)
        self.call('GET', '/v2.0/extensions/binding', expect=200)
        self.call('GET', '/v2.0/extensions/nope', expect=404)

    def test_missing_token_is_401(self):
        resp = self.call('GET', '/v2.0/networks', token=None, expect=401)
        self.assertIn('NeutronError', resp.json())

    def test_quota(self):
        quota = self.call('GET', '/v2.0/quotas/p1', expect=200).json()
        self.assertGreater(quota['quota']['port'], 0)
        self.call('GET', '/v2.0/quotas/p2', expect=403)


class SeedTestCase(NetworkServiceTestBase):

    def test_seed_is_idempotent_and_shared(self):
        again = builtin_network.seed_default_network(self.net.app)
        self.assertEqual(self.private['id'], again['id'])
        self.assertEqual(self.private['subnets'], again['subnets'])
        self.assertTrue(again['shared'])
        self.assertEqual('admin', again['project_id'])
        subnet = self.call('GET', '/v2.0/subnets/%s' % again['subnets'][0],
                           token=BOB, expect=200).json()['subnet']
        self.assertEqual('private-subnet', subnet['name'])
        self.assertEqual('10.0.0.0/24', subnet['cidr'])
        self.assertEqual('10.0.0.1', subnet['gateway_ip'])
        self.assertEqual([{'start': '10.0.0.2', 'end': '10.0.0.254'}],
                         subnet['allocation_pools'])


class LifecycleTestCase(NetworkServiceTestBase):

    def test_network_subnet_port_lifecycle(self):
        network = self.create('network', name='net1')
        self.assertEqual('ACTIVE', network['status'])
        self.assertEqual(1500, network['mtu'])
        self.assertFalse(network['shared'])
        self.assertFalse(network['router:external'])
        self.assertEqual('p1', network['project_id'])
        self.assertEqual([], network['subnets'])
        subnet = self.create('subnet', network_id=network['id'],
                             cidr='192.168.5.0/24', ip_version=4,
                             name='sub1')
        self.assertEqual('192.168.5.1', subnet['gateway_ip'])
        self.assertEqual([{'start': '192.168.5.2', 'end': '192.168.5.254'}],
                         subnet['allocation_pools'])
        self.assertTrue(subnet['enable_dhcp'])
        self.assertEqual(4, subnet['ip_version'])
        shown = self.call('GET', '/v2.0/networks/%s' % network['id'],
                          expect=200).json()['network']
        self.assertEqual([subnet['id']], shown['subnets'])
        self.assertGreater(shown['revision_number'],
                           network['revision_number'])
        port = self.create('port', network_id=network['id'], name='p',
                           device_id='vm-1', device_owner='compute:nova')
        self.assertEqual('DOWN', port['status'])
        self.assertEqual('unbound', port['binding:vif_type'])
        self.assertEqual('normal', port['binding:vnic_type'])
        self.assertEqual({}, port['binding:profile'])
        self.assertTrue(port['mac_address'].startswith('fa:16:3e:'))
        self.assertEqual([{'subnet_id': subnet['id'],
                           'ip_address': '192.168.5.2'}], port['fixed_ips'])
        updated = self.call('PUT', '/v2.0/ports/%s' % port['id'],
                            expect=200, json={'port': {'name': 'q'}})
        self.assertEqual('q', updated.json()['port']['name'])
        self.assertEqual(1, updated.json()['port']['revision_number'])
        resp = self.call('DELETE', '/v2.0/networks/%s' % network['id'],
                         expect=409)
        self.assertEqual('NetworkInUse', self.error_type(resp))
        self.call('DELETE', '/v2.0/ports/%s' % port['id'], expect=204)
        self.call('GET', '/v2.0/ports/%s' % port['id'], expect=404)
        self.call('DELETE', '/v2.0/networks/%s' % network['id'], expect=204)
        self.call('GET', '/v2.0/subnets/%s' % subnet['id'], expect=404)

    def test_update_network_and_fields_selection(self):
        network = self.create('network', name='old')
        resp = self.call('PUT', '/v2.0/networks/%s' % network['id'],
                         expect=200, json={'network': {'name': 'new'}})
        self.assertEqual('new', resp.json()['network']['name'])
        resp = self.call('GET', '/v2.0/networks?name=new&fields=id'
                         '&fields=name', expect=200)
        self.assertEqual([{'id': network['id'], 'name': 'new'}],
                         resp.json()['networks'])

    def test_overlapping_subnet_is_409(self):
        network = self.create('network')
        self.create('subnet', network_id=network['id'], cidr='10.9.0.0/16',
                    ip_version=4)
        resp = self.create('subnet', network_id=network['id'],
                           cidr='10.9.3.0/24', ip_version=4, expect=409)
        self.assertEqual('SubnetOverlap', resp['NeutronError']['type'])

    def test_explicit_gateway_splits_pools(self):
        network = self.create('network')
        subnet = self.create('subnet', network_id=network['id'],
                             cidr='10.1.0.0/28', gateway_ip='10.1.0.5',
                             ip_version=4)
        self.assertEqual([{'start': '10.1.0.1', 'end': '10.1.0.4'},
                          {'start': '10.1.0.6', 'end': '10.1.0.14'}],
                         subnet['allocation_pools'])

    def test_port_filters(self):
        net_id = self.private['id']
        one = self.create('port', network_id=net_id, device_id='d1')
        two = self.create('port', network_id=net_id, device_id='d2',
                          device_owner='compute:nova')
        self.assertEqual([one['id']], self.ids('/v2.0/ports?device_id=d1'))
        self.assertEqual([two['id']],
                         self.ids('/v2.0/ports?device_owner=compute:nova'))
        address = two['fixed_ips'][0]['ip_address']
        self.assertEqual([two['id']], self.ids(
            '/v2.0/ports?fixed_ips=ip_address%3D' + address))
        self.assertEqual([one['id']], self.ids(
            '/v2.0/ports?mac_address=' + one['mac_address']))
        self.assertEqual(sorted([one['id'], two['id']]), self.ids(
            '/v2.0/ports?network_id=%s&id=%s&id=%s'
            % (net_id, one['id'], two['id'])))


class IpamTestCase(NetworkServiceTestBase):

    def port(self, **body):
        body.setdefault('network_id', self.private['id'])
        return self.create('port', **body)

    def test_concurrent_ports_get_unique_addresses(self):
        with concurrent.futures.ThreadPoolExecutor(10) as pool:
            ports = list(pool.map(lambda i: self.port(name=str(i)),
                                  range(20)))
        addresses = [p['fixed_ips'][0]['ip_address'] for p in ports]
        macs = [p['mac_address'] for p in ports]
        self.assertEqual(20, len(set(addresses)))
        self.assertEqual(20, len(set(macs)))
        self.assertNotIn('10.0.0.1', addresses)

    def test_explicit_address_honoured_then_conflict(self):
        subnet_id = self.private['subnets'][0]
        port = self.port(fixed_ips=[{'subnet_id': subnet_id,
                                     'ip_address': '10.0.0.77'}])
        self.assertEqual('10.0.0.77', port['fixed_ips'][0]['ip_address'])
        resp = self.create('port', network_id=self.private['id'],
                           fixed_ips=[{'ip_address': '10.0.0.77'}],
                           expect=409)
        self.assertEqual('IpAddressAlreadyAllocated',
                         resp['NeutronError']['type'])
        self.create('port', network_id=self.private['id'],
                    fixed_ips=[{'ip_address': '10.0.0.1'}], expect=409)
        self.create('port', network_id=self.private['id'],
                    fixed_ips=[{'ip_address': '10.9.9.9'}], expect=400)

    def test_delete_port_frees_address(self):
        first = self.port()
        address = first['fixed_ips'][0]['ip_address']
        self.call('DELETE', '/v2.0/ports/%s' % first['id'], expect=204)
        again = self.port(fixed_ips=[{'ip_address': address}])
        self.assertEqual(address, again['fixed_ips'][0]['ip_address'])

    def test_subnet_exhaustion_is_409(self):
        network = self.create('network')
        self.create('subnet', network_id=network['id'], cidr='10.2.0.0/30',
                    ip_version=4)
        self.create('port', network_id=network['id'])
        resp = self.create('port', network_id=network['id'], expect=409)
        self.assertEqual('IpAddressGenerationFailure',
                         resp['NeutronError']['type'])


class VisibilityTestCase(NetworkServiceTestBase):

    def test_private_networks_stay_in_their_project(self):
        mine = self.create('network', token=ALICE)
        theirs = self.create('network', token=BOB)
        shared = self.private['id']
        # The seeded external network is everyone's too.
        public = self.net.public_network['id']
        self.assertEqual(sorted([mine['id'], shared, public]),
                         self.ids('/v2.0/networks', token=ALICE))
        self.assertEqual(sorted([theirs['id'], shared, public]),
                         self.ids('/v2.0/networks', token=BOB))
        self.assertEqual(sorted([mine['id'], theirs['id'], shared, public]),
                         self.ids('/v2.0/networks', token=ADMIN))
        self.call('GET', '/v2.0/networks/%s' % theirs['id'], token=ALICE,
                  expect=404)
        self.create('port', token=ALICE, network_id=theirs['id'],
                    expect=404)
        self.assertEqual(sorted([shared, public]),
                         self.ids('/v2.0/networks?shared=true', token=ALICE))
        self.assertEqual([shared], self.ids(
            '/v2.0/networks?shared=true&router:external=false',
            token=ALICE))
        self.assertEqual([mine['id']],
                         self.ids('/v2.0/networks?project_id=p1',
                                  token=ALICE))

    def test_shared_network_is_usable_but_not_modifiable(self):
        shared = self.private['id']
        port = self.create('port', token=BOB, network_id=shared)
        self.assertEqual('p2', port['project_id'])
        self.call('GET', '/v2.0/ports/%s' % port['id'], token=ALICE,
                  expect=404)
        self.call('PUT', '/v2.0/networks/%s' % shared, token=BOB,
                  expect=403, json={'network': {'name': 'x'}})
        self.create('subnet', token=BOB, network_id=shared,
                    cidr='10.5.0.0/24', ip_version=4, expect=403)
        self.create('network', token=BOB, shared=True, expect=403)
        self.create('port', token=BOB, network_id=shared,
                    **{'binding:host_id': 'h'}, expect=403)

    def test_admin_creates_port_for_another_project(self):
        port = self.create('port', token=ADMIN, project_id='p1',
                           network_id=self.private['id'])
        self.assertEqual('p1', port['tenant_id'])
        self.assertEqual([port['id']], self.ids('/v2.0/ports', token=ALICE))
        self.create('port', token=BOB, project_id='p1',
                    network_id=self.private['id'], expect=403)


class SecurityGroupTestCase(NetworkServiceTestBase):

    def test_default_group_per_project(self):
        groups = self.call('GET', '/v2.0/security-groups',
                           expect=200).json()['security_groups']
        default, = groups
        self.assertEqual('default', default['name'])
        self.assertEqual('p1', default['project_id'])
        egress = [r for r in default['security_group_rules']
                  if r['direction'] == 'egress']
        self.assertEqual(['IPv4', 'IPv6'],
                         sorted(r['ethertype'] for r in egress))
        port = self.create('port', network_id=self.private['id'])
        self.assertEqual([default['id']], port['security_groups'])
        self.call('GET', '/v2.0/security-groups/%s' % default['id'],
                  expect=200)
        self.call('GET', '/v2.0/security-groups/%s' % default['id'],
                  token=BOB, expect=404)
        rules = self.call('GET', '/v2.0/security-group-rules?'
                          'security_group_id=%s' % default['id'],
                          expect=200).json()['security_group_rules']
        self.assertEqual(4, len(rules))
        other = self.call('GET', '/v2.0/security-groups?name=default',
                          token=BOB, expect=200).json()['security_groups']
        self.assertNotEqual(default['id'], other[0]['id'])


class _Receiver(http.server.BaseHTTPRequestHandler):
    """Records each POST as (path, token, body) on ``server.received``."""

    def do_POST(self):
        body = json.loads(self.rfile.read(
            int(self.headers['Content-Length'])))
        self.server.received.put((self.path,
                                  self.headers['X-Auth-Token'], body))
        self.send_response(200)
        self.send_header('Content-Type', 'application/json')
        self.end_headers()
        self.wfile.write(b'{"events": []}')

    def log_message(self, *args):
        pass


def start_receiver(test_case):
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), _Receiver)
    server.received = queue.Queue()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    test_case.addCleanup(thread.join, 10)
    test_case.addCleanup(server.server_close)
    test_case.addCleanup(server.shutdown)
    return server


class BindingTestCase(NetworkServiceTestBase):

    def setUp(self):
        self.receiver = start_receiver(self)
        host, port = self.receiver.server_address[:2]
        self.nova_url = 'http://%s:%d/v2.1' % (host, port)
        super().setUp()

    def test_binding_sends_vif_plugged(self):
        port = self.create('port', network_id=self.private['id'],
                           device_id='server-1', device_owner='compute:n')
        self.assertTrue(self.receiver.received.empty())
        resp = self.call('PUT', '/v2.0/ports/%s' % port['id'], token=ADMIN,
                         expect=200,
                         json={'port': {'binding:host_id': 'host1'}})
        bound = resp.json()['port']
        self.assertEqual('ACTIVE', bound['status'])
        self.assertEqual('ovs', bound['binding:vif_type'])
        self.assertEqual('host1', bound['binding:host_id'])
        path, token, body = self.receiver.received.get(timeout=10)
        self.assertEqual('/v2.1/os-server-external-events', path)
        self.assertEqual('admin:admin', token)
        self.assertEqual({'events': [{
            'name': 'network-vif-plugged', 'server_uuid': 'server-1',
            'tag': port['id'], 'status': 'completed'}]}, body)

    def test_bound_at_create_and_unbinding(self):
        port = self.create('port', token=ADMIN, network_id=self.private['id'],
                           device_id='server-2',
                           **{'binding:host_id': 'host2'})
        self.assertEqual('ACTIVE', port['status'])
        _, _, body = self.receiver.received.get(timeout=10)
        self.assertEqual(port['id'], body['events'][0]['tag'])
        resp = self.call('PUT', '/v2.0/ports/%s' % port['id'], token=ADMIN,
                         expect=200,
                         json={'port': {'binding:host_id': ''}})
        self.assertEqual('DOWN', resp.json()['port']['status'])
        self.assertEqual('unbound', resp.json()['port']['binding:vif_type'])
