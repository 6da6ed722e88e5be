"""Floating IPs through the Compute API: the /os-floating-ip-pools and
/os-floating-ips proxies (until 2.35) to the built-in network service, and
the addFloatingIp / removeFloatingIp server actions (until 2.43), whose
floating IPs then show in the server's addresses.

The cloud's network service has the shared network ``private`` and the
external network ``public`` (172.24.4.0/24), the default pool.
"""

import ipaddress

from oslo_utils import uuidutils

from nova.tests.functional import test_networking

PUBLIC = ipaddress.ip_network('172.24.4.0/24')


class FloatingIPProxyTestBase(test_networking.NetworkingTestBase):

    def setUp(self):
        super().setUp()
        self.demo = self.cloud.api_for('demo', 'demo', microversion='2.35')
        self.public = self.cloud.network.public_network

    def boot_as(self, project, networks='auto'):
        """A server of ``project`` (booted at the latest microversion,
        for ``networks: auto``)."""
        return self.boot(networks, api=self.cloud.api_for(project,
                                                          project))['id']

    def allocate(self, body=None, api=None):
        api = api or self.demo
        resp = api.post('/os-floating-ips', body)
        self.assertEqual(200, resp.status_code, resp.text)
        fip = resp.json()['floating_ip']
        # Floating IPs outlive servers: release them after each test.
        self.addCleanup(self.neutron, 'DELETE',
                        '/v2.0/floatingips/%s' % fip['id'])
        return fip

    def act(self, server_id, body, api=None, microversion='2.43'):
        return (api or self.demo).post('/servers/%s/action' % server_id,
                                       body, microversion=microversion)

    def addresses(self, server_id, api=None):
        """{address: OS-EXT-IPS:type} of the server's addresses."""
        server = (api or self.demo).get_server(server_id)
        return {entry['addr']: entry['OS-EXT-IPS:type']
                for entries in server['addresses'].values()
                for entry in entries}


class TestFloatingIPProxy(FloatingIPProxyTestBase):

    def test_pools_are_the_external_networks(self):
        resp = self.demo.get('/os-floating-ip-pools')
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertEqual({'floating_ip_pools': [{'name': 'public'}]},
                         resp.json())
        self.assertEqual(404, self.demo.get(
            '/os-floating-ip-pools', microversion='2.36').status_code)

    def test_allocate_list_show_release(self):
        default = self.allocate()
        self.assertEqual('public', default['pool'])
        self.assertIn(ipaddress.ip_address(default['ip']), PUBLIC)
        self.assertIsNone(default['fixed_ip'])
        self.assertIsNone(default['instance_id'])
        self.assertTrue(uuidutils.is_uuid_like(default['id']))
        by_name = self.allocate({'pool': 'public'})
        by_id = self.allocate({'pool': self.public['id']})
        empty = self.allocate({})
        for fip in (by_name, by_id, empty):
            self.assertEqual('public', fip['pool'])
        self.assertEqual(4, len({f['ip'] for f in (default, by_name, by_id,
                                                   empty)}))

        listed = self.demo.get('/os-floating-ips')
        self.assertEqual(200, listed.status_code, listed.text)
        listed = {f['id']: f for f in listed.json()['floating_ips']}
        for fip in (default, by_name, by_id, empty):
            self.assertEqual(fip, listed[fip['id']])
        shown = self.demo.get('/os-floating-ips/%s' % default['id'])
        self.assertEqual(200, shown.status_code, shown.text)
        self.assertEqual({'floating_ip': default}, shown.json())

        resp = self.demo.delete('/os-floating-ips/%s' % default['id'])
        self.assertEqual(202, resp.status_code, resp.text)
        self.assertEqual(404, self.demo.get(
            '/os-floating-ips/%s' % default['id']).status_code)
        self.assertEqual(404, self.demo.delete(
            '/os-floating-ips/%s' % default['id']).status_code)
        self.assertNotIn(default['id'], [
            f['id'] for f in self.demo.get('/os-floating-ips').json()[
                'floating_ips']])
        # Gone from the network service too.
        self.assertEqual(404, self.neutron(
            'GET', '/v2.0/floatingips/%s' % default['id']).status_code)

    def test_other_projects_cannot_see_or_touch_them(self):
        mine = self.allocate()
        other = self.cloud.api_for('alt', 'alt', microversion='2.35')
        theirs = self.allocate(api=other)
        self.assertEqual([theirs['id']], [
            f['id'] for f in other.get('/os-floating-ips').json()[
                'floating_ips']])
        self.assertNotIn(theirs['id'], [
            f['id'] for f in self.demo.get('/os-floating-ips').json()[
                'floating_ips']])
        self.assertEqual(404, other.get(
            '/os-floating-ips/%s' % mine['id']).status_code)
        self.assertEqual(404, other.delete(
            '/os-floating-ips/%s' % mine['id']).status_code)
        server_id = self.boot_as('alt')
        resp = self.act(server_id, {'addFloatingIp': {'address': mine['ip']}},
                        api=other)
        self.assertEqual(404, resp.status_code, resp.text)
        resp = self.act(server_id, {'removeFloatingIp': {
            'address': mine['ip']}}, api=other)
        self.assertEqual(404, resp.status_code, resp.text)
        self.assertEqual(200, self.demo.get(
            '/os-floating-ips/%s' % mine['id']).status_code)

    def test_unknown_pools_and_ids(self):
        for pool in ('nope', 'private', self.private['id'],
                     uuidutils.generate_uuid()):
            resp = self.demo.post('/os-floating-ips', {'pool': pool})
            self.assertEqual(404, resp.status_code, (pool, resp.text))
            self.assertIn('itemNotFound', resp.json())
        resp = self.demo.post('/os-floating-ips', {'pool': 5})
        self.assertEqual(400, resp.status_code, resp.text)
        for floating_ip_id in ('nope', uuidutils.generate_uuid()):
            for method in ('GET', 'DELETE'):
                resp = self.demo.request(
                    method, '/os-floating-ips/%s' % floating_ip_id)
                self.assertEqual(404, resp.status_code,
                                 (method, floating_ip_id, resp.text))

    def test_unknown_default_pool_is_404(self):
        self.flags(default_floating_pool='nova', group='neutron')
        resp = self.demo.post('/os-floating-ips', None)
        self.assertEqual(404, resp.status_code, resp.text)
        self.assertEqual('Floating IP pool not found.',
                         resp.json()['itemNotFound']['message'])

    def test_proxies_end_at_2_36(self):
        fip = self.allocate()
        for method, path in (('GET', '/os-floating-ips'),
                             ('POST', '/os-floating-ips'),
                             ('GET', '/os-floating-ips/%s' % fip['id']),
                             ('DELETE', '/os-floating-ips/%s' % fip['id'])):
            resp = self.demo.request(method, path, microversion='2.36')
            self.assertEqual(404, resp.status_code, (method, path))
        self.assertEqual(200, self.demo.get(
            '/os-floating-ips/%s' % fip['id']).status_code)


class TestFloatingIPActions(FloatingIPProxyTestBase):

    def test_associate_shows_in_addresses_then_disassociate(self):
        server_id = self.boot_as('demo')
        fixed, = self.addresses(server_id)
        fip = self.allocate()
        resp = self.act(server_id, {'addFloatingIp': {'address': fip['ip']}})
        self.assertEqual(202, resp.status_code, resp.text)
        self.assertEqual('', resp.text)

        server = self.demo.get_server(server_id)
        entries = server['addresses']['private']
        self.assertEqual([(fixed, 'fixed'), (fip['ip'], 'floating')],
                         [(e['addr'], e['OS-EXT-IPS:type'])
                          for e in entries])
        self.assertEqual(entries[0]['OS-EXT-IPS-MAC:mac_addr'],
                         entries[1]['OS-EXT-IPS-MAC:mac_addr'])
        ips = self.demo.get('/servers/%s/ips' % server_id).json()
        self.assertEqual({'private': [{'version': 4, 'addr': fixed},
                                      {'version': 4, 'addr': fip['ip']}]},
                         ips['addresses'])
        found = self.demo.get('/servers?ip=%s' % fip['ip']).json()
        self.assertEqual([server_id], [s['id'] for s in found['servers']])
        shown = self.demo.get('/os-floating-ips/%s' % fip['id']).json()[
            'floating_ip']
        self.assertEqual(server_id, shown['instance_id'])
        self.assertEqual(fixed, shown['fixed_ip'])
        port_id = self.ports_of(server_id)[0]['id']
        in_neutron = self.neutron('GET', '/v2.0/floatingips/%s'
                                  % fip['id']).json()['floatingip']
        self.assertEqual(('ACTIVE', port_id, fixed),
                         (in_neutron['status'], in_neutron['port_id'],
                          in_neutron['fixed_ip_address']))

        resp = self.act(server_id, {'removeFloatingIp': {
            'address': fip['ip']}})
        self.assertEqual(202, resp.status_code, resp.text)
        self.assertEqual({fixed: 'fixed'}, self.addresses(server_id))
        shown = self.demo.get('/os-floating-ips/%s' % fip['id']).json()[
            'floating_ip']
        self.assertIsNone(shown['instance_id'])
        self.assertIsNone(shown['fixed_ip'])
        resp = self.act(server_id, {'removeFloatingIp': {
            'address': fip['ip']}})
        self.assertEqual(409, resp.status_code, resp.text)

    def test_explicit_fixed_address_and_one_floating_ip_per_fixed_ip(self):
        server_id = self.boot_as('demo')
        fixed, = self.addresses(server_id)
        first, second = self.allocate(), self.allocate()
        resp = self.act(server_id, {'addFloatingIp': {
            'address': first['ip'], 'fixed_address': fixed}})
        self.assertEqual(202, resp.status_code, resp.text)
        resp = self.act(server_id, {'addFloatingIp': {
            'address': second['ip']}})
        self.assertEqual(400, resp.status_code, resp.text)
        self.assertEqual({fixed: 'fixed', first['ip']: 'floating'},
                         self.addresses(server_id))

    def test_reassociation_moves_it_between_servers(self):
        one = self.boot_as('demo')
        two = self.boot_as('demo')
        fip = self.allocate()
        for server_id in (one, two):
            resp = self.act(server_id, {'addFloatingIp': {
                'address': fip['ip']}})
            self.assertEqual(202, resp.status_code, resp.text)
        self.assertNotIn(fip['ip'], self.addresses(one))
        self.assertEqual('floating', self.addresses(two)[fip['ip']])
        resp = self.act(one, {'removeFloatingIp': {'address': fip['ip']}})
        self.assertEqual(409, resp.status_code, resp.text)
        self.assertEqual(two, self.demo.get(
            '/os-floating-ips/%s' % fip['id']).json()['floating_ip'][
            'instance_id'])

    def test_release_and_server_delete_disassociate(self):
        server_id = self.boot_as('demo')
        fip = self.allocate()
        resp = self.act(server_id, {'addFloatingIp': {'address': fip['ip']}})
        self.assertEqual(202, resp.status_code, resp.text)
        resp = self.demo.delete('/os-floating-ips/%s' % fip['id'])
        self.assertEqual(202, resp.status_code, resp.text)
        self.assertNotIn(fip['ip'], self.addresses(server_id))

        kept = self.allocate()
        resp = self.act(server_id, {'addFloatingIp': {'address': kept['ip']}})
        self.assertEqual(202, resp.status_code, resp.text)
        self.assertEqual(204, self.demo.delete(
            '/servers/%s' % server_id).status_code)
        self.demo.wait_until_gone(server_id)
        after = self.demo.get('/os-floating-ips/%s' % kept['id']).json()[
            'floating_ip']
        self.assertIsNone(after['instance_id'])
        self.assertIsNone(after['fixed_ip'])

    def test_bad_requests(self):
        server_id = self.boot_as('demo')
        fip = self.allocate()
        for body, code in (
                ({'addFloatingIp': {'address': ''}}, 400),
                ({'addFloatingIp': {'address': 'nope'}}, 400),
                ({'addFloatingIp': {}}, 400),
                ({'addFloatingIp': {'address': fip['ip'], 'x': 1}}, 400),
                ({'addFloatingIp': {'address': '0.0.0.0'}}, 404),
                ({'addFloatingIp': {'address': fip['ip'],
                                    'fixed_address': '10.9.9.9'}}, 400),
                ({'removeFloatingIp': {'address': '0.0.0.0'}}, 404),
                ({'removeFloatingIp': {'address': ''}}, 400),
                ({'removeFloatingIp': {'address': fip['ip']}}, 409)):
            resp = self.act(server_id, body)
            self.assertEqual(code, resp.status_code, (body, resp.text))
        resp = self.act(uuidutils.generate_uuid(),
                        {'addFloatingIp': {'address': fip['ip']}})
        self.assertEqual(404, resp.status_code, resp.text)
        portless = self.boot_as('demo', 'none')
        resp = self.act(portless, {'addFloatingIp': {'address': fip['ip']}})
        self.assertEqual(400, resp.status_code, resp.text)
        self.assertIn('not ready', resp.json()['badRequest']['message'])
        # Nothing got associated on the way.
        self.assertIsNone(self.demo.get(
            '/os-floating-ips/%s' % fip['id']).json()['floating_ip'][
            'instance_id'])

    def test_actions_end_at_2_44(self):
        server_id = self.boot_as('demo')
        fip = self.allocate()
        for name in ('addFloatingIp', 'removeFloatingIp'):
            resp = self.act(server_id, {name: {'address': fip['ip']}},
                            microversion='2.44')
            self.assertEqual(404, resp.status_code, (name, resp.text))
        self.assertEqual(202, self.act(server_id, {'addFloatingIp': {
            'address': fip['ip']}}, microversion='2.1').status_code)
