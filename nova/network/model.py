"""The network info of an instance: a list of VIF dicts.

Each VIF describes one port as the API views read it from the instance's
``info_cache``::

    {'id': port_id, 'address': mac, 'type': vif_type, 'devname': 'tap...',
     'active': bool, 'preserve_on_delete': bool,
     'network': {'id', 'label',
                 'subnets': [{'cidr', 'gateway',
                              'ips': [{'address', 'version', 'type',
                                       'floating_ips'}]}]}}

A fixed IP's ``floating_ips`` are the floating IPs associated with it,
``{'address', 'version', 'type': 'floating'}`` each.

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


def _floating(floating_ips, fixed_address):
    return [{'address': fip['floating_ip_address'],
             'version': _ip_version(fip['floating_ip_address']),
             'type': 'floating'}
            for fip in floating_ips
            if fip.get('fixed_ip_address') == fixed_address]


def _subnets(port, subnets, floating_ips):
    """The port's fixed IPs grouped under their subnets, in port order,
    each with its floating IPs."""
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
                             'floating_ips': _floating(
                                 floating_ips, fixed['ip_address'])})
    return list(grouped.values())


def vif(port, network, subnets, preserve_on_delete=False, floating_ips=()):
    """The VIF dict of ``port`` on ``network`` (Neutron documents);
    ``subnets`` holds at least the subnets of the port's fixed IPs,
    ``floating_ips`` the floating IPs associated with the port."""
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
            'subnets': _subnets(port, subnets, floating_ips),
        },
    }


def port_ids(network_info):
    return [entry['id'] for entry in network_info or ()]


def preserved_port_ids(network_info):
    """Ports the user brought: unbound, not deleted, when Nova lets go."""
    return {entry['id'] for entry in network_info or ()
            if entry.get('preserve_on_delete')}


def fixed_addresses(network_info):
    """The fixed IP addresses of ``network_info``, in VIF order."""
    return [ip['address'] for entry in network_info or ()
            for subnet in (entry.get('network') or {}).get('subnets', ())
            for ip in subnet.get('ips', ()) if ip.get('type') == 'fixed']
