"""A user hot-plugs ports into a server and unplugs them
(/servers/{server_id}/os-interface), and an admin pushes a server's
network info into its guest again (injectNetworkInfo)."""

import time
import types

from nova.tests.functional import test_networking


def _ref(server_id):
    # What the fake driver looks a guest up by.
    return types.SimpleNamespace(uuid=server_id)


OTHER_NET = {'network': {'name': 'backend'}}
OTHER_SUBNET = {'subnet': {'cidr': '10.9.0.0/24', 'ip_version': 4,
                           'name': 'backend-subnet'}}


class TestAttachInterfaces(test_networking.NetworkingTestBase):

    def setUp(self):
        super().setUp()
        net = self.neutron('POST', '/v2.0/networks', OTHER_NET)
        self.assertEqual(201, net.status_code, net.text)
        self.net_id = net.json()['network']['id']
        self.addCleanup(self.neutron, 'DELETE',
                        '/v2.0/networks/%s' % self.net_id)
        subnet = dict(OTHER_SUBNET['subnet'], network_id=self.net_id)
        resp = self.neutron('POST', '/v2.0/subnets', {'subnet': subnet})
        self.assertEqual(201, resp.status_code, resp.text)
        self.addCleanup(self.cloud.delete_all_servers)

    def path(self, server_id, port_id=None):
        path = '/servers/%s/os-interface' % server_id
        return path + '/' + port_id if port_id else path

    def driver_of(self, server):
        host = server['OS-EXT-SRV-ATTR:host']
        return next(c.manager.driver for c in self.cloud.computes
                    if c.host == host)

    def wait_detached(self, server_id, port_id, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            listed = self.api.get(self.path(server_id)).json()[
                'interfaceAttachments']
            if port_id not in {a['port_id'] for a in listed}:
                return listed
            time.sleep(0.05)
        self.fail('port %s still attached' % port_id)

    def test_attach_on_a_network_list_show_and_detach(self):
        server = self.boot([{'uuid': self.private['id']}])
        server_id = server['id']
        listed = self.api.get(self.path(server_id)).json()[
            'interfaceAttachments']
        self.assertEqual(1, len(listed))
        self.assertEqual(self.private['id'], listed[0]['net_id'])
        self.assertEqual('ACTIVE', listed[0]['port_state'])

        resp = self.api.post(self.path(server_id), {'interfaceAttachment': {
            'net_id': self.net_id,
            'fixed_ips': [{'ip_address': '10.9.0.50'}],
            'tag': 'backend-nic'}})
        self.assertEqual(200, resp.status_code, resp.text)
        attached = resp.json()['interfaceAttachment']
        self.assertEqual(self.net_id, attached['net_id'])
        self.assertEqual('10.9.0.50', attached['fixed_ips'][0]['ip_address'])
        self.assertEqual('backend-nic', attached['tag'])
        port_id = attached['port_id']

        driver = self.driver_of(server)
        self.assertIn(port_id, driver.plugged_ports(
            _ref(server_id)))
        addresses = self.api.get_server(server_id)['addresses']
        self.assertEqual(['10.9.0.50'],
                         [a['addr'] for a in addresses['backend']])
        shown = self.api.get(self.path(server_id, port_id))
        self.assertEqual(200, shown.status_code, shown.text)
        self.assertEqual('backend-nic',
                         shown.json()['interfaceAttachment']['tag'])
        old = self.api.get(self.path(server_id, port_id),
                           microversion='2.69').json()['interfaceAttachment']
        self.assertNotIn('tag', old)
        self.assertEqual(2, len(self.api.get(self.path(server_id)).json()[
            'interfaceAttachments']))
        actions = self.api.get('/servers/%s/os-instance-actions'
                               % server_id).json()['instanceActions']
        self.assertIn('attach_interface', [a['action'] for a in actions])

        resp = self.api.delete(self.path(server_id, port_id))
        self.assertEqual(202, resp.status_code, resp.text)
        self.wait_detached(server_id, port_id)
        # A port Nova made is deleted with its attachment.
        self.assertEqual(404, self.neutron(
            'GET', '/v2.0/ports/%s' % port_id).status_code)
        self.assertNotIn('backend', self.api.get_server(server_id)[
            'addresses'])
        self.assertNotIn(port_id, driver.plugged_ports(
            _ref(server_id)))

    def test_a_users_port_moves_between_servers_and_survives(self):
        first = self.boot('none')
        second = self.boot('none')
        resp = self.neutron('POST', '/v2.0/ports', {'port': {
            'network_id': self.net_id}})
        self.assertEqual(201, resp.status_code, resp.text)
        port_id = resp.json()['port']['id']
        resp = self.api.post(self.path(first['id']), {
            'interfaceAttachment': {'port_id': port_id}})
        self.assertEqual(200, resp.status_code, resp.text)
        # A port in use elsewhere cannot be attached twice.
        resp = self.api.post(self.path(second['id']), {
            'interfaceAttachment': {'port_id': port_id}})
        self.assertEqual(409, resp.status_code, resp.text)
        self.api.delete(self.path(first['id'], port_id))
        self.wait_detached(first['id'], port_id)
        port = self.neutron('GET', '/v2.0/ports/%s' % port_id).json()['port']
        self.assertEqual('', port['device_id'])
        resp = self.api.post(self.path(second['id']), {
            'interfaceAttachment': {'port_id': port_id}})
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertEqual([port_id], [a['port_id'] for a in self.api.get(
            self.path(second['id'])).json()['interfaceAttachments']])

    def test_bad_requests(self):
        server = self.boot([{'uuid': self.private['id']}])
        server_id = server['id']
        missing = '9a1e0b7c-0000-4000-8000-00000000dead'
        cases = (
            ({'interfaceAttachment': {'net_id': self.net_id,
                                      'port_id': missing}}, 400),
            ({'interfaceAttachment': {'fixed_ips': [
                {'ip_address': '10.9.0.9'}]}}, 400),
            ({'interfaceAttachment': {'net_id': 'not-a-uuid'}}, 400),
            ({'interfaceAttachment': {'net_id': self.net_id,
                                      'fixed_ips': [{'ip_address': 'x'}]}},
             400),
            ({'interfaceAttachment': {'bogus': 1}}, 400),
            ({'interfaceAttachment': {'net_id': missing}}, 404),
            ({'interfaceAttachment': {'port_id': missing}}, 404),
            # Two candidate networks and none named.
            ({'interfaceAttachment': {}}, 400),
        )
        for body, code in cases:
            resp = self.api.post(self.path(server_id), body)
            self.assertEqual(code, resp.status_code, (body, resp.text))
            self.assertIn('message', list(resp.json().values())[0])
        resp = self.api.post(self.path(server_id), {'interfaceAttachment': {
            'net_id': self.net_id, 'tag': 'x'}}, microversion='2.48')
        self.assertEqual(400, resp.status_code, resp.text)
        # An address already taken on that network.
        taken = self.api.post(self.path(server_id), {'interfaceAttachment': {
            'net_id': self.net_id, 'fixed_ips': [
                {'ip_address': '10.9.0.60'}]}})
        self.assertEqual(200, taken.status_code, taken.text)
        again = self.api.post(self.path(server_id), {'interfaceAttachment': {
            'net_id': self.net_id, 'fixed_ips': [
                {'ip_address': '10.9.0.60'}]}})
        self.assertEqual(409, again.status_code, again.text)
        # Ports of other servers and unknown ports are not this server's.
        for port_id in (missing, 'nope'):
            self.assertEqual(404, self.api.get(
                self.path(server_id, port_id)).status_code)
            self.assertEqual(404, self.api.delete(
                self.path(server_id, port_id)).status_code)
        self.assertEqual(404, self.api.get(self.path(missing)).status_code)
        # Nothing leaked: the server has its two ports, no more.
        self.assertEqual(2, len(self.ports_of(server_id)))

    def test_state_lock_and_other_projects(self):
        server_id = self.boot([{'uuid': self.private['id']}])['id']
        body = {'interfaceAttachment': {'net_id': self.net_id}}
        self.api.post('/servers/%s/action' % server_id, {'shelve': None})
        self.api.wait_for_status(server_id, 'SHELVED_OFFLOADED')
        resp = self.api.post(self.path(server_id), body)
        self.assertEqual(409, resp.status_code, resp.text)
        self.api.post('/servers/%s/action' % server_id, {'unshelve': None})
        self.api.wait_for_status(server_id, 'ACTIVE')

        demo = self.cloud.api_for('demo', 'demo')
        self.assertEqual(404, demo.get(self.path(server_id)).status_code)
        self.assertEqual(404, demo.post(self.path(server_id),
                                        body).status_code)
        mine = self.boot('auto', api=demo)['id']
        resp = demo.post('/servers/%s/action' % mine, {'lock': None})
        self.assertEqual(202, resp.status_code, resp.text)
        resp = demo.post(self.path(mine), body)
        self.assertEqual(409, resp.status_code, resp.text)
        listed = demo.get(self.path(mine)).json()['interfaceAttachments']
        self.assertEqual(1, len(listed))
        resp = demo.delete(self.path(mine, listed[0]['port_id']))
        self.assertEqual(409, resp.status_code, resp.text)

    def test_an_admins_port_is_the_servers_projects(self):
        # As in Nova: the port an admin attaches to a user's server is the
        # user's project's, so the user's security groups apply to it.
        demo = self.cloud.api_for('demo', 'demo')
        server_id = self.boot([{'uuid': self.private['id']}], api=demo)['id']
        resp = self.api.post(self.path(server_id), {
            'interfaceAttachment': {'net_id': self.net_id}})
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertEqual({'demo'}, {p['project_id']
                                    for p in self.ports_of(server_id)})
        resp = demo.post('/servers/%s/action' % server_id,
                         {'addSecurityGroup': {'name': 'default'}})
        self.assertEqual(400, resp.status_code, resp.text)
        self.assertIn('already', resp.json()['badRequest']['message'])

    def test_driver_failure_leaves_nothing_behind(self):
        server = self.boot([{'uuid': self.private['id']}])
        driver = self.driver_of(server)
        driver.fail_interface_for[server['id']] = RuntimeError('no slot')
        self.addCleanup(driver.fail_interface_for.clear)
        resp = self.api.post(self.path(server['id']), {
            'interfaceAttachment': {'net_id': self.net_id}})
        self.assertEqual(500, resp.status_code, resp.text)
        self.assertEqual(1, len(self.ports_of(server['id'])))
        self.assertEqual('ACTIVE', self.api.get_server(server['id'])[
            'status'])

    def test_inject_network_info(self):
        server = self.boot([{'uuid': self.private['id']}])
        body = {'injectNetworkInfo': None}
        resp = self.api.post('/servers/%s/action' % server['id'], body)
        self.assertEqual(202, resp.status_code, resp.text)
        driver = self.driver_of(server)
        instance = _ref(server['id'])
        deadline = time.monotonic() + 30
        while 'network info injected' not in '\n'.join(
                driver._guest(instance).console):
            self.assertLess(time.monotonic(), deadline)
            time.sleep(0.05)
        demo = self.cloud.api_for('demo', 'demo')
        mine = self.boot('auto', api=demo)['id']
        resp = demo.post('/servers/%s/action' % mine, body)
        self.assertEqual(403, resp.status_code, resp.text)
        # Tempest sends an empty object; anything in it is refused.
        resp = self.api.post('/servers/%s/action' % server['id'],
                             {'injectNetworkInfo': {}})
        self.assertEqual(202, resp.status_code, resp.text)
        resp = self.api.post('/servers/%s/action' % server['id'],
                             {'injectNetworkInfo': {'now': True}})
        self.assertEqual(400, resp.status_code, resp.text)


class TestFixedIps(test_networking.NetworkingTestBase):
    """addFixedIp and removeFixedIp (2.1 - 2.43)."""

    def act(self, server_id, body, microversion='2.43'):
        return self.api.post('/servers/%s/action' % server_id, body,
                             microversion=microversion)

    def addresses(self, server_id):
        return sorted(a['addr'] for a in self.api.get_server(server_id)[
            'addresses'].get('private', ()))

    def wait_addresses(self, server_id, count):
        deadline = time.monotonic() + 30
        while len(self.addresses(server_id)) != count:
            self.assertLess(time.monotonic(), deadline)
            time.sleep(0.05)
        return self.addresses(server_id)

    def test_add_and_remove(self):
        server = self.boot([{'uuid': self.private['id']}])
        self.addCleanup(self.api.delete, '/servers/%s' % server['id'])
        first, = self.addresses(server['id'])
        resp = self.act(server['id'], {'addFixedIp': {
            'networkId': self.private['id']}})
        self.assertEqual(202, resp.status_code, resp.text)
        both = self.wait_addresses(server['id'], 2)
        self.assertIn(first, both)
        port, = self.ports_of(server['id'])
        self.assertEqual(set(both), {ip['ip_address']
                                     for ip in port['fixed_ips']})
        resp = self.act(server['id'], {'removeFixedIp': {'address': first}})
        self.assertEqual(202, resp.status_code, resp.text)
        self.wait_addresses(server['id'], 1)
        self.assertNotIn(first, self.addresses(server['id']))

    def test_bad_requests(self):
        server = self.boot([{'uuid': self.private['id']}])
        self.addCleanup(self.api.delete, '/servers/%s' % server['id'])
        missing = '9a1e0b7c-0000-4000-8000-00000000dead'
        for body, code in (
                ({'addFixedIp': {'networkId': missing}}, 400),
                ({'addFixedIp': {}}, 400),
                ({'removeFixedIp': {'address': '192.0.2.1'}}, 400),
                ({'removeFixedIp': {'address': 'nope'}}, 400)):
            resp = self.act(server['id'], body)
            self.assertEqual(code, resp.status_code, (body, resp.text))
        resp = self.act(server['id'], {'addFixedIp': {
            'networkId': self.private['id']}}, microversion='2.44')
        self.assertEqual(404, resp.status_code, resp.text)
        resp = self.act(missing, {'addFixedIp': {
            'networkId': self.private['id']}})
        self.assertEqual(404, resp.status_code, resp.text)
        self.assertEqual(1, len(self.addresses(server['id'])))
