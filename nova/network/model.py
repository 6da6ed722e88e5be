"""The network info of an instance: a list of VIF dicts.

Each VIF describes one port as the API views read it from the instance's
``info_cache``::

    {'id': port_id, 'address': mac, 'type': vif_type, 'devname': 'tap...',
     'active': bool, 'preserve_on_delete': bool,
     'network': {'id', 'label',
                 'subnets': [{'cidr', 'gateway',
                              'ips': [{'address', 'version', 'type',
                                       'floating_ips'}]}]}}

Pure functions over the service's JSON documents; no I/O.
"""

import ipaddress

DEVNAME_PREFIX = 'tap'
# Linux interface names are at most 15 characters.
DEVNAME_LEN = 14


def devname(port_id):
    return (DEVNAME_PREFIX + port_id)[:DEVNAME_LEN]


def _ip_version(address):
    try:
        return ipaddress.ip_address(address).version
    except ValueError:
        return 4


def _subnets(port, subnets):
    """The port's fixed IPs grouped under their subnets, in port order."""
    by_id = {subnet['id']: subnet for subnet in subnets}
    grouped = {}
    for fixed in port.get('fixed_ips', []):
        subnet = by_id.get(fixed.get('subnet_id'), {})
        entry = grouped.get(fixed.get('subnet_id'))
        if entry is None:
            entry = {'cidr': subnet.get('cidr'),
                     'gateway': subnet.get('gateway_ip'),
                     'ips': []}
            grouped[fixed.get('subnet_id')] = entry
        entry['ips'].append({'address': fixed['ip_address'],
                             'version': _ip_version(fixed['ip_address']),
                             'type': 'fixed',
                             'floating_ips': []})
    return list(grouped.values())


def vif(port, network, subnets, preserve_on_delete=False):
    """The VIF dict of ``port`` on ``network`` (Neutron documents);
    ``subnets`` holds at least the subnets of the port's fixed IPs."""
    return {
        'id': port['id'],
        'address': port.get('mac_address'),
        'type': port.get('binding:vif_type') or 'unbound',
        'devname': devname(port['id']),
        'active': port.get('status') == 'ACTIVE',
        'preserve_on_delete': bool(preserve_on_delete),
        'network': {
            'id': port['network_id'],
            'label': (network or {}).get('name') or port['network_id'],
            'subnets': _subnets(port, subnets),
        },
    }


def port_ids(network_info):
    return [entry['id'] for entry in network_info or ()]


def preserved_port_ids(network_info):
    """Ports the user brought: unbound, not deleted, when Nova lets go."""
    return {entry['id'] for entry in network_info or ()
            if entry.get('preserve_on_delete')}
