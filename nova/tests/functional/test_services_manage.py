"""PUT and DELETE /os-services over HTTP: enable, disable with a reason,
force down (by action before 2.53, by UUID from it), and delete."""

from nova.tests.fixtures import cloud as cloud_fixture


class TestServicesManage(cloud_fixture.SharedCloudTestCase):

    cloud_options = {'fake_hosts': 2}

    def setUp(self):
        super().setUp()
        self.admin = self.cloud.admin_api
        self.host = sorted(c.host for c in self.cloud.computes)[0]

    def compute(self, microversion='2.53'):
        return [s for s in self.admin.get(
            '/os-services?binary=nova-compute',
            microversion=microversion).json()['services']
            if s['host'] == self.host][0]

    def put(self, service_id, body, microversion):
        return self.admin.request('PUT', '/os-services/%s' % service_id,
                                  body, microversion=microversion)

    def test_actions_before_2_53(self):
        body = {'host': self.host, 'binary': 'nova-compute'}
        resp = self.put('disable-log-reason',
                        dict(body, disabled_reason='maintenance'), '2.1')
        self.assertEqual({'service': dict(
            body, status='disabled', disabled_reason='maintenance')},
            resp.json())
        self.assertEqual(('disabled', 'maintenance'), (
            self.compute()['status'], self.compute()['disabled_reason']))
        resp = self.put('enable', body, '2.1')
        self.assertEqual('enabled', resp.json()['service']['status'])
        resp = self.put('force-down', dict(body, forced_down=True), '2.11')
        self.assertTrue(resp.json()['service']['forced_down'])
        self.assertEqual('down', self.compute()['state'])
        self.put('force-down', dict(body, forced_down=False), '2.11')
        for action, extra, version, code in (
                ('force-down', {'forced_down': True}, '2.10', 400),
                ('force-down', {}, '2.10', 404),
                ('disable-log-reason', {}, '2.1', 400),
                ('bogus', {}, '2.1', 404),
                ('enable', {'host': 'nowhere'}, '2.1', 404),
                ('enable', {'extra': 1}, '2.1', 400)):
            resp = self.put(action, dict(body, **extra), version)
            self.assertEqual(code, resp.status_code, (action, resp.text))
        resp = self.cloud.api_for('demo', 'demo').request(
            'PUT', '/os-services/enable', body, microversion='2.1')
        self.assertEqual(403, resp.status_code)

    def test_update_by_uuid(self):
        service = self.compute()
        resp = self.put(service['id'], {'status': 'disabled',
                                        'disabled_reason': 'why not'},
                        '2.53')
        self.assertEqual(200, resp.status_code, resp.text)
        shown = resp.json()['service']
        self.assertEqual(('disabled', 'why not', service['id']), (
            shown['status'], shown['disabled_reason'], shown['id']))
        resp = self.put(service['id'], {'status': 'enabled'}, '2.53')
        self.assertEqual(('enabled', None), (
            resp.json()['service']['status'],
            resp.json()['service']['disabled_reason']))
        for body, service_id, code in (
                ({}, service['id'], 400),
                ({'status': 'enabled', 'disabled_reason': 'x'},
                 service['id'], 400),
                ({'status': 'sideways'}, service['id'], 400),
                ({'status': 'enabled'}, 'not-a-uuid', 400),
                ({'status': 'enabled'},
                 '9a1e0b7c-0000-4000-8000-00000000dead', 404)):
            resp = self.put(service_id, body, '2.53')
            self.assertEqual(code, resp.status_code, (body, resp.text))
        conductor = [s for s in self.admin.get(
            '/os-services', microversion='2.53').json()['services']
            if s['binary'] == 'nova-conductor'][0]
        resp = self.put(conductor['id'], {'forced_down': True}, '2.53')
        self.assertEqual(400, resp.status_code, resp.text)

    def test_delete(self):
        api = self.cloud.api_for('demo', 'demo')
        server = api.create_server()['server']['id']
        api.wait_for_status(server, 'ACTIVE')
        host = self.admin.get_server(server)['OS-EXT-SRV-ATTR:host']
        busy = [s for s in self.admin.get(
            '/os-services?binary=nova-compute', microversion='2.53').json()[
            'services'] if s['host'] == host][0]
        resp = self.admin.delete('/os-services/%s' % busy['id'],
                                 microversion='2.53')
        self.assertEqual(409, resp.status_code, resp.text)
        for service_id, version, code in (
                ('not-a-uuid', '2.53', 400),
                ('9a1e0b7c-0000-4000-8000-00000000dead', '2.53', 404),
                ('abc', '2.52', 400), ('999999', '2.52', 404)):
            resp = self.admin.delete('/os-services/%s' % service_id,
                                     microversion=version)
            self.assertEqual(code, resp.status_code, (service_id,
                                                      resp.text))
