"""The /os-security-groups and /os-security-group-rules proxies (until
2.35) and /os-tenant-networks, served from the built-in network service
as Nova serves them from Neutron; and a boot naming an unknown security
group, refused up front (400) as Nova refuses it."""

import requests

from nova.tests.fixtures import cloud as cloud_fixture

MISSING = '9a1e0b7c-0000-4000-8000-00000000dead'
LAST_PROXY = '2.35'


class ProxyTestBase(cloud_fixture.SharedCloudTestCase):

    cloud_options = {'network': True}

    def setUp(self):
        super().setUp()
        self.api = self.cloud.api_for('demo', 'demo', microversion=LAST_PROXY)

    def check(self, resp, code):
        self.assertEqual(code, resp.status_code, resp.text)
        return resp.json() if resp.text else None

    def create_group(self, name, api=None, description='a group'):
        resp = (api or self.api).post('/os-security-groups', {
            'security_group': {'name': name, 'description': description}})
        return self.check(resp, 200)['security_group']

    def add_rule(self, parent, code=200, **rule):
        rule['parent_group_id'] = parent
        body = self.check(self.api.post('/os-security-group-rules', {
            'security_group_rule': rule}), code)
        return body['security_group_rule'] if code == 200 else body

    def show(self, group_id, api=None):
        return self.check((api or self.api).get(
            '/os-security-groups/%s' % group_id), 200)['security_group']


class TestSecurityGroupProxy(ProxyTestBase):

    def test_groups_and_rules_lifecycle(self):
        listed = self.check(self.api.get('/os-security-groups'), 200)[
            'security_groups']
        default = [g for g in listed if g['name'] == 'default']
        self.assertEqual(1, len(default), listed)
        # Ingress from the group itself; the egress rules are not shown.
        self.assertEqual([{'name': 'default', 'tenant_id': 'demo'}] * 2,
                         [r['group'] for r in default[0]['rules']])

        web = self.create_group('web', description='web servers')
        self.assertEqual(('web', 'web servers', 'demo', []),
                         (web['name'], web['description'], web['tenant_id'],
                          web['rules']))
        self.assertEqual(web, self.show(web['id']))
        renamed = self.check(self.api.request(
            'PUT', '/os-security-groups/%s' % web['id'],
            {'security_group': {'name': 'www', 'description': ''}}), 200)
        self.assertEqual(('www', ''), (renamed['security_group']['name'],
                                       renamed['security_group'][
                                           'description']))

        ssh = self.add_rule(web['id'], ip_protocol='tcp', from_port=22,
                            to_port=22)
        self.assertEqual({'parent_group_id': web['id'], 'ip_protocol': 'tcp',
                          'from_port': 22, 'to_port': 22, 'group': {},
                          'ip_range': {'cidr': '0.0.0.0/0'}},
                         {k: v for k, v in ssh.items() if k != 'id'})
        ping = self.add_rule(web['id'], ip_protocol='icmp', from_port=-1,
                             to_port=-1, cidr='10.2.3.124/24')
        self.assertEqual((-1, -1, {'cidr': '10.2.3.124/24'}),
                         (ping['from_port'], ping['to_port'],
                          ping['ip_range']))
        peer = self.create_group('peer')
        from_peer = self.add_rule(web['id'], ip_protocol='udp',
                                  group_id=peer['id'])
        peer_view = {'name': 'peer', 'tenant_id': 'demo'}
        self.assertEqual((1, 65535, {}, peer_view),
                         (from_peer['from_port'], from_peer['to_port'],
                          from_peer['ip_range'], from_peer['group']))
        shown = self.show(web['id'])
        self.assertEqual(sorted([ssh, ping, from_peer],
                                key=lambda r: r['id']),
                         sorted(shown['rules'], key=lambda r: r['id']))

        self.check(self.api.delete('/os-security-group-rules/%s'
                                   % ssh['id']), 202)
        self.check(self.api.delete('/os-security-group-rules/%s'
                                   % ssh['id']), 404)
        # Deleting the peer group takes the rule naming it along.
        self.check(self.api.delete('/os-security-groups/%s' % peer['id']),
                   202)
        self.assertEqual([ping['id']],
                         [r['id'] for r in self.show(web['id'])['rules']])
        self.check(self.api.delete('/os-security-groups/%s' % web['id']),
                   202)
        self.check(self.api.get('/os-security-groups/%s' % web['id']), 404)

    def test_paging_and_sorting(self):
        for name in ('page-b', 'page-a'):
            self.create_group(name)
        names = [g['name'] for g in self.check(self.api.get(
            '/os-security-groups'), 200)['security_groups']]
        self.assertEqual(sorted(names), names)
        two = self.check(self.api.get('/os-security-groups?limit=2&offset=1'),
                         200)['security_groups']
        self.assertEqual(2, len(two))

    def test_gone_after_2_35(self):
        group = self.create_group('masked')
        rule = self.add_rule(group['id'], ip_protocol='tcp', from_port=80,
                             to_port=80)
        later = self.cloud.api_for('demo', 'demo', microversion='2.36')
        body = {'security_group': {'name': 'x', 'description': 'y'}}
        for resp in (
                later.get('/os-security-groups'),
                later.post('/os-security-groups', body),
                later.get('/os-security-groups/%s' % group['id']),
                later.request('PUT', '/os-security-groups/%s' % group['id'],
                              body=body),
                later.delete('/os-security-groups/%s' % group['id']),
                later.post('/os-security-group-rules', {
                    'security_group_rule': {'parent_group_id': group['id'],
                                            'ip_protocol': 'tcp',
                                            'from_port': 1, 'to_port': 2}}),
                later.delete('/os-security-group-rules/%s' % rule['id'])):
            self.check(resp, 404)
        # Nothing was changed.
        self.assertEqual([rule], self.show(group['id'])['rules'])

    def test_other_projects_groups_are_invisible(self):
        mine = self.create_group('private-one')
        other = self.cloud.api_for('other', 'other', microversion=LAST_PROXY)
        path = '/os-security-groups/%s' % mine['id']
        body = {'security_group': {'name': 'x', 'description': 'y'}}
        self.check(other.get(path), 404)
        self.check(other.request('PUT', path, body=body), 404)
        self.check(other.delete(path), 404)
        resp = other.post('/os-security-group-rules', {
            'security_group_rule': {'parent_group_id': mine['id'],
                                    'ip_protocol': 'tcp', 'from_port': 1,
                                    'to_port': 2}})
        self.check(resp, 404)
        theirs = self.check(other.get('/os-security-groups'), 200)[
            'security_groups']
        self.assertEqual({'other'}, {g['tenant_id'] for g in theirs})
        # Their groups cannot be the source of our rules either.
        source = self.create_group('theirs', api=other)
        self.add_rule(mine['id'], code=404, ip_protocol='tcp',
                      group_id=source['id'])
        admin = self.cloud.api_for('admin', 'admin', microversion=LAST_PROXY)
        everyone = self.check(admin.get('/os-security-groups?all_tenants=1'),
                              200)['security_groups']
        self.assertLessEqual({'demo', 'other'},
                             {g['tenant_id'] for g in everyone})
        own = self.check(admin.get('/os-security-groups'), 200)[
            'security_groups']
        self.assertEqual({'admin'}, {g['tenant_id'] for g in own})


class TestSecurityGroupProxyBadInput(ProxyTestBase):

    def setUp(self):
        super().setUp()
        self.group = self.create_group('bad-input')

    def test_bad_rules_are_400(self):
        cases = [
            {'ip_protocol': 'tcp', 'from_port': 23, 'to_port': 22},
            {'ip_protocol': 'tcp', 'from_port': 70000, 'to_port': 22},
            {'ip_protocol': 'tcp', 'from_port': 0, 'to_port': 22},
            {'ip_protocol': 'udp', 'from_port': 'x', 'to_port': 22},
            {'ip_protocol': 'icmp', 'from_port': 256, 'to_port': 0},
            {'ip_protocol': 'icmp', 'from_port': {}, 'to_port': 0},
            {'ip_protocol': 'gre', 'from_port': 1, 'to_port': 2},
            {'ip_protocol': 6, 'from_port': 1, 'to_port': 2},
            {'ip_protocol': 'tcp', 'from_port': 22, 'to_port': 22,
             'cidr': '10.0.0.0/33'},
            {'ip_protocol': 'tcp', 'from_port': 22, 'to_port': 22,
             'cidr': '10.0.0.1'},
            {'ip_protocol': 'tcp', 'from_port': 22, 'to_port': 22,
             'cidr': 5},
            {'ip_protocol': 'tcp', 'from_port': 22, 'to_port': 22,
             'cidr': '10.0.0.0/0'},
            # A CIDR rule needs a protocol and ports.
            {'cidr': '10.0.0.0/8'},
            {'ip_protocol': 'tcp', 'from_port': 22},
            {'group_id': 'not-a-uuid', 'ip_protocol': 'tcp'},
        ]
        for rule in cases:
            self.add_rule(self.group['id'], code=400, **rule)
        resp = self.api.post('/os-security-group-rules', {
            'security_group_rule': {'parent_group_id': 'nope',
                                    'ip_protocol': 'tcp', 'from_port': 1,
                                    'to_port': 2}})
        self.check(resp, 400)
        self.check(self.api.post('/os-security-group-rules', {
            'security_group_rule': {}}), 400)
        self.assertEqual([], self.show(self.group['id'])['rules'])

    def test_unknown_groups_are_404(self):
        self.add_rule(MISSING, code=404, ip_protocol='tcp', from_port=1,
                      to_port=2)
        self.add_rule(self.group['id'], code=404, ip_protocol='tcp',
                      group_id=MISSING)
        body = {'security_group': {'name': 'x', 'description': 'y'}}
        for resp in (self.api.get('/os-security-groups/%s' % MISSING),
                     self.api.request('PUT', '/os-security-groups/%s'
                                      % MISSING, body=body),
                     self.api.delete('/os-security-groups/%s' % MISSING),
                     self.api.delete('/os-security-group-rules/%s'
                                     % MISSING)):
            self.check(resp, 404)

    def test_ids_that_are_not_uuids_are_400(self):
        body = {'security_group': {'name': 'x', 'description': 'y'}}
        for resp in (self.api.get('/os-security-groups/nope'),
                     self.api.request('PUT', '/os-security-groups/nope',
                                      body=body),
                     self.api.delete('/os-security-groups/nope'),
                     self.api.delete('/os-security-group-rules/nope')):
            self.check(resp, 400)

    def test_bad_group_bodies_are_400(self):
        for body in ({'security_group': {'name': 'x'}},
                     {'security_group': {'description': 'x'}},
                     {'security_group': {'name': 'x' * 256,
                                         'description': ''}},
                     {'security_group': {'name': 1, 'description': ''}},
                     {'group': {}}):
            self.check(self.api.post('/os-security-groups', body), 400)

    def test_duplicate_rule_is_400(self):
        rule = {'ip_protocol': 'tcp', 'from_port': 22, 'to_port': 22}
        first = self.add_rule(self.group['id'], **rule)
        body = self.add_rule(self.group['id'], code=400, **rule)
        self.assertIn('This rule already exists in group %s'
                      % self.group['id'], body['badRequest']['message'])
        self.assertEqual([first], self.show(self.group['id'])['rules'])

    def test_cidr_with_group_id_makes_a_group_rule(self):
        # NOTE: Nova ignores cidr when group_id is given.
        peer = self.create_group('cidr-peer')
        rule = self.add_rule(self.group['id'], ip_protocol='tcp',
                             from_port=80, to_port=80, cidr='10.0.0.0/8',
                             group_id=peer['id'])
        self.assertEqual(({}, 'cidr-peer'), (rule['ip_range'],
                                             rule['group']['name']))

    def test_refusals_of_the_network_service(self):
        default = [g for g in self.check(self.api.get(
            '/os-security-groups'), 200)['security_groups']
            if g['name'] == 'default'][0]
        self.check(self.api.delete('/os-security-groups/%s'
                                   % default['id']), 400)
        # Another group named "default" is a conflict there: 403 here.
        self.check(self.api.post('/os-security-groups', {
            'security_group': {'name': 'default', 'description': ''}}), 403)
        # A group on a port cannot be deleted.
        port = requests.post(
            self.cloud.network.url + '/v2.0/ports', timeout=30,
            headers={'X-Auth-Token': 'demo:demo'},
            json={'port': {'network_id': self.cloud.network.default_network[
                'id'], 'security_groups': [self.group['id']]}})
        self.assertEqual(201, port.status_code, port.text)
        self.check(self.api.delete('/os-security-groups/%s'
                                   % self.group['id']), 400)
        requests.delete(self.cloud.network.url + '/v2.0/ports/%s'
                        % port.json()['port']['id'], timeout=30,
                        headers={'X-Auth-Token': 'demo:demo'})
        self.check(self.api.delete('/os-security-groups/%s'
                                   % self.group['id']), 202)


class TestTenantNetworks(ProxyTestBase):

    def test_list_and_show(self):
        networks = self.check(self.api.get('/os-tenant-networks'), 200)[
            'networks']
        private = [n for n in networks if n['label'] == 'private']
        self.assertEqual([{'id': self.cloud.network.default_network['id'],
                           'label': 'private', 'cidr': '10.0.0.0/24'}],
                         private)
        self.assertEqual({'network': private[0]}, self.check(self.api.get(
            '/os-tenant-networks/%s' % private[0]['id']), 200))
        for path in ('/os-tenant-networks/nope',
                     '/os-tenant-networks/%s' % MISSING):
            self.check(self.api.get(path), 404)
        later = self.cloud.api_for('demo', 'demo', microversion='2.36')
        self.check(later.get('/os-tenant-networks'), 404)
        self.check(later.get('/os-tenant-networks/%s' % private[0]['id']),
                   404)
        self.check(self.api.post('/os-tenant-networks', {}), 410)
        self.check(self.api.delete('/os-tenant-networks/%s'
                                   % private[0]['id']), 410)

    def test_network_without_subnet(self):
        resp = requests.post(self.cloud.network.url + '/v2.0/networks',
                             headers={'X-Auth-Token': 'demo:demo'},
                             json={'network': {'name': 'bare'}}, timeout=30)
        self.assertEqual(201, resp.status_code, resp.text)
        bare = resp.json()['network']
        shown = self.check(self.api.get('/os-tenant-networks/%s'
                                        % bare['id']), 200)['network']
        self.assertEqual({'id': bare['id'], 'label': 'bare', 'cidr': 'None'},
                         shown)
        # Not another project's.
        other = self.cloud.api_for('other', 'other', microversion=LAST_PROXY)
        self.check(other.get('/os-tenant-networks/%s' % bare['id']), 404)


class TestBootWithSecurityGroups(ProxyTestBase):

    def boot(self, groups):
        return self.api.post('/servers', {'server': {
            'name': 'vm', 'imageRef': '155d900f-4e14-4e4c-a73d-069cbf4541e6',
            'flavorRef': '1', 'networks': 'none',
            'security_groups': [{'name': g} for g in groups]}},
            microversion='2.37')

    def test_unknown_group_is_400(self):
        body = self.check(self.boot(['nope']), 400)
        self.assertEqual('Security group nope not found.',
                         body['badRequest']['message'])
        self.assertEqual([], self.check(self.api.get('/servers'), 200)[
            'servers'])

    def test_known_groups_by_name_or_id(self):
        group = self.create_group('boot-ok')
        self.check(self.boot(['default', 'boot-ok', group['id']]), 202)

    def test_new_ports_are_in_the_groups_asked_for(self):
        group = self.create_group('boot-web')

        def booted(groups):
            body = {'server': {
                'name': 'vm', 'flavorRef': '1', 'networks': 'auto',
                'imageRef': '155d900f-4e14-4e4c-a73d-069cbf4541e6'}}
            if groups is not None:
                body['server']['security_groups'] = [
                    {'name': g} for g in groups]
            server_id = self.check(self.api.post(
                '/servers', body, microversion='2.37'), 202)['server']['id']
            server = self.api.wait_for_status(server_id, ['ACTIVE', 'ERROR'])
            self.assertEqual('ACTIVE', server['status'], server)
            ports = requests.get(
                self.cloud.network.url + '/v2.0/ports',
                params={'device_id': server_id},
                headers={'X-Auth-Token': 'demo:demo'}, timeout=30).json()
            return server, ports['ports']

        server, ports = booted(['boot-web'])
        self.assertEqual([[group['id']]],
                         [p['security_groups'] for p in ports])
        self.assertEqual([{'name': 'boot-web'}], server['security_groups'])
        server, ports = booted(['default', group['id']])
        self.assertEqual([{'name': 'boot-web'}, {'name': 'default'}],
                         sorted(server['security_groups'],
                                key=lambda g: g['name']))
        server, ports = booted(None)
        self.assertEqual([{'name': 'default'}], server['security_groups'])

    def test_ambiguous_name_is_409(self):
        for _ in range(2):
            self.create_group('twice')
        self.check(self.boot(['twice']), 409)
