"""Values of security group rules, checked the way Neutron checks them.

Pure functions: converters of single attributes (``schema`` uses them for
``POST /v2.0/security-group-rules``), ``check()`` of a whole rule
(protocol against ports, ethertype against protocol and remote prefix)
and ``key()``, which tells duplicate rules apart. Failures raise 400
``NeutronError``s typed with Neutron's exception names, except plain
malformed values, which raise ValueError for ``schema.parse`` to report.
"""

import ipaddress
import uuid

from nova.builtin.network import errors

# Neutron's protocol names and their IP protocol numbers.
PROTOCOL_NUMBERS = {
    'ah': 51, 'dccp': 33, 'egp': 8, 'esp': 50, 'gre': 47, 'hopopt': 0,
    'icmp': 1, 'icmpv6': 58, 'igmp': 2, 'ipip': 4, 'ipv6-encap': 41,
    'ipv6-frag': 44, 'ipv6-icmp': 58, 'ipv6-nonxt': 59, 'ipv6-opts': 60,
    'ipv6-route': 43, 'ospf': 89, 'pgm': 113, 'rsvp': 46, 'sctp': 132,
    'tcp': 6, 'udp': 17, 'udplite': 136, 'vrrp': 112,
}
# Protocols whose rules may give a port range, and the ICMP ones, whose
# port_range_min/max are the ICMP type and code.
PORT_PROTOCOLS = (6, 17, 33, 132, 136)
ICMP_PROTOCOLS = (1, 58)
# Protocols that only exist over IPv6: an IPv4 rule cannot name them.
IPV6_ONLY = (41, 43, 44, 58, 59, 60)
ETHERTYPES = ('IPv4', 'IPv6')
DIRECTIONS = ('ingress', 'egress')
# Remote prefixes that mean "anywhere", the same as no prefix.
ANYWHERE = ('0.0.0.0/0', '::/0')


def _invalid(type_, message):
    return errors.NeutronError(400, type_, message)


def protocol(value):
    """A protocol name (lower case) or number (as a string); None for
    none or ``any``."""
    if value is None or value == 'any':
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        if value.isdigit() and 0 <= int(value) <= 255:
            return str(int(value))
        if value.lower() in PROTOCOL_NUMBERS:
            return value.lower()
    raise _invalid(errors.RULE_INVALID_PROTOCOL,
                   'Security group rule protocol %s not supported. Only '
                   'protocol values %s and integer representations [0 to '
                   '255] are supported.'
                   % (value, [None] + sorted(PROTOCOL_NUMBERS)))


def port(value):
    """A port (or ICMP type/code) as an int in 0-65535, or None."""
    if value is None:
        return None
    try:
        if isinstance(value, bool):
            raise ValueError(value)
        number = int(value)
    except (TypeError, ValueError):
        number = -1
    if isinstance(value, float) or not 0 <= number <= 65535:
        raise _invalid(errors.RULE_INVALID_PORT_VALUE,
                       'Invalid value for port %s' % (value,))
    return number


def ethertype(value):
    """``IPv4`` or ``IPv6``, whatever the case sent."""
    if isinstance(value, str):
        for known in ETHERTYPES:
            if known.lower() == value.lower():
                return known
    raise _invalid(errors.RULE_INVALID_ETHERTYPE,
                   "Security group rule for ethertype '%s' not supported. "
                   'Allowed values are %s.' % (value, list(ETHERTYPES)))


def direction(value):
    if value not in DIRECTIONS:
        raise ValueError("'%s' is not in %s" % (value, list(DIRECTIONS)))
    return value


def ip_prefix(value):
    """The prefix with its length (``10.0.0.1`` -> ``10.0.0.1/32``);
    host bits are kept, as Neutron keeps them. None for none."""
    if value is None or value == '':
        return None
    try:
        if not isinstance(value, str):
            raise ValueError(value)
        return str(ipaddress.ip_interface(value))
    except ValueError:
        raise _invalid(errors.INVALID_CIDR,
                       'Invalid CIDR %s given as IP prefix.' % (value,))


def group_id(value):
    if value is None:
        return None
    try:
        if str(uuid.UUID(value)) == value.lower():
            return value.lower()
    except (AttributeError, TypeError, ValueError):
        pass
    raise ValueError("'%s' is not a valid UUID" % (value,))


def number(name_or_number):
    """The IP protocol number of a converted protocol; None for none."""
    if name_or_number is None:
        return None
    if name_or_number.isdigit():
        return int(name_or_number)
    return PROTOCOL_NUMBERS[name_or_number]


def _canonical_icmpv6(rule):
    # Neutron stores ICMP of an IPv6 rule as IPv6-ICMP.
    if rule['ethertype'] == 'IPv6':
        if rule['protocol'] in ('icmp', 'icmpv6'):
            rule['protocol'] = 'ipv6-icmp'
        elif rule['protocol'] == '1':
            rule['protocol'] = '58'


def _check_ports(rule):
    low, high = rule['port_range_min'], rule['port_range_max']
    if low is None and high is None:
        return
    if rule['protocol'] is None:
        raise _invalid(errors.RULE_PROTOCOL_REQUIRED,
                       'Must also specify protocol if port range is given.')
    proto = number(rule['protocol'])
    if proto in PORT_PROTOCOLS:
        if low == 0 or high == 0:
            raise _invalid(errors.RULE_INVALID_PORT_VALUE,
                           'Invalid value for port 0')
        if low is None or high is None or low > high:
            raise _invalid(errors.RULE_INVALID_PORT_RANGE,
                           'For TCP/UDP protocols, port_range_min must be '
                           '<= port_range_max')
    elif proto in ICMP_PROTOCOLS:
        for value, field, attr in ((low, 'type', 'port_range_min'),
                                   (high, 'code', 'port_range_max')):
            if value is not None and not 0 <= value <= 255:
                raise _invalid(errors.RULE_INVALID_ICMP_VALUE,
                               'Invalid value for ICMP %s (%s) %s. It must '
                               'be 0 to 255.' % (field, attr, value))
        if low is None:
            raise _invalid(errors.RULE_MISSING_ICMP_TYPE,
                           'ICMP code (port-range-max) %s is provided but '
                           'ICMP type (port-range-min) is missing.' % high)
    else:
        raise _invalid(errors.RULE_NO_PORTS_FOR_PROTOCOL,
                       'Ports cannot be specified for protocol %s. Ports '
                       'are only supported for DCCP, SCTP, TCP, UDP, '
                       'UDPLITE.' % rule['protocol'])


def check(rule):
    """Check a rule's values together, as Neutron does; normalises the
    ICMP protocol of IPv6 rules in place. ``rule`` has every attribute
    (None when not given) and a converted ``ethertype``."""
    _canonical_icmpv6(rule)
    _check_ports(rule)
    prefix = rule['remote_ip_prefix']
    if prefix is not None and rule['ethertype'] != 'IPv%d' % (
            ipaddress.ip_interface(prefix).version):
        raise _invalid(errors.RULE_CIDR_CONFLICT,
                       'Conflicting value ethertype %s for CIDR %s'
                       % (rule['ethertype'], prefix))
    if rule['ethertype'] == 'IPv4' and number(rule['protocol']) in (
            IPV6_ONLY):
        raise _invalid(errors.RULE_PROTOCOL_CONFLICT,
                       'Invalid ethertype %s for protocol %s.'
                       % (rule['ethertype'], rule['protocol']))
    if prefix is not None and rule['remote_group_id'] is not None:
        raise _invalid(errors.RULE_REMOTE_GROUP_AND_PREFIX,
                       'Only remote_ip_prefix or remote_group_id may be '
                       'provided.')


def key(rule):
    """What makes two rules the same (a mapping or a row): a protocol
    by name or number and "anywhere" prefixes compare equal."""
    def get(name):
        if isinstance(rule, dict):
            return rule.get(name)
        return getattr(rule, name)
    prefix = get('remote_ip_prefix')
    return (get('security_group_id'), get('direction'), get('ethertype'),
            number(get('protocol')), get('port_range_min'),
            get('port_range_max'), get('remote_group_id'),
            None if prefix in ANYWHERE else prefix)
