"""/os-hosts over HTTP on two fake hosts: listing, resources, status,
maintenance mode and power actions, for admins only, up to 2.42."""

from nova.tests.fixtures import cloud as cloud_fixture

V = '2.42'


class TestHosts(cloud_fixture.SharedCloudTestCase):

    cloud_options = {'fake_hosts': 2}

    def setUp(self):
        super().setUp()
        self.admin = self.cloud.admin_api
        self.api = self.cloud.api_for('demo', 'demo')
        self.computes = sorted(c.host for c in self.cloud.computes)

    def get(self, path, api=None, microversion=V):
        return (api or self.admin).get(path, microversion=microversion)

    def test_list_and_zones(self):
        hosts = self.get('/os-hosts').json()['hosts']
        computes = [h for h in hosts if h['service'] == 'compute']
        self.assertEqual(self.computes, sorted(h['host_name']
                                               for h in computes))
        self.assertEqual({'nova'}, {h['zone'] for h in computes})
        self.assertIn('conductor', {h['service'] for h in hosts})
        self.assertEqual(computes, [
            h for h in self.get('/os-hosts?zone=nova').json()['hosts']])
        self.assertEqual(len(hosts), len(self.get('/os-hosts?zone=').json()[
            'hosts']))
        self.assertEqual([], self.get('/os-hosts?zone=xxx').json()['hosts'])
        self.assertEqual(404, self.get('/os-hosts', microversion='2.43')
                         .status_code)
        self.assertEqual(403, self.get('/os-hosts', api=self.api)
                         .status_code)

    def test_show_resources(self):
        server = self.api.create_server()['server']
        self.api.wait_for_status(server['id'], 'ACTIVE')
        host = self.admin.get_server(server['id'])['OS-EXT-SRV-ATTR:host']
        rows = [r['resource'] for r in self.get('/os-hosts/%s' % host)
                .json()['host']]
        self.assertEqual(['(total)', '(used_now)', '(used_max)', 'demo'],
                         [r['project'] for r in rows])
        self.assertEqual({host}, {r['host'] for r in rows})
        self.assertEqual((1, 512, 1), (rows[3]['cpu'], rows[3]['memory_mb'],
                                       rows[3]['disk_gb']))
        self.assertEqual(404, self.get('/os-hosts/nonexistent').status_code)
        self.assertEqual(403, self.get('/os-hosts/%s' % host, api=self.api)
                         .status_code)

    def test_update_and_power_actions(self):
        host = self.computes[0]

        def put(body, api=None):
            return (api or self.admin).request(
                'PUT', '/os-hosts/%s' % host, body, microversion=V)

        resp = put({'status': 'disable'})
        self.assertEqual({'host': host, 'status': 'disabled'}, resp.json())
        services = self.admin.get('/os-services?host=%s&binary=nova-compute'
                                  % host).json()['services']
        self.assertEqual('disabled', services[0]['status'])
        resp = put({'status': 'Enable', 'maintenance_mode': 'enable'})
        self.assertEqual({'host': host, 'status': 'enabled',
                          'maintenance_mode': 'on_maintenance'}, resp.json())
        for body in ({}, {'status': 'off'}, {'maintenance_mode': 'bogus'},
                     {'status': 'enable', 'other': 1}):
            self.assertEqual(400, put(body).status_code, body)
        self.assertEqual(403, put({'status': 'enable'}, api=self.api)
                         .status_code)
        self.assertEqual(404, self.admin.request(
            'PUT', '/os-hosts/nonexistent', {'status': 'enable'},
            microversion=V).status_code)
        for action in ('reboot', 'shutdown', 'startup'):
            resp = self.get('/os-hosts/%s/%s' % (host, action))
            self.assertEqual({'host': host, 'power_action': action},
                             resp.json())
            self.assertEqual(404, self.get('/os-hosts/nonexistent/%s' %
                                           action).status_code)
            self.assertEqual(403, self.get('/os-hosts/%s/%s' % (
                host, action), api=self.api).status_code)
