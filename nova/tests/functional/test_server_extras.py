"""A server's diagnostics (admin) and its encrypted password over HTTP."""

from nova import context as nova_context
from nova import objects
from nova.tests.fixtures import cloud as cloud_fixture


class TestServerExtras(cloud_fixture.SharedCloudTestCase):

    def setUp(self):
        super().setUp()
        self.api = self.cloud.api_for('demo', 'demo')
        self.admin = self.cloud.admin_api
        self.server_id = self.api.create_server(name='vm')['server']['id']
        self.api.wait_for_status(self.server_id, 'ACTIVE')
        self.path = '/servers/%s' % self.server_id

    def test_diagnostics(self):
        self.assertEqual(403, self.api.get(
            self.path + '/diagnostics').status_code)
        resp = self.admin.get(self.path + '/diagnostics')
        self.assertEqual(200, resp.status_code, resp.text)
        diag = resp.json()
        self.assertEqual(('running', 1, {'maximum': 512, 'used': 0}),
                         (diag['state'], diag['num_cpus'],
                          diag['memory_details']))
        legacy = self.admin.get(self.path + '/diagnostics',
                                microversion='2.47').json()
        self.assertIn('cpu0_time', legacy)
        self.admin.post(self.path + '/action', {'os-stop': None})
        self.admin.wait_for_status(self.server_id, 'SHUTOFF')
        self.assertEqual('shutdown', self.admin.get(
            self.path + '/diagnostics').json()['state'])
        self.assertEqual(404, self.admin.get(
            '/servers/9a1e0b7c-0000-4000-8000-00000000dead/diagnostics'
        ).status_code)

    def test_password(self):
        path = self.path + '/os-server-password'
        self.assertEqual({'password': ''}, self.api.get(path).json())
        ctxt = nova_context.get_admin_context()
        mapping = objects.InstanceMapping.get_by_instance_uuid(
            ctxt, self.server_id)
        with nova_context.target_cell(ctxt, mapping.cell_mapping) as cctxt:
            instance = objects.Instance.get_by_uuid(
                cctxt, self.server_id, expected_attrs=['system_metadata'])
            instance.system_metadata = dict(
                instance.system_metadata, password_0='x' * 255,
                password_1='yz')
            instance.save()
        self.assertEqual('x' * 255 + 'yz',
                         self.api.get(path).json()['password'])
        self.assertEqual(404, self.cloud.api_for('alt', 'alt').get(
            path).status_code)
        self.assertEqual(204, self.api.delete(path).status_code)
        self.assertEqual({'password': ''}, self.api.get(path).json())

    def test_topology(self):
        path = self.path + '/topology'
        self.assertEqual(404, self.api.get(path,
                                           microversion='2.77').status_code)
        resp = self.api.get(path, microversion='2.78')
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertEqual({'nodes': [], 'pagesize_kb': None}, resp.json())
        self.assertEqual(404, self.cloud.api_for('alt', 'alt').get(
            path).status_code)
