"""Request bodies of the built-in network service: parsed and checked.

Each resource has a table of the attributes a client may send, with a
converter and whether POST and PUT accept it; this mirrors Neutron's
attribute maps (``allow_post``/``allow_put``). ``parse()`` turns a body
into column values or raises a 400 ``NeutronError`` naming the attribute.
"""

import dataclasses
import re
import uuid

from nova.builtin.network import errors
from nova.builtin.network import ipam
from nova.builtin.network import rule_values

MAC_RE = re.compile(r'^([0-9a-f]{2}:){5}[0-9a-f]{2}$')
VNIC_TYPES = ('normal', 'direct', 'macvtap', 'baremetal', 'direct-physical',
              'virtio-forwarder', 'smart-nic', 'remote-managed', 'vdpa')


def string(value, max_len=255):
    if not isinstance(value, str):
        raise ValueError("'%s' is not a valid string" % (value,))
    if len(value) > max_len:
        raise ValueError("'%s' exceeds maximum length of %d"
                         % (value, max_len))
    return value


def boolean(value):
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ('true', 'false'):
        return value.lower() == 'true'
    raise ValueError("'%s' cannot be converted to boolean" % (value,))


def uuid_string(value):
    if not isinstance(value, str):
        raise ValueError("'%s' is not a valid UUID" % (value,))
    try:
        if str(uuid.UUID(value)) == value.lower():
            return value.lower()
    except ValueError:
        pass
    raise ValueError("'%s' is not a valid UUID" % value)


def uuid_or_none(value):
    return None if value is None else uuid_string(value)


def mtu(value):
    if isinstance(value, bool) or not isinstance(value, int) or not (
            68 <= value <= 9000):
        raise ValueError("'%s' is not a valid MTU (68-9000)" % (value,))
    return value


def ip_version(value):
    if value == 6:
        raise ValueError('IPv6 subnets are not supported by this service')
    if value != 4 or isinstance(value, bool):
        raise ValueError("'%s' is not a valid IP version" % (value,))
    return value


def cidr(value):
    return str(ipam.parse_cidr(value))


def ip_or_none(value):
    return None if value is None else str(ipam.parse_ip(value))


def _dict_list(value, keys, what):
    if not isinstance(value, list):
        raise ValueError("'%s' is not a list" % (value,))
    for item in value:
        if not isinstance(item, dict) or not set(item) <= set(keys):
            raise ValueError("'%s' is not a valid %s" % (item, what))
    return value


def allocation_pools(value):
    _dict_list(value, ('start', 'end'), 'allocation pool')
    return [{'start': str(ipam.parse_ip(p.get('start'))),
             'end': str(ipam.parse_ip(p.get('end')))} for p in value]


def host_routes(value):
    _dict_list(value, ('destination', 'nexthop'), 'host route')
    return [{'destination': cidr(r.get('destination')),
             'nexthop': str(ipam.parse_ip(r.get('nexthop')))}
            for r in value]


def nameservers(value):
    if not isinstance(value, list):
        raise ValueError("'%s' is not a list" % (value,))
    return [str(ipam.parse_ip(item)) for item in value]


def fixed_ips(value):
    _dict_list(value, ('subnet_id', 'ip_address'), 'fixed IP request')
    requests = []
    for item in value:
        request = {}
        if 'subnet_id' in item:
            request['subnet_id'] = uuid_string(item['subnet_id'])
        if 'ip_address' in item:
            request['ip_address'] = str(ipam.parse_ip(item['ip_address']))
        if not request:
            raise ValueError('a fixed IP needs a subnet_id or ip_address')
        requests.append(request)
    return requests


def uuid_list(value):
    if not isinstance(value, list):
        raise ValueError("'%s' is not a list" % (value,))
    return [uuid_string(item) for item in value]


def mac_address(value):
    if not isinstance(value, str) or not MAC_RE.match(value.lower()):
        raise ValueError("'%s' is not a valid MAC address" % (value,))
    return value.lower()


def vnic_type(value):
    if value not in VNIC_TYPES:
        raise ValueError("'%s' is not in %s" % (value, list(VNIC_TYPES)))
    return value


def profile(value):
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError("'%s' is not a dictionary" % (value,))
    return value


def host_id(value):
    return '' if value is None else string(value)


@dataclasses.dataclass(frozen=True)
class Attr:
    column: str
    convert: object
    post: bool = True
    put: bool = True


_COMMON = {
    'name': Attr('name', string),
    'description': Attr('description', string),
    'tenant_id': Attr('project_id', string, put=False),
    'project_id': Attr('project_id', string, put=False),
}

RESOURCES = {
    'network': dict(_COMMON, **{
        'admin_state_up': Attr('admin_state_up', boolean),
        'shared': Attr('shared', boolean),
        'router:external': Attr('router_external', boolean),
        'port_security_enabled': Attr('port_security_enabled', boolean),
        'mtu': Attr('mtu', mtu),
    }),
    'subnet': dict(_COMMON, **{
        'network_id': Attr('network_id', uuid_string, put=False),
        'cidr': Attr('cidr', cidr, put=False),
        'ip_version': Attr('ip_version', ip_version, put=False),
        'gateway_ip': Attr('gateway_ip', ip_or_none),
        'allocation_pools': Attr('allocation_pools', allocation_pools),
        'enable_dhcp': Attr('enable_dhcp', boolean),
        'dns_nameservers': Attr('dns_nameservers', nameservers),
        'host_routes': Attr('host_routes', host_routes),
    }),
    'port': dict(_COMMON, **{
        'network_id': Attr('network_id', uuid_string, put=False),
        'admin_state_up': Attr('admin_state_up', boolean),
        'mac_address': Attr('mac_address', mac_address, put=False),
        'fixed_ips': Attr('fixed_ips', fixed_ips),
        'device_id': Attr('device_id', string),
        'device_owner': Attr('device_owner', string),
        'security_groups': Attr('security_groups', uuid_list),
        'port_security_enabled': Attr('port_security_enabled', boolean),
        'binding:host_id': Attr('host_id', host_id),
        'binding:profile': Attr('profile', profile),
        'binding:vnic_type': Attr('vnic_type', vnic_type),
    }),
    'security_group': dict(_COMMON, **{
        'stateful': Attr('stateful', boolean),
    }),
    # Rules cannot be updated (no PUT route).
    'security_group_rule': {
        'description': Attr('description', string),
        'tenant_id': Attr('project_id', string),
        'project_id': Attr('project_id', string),
        'security_group_id': Attr('security_group_id', uuid_string),
        'direction': Attr('direction', rule_values.direction),
        'ethertype': Attr('ethertype', rule_values.ethertype),
        'protocol': Attr('protocol', rule_values.protocol),
        'port_range_min': Attr('port_range_min', rule_values.port),
        'port_range_max': Attr('port_range_max', rule_values.port),
        'remote_ip_prefix': Attr('remote_ip_prefix', rule_values.ip_prefix),
        'remote_group_id': Attr('remote_group_id', rule_values.group_id),
    },
    # Floating IPs have no name (not a standard attribute of theirs).
    'floatingip': {
        'description': Attr('description', string),
        'tenant_id': Attr('project_id', string, put=False),
        'project_id': Attr('project_id', string, put=False),
        'floating_network_id': Attr('floating_network_id', uuid_string,
                                    put=False),
        'floating_ip_address': Attr('floating_ip_address', ip_or_none,
                                    put=False),
        'port_id': Attr('port_id', uuid_or_none),
        'fixed_ip_address': Attr('fixed_ip_address', ip_or_none),
    },
}
# Attributes only an admin may set (Neutron's default policy).
ADMIN_ONLY = {
    'network': ('router:external',),
    'port': ('binding:host_id', 'binding:profile'),
    'floatingip': ('floating_ip_address',),
}


def parse(body, resource, action):
    """Column values of the ``{resource: {...}}`` body for ``action``.

    ``action`` is ``'post'`` or ``'put'``. Raises a 400 ``NeutronError``
    for a body of the wrong shape, an unknown or read-only attribute or a
    value that does not convert.
    """
    if not isinstance(body, dict) or set(body) != {resource} or (
            not isinstance(body[resource], dict)):
        raise errors.bad_request(
            'Resource body required: expected {"%s": {...}}' % resource)
    attrs = RESOURCES[resource]
    unknown = sorted(set(body[resource]) - set(attrs))
    if unknown:
        raise errors.bad_request(
            "Unrecognized attribute(s) '%s'" % ', '.join(unknown))
    values = {}
    for name, value in body[resource].items():
        attr = attrs[name]
        if not getattr(attr, action):
            raise errors.bad_request(
                "Attribute '%s' not allowed in %s" % (name, action.upper()))
        try:
            converted = attr.convert(value)
        except (ValueError, TypeError) as e:
            raise errors.invalid('Invalid data format for %s: %s'
                                 % (name, e))
        if attr.column in values and values[attr.column] != converted:
            raise errors.invalid('tenant_id and project_id do not match')
        values[attr.column] = converted
    return values


def admin_only_attrs(body, resource):
    """Names of admin-only attributes present in a parsed-ok body."""
    sent = body.get(resource, {})
    return [name for name in ADMIN_ONLY.get(resource, ()) if name in sent]
