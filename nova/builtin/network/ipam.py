"""IPv4 address management as pure functions.

The store calls these inside the transaction that records an allocation,
and the ``ip_allocations`` primary key (subnet, address) makes handing an
address out twice impossible even if two requests raced.
"""

import ipaddress
import random


def parse_cidr(cidr):
    """Return the ``IPv4Network`` of ``cidr`` or raise ValueError.

    The address must be the network address (``10.0.0.0/24``, not
    ``10.0.0.5/24``), as Neutron requires.
    """
    if not isinstance(cidr, str):
        raise ValueError('%r is not a valid IP subnet' % (cidr,))
    try:
        network = ipaddress.ip_network(cidr, strict=False)
    except ValueError:
        raise ValueError("'%s' is not a valid IP subnet" % cidr)
    if network.version != 4:
        raise ValueError('only IPv4 subnets are supported')
    if str(network) != cidr:
        raise ValueError("'%s' isn't a recognized IP subnet cidr, '%s' is "
                         "recommended" % (cidr, network))
    return network


def parse_ip(value):
    """Return the ``IPv4Address`` of ``value`` or raise ValueError."""
    if not isinstance(value, str):
        raise ValueError("'%s' is not a valid IP address" % (value,))
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        raise ValueError("'%s' is not a valid IP address" % value)
    if address.version != 4 or str(address) != value:
        raise ValueError("'%s' is not a valid IPv4 address" % value)
    return address


def host_range(network):
    """First and last usable host of ``network``."""
    if network.prefixlen >= 31:
        return network.network_address, network.broadcast_address
    return network.network_address + 1, network.broadcast_address - 1


def default_gateway(network):
    return str(host_range(network)[0])


def default_pools(network, gateway):
    """All usable hosts of ``network`` except ``gateway``, as pools."""
    first, last = host_range(network)
    gateway = ipaddress.ip_address(gateway) if gateway else None
    if gateway is None or not first <= gateway <= last:
        return [_pool(first, last)]
    pools = []
    if gateway > first:
        pools.append(_pool(first, gateway - 1))
    if gateway < last:
        pools.append(_pool(gateway + 1, last))
    return pools


def _pool(start, end):
    return {'start': str(start), 'end': str(end)}


def check_pools(network, pools, gateway):
    """Validate explicit allocation pools; return them sorted.

    Raises ValueError when a pool is outside ``network``, inverted,
    overlaps another or contains the gateway.
    """
    first, last = host_range(network)
    gateway = ipaddress.ip_address(gateway) if gateway else None
    ranges = []
    for pool in pools:
        start, end = parse_ip(pool['start']), parse_ip(pool['end'])
        if start > end or start < first or end > last:
            raise ValueError('The allocation pool %s-%s is not valid for '
                             'the subnet %s' % (start, end, network))
        if gateway is not None and start <= gateway <= end:
            raise ValueError('Gateway ip %s conflicts with allocation pool '
                             '%s-%s' % (gateway, start, end))
        ranges.append((start, end))
    ranges.sort()
    for (_, end), (start, _) in zip(ranges, ranges[1:]):
        if start <= end:
            raise ValueError('Found overlapping allocation pools')
    return [_pool(start, end) for start, end in ranges]


def first_free(pools, taken):
    """The lowest address of ``pools`` not in ``taken`` (strings), or None.

    Walks each pool in order; stops at the first gap, so the cost grows
    with the number of addresses in use, not with the size of the pool.
    """
    for pool in pools:
        address = ipaddress.ip_address(pool['start'])
        end = ipaddress.ip_address(pool['end'])
        while address <= end:
            if str(address) not in taken:
                return str(address)
            address += 1
    return None


def usable(network, address):
    """Whether ``address`` may be given to a port on ``network``."""
    first, last = host_range(network)
    return first <= address <= last


def random_mac(rng=random):
    """A MAC address with OpenStack's ``fa:16:3e`` prefix."""
    return 'fa:16:3e:%02x:%02x:%02x' % tuple(
        rng.randrange(256) for _ in range(3))
