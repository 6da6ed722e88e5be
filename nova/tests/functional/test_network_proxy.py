"""The /os-networks proxy (until 2.35) to the built-in network service."""

from nova.tests.fixtures import cloud as cloud_fixture


class TestNetworkProxy(cloud_fixture.SharedCloudTestCase):

    cloud_options = {'network': True}

    def test_list_and_show(self):
        api = self.cloud.api_for('demo', 'demo', microversion='2.35')
        networks = api.get('/os-networks').json()['networks']
        labels = {n['label']: n for n in networks}
        self.assertIn('private', labels)
        private = labels['private']
        self.assertIsNone(private['cidr'])
        self.assertNotIn('vlan', private)
        shown = api.get('/os-networks/%s' % private['id']).json()['network']
        self.assertEqual(private, shown)
        admin = self.cloud.api_for('admin', 'admin', microversion='2.35')
        self.assertIn('vlan', admin.get(
            '/os-networks/%s' % private['id']).json()['network'])
        for path in ('/os-networks/nope',
                     '/os-networks/9a1e0b7c-0000-4000-8000-00000000dead'):
            self.assertEqual(404, api.get(path).status_code, path)
        self.assertEqual(404, api.get('/os-networks',
                                      microversion='2.36').status_code)
        self.assertEqual(410, api.post('/os-networks', {}).status_code)
