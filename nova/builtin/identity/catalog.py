"""The service catalog the built-in identity service hands out.

The catalog comes from a dict of service type -> URL; every service gets
one endpoint per interface (public, internal, admin), all with the same
URL, in one region. Service and endpoint ids are derived from the type so
they stay the same across restarts.
"""

import uuid

REGION = 'RegionOne'
INTERFACES = ('public', 'internal', 'admin')
# The name each service type has in a devstack catalog.
SERVICE_NAMES = {
    'compute': 'nova',
    'image': 'glance',
    'network': 'neutron',
    'placement': 'placement',
    'identity': 'keystone',
}
_NAMESPACE = uuid.UUID('9a3b7f0e-5d1c-4c55-9a8e-0c1f2b6d7e41')


def _stable_id(*parts):
    return uuid.uuid5(_NAMESPACE, '/'.join(parts)).hex


def services(endpoints):
    """One dict per service: id, type, name, in the order of ``endpoints``.

    ``endpoints`` maps service type -> URL.
    """
    return [{'id': _stable_id('service', service_type),
             'type': service_type,
             'name': SERVICE_NAMES.get(service_type, service_type)}
            for service_type in endpoints]


def endpoint_list(endpoints):
    """Every endpoint as a dict: id, service_id, interface, region, url."""
    result = []
    for service in services(endpoints):
        url = endpoints[service['type']]
        for interface in INTERFACES:
            result.append({
                'id': _stable_id('endpoint', service['type'], interface),
                'service_id': service['id'], 'interface': interface,
                'region': REGION, 'region_id': REGION, 'url': url})
    return result


def token_catalog(endpoints):
    """The ``catalog`` list of a Keystone v3 token for ``endpoints``."""
    by_service = {}
    for endpoint in endpoint_list(endpoints):
        by_service.setdefault(endpoint['service_id'], []).append({
            'id': endpoint['id'], 'interface': endpoint['interface'],
            'region': endpoint['region'],
            'region_id': endpoint['region_id'], 'url': endpoint['url']})
    return [{'id': service['id'], 'type': service['type'],
             'name': service['name'],
             'endpoints': by_service[service['id']]}
            for service in services(endpoints)]
