"""Security group rules as the Compute API knows them, and their
translation to and from the network service's (Neutron's) rules.

Pure functions. The Compute API's rules are ingress only and written as
``{protocol, from_port, to_port, cidr | group_id}``; ``new_ingress_rule``
checks such a request the way Nova does (Nova's
``nova/network/security_group_api.py``), ``to_neutron``/``from_neutron``
convert, and ``find_duplicate`` tells whether a group has the rule.
Bad input raises ``Invalid`` subclasses (400 at the API).
"""

import ipaddress
import urllib.parse

from oslo_utils import uuidutils

from nova import exception
from nova.i18n import _

ANYWHERE = '0.0.0.0/0'
# The ports of a rule naming a protocol but no ports, per protocol.
ALL_PORTS = {'TCP': (1, 65535), 'UDP': (1, 65535)}
ANY_ICMP = (-1, -1)
_COMPARED = ('group_id', 'cidr', 'from_port', 'to_port', 'protocol')


def validate_id(group_id):
    """``group_id`` if it is a UUID; Invalid otherwise."""
    if not uuidutils.is_uuid_like(group_id):
        raise exception.Invalid(_('Security group id should be uuid'))
    return group_id


def parse_cidr(cidr):
    """The CIDR of a rule (``0.0.0.0/0`` when none is given), URL-decoded;
    InvalidCidr unless it is an address with a prefix length."""
    if not cidr:
        return ANYWHERE
    try:
        cidr = urllib.parse.unquote(cidr)
        if '/' not in cidr or not cidr.split('/', 1)[1]:
            raise ValueError(cidr)
        ipaddress.ip_interface(cidr)
    except (TypeError, ValueError, AttributeError):
        raise exception.InvalidCidr(cidr=cidr)
    return cidr


def check_prefix(cidr):
    """Invalid for a ``/0`` prefix of anything but the whole space."""
    network = ipaddress.ip_interface(cidr)
    if network.network.prefixlen == 0 and str(network.ip) not in (
            '0.0.0.0', '::'):
        raise exception.Invalid(
            _('Bad prefix for network in cidr %s') % cidr)


def _ports(protocol, from_port, to_port):
    """Checked ``(from_port, to_port)`` ints of a TCP, UDP or ICMP rule."""
    try:
        from_port, to_port = int(from_port), int(to_port)
    except (TypeError, ValueError):
        if protocol == 'ICMP':
            raise exception.InvalidInput(reason=_(
                'Type and Code must be integers for ICMP protocol type'))
        raise exception.InvalidInput(
            reason=_('To and From ports must be integers'))
    if protocol not in ('TCP', 'UDP', 'ICMP'):
        raise exception.InvalidIpProtocol(protocol=protocol)
    if protocol in ALL_PORTS and from_port > to_port:
        raise exception.InvalidPortRange(
            from_port=from_port, to_port=to_port,
            msg=_('Former value cannot be greater than the later'))
    if protocol in ALL_PORTS and (from_port < 1 or to_port > 65535):
        raise exception.InvalidPortRange(
            from_port=from_port, to_port=to_port,
            msg=_('Valid %s ports should be between 1-65535') % protocol)
    if protocol == 'ICMP' and not (-1 <= from_port <= 255 and
                                   -1 <= to_port <= 255):
        raise exception.InvalidPortRange(
            from_port=from_port, to_port=to_port,
            msg=_('For ICMP, the type:code must be valid'))
    return from_port, to_port


def new_ingress_rule(protocol, from_port, to_port, cidr=None,
                     group_id=None):
    """The Compute API rule of a request, or None when a CIDR rule lacks
    its protocol or ports ("not enough parameters").

    With ``group_id`` (``cidr`` is then ignored, as in Nova) a rule
    without ports opens all TCP/UDP ports or every ICMP type, and one
    without protocol lets everything in from the group. Raises
    InvalidInput (ports not integers), InvalidIpProtocol (not TCP, UDP
    or ICMP) and InvalidPortRange.
    """
    values = {}
    name = str(protocol).upper() if protocol else ''
    if group_id:
        values['group_id'] = group_id
        if from_port is None and to_port is None:
            from_port, to_port = (ANY_ICMP if name == 'ICMP' else
                                  ALL_PORTS.get(name, (None, None)))
    elif cidr:
        values['cidr'] = cidr
    if protocol and from_port is not None and to_port is not None:
        values['from_port'], values['to_port'] = _ports(name, from_port,
                                                        to_port)
        values['protocol'] = str(protocol)
    elif cidr and not group_id:
        return None
    return values


def find_duplicate(rules, new_rule):
    """The id of the rule of ``rules`` (Compute API rules) equal to
    ``new_rule``, or None."""
    for rule in rules:
        if all(rule.get(k) == new_rule.get(k) for k in _COMPARED):
            return rule['id']
    return None


def to_neutron(rule, parent_group_id):
    """The network service's ``security_group_rule`` body of a Compute
    API rule: ingress, IPv4 unless the CIDR is IPv6; -1 ports (any ICMP
    type or code) are left out."""
    cidr = rule.get('cidr')
    version = ipaddress.ip_interface(cidr).version if cidr else 4
    body = {'direction': 'ingress', 'ethertype': 'IPv%d' % version,
            'security_group_id': parent_group_id,
            'protocol': rule.get('protocol'), 'remote_ip_prefix': cidr,
            'remote_group_id': rule.get('group_id')}
    for ours, theirs in (('from_port', 'port_range_min'),
                         ('to_port', 'port_range_max')):
        if rule.get(ours) not in (None, -1):
            body[theirs] = rule[ours]
    return body


def from_neutron(rule):
    """The Compute API rule of a network service rule (any direction):
    a protocol without ports shows 1-65535 (TCP, UDP) or -1 (others);
    no remote prefix shows ``0.0.0.0/0``."""
    protocol = rule.get('protocol')
    low, high = rule.get('port_range_min'), rule.get('port_range_max')
    if protocol and low is None and high is None:
        low, high = ALL_PORTS.get(protocol.upper(), ANY_ICMP)
    return {'id': rule['id'], 'parent_group_id': rule['security_group_id'],
            'protocol': protocol, 'from_port': low, 'to_port': high,
            'group_id': rule.get('remote_group_id'),
            'cidr': parse_cidr(rule.get('remote_ip_prefix'))}


def ingress_rules(group):
    """The Compute API rules of a network service group (ingress only)."""
    return [from_neutron(r) for r in group.get('security_group_rules') or ()
            if r.get('direction') == 'ingress']
