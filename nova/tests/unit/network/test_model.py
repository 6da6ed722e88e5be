"""Floating IPs in the VIF dicts built from the network service's
documents (``nova.network.model``)."""

from nova.network import model
from nova import test

PORT = {'id': 'port-1', 'network_id': 'net-1',
        'mac_address': 'fa:16:3e:00:00:01', 'status': 'ACTIVE',
        'binding:vif_type': 'ovs',
        'fixed_ips': [{'subnet_id': 'sub-1', 'ip_address': '10.0.0.5'},
                      {'subnet_id': 'sub-1', 'ip_address': '10.0.0.6'}]}
SUBNETS = [{'id': 'sub-1', 'cidr': '10.0.0.0/24', 'gateway_ip': '10.0.0.1'}]


def _fip(address, fixed):
    return {'floating_ip_address': address, 'fixed_ip_address': fixed,
            'port_id': 'port-1'}


class VifFloatingIpsTest(test.TestCase):

    def ips(self, vif):
        return vif['network']['subnets'][0]['ips']

    def test_floating_ips_hang_under_their_fixed_ip(self):
        vif = model.vif(PORT, {'name': 'private'}, SUBNETS,
                        floating_ips=[_fip('172.24.4.9', '10.0.0.6')])
        first, second = self.ips(vif)
        self.assertEqual([], first['floating_ips'])
        self.assertEqual([{'address': '172.24.4.9', 'version': 4,
                           'type': 'floating'}], second['floating_ips'])

    def test_without_floating_ips(self):
        vif = model.vif(PORT, None, SUBNETS)
        self.assertEqual([[], []],
                         [ip['floating_ips'] for ip in self.ips(vif)])

    def test_fixed_addresses(self):
        vif = model.vif(PORT, None, SUBNETS,
                        floating_ips=[_fip('172.24.4.9', '10.0.0.5')])
        self.assertEqual(['10.0.0.5', '10.0.0.6'],
                         model.fixed_addresses([vif]))
        self.assertEqual([], model.fixed_addresses([]))
        self.assertEqual([], model.fixed_addresses(None))
