"""The pure checks of security group rule values (``rule_values``)."""

from nova.builtin.network import errors
from nova.builtin.network import rule_values as rv
from nova import test


def _rule(**values):
    rule = dict.fromkeys(('protocol', 'port_range_min', 'port_range_max',
                          'remote_ip_prefix', 'remote_group_id'))
    rule.update(ethertype='IPv4', direction='ingress',
                security_group_id='g1')
    rule.update(values)
    return rule


class ConvertersTest(test.TestCase):

    def test_protocol_by_name_or_number(self):
        self.assertEqual('tcp', rv.protocol('TCP'))
        self.assertEqual('6', rv.protocol(6))
        self.assertEqual('17', rv.protocol('017'))
        self.assertIsNone(rv.protocol('any'))
        for bad in ('nope', 256, '-1', True, 1.5, ['tcp']):
            error = self.assertRaises(errors.NeutronError, rv.protocol, bad)
            self.assertEqual((400, errors.RULE_INVALID_PROTOCOL),
                             (error.status, error.type))

    def test_port(self):
        self.assertEqual(22, rv.port('22'))
        self.assertIsNone(rv.port(None))
        for bad in (-1, 65536, 'x', True, 2.5, {}):
            self.assertRaises(errors.NeutronError, rv.port, bad)

    def test_ethertype_and_prefix(self):
        self.assertEqual('IPv6', rv.ethertype('ipv6'))
        self.assertRaises(errors.NeutronError, rv.ethertype, 4)
        self.assertEqual('10.0.0.9/32', rv.ip_prefix('10.0.0.9'))
        self.assertEqual('10.2.3.124/24', rv.ip_prefix('10.2.3.124/24'))
        self.assertIsNone(rv.ip_prefix(''))
        for bad in ('10.0.0.0/33', 'x', 5):
            self.assertRaises(errors.NeutronError, rv.ip_prefix, bad)


class CheckTest(test.TestCase):

    def assertRejected(self, type_, **values):
        error = self.assertRaises(errors.NeutronError, rv.check,
                                  _rule(**values))
        self.assertEqual(type_, error.type)

    def test_valid_rules_pass(self):
        for values in ({}, {'protocol': 'tcp', 'port_range_min': 22,
                            'port_range_max': 22},
                       {'protocol': 'icmp', 'port_range_min': 8},
                       {'protocol': 'gre'},
                       {'remote_ip_prefix': '10.0.0.0/8'}):
            rv.check(_rule(**values))

    def test_icmp_of_ipv6_becomes_ipv6_icmp(self):
        for given, stored in (('icmp', 'ipv6-icmp'), ('1', '58'),
                              ('icmpv6', 'ipv6-icmp')):
            rule = _rule(ethertype='IPv6', protocol=given)
            rv.check(rule)
            self.assertEqual(stored, rule['protocol'])

    def test_ports_and_protocols(self):
        self.assertRejected(errors.RULE_PROTOCOL_REQUIRED,
                            port_range_min=1, port_range_max=2)
        self.assertRejected(errors.RULE_INVALID_PORT_RANGE, protocol='tcp',
                            port_range_min=3, port_range_max=2)
        self.assertRejected(errors.RULE_INVALID_PORT_VALUE, protocol='sctp',
                            port_range_min=0, port_range_max=2)
        self.assertRejected(errors.RULE_INVALID_ICMP_VALUE, protocol='icmp',
                            port_range_min=8, port_range_max=300)
        self.assertRejected(errors.RULE_MISSING_ICMP_TYPE, protocol='icmp',
                            port_range_max=0)
        self.assertRejected(errors.RULE_NO_PORTS_FOR_PROTOCOL,
                            protocol='47', port_range_min=1)

    def test_ethertype_conflicts(self):
        self.assertRejected(errors.RULE_PROTOCOL_CONFLICT,
                            protocol='ipv6-frag')
        self.assertRejected(errors.RULE_CIDR_CONFLICT,
                            remote_ip_prefix='::/0')
        self.assertRejected(errors.RULE_REMOTE_GROUP_AND_PREFIX,
                            remote_ip_prefix='10.0.0.0/8',
                            remote_group_id='g2')


class KeyTest(test.TestCase):

    def test_same_rule_written_differently(self):
        self.assertEqual(rv.key(_rule(protocol='tcp')),
                         rv.key(_rule(protocol='6')))
        self.assertEqual(rv.key(_rule()),
                         rv.key(_rule(remote_ip_prefix='0.0.0.0/0')))
        self.assertNotEqual(rv.key(_rule()),
                            rv.key(_rule(direction='egress')))
        self.assertNotEqual(rv.key(_rule(port_range_min=1)),
                            rv.key(_rule(port_range_min=2)))
