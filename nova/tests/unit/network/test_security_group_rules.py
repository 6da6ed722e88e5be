"""The Compute API's security group rules and their translation to the
network service's (``nova.network.security_group_rules``)."""

from nova import exception
from nova.network import security_group_rules as rules
from nova import test

GROUP = '6f0e3a8c-3b59-4f60-9a40-3c2b8f0d1e11'


class NewIngressRuleTest(test.TestCase):

    def test_cidr_rule(self):
        self.assertEqual(
            {'cidr': '10.0.0.0/8', 'protocol': 'TCP', 'from_port': 22,
             'to_port': 23},
            rules.new_ingress_rule('TCP', '22', 23, cidr='10.0.0.0/8'))

    def test_cidr_rule_without_protocol_or_ports_is_none(self):
        self.assertIsNone(rules.new_ingress_rule(None, 1, 2, cidr='::/0'))
        self.assertIsNone(rules.new_ingress_rule('udp', 1, None,
                                                 cidr='::/0'))

    def test_group_rule_defaults(self):
        self.assertEqual(
            {'group_id': GROUP, 'protocol': 'tcp', 'from_port': 1,
             'to_port': 65535},
            rules.new_ingress_rule('tcp', None, None, group_id=GROUP))
        self.assertEqual(
            {'group_id': GROUP, 'protocol': 'ICMP', 'from_port': -1,
             'to_port': -1},
            rules.new_ingress_rule('ICMP', None, None, group_id=GROUP))
        # Nova ignores the CIDR of a group rule and allows everything
        # from the group when no protocol is given.
        self.assertEqual({'group_id': GROUP}, rules.new_ingress_rule(
            None, None, None, cidr='10.0.0.0/8', group_id=GROUP))

    def test_bad_values(self):
        cases = [(('tcp', 'a', 2), exception.InvalidInput),
                 (('icmp', [], 2), exception.InvalidInput),
                 (('gre', 1, 2), exception.InvalidIpProtocol),
                 ((6, 1, 2), exception.InvalidIpProtocol),
                 (('tcp', 3, 2), exception.InvalidPortRange),
                 (('udp', 0, 2), exception.InvalidPortRange),
                 (('tcp', 1, 65536), exception.InvalidPortRange),
                 (('icmp', -2, 0), exception.InvalidPortRange),
                 (('icmp', 0, 256), exception.InvalidPortRange)]
        for args, error in cases:
            self.assertRaises(error, rules.new_ingress_rule, *args,
                              cidr='0.0.0.0/0')


class CidrAndIdTest(test.TestCase):

    def test_parse_cidr(self):
        self.assertEqual('0.0.0.0/0', rules.parse_cidr(None))
        self.assertEqual('10.2.3.124/24', rules.parse_cidr('10.2.3.124%2F24'))
        self.assertEqual('fd00::/8', rules.parse_cidr('fd00::/8'))
        for bad in ('10.0.0.1', '10.0.0.0/', '10.0.0.0/33', 'x/8', 5, [1]):
            self.assertRaises(exception.InvalidCidr, rules.parse_cidr, bad)

    def test_check_prefix(self):
        rules.check_prefix('0.0.0.0/0')
        rules.check_prefix('::/0')
        rules.check_prefix('10.0.0.0/8')
        self.assertRaises(exception.Invalid, rules.check_prefix,
                          '10.0.0.0/0')

    def test_validate_id(self):
        self.assertEqual(GROUP, rules.validate_id(GROUP))
        self.assertRaises(exception.Invalid, rules.validate_id, 'nope')


class TranslationTest(test.TestCase):

    def test_to_neutron(self):
        self.assertEqual(
            {'direction': 'ingress', 'ethertype': 'IPv6',
             'security_group_id': GROUP, 'protocol': 'tcp',
             'remote_ip_prefix': 'fd00::/8', 'remote_group_id': None,
             'port_range_min': 22, 'port_range_max': 22},
            rules.to_neutron({'cidr': 'fd00::/8', 'protocol': 'tcp',
                              'from_port': 22, 'to_port': 22}, GROUP))
        # Any ICMP type or code: no ports; a group rule is IPv4.
        body = rules.to_neutron({'group_id': 'g2', 'protocol': 'icmp',
                                 'from_port': -1, 'to_port': -1}, GROUP)
        self.assertEqual(('IPv4', 'g2', None),
                         (body['ethertype'], body['remote_group_id'],
                          body['remote_ip_prefix']))
        self.assertNotIn('port_range_min', body)

    def test_from_neutron(self):
        rule = {'id': 'r1', 'security_group_id': GROUP, 'protocol': 'udp',
                'port_range_min': None, 'port_range_max': None,
                'remote_ip_prefix': None, 'remote_group_id': None,
                'direction': 'ingress'}
        self.assertEqual(
            {'id': 'r1', 'parent_group_id': GROUP, 'protocol': 'udp',
             'from_port': 1, 'to_port': 65535, 'group_id': None,
             'cidr': '0.0.0.0/0'}, rules.from_neutron(rule))
        icmp = dict(rule, protocol='icmp')
        self.assertEqual((-1, -1), (rules.from_neutron(icmp)['from_port'],
                                    rules.from_neutron(icmp)['to_port']))
        anything = dict(rule, protocol=None)
        self.assertEqual((None, None),
                         (rules.from_neutron(anything)['from_port'],
                          rules.from_neutron(anything)['to_port']))
        egress = dict(rule, direction='egress', id='r2')
        self.assertEqual(['r1'], [r['id'] for r in rules.ingress_rules(
            {'security_group_rules': [rule, egress]})])

    def test_find_duplicate(self):
        existing = [{'id': 'r1', 'group_id': None, 'cidr': '0.0.0.0/0',
                     'from_port': 22, 'to_port': 22, 'protocol': 'tcp'}]
        new = rules.new_ingress_rule('tcp', 22, 22, cidr='0.0.0.0/0')
        self.assertEqual('r1', rules.find_duplicate(existing, new))
        other = rules.new_ingress_rule('tcp', 22, 23, cidr='0.0.0.0/0')
        self.assertIsNone(rules.find_duplicate(existing, other))
