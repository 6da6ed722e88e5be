"""/os-hypervisors beyond the lists: show, statistics, uptime, search and
servers, on two fake hosts, by microversion."""

from nova.tests.fixtures import cloud as cloud_fixture


class TestHypervisors(cloud_fixture.SharedCloudTestCase):

    cloud_options = {'fake_hosts': 2}

    def setUp(self):
        super().setUp()
        self.admin = self.cloud.admin_api
        self.api = self.cloud.api_for('demo', 'demo')
        self.server = self.api.create_server()['server']['id']
        self.api.wait_for_status(self.server, 'ACTIVE')
        self.host = self.admin.get_server(self.server)[
            'OS-EXT-SRV-ATTR:host']

    def listed(self, microversion):
        return {h['hypervisor_hostname']: h['id'] for h in self.admin.get(
            '/os-hypervisors', microversion=microversion).json()[
            'hypervisors']}

    def test_show_by_id_and_uuid(self):
        old_id = self.listed('2.1')[self.host]
        shown = self.admin.get('/os-hypervisors/%s' % old_id,
                               microversion='2.1').json()['hypervisor']
        self.assertEqual(self.host, shown['hypervisor_hostname'])
        self.assertIn('vcpus', shown)
        uuid = self.listed('2.53')[self.host]
        resp = self.admin.get('/os-hypervisors/%s?with_servers=1' % uuid,
                              microversion='2.53')
        self.assertEqual([self.server], [
            s['uuid'] for s in resp.json()['hypervisor']['servers']])
        at_288 = self.admin.get('/os-hypervisors/%s' % uuid,
                                microversion='2.88').json()['hypervisor']
        self.assertIn('up ', at_288['uptime'])
        self.assertNotIn('vcpus', at_288)
        for path, version, code in (('/os-hypervisors/999999', '2.1', 404),
                                    ('/os-hypervisors/abc', '2.1', 404),
                                    ('/os-hypervisors/%s' % old_id, '2.53',
                                     400)):
            resp = self.admin.get(path, microversion=version)
            self.assertEqual(code, resp.status_code, (path, resp.text))
        self.assertEqual(403, self.api.get('/os-hypervisors/%s' % uuid)
                         .status_code)

    def test_statistics_and_uptime(self):
        stats = self.admin.get('/os-hypervisors/statistics',
                               microversion='2.87').json()[
            'hypervisor_statistics']
        nodes = self.admin.get('/os-hypervisors/detail',
                               microversion='2.87').json()['hypervisors']
        self.assertEqual((2, sum(n['vcpus'] for n in nodes)),
                         (stats['count'], stats['vcpus']))
        self.assertEqual(404, self.admin.get(
            '/os-hypervisors/statistics', microversion='2.88').status_code)
        hid = self.listed('2.1')[self.host]
        uptime = self.admin.get('/os-hypervisors/%s/uptime' % hid,
                                microversion='2.1').json()['hypervisor']
        self.assertEqual(self.host, uptime['hypervisor_hostname'])
        self.assertIn('load average', uptime['uptime'])

    def test_search_and_servers(self):
        found = self.admin.get('/os-hypervisors/%s/search' % self.host,
                               microversion='2.52').json()['hypervisors']
        names = [h['hypervisor_hostname'] for h in found]
        self.assertIn(self.host, names)
        self.assertTrue(all(self.host in name for name in names), names)
        both = self.admin.get('/os-hypervisors/vm/servers',
                              microversion='2.52').json()['hypervisors']
        servers = {h['hypervisor_hostname']: h.get('servers') for h in both}
        self.assertEqual([self.server],
                         [s['uuid'] for s in servers[self.host]])
        self.assertEqual(2, len(servers))
        self.assertEqual(404, self.admin.get(
            '/os-hypervisors/nomatch/search',
            microversion='2.52').status_code)
        self.assertEqual(404, self.admin.get(
            '/os-hypervisors/%s/search' % self.host,
            microversion='2.53').status_code)
