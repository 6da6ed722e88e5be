"""Malformed requests to the built-in network service get 4xx, never 500."""

import json

import requests

from nova import test
from nova.tests.fixtures import network as network_fixture

MISSING = '3a5e8d0c-1f5b-4b7e-9f0e-6a2d7c1b9e44'
JSON = {'Content-Type': 'application/json'}

# (method, path, body, expected status); {net} is a network of the caller
# and {sub} its subnet. ``body`` is sent as-is when bytes, else as JSON.
CASES = [
    ('POST', '/v2.0/networks', b'{not json', 400),
    ('POST', '/v2.0/networks', b'\xff\xfe\x00', 400),
    ('POST', '/v2.0/networks', [1, 2], 400),
    ('POST', '/v2.0/networks', {'net': {}}, 400),
    ('POST', '/v2.0/networks', {'network': 'x'}, 400),
    ('POST', '/v2.0/networks', {'network': {'colour': 'red'}}, 400),
    ('POST', '/v2.0/networks', {'network': {'id': MISSING}}, 400),
    ('POST', '/v2.0/networks', {'network': {'admin_state_up': 'maybe'}},
     400),
    ('POST', '/v2.0/networks', {'network': {'mtu': 10}}, 400),
    ('POST', '/v2.0/networks', {'network': {'name': 'n' * 256}}, 400),
    ('POST', '/v2.0/networks', {'network': {'router:external': True}}, 403),
    ('POST', '/v2.0/subnets', {'subnet': {'network_id': '{net}',
                                          'cidr': '10.0.0.300/24'}}, 400),
    ('POST', '/v2.0/subnets', {'subnet': {'network_id': '{net}',
                                          'cidr': '10.7.0.5/24'}}, 400),
    ('POST', '/v2.0/subnets', {'subnet': {'network_id': '{net}',
                                          'cidr': 'fd00::/64'}}, 400),
    ('POST', '/v2.0/subnets', {'subnet': {'network_id': '{net}',
                                          'cidr': '10.7.0.0/24',
                                          'ip_version': 6}}, 400),
    ('POST', '/v2.0/subnets', {'subnet': {'network_id': 'not-a-uuid',
                                          'cidr': '10.7.0.0/24'}}, 400),
    ('POST', '/v2.0/subnets', {'subnet': {'network_id': MISSING,
                                          'cidr': '10.7.0.0/24'}}, 404),
    ('POST', '/v2.0/subnets', {'subnet': {'cidr': '10.7.0.0/24'}}, 400),
    ('POST', '/v2.0/subnets', {'subnet': {
        'network_id': '{net}', 'cidr': '10.7.0.0/24',
        'allocation_pools': [{'start': '10.7.0.9', 'end': '10.7.0.3'}]}},
     400),
    ('POST', '/v2.0/subnets', {'subnet': {
        'network_id': '{net}', 'cidr': '10.7.0.0/24',
        'gateway_ip': '10.8.0.1'}}, 400),
    ('POST', '/v2.0/subnets', {'subnet': {
        'network_id': '{net}', 'cidr': '10.7.0.0/24',
        'dns_nameservers': 'x'}}, 400),
    ('POST', '/v2.0/ports', {'port': {}}, 400),
    ('POST', '/v2.0/ports', {'port': {'network_id': MISSING}}, 404),
    ('POST', '/v2.0/ports', {'port': {'network_id': '{net}',
                                      'fixed_ips': [{'ip_address': 'x'}]}},
     400),
    ('POST', '/v2.0/ports', {'port': {'network_id': '{net}',
                                      'fixed_ips': [{}]}}, 400),
    ('POST', '/v2.0/ports', {'port': {'network_id': '{net}',
                                      'fixed_ips': [{'subnet_id': MISSING}]}},
     400),
    ('POST', '/v2.0/ports', {'port': {'network_id': '{net}',
                                      'mac_address': 'zz'}}, 400),
    ('POST', '/v2.0/ports', {'port': {'network_id': '{net}',
                                      'binding:vnic_type': 'magic'}}, 400),
    ('POST', '/v2.0/ports', {'port': {'network_id': '{net}',
                                      'security_groups': [MISSING]}}, 404),
    ('PUT', '/v2.0/networks/{net}', {'network': {'mtu': 'big'}}, 400),
    ('PUT', '/v2.0/subnets/{sub}', {'subnet': {'cidr': '10.0.0.0/16'}},
     400),
    ('PUT', '/v2.0/ports/' + MISSING, {'port': {'name': 'x'}}, 404),
    ('DELETE', '/v2.0/subnets/' + MISSING, None, 404),
    ('GET', '/v2.0/networks/' + MISSING, None, 404),
    ('GET', '/v2.0/networks?colour=red', None, 400),
    ('GET', '/v2.0/networks?limit=-1', None, 400),
    ('GET', '/v2.0/networks?limit=ten', None, 400),
    ('GET', '/v2.0/networks?sort_key=colour', None, 400),
    ('GET', '/v2.0/ports?fixed_ips=address', None, 400),
    ('GET', '/v2.0/nothing', None, 404),
    ('PATCH', '/v2.0/networks', None, 405),
]


class MalformedRequestTestCase(test.TestCase):

    def test_malformed_requests_get_4xx(self):
        self.assertGreaterEqual(len(CASES), 20)
        net = self.useFixture(network_fixture.NetworkService())
        headers = dict(JSON, **{'X-Auth-Token': 'alice:p1'})
        with requests.Session() as http:
            network = http.post(net.url + '/v2.0/networks', headers=headers,
                                json={'network': {}}).json()['network']
            subnet = http.post(net.url + '/v2.0/subnets', headers=headers,
                               json={'subnet': {
                                   'network_id': network['id'],
                                   'cidr': '10.0.0.0/24'}}).json()['subnet']
            ids = {'{net}': network['id'], '{sub}': subnet['id']}
            for method, path, body, expected in CASES:
                for key, value in ids.items():
                    path = path.replace(key, value)
                    if isinstance(body, dict):
                        body = eval_ids(body, key, value)
                data = body if isinstance(body, bytes) or body is None \
                    else json.dumps(body)
                resp = http.request(method, net.url + path, data=data,
                                    headers=headers, timeout=30)
                self.assertEqual(expected, resp.status_code,
                                 '%s %s %r: %s' % (method, path, body,
                                                   resp.text))
                self.assertIn('NeutronError', resp.json())


def eval_ids(body, key, value):
    """``body`` with every string ``key`` replaced by ``value``."""
    if isinstance(body, dict):
        return {k: eval_ids(v, key, value) for k, v in body.items()}
    if isinstance(body, list):
        return [eval_ids(v, key, value) for v in body]
    return value if body == key else body
