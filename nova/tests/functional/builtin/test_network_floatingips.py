"""Floating IPs of the built-in network service, over real HTTP.

The service is seeded with the shared network ``private`` (10.0.0.0/24)
and the shared external network ``public`` (172.24.4.0/24).
"""

import ipaddress

import fixtures

from nova.tests.functional.builtin import test_network_service as base

ADMIN = base.ADMIN
ALICE = base.ALICE
BOB = base.BOB
MISSING = '3a5e8d0c-1f5b-4b7e-9f0e-6a2d7c1b9e44'
PUBLIC = ipaddress.ip_network('172.24.4.0/24')


class FloatingIPTestBase(base.NetworkServiceTestBase):

    def setUp(self):
        super().setUp()
        self.public = self.net.public_network

    def fip(self, token=ALICE, expect=201, **body):
        body.setdefault('floating_network_id', self.public['id'])
        return self.create('floatingip', token=token, expect=expect, **body)

    def port(self, token=ALICE, **body):
        body.setdefault('network_id', self.private['id'])
        return self.create('port', token=token, **body)

    def put(self, fip_id, token=ALICE, expect=200, **body):
        resp = self.call('PUT', '/v2.0/floatingips/%s' % fip_id, token=token,
                         expect=expect, json={'floatingip': body})
        return resp.json().get('floatingip', resp.json())

    def show(self, fip_id, token=ALICE, expect=200):
        resp = self.call('GET', '/v2.0/floatingips/%s' % fip_id, token=token,
                         expect=expect)
        return resp.json().get('floatingip', resp.json())


class SeedTestCase(FloatingIPTestBase):

    def test_public_is_a_shared_external_network(self):
        self.assertTrue(self.public['router:external'])
        self.assertTrue(self.public['shared'])
        self.assertEqual('public', self.public['name'])
        subnet = self.call('GET', '/v2.0/subnets/%s'
                           % self.public['subnets'][0], token=BOB,
                           expect=200).json()['subnet']
        self.assertEqual('172.24.4.0/24', subnet['cidr'])
        self.assertEqual([self.public['id']], self.ids(
            '/v2.0/networks?router:external=true', token=BOB))
        self.assertFalse(self.private['router:external'])


class LifecycleTestCase(FloatingIPTestBase):

    def test_allocate_associate_disassociate_delete(self):
        fip = self.fip()
        self.assertEqual('DOWN', fip['status'])
        self.assertEqual(self.public['id'], fip['floating_network_id'])
        self.assertIsNone(fip['port_id'])
        self.assertIsNone(fip['fixed_ip_address'])
        self.assertIsNone(fip['router_id'])
        self.assertEqual('p1', fip['project_id'])
        self.assertEqual('p1', fip['tenant_id'])
        self.assertEqual([], fip['tags'])
        self.assertEqual(0, fip['revision_number'])
        self.assertEqual('', fip['description'])
        for key in ('created_at', 'updated_at'):
            self.assertTrue(fip[key].endswith('Z'), fip[key])
        address = ipaddress.ip_address(fip['floating_ip_address'])
        self.assertIn(address, PUBLIC)
        self.assertNotEqual('172.24.4.1', fip['floating_ip_address'])
        other = self.fip(description='second')
        self.assertNotEqual(fip['floating_ip_address'],
                            other['floating_ip_address'])
        self.assertEqual('second', other['description'])
        self.assertEqual(fip, self.show(fip['id']))
        self.assertEqual(sorted([fip['id'], other['id']]),
                         self.ids('/v2.0/floatingips'))

        port = self.port()
        fixed = port['fixed_ips'][0]['ip_address']
        associated = self.put(fip['id'], port_id=port['id'])
        self.assertEqual('ACTIVE', associated['status'])
        self.assertEqual(port['id'], associated['port_id'])
        self.assertEqual(fixed, associated['fixed_ip_address'])
        self.assertEqual(1, associated['revision_number'])
        self.assertEqual(associated, self.show(fip['id']))

        disassociated = self.put(fip['id'], port_id=None)
        self.assertEqual('DOWN', disassociated['status'])
        self.assertIsNone(disassociated['port_id'])
        self.assertIsNone(disassociated['fixed_ip_address'])

        self.call('DELETE', '/v2.0/floatingips/%s' % fip['id'], expect=204)
        self.show(fip['id'], expect=404)
        self.call('DELETE', '/v2.0/floatingips/%s' % fip['id'], expect=404)
        self.assertEqual([other['id']], self.ids('/v2.0/floatingips'))
        # The address is free again: an admin may ask for it.
        again = self.fip(token=ADMIN,
                         floating_ip_address=fip['floating_ip_address'])
        self.assertEqual(fip['floating_ip_address'],
                         again['floating_ip_address'])

    def test_filters_nova_uses(self):
        port = self.port()
        fixed = port['fixed_ips'][0]['ip_address']
        one = self.fip(port_id=port['id'])
        self.assertEqual('ACTIVE', one['status'])
        self.assertEqual(fixed, one['fixed_ip_address'])
        two = self.fip()
        theirs = self.fip(token=BOB)
        for query, expected in (
                ('port_id=%s' % port['id'], [one['id']]),
                ('port_id=%s&port_id=%s' % (port['id'], MISSING),
                 [one['id']]),
                ('fixed_ip_address=%s' % fixed, [one['id']]),
                ('floating_ip_address=%s' % two['floating_ip_address'],
                 [two['id']]),
                ('floating_network_id=%s' % self.public['id'],
                 sorted([one['id'], two['id']])),
                ('project_id=p1', sorted([one['id'], two['id']])),
                ('tenant_id=p1', sorted([one['id'], two['id']])),
                ('status=DOWN', [two['id']])):
            self.assertEqual(expected,
                             self.ids('/v2.0/floatingips?' + query), query)
        self.assertEqual([theirs['id']], self.ids(
            '/v2.0/floatingips?project_id=p2', token=ADMIN))
        resp = self.call('GET', '/v2.0/floatingips?colour=red', expect=400)
        self.assertIn('NeutronError', resp.json())

    def test_projects_see_only_their_own(self):
        mine = self.fip()
        theirs = self.fip(token=BOB)
        self.assertEqual([mine['id']], self.ids('/v2.0/floatingips'))
        self.assertEqual([theirs['id']],
                         self.ids('/v2.0/floatingips', token=BOB))
        self.assertEqual(sorted([mine['id'], theirs['id']]),
                         self.ids('/v2.0/floatingips', token=ADMIN))
        resp = self.call('GET', '/v2.0/floatingips/%s' % mine['id'],
                         token=BOB, expect=404)
        self.assertEqual('FloatingIPNotFound', self.error_type(resp))
        self.put(mine['id'], token=BOB, expect=404, port_id=None)
        self.call('DELETE', '/v2.0/floatingips/%s' % mine['id'], token=BOB,
                  expect=404)
        self.show(mine['id'])
        self.show(mine['id'], token=ADMIN)


class AssociationTestCase(FloatingIPTestBase):

    def test_one_floating_ip_per_fixed_ip(self):
        port = self.port()
        first = self.fip(port_id=port['id'])
        resp = self.fip(port_id=port['id'], expect=409)
        self.assertEqual('FloatingIPPortAlreadyAssociated',
                         resp['NeutronError']['type'])
        second = self.fip()
        resp = self.call('PUT', '/v2.0/floatingips/%s' % second['id'],
                         expect=409,
                         json={'floatingip': {'port_id': port['id']}})
        self.assertEqual('FloatingIPPortAlreadyAssociated',
                         self.error_type(resp))
        # Associating the same floating IP again is no conflict.
        self.put(first['id'], port_id=port['id'])

    def test_reassociation_moves_the_floating_ip(self):
        one, two = self.port(), self.port()
        fip = self.fip(port_id=one['id'])
        moved = self.put(fip['id'], port_id=two['id'])
        self.assertEqual(two['id'], moved['port_id'])
        self.assertEqual(two['fixed_ips'][0]['ip_address'],
                         moved['fixed_ip_address'])
        self.assertEqual([], self.ids('/v2.0/floatingips?port_id=%s'
                                      % one['id']))
        # The fixed IP of the first port is free for another one now.
        self.fip(port_id=one['id'])

    def test_explicit_fixed_ip(self):
        subnet_id = self.private['subnets'][0]
        port = self.port(fixed_ips=[
            {'subnet_id': subnet_id, 'ip_address': '10.0.0.50'},
            {'subnet_id': subnet_id, 'ip_address': '10.0.0.51'}])
        default = self.fip(port_id=port['id'])
        self.assertEqual('10.0.0.50', default['fixed_ip_address'])
        chosen = self.fip(port_id=port['id'], fixed_ip_address='10.0.0.51')
        self.assertEqual('10.0.0.51', chosen['fixed_ip_address'])
        self.fip(port_id=port['id'], fixed_ip_address='10.0.0.52',
                 expect=400)
        self.put(chosen['id'], fixed_ip_address='10.0.0.52', expect=400)
        self.fip(fixed_ip_address='10.0.0.51', expect=400)

    def test_ports_that_cannot_be_associated(self):
        fip = self.fip()
        # Someone else's port: not even visible.
        theirs = self.port(token=BOB)
        resp = self.call('PUT', '/v2.0/floatingips/%s' % fip['id'],
                         expect=404,
                         json={'floatingip': {'port_id': theirs['id']}})
        self.assertEqual('PortNotFound', self.error_type(resp))
        self.put(fip['id'], expect=404, port_id=MISSING)
        # A port without fixed IPs (its network has no subnet).
        bare_net = self.create('network')
        bare = self.create('port', network_id=bare_net['id'])
        self.assertEqual([], bare['fixed_ips'])
        self.put(fip['id'], expect=400, port_id=bare['id'])
        # A port on the external network itself.
        outside = self.port(network_id=self.public['id'])
        self.put(fip['id'], expect=400, port_id=outside['id'])
        self.assertEqual('DOWN', self.show(fip['id'])['status'])
        # An admin may associate a project's floating IP with another
        # project's port, as in Neutron.
        moved = self.put(fip['id'], token=ADMIN, port_id=theirs['id'])
        self.assertEqual(theirs['id'], moved['port_id'])

    def test_deleting_the_port_disassociates(self):
        port = self.port()
        fip = self.fip(port_id=port['id'])
        self.call('DELETE', '/v2.0/ports/%s' % port['id'], expect=204)
        after = self.show(fip['id'])
        self.assertEqual('DOWN', after['status'])
        self.assertIsNone(after['port_id'])
        self.assertIsNone(after['fixed_ip_address'])
        self.assertGreater(after['revision_number'],
                           fip['revision_number'])


class AllocationTestCase(FloatingIPTestBase):

    def external_network(self, cidr):
        network = self.create('network', token=ADMIN, shared=True,
                              **{'router:external': True})
        self.create('subnet', token=ADMIN, network_id=network['id'],
                    cidr=cidr, ip_version=4)
        return network

    def test_only_external_networks(self):
        resp = self.fip(floating_network_id=self.private['id'], expect=400)
        self.assertIn('external network', resp['NeutronError']['message'])
        self.fip(floating_network_id=MISSING, expect=404)
        resp = self.call('POST', '/v2.0/floatingips', expect=400,
                         json={'floatingip': {}})
        self.assertIn('floating_network_id',
                      resp.json()['NeutronError']['message'])

    def test_exhausted_network_is_409(self):
        # A /30: the gateway and one address for floating IPs.
        network = self.external_network('192.0.2.0/30')
        self.fip(floating_network_id=network['id'])
        resp = self.fip(floating_network_id=network['id'], expect=409)
        self.assertEqual('IpAddressGenerationFailure',
                         resp['NeutronError']['type'])

    def test_external_network_without_subnet_is_400(self):
        network = self.create('network', token=ADMIN, shared=True,
                              **{'router:external': True})
        self.fip(floating_network_id=network['id'], expect=400)
        # Nothing was left behind.
        self.assertEqual([], self.ids('/v2.0/ports?network_id=%s'
                                      % network['id'], token=ADMIN))

    def test_requested_address_is_for_admins(self):
        resp = self.fip(floating_ip_address='172.24.4.99', expect=403)
        self.assertIn('NeutronError', resp)
        fip = self.fip(token=ADMIN, floating_ip_address='172.24.4.99',
                       project_id='p1')
        self.assertEqual('172.24.4.99', fip['floating_ip_address'])
        self.assertEqual('p1', fip['project_id'])
        self.assertEqual([fip['id']], self.ids('/v2.0/floatingips'))
        resp = self.fip(token=ADMIN, floating_ip_address='172.24.4.99',
                        expect=409)
        self.assertEqual('IpAddressAlreadyAllocated',
                         resp['NeutronError']['type'])
        self.fip(token=ADMIN, floating_ip_address='10.0.0.99', expect=400)
        self.fip(token=ALICE, project_id='p2', expect=403)

    def test_internal_port_holds_the_address(self):
        fip = self.fip()
        owner = 'device_owner=network:floatingip'
        ports = self.call('GET', '/v2.0/ports?' + owner, token=ADMIN,
                          expect=200).json()['ports']
        port, = ports
        self.assertEqual(fip['id'], port['device_id'])
        self.assertEqual(self.public['id'], port['network_id'])
        self.assertEqual(fip['floating_ip_address'],
                         port['fixed_ips'][0]['ip_address'])
        # Invisible to the project, undeletable through the port API.
        self.assertEqual([], self.ids('/v2.0/ports?' + owner))
        resp = self.call('DELETE', '/v2.0/ports/%s' % port['id'],
                         token=ADMIN, expect=409)
        self.assertEqual('ServicePortInUse', self.error_type(resp))
        resp = self.call('DELETE', '/v2.0/networks/%s' % self.public['id'],
                         token=ADMIN, expect=409)
        self.assertEqual('NetworkInUse', self.error_type(resp))
        self.call('DELETE', '/v2.0/floatingips/%s' % fip['id'], expect=204)
        self.assertEqual([], self.ids('/v2.0/ports?' + owner, token=ADMIN))

    def test_quota(self):
        self.useFixture(fixtures.MockPatch(
            'nova.builtin.network.discovery.QUOTA',
            {'floatingip': 2}))
        self.fip()
        self.fip()
        resp = self.fip(expect=409)
        self.assertEqual('OverQuota', resp['NeutronError']['type'])
        self.fip(token=BOB)


# (method, path, body, expected status); {fip} is a floating IP of the
# caller and {pub} the external network.
MALFORMED = [
    ('POST', '/v2.0/floatingips', {'floatingip': 'x'}, 400),
    ('POST', '/v2.0/floatingips', {'fip': {}}, 400),
    ('POST', '/v2.0/floatingips', {'floatingip': {
        'floating_network_id': 'not-a-uuid'}}, 400),
    ('POST', '/v2.0/floatingips', {'floatingip': {
        'floating_network_id': '{pub}', 'colour': 'red'}}, 400),
    ('POST', '/v2.0/floatingips', {'floatingip': {
        'floating_network_id': '{pub}', 'port_id': 'nope'}}, 400),
    ('POST', '/v2.0/floatingips', {'floatingip': {
        'floating_network_id': '{pub}', 'port_id': MISSING}}, 404),
    ('POST', '/v2.0/floatingips', {'floatingip': {
        'floating_network_id': '{pub}', 'description': 'd' * 256}}, 400),
    ('PUT', '/v2.0/floatingips/{fip}', {'floatingip': {
        'floating_network_id': '{pub}'}}, 400),
    ('PUT', '/v2.0/floatingips/{fip}', {'floatingip': {
        'fixed_ip_address': 'x'}}, 400),
    ('PUT', '/v2.0/floatingips/{fip}', {'floatingip': {
        'fixed_ip_address': '10.0.0.9'}}, 400),
    ('PUT', '/v2.0/floatingips/' + MISSING, {'floatingip': {}}, 404),
    ('GET', '/v2.0/floatingips/' + MISSING, None, 404),
    ('GET', '/v2.0/floatingips/not-a-uuid', None, 404),
    ('GET', '/v2.0/floatingips?sort_key=colour', None, 400),
    ('PATCH', '/v2.0/floatingips', None, 405),
]


class MalformedTestCase(FloatingIPTestBase):

    def test_malformed_requests_get_4xx(self):
        ids = {'{fip}': self.fip()['id'], '{pub}': self.public['id']}
        for method, path, body, expected in MALFORMED:
            for key, value in ids.items():
                path = path.replace(key, value)
                body = base_eval(body, key, value)
            resp = self.call(method, path, json=body)
            self.assertEqual(expected, resp.status_code,
                             '%s %s %r: %s' % (method, path, body,
                                               resp.text))
            self.assertIn('NeutronError', resp.json())


def base_eval(body, key, value):
    """``body`` with every string ``key`` replaced by ``value``."""
    if isinstance(body, dict):
        return {k: base_eval(v, key, value) for k, v in body.items()}
    return value if body == key else body
