"""Security groups and their rules in the built-in network service, over
HTTP in Neutron's wire format: creating, renaming and deleting groups,
adding and removing rules, and the 4xx Neutron answers with."""

from nova.tests.functional.builtin import test_network_service as base

ADMIN, ALICE, BOB = base.ADMIN, base.ALICE, base.BOB
MISSING = '3a5e8d0c-1f5b-4b7e-9f0e-6a2d7c1b9e44'


class SecurityGroupWritesTestCase(base.NetworkServiceTestBase):

    def group(self, token=ALICE, **body):
        body.setdefault('name', 'web')
        resp = self.call('POST', '/v2.0/security-groups', token=token,
                         expect=201, json={'security_group': body})
        return resp.json()['security_group']

    def rule(self, group_id, token=ALICE, expect=201, **body):
        body.setdefault('direction', 'ingress')
        body['security_group_id'] = group_id
        resp = self.call('POST', '/v2.0/security-group-rules', token=token,
                         expect=expect,
                         json={'security_group_rule': body})
        if expect == 201:
            return resp.json()['security_group_rule']
        return resp.json()['NeutronError']

    def test_group_lifecycle(self):
        group = self.group(description='web servers', stateful=False)
        self.assertEqual(('web', 'web servers', 'p1', False),
                         (group['name'], group['description'],
                          group['project_id'], group['stateful']))
        # A new group lets everything out and nothing in.
        self.assertEqual(
            [('egress', 'IPv4', None), ('egress', 'IPv6', None)],
            sorted((r['direction'], r['ethertype'], r['remote_group_id'])
                   for r in group['security_group_rules']))
        # The project's default group was made along the way.
        names = sorted(g['name'] for g in self.call(
            'GET', '/v2.0/security-groups', expect=200).json()[
            'security_groups'])
        self.assertEqual(['default', 'web'], names)

        path = '/v2.0/security-groups/%s' % group['id']
        updated = self.call('PUT', path, expect=200, json={
            'security_group': {'name': 'www', 'description': ''}}).json()[
            'security_group']
        self.assertEqual(('www', ''), (updated['name'],
                                       updated['description']))
        self.assertEqual(group['revision_number'] + 1,
                         updated['revision_number'])
        self.call('DELETE', path, expect=204)
        self.call('GET', path, expect=404)
        # Its rules went with it.
        self.assertEqual([], self.ids('/v2.0/security-group-rules?'
                                      'security_group_id=%s' % group['id'],
                                      key='security_group_rules'))
        self.call('DELETE', path, expect=404)

    def test_only_the_owner_or_an_admin_sees_and_changes_a_group(self):
        group = self.group()
        path = '/v2.0/security-groups/%s' % group['id']
        self.call('GET', path, token=BOB, expect=404)
        self.call('PUT', path, token=BOB, expect=404,
                  json={'security_group': {'name': 'mine'}})
        self.call('DELETE', path, token=BOB, expect=404)
        self.rule(group['id'], token=BOB, expect=404)
        self.assertNotIn(group['id'], self.ids('/v2.0/security-groups',
                                               token=BOB,
                                               key='security_groups'))
        self.call('GET', path, token=ADMIN, expect=200)
        # Only an admin makes a group for another project.
        self.call('POST', '/v2.0/security-groups', token=BOB, expect=403,
                  json={'security_group': {'name': 'x', 'project_id': 'p1'}})
        other = self.group(token=ADMIN, project_id='p2')
        self.assertEqual('p2', other['project_id'])
        self.call('GET', '/v2.0/security-groups/%s' % other['id'],
                  token=BOB, expect=200)

    def test_default_group_is_protected(self):
        default, = self.call('GET', '/v2.0/security-groups?name=default',
                             expect=200).json()['security_groups']
        path = '/v2.0/security-groups/%s' % default['id']
        resp = self.call('DELETE', path, expect=409)
        self.assertEqual('SecurityGroupCannotRemoveDefault',
                         self.error_type(resp))
        resp = self.call('PUT', path, expect=409, json={
            'security_group': {'name': 'renamed'}})
        self.assertEqual('SecurityGroupCannotUpdateDefault',
                         self.error_type(resp))
        self.call('PUT', path, expect=200, json={
            'security_group': {'description': 'still default'}})
        for name in ('default', 'Default'):
            resp = self.call('POST', '/v2.0/security-groups', expect=409,
                             json={'security_group': {'name': name}})
            self.assertEqual('SecurityGroupDefaultAlreadyExists',
                             self.error_type(resp))

    def test_group_on_a_port_cannot_be_deleted(self):
        group = self.group()
        port = self.create('port', network_id=self.private['id'],
                           security_groups=[group['id']])
        path = '/v2.0/security-groups/%s' % group['id']
        resp = self.call('DELETE', path, expect=409)
        self.assertEqual('SecurityGroupInUse', self.error_type(resp))
        self.call('PUT', path, expect=409,
                  json={'security_group': {'stateful': False}})
        self.call('DELETE', '/v2.0/ports/%s' % port['id'], expect=204)
        self.call('DELETE', path, expect=204)

    def test_rule_lifecycle_and_remote_group(self):
        group, peer = self.group(), self.group(name='peer')
        ssh = self.rule(group['id'], protocol='TCP', port_range_min=22,
                        port_range_max='22', remote_ip_prefix='10.2.3.124/24')
        self.assertEqual(('tcp', 22, 22, '10.2.3.124/24', 'IPv4', 'p1'),
                         (ssh['protocol'], ssh['port_range_min'],
                          ssh['port_range_max'], ssh['remote_ip_prefix'],
                          ssh['ethertype'], ssh['project_id']))
        host = self.rule(group['id'], protocol='icmp', port_range_min=8,
                         port_range_max=0, remote_ip_prefix='10.0.0.9')
        self.assertEqual('10.0.0.9/32', host['remote_ip_prefix'])
        v6 = self.rule(group['id'], ethertype='ipv6', protocol='icmp')
        self.assertEqual(('IPv6', 'ipv6-icmp'),
                         (v6['ethertype'], v6['protocol']))
        from_peer = self.rule(group['id'], protocol='6',
                              remote_group_id=peer['id'],
                              port_range_min=80, port_range_max=81)
        shown = self.call('GET', '/v2.0/security-groups/%s' % group['id'],
                          expect=200).json()['security_group']
        self.assertEqual(group['revision_number'] + 4,
                         shown['revision_number'])
        self.assertEqual(6, len(shown['security_group_rules']))
        path = '/v2.0/security-group-rules/%s' % ssh['id']
        self.call('GET', path, token=BOB, expect=404)
        self.call('DELETE', path, token=BOB, expect=404)
        self.call('DELETE', path, expect=204)
        self.call('GET', path, expect=404)
        self.call('DELETE', path, expect=404)
        # Deleting a group deletes the rules naming it as remote group.
        self.call('DELETE', '/v2.0/security-groups/%s' % peer['id'],
                  expect=204)
        self.call('GET', '/v2.0/security-group-rules/%s' % from_peer['id'],
                  expect=404)

    def test_duplicate_rule_is_409(self):
        group = self.group()
        first = self.rule(group['id'], protocol='tcp', port_range_min=22,
                          port_range_max=22)
        for same in ({'protocol': '6'},
                     {'protocol': 'tcp', 'remote_ip_prefix': '0.0.0.0/0'}):
            error = self.rule(group['id'], expect=409, port_range_min=22,
                              port_range_max=22, **same)
            self.assertEqual('SecurityGroupRuleExists', error['type'])
            self.assertIn(first['id'], error['message'])
        self.rule(group['id'], protocol='tcp', port_range_min=22,
                  port_range_max=22, direction='egress')
        # The default egress rules exist already.
        error = self.rule(group['id'], direction='egress', expect=409)
        self.assertEqual('SecurityGroupRuleExists', error['type'])

    def test_bad_rules_are_400(self):
        group = self.group()
        cases = [
            ({'protocol': 'nope'}, 'SecurityGroupRuleInvalidProtocol'),
            ({'protocol': 256}, 'SecurityGroupRuleInvalidProtocol'),
            ({'ethertype': 'IPv5'}, 'SecurityGroupRuleInvalidEtherType'),
            ({'protocol': 'tcp', 'port_range_min': 70000,
              'port_range_max': 70000}, 'SecurityGroupInvalidPortValue'),
            ({'protocol': 'tcp', 'port_range_min': 'x'},
             'SecurityGroupInvalidPortValue'),
            ({'protocol': 'tcp', 'port_range_min': 0, 'port_range_max': 5},
             'SecurityGroupInvalidPortValue'),
            ({'protocol': 'tcp', 'port_range_min': 23, 'port_range_max': 22},
             'SecurityGroupInvalidPortRange'),
            ({'protocol': 'udp', 'port_range_min': 53},
             'SecurityGroupInvalidPortRange'),
            ({'protocol': 'icmp', 'port_range_min': 256},
             'SecurityGroupInvalidIcmpValue'),
            ({'protocol': 'icmp', 'port_range_max': 0},
             'SecurityGroupMissingIcmpType'),
            ({'port_range_min': 22, 'port_range_max': 22},
             'SecurityGroupProtocolRequiredWithPorts'),
            ({'protocol': 'gre', 'port_range_min': 1, 'port_range_max': 2},
             'SecurityGroupInvalidProtocolForPort'),
            ({'protocol': 'ipv6-icmp'},
             'SecurityGroupEthertypeConflictWithProtocol'),
            ({'remote_ip_prefix': 'fd00::/64'},
             'SecurityGroupRuleParameterConflict'),
            ({'remote_ip_prefix': '10.0.0.0/33'}, 'InvalidCIDR'),
            ({'remote_ip_prefix': '10.0.0.0/8', 'remote_group_id':
              group['id']}, 'SecurityGroupRemoteGroupAndRemoteIpPrefix'),
            ({'direction': 'sideways'}, 'InvalidInput'),
            ({'remote_group_id': 'not-a-uuid'}, 'InvalidInput'),
            ({'colour': 'red'}, 'HTTPBadRequest'),
        ]
        for body, type_ in cases:
            error = self.rule(group['id'], expect=400, **body)
            self.assertEqual(type_, error['type'], body)
        self.call('POST', '/v2.0/security-group-rules', expect=400,
                  json={'security_group_rule': {'direction': 'ingress'}})
        self.call('POST', '/v2.0/security-group-rules', expect=400,
                  json={'security_group_rule': {
                      'security_group_id': group['id']}})
        self.rule(MISSING, expect=404)
        error = self.rule(group['id'], remote_group_id=MISSING, expect=404)
        self.assertEqual('SecurityGroupNotFound', error['type'])
        self.call('POST', '/v2.0/security-groups', expect=400,
                  json={'security_group': {'stateful': 'maybe'}})
