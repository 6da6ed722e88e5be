"""A user adds and removes a server's security groups, which the network
service keeps on the server's ports, and sees them in the server view."""

from nova.tests.functional import test_networking


class TestServerSecurityGroups(test_networking.NetworkingTestBase):

    def act(self, server_id, body):
        return self.api.post('/servers/%s/action' % server_id, body)

    def test_add_remove_and_list(self):
        server = self.boot('auto')
        server_id = server['id']
        self.assertEqual([{'name': 'default'}], server['security_groups'])
        groups = self.api.get('/servers/%s/os-security-groups'
                              % server_id).json()['security_groups']
        self.assertEqual(['default'], [g['name'] for g in groups])
        self.assertEqual(server['tenant_id'], groups[0]['tenant_id'])
        resp = self.act(server_id, {'addSecurityGroup': {'name': 'default'}})
        self.assertEqual(400, resp.status_code, resp.text)
        resp = self.act(server_id, {'removeSecurityGroup': {
            'name': 'default'}})
        self.assertEqual(202, resp.status_code, resp.text)
        self.assertNotIn('security_groups', self.api.get_server(server_id))
        ports = self.ports_of(server_id)
        self.assertEqual([], ports[0]['security_groups'])
        resp = self.act(server_id, {'removeSecurityGroup': {
            'name': 'default'}})
        self.assertEqual(400, resp.status_code, resp.text)
        resp = self.act(server_id, {'addSecurityGroup': {'name': 'default'}})
        self.assertEqual(202, resp.status_code, resp.text)
        self.assertEqual([{'name': 'default'}],
                         self.api.get_server(server_id)['security_groups'])

    def test_bad_requests(self):
        server_id = self.boot('auto')['id']
        for body, code in (({'addSecurityGroup': {'name': 'nope'}}, 404),
                           ({'addSecurityGroup': {}}, 400),
                           ({'removeSecurityGroup': {'name': ''}}, 400)):
            resp = self.act(server_id, body)
            self.assertEqual(code, resp.status_code, (body, resp.text))
        portless = self.boot('none')['id']
        self.assertNotIn('security_groups', self.api.get_server(portless))
        resp = self.act(portless, {'addSecurityGroup': {'name': 'default'}})
        self.assertEqual(400, resp.status_code, resp.text)
        self.assertEqual([], self.api.get(
            '/servers/%s/os-security-groups' % portless).json()[
            'security_groups'])
