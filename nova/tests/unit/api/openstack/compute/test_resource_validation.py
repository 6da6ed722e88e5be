"""Input validation of the real resources, through the full app.

These requests are rejected before any compute service is called.
"""

from oslo_serialization import jsonutils
import webob

from nova.api.openstack import compute
from nova import test


class ResourceValidationTest(test.TestCase):

    def setUp(self):
        super().setUp()
        self.app = compute.build_app()

    def call(self, path, method='GET', body=None, version='2.1',
             user='alice'):
        req = webob.Request.blank(path, method=method)
        req.headers['X-Auth-Token'] = '%s:proj1' % user
        req.headers['OpenStack-API-Version'] = 'compute %s' % version
        if body is not None:
            req.body = jsonutils.dump_as_bytes(body)
            req.content_type = 'application/json'
        resp = req.get_response(self.app)
        return resp.status_int, jsonutils.loads(resp.body)

    def test_create_requires_networks_since_2_37(self):
        body = {'server': {'name': 'vm', 'flavorRef': '1',
                           'imageRef': 'x'}}
        code, data = self.call('/v2.1/servers', 'POST', body, '2.37')
        self.assertEqual(400, code)
        self.assertIn("'networks' is a required property",
                      data['badRequest']['message'])

    def test_create_network_uuid_format_since_2_37(self):
        body = {'server': {'name': 'vm', 'flavorRef': '1',
                           'networks': [{'uuid': 'not-a-uuid'}]}}
        code, data = self.call('/v2.1/servers', 'POST', body, '2.37')
        self.assertEqual(400, code)

    def test_description_only_since_2_19(self):
        body = {'server': {'name': 'vm', 'flavorRef': '1',
                           'description': 'x'}}
        code, data = self.call('/v2.1/servers', 'POST', body, '2.18')
        self.assertEqual(400, code)
        self.assertIn("'description' was unexpected",
                      data['badRequest']['message'])

    def test_servers_unknown_query_param_since_2_75(self):
        code, data = self.call('/v2.1/servers/detail?bogus=1', version='2.75')
        self.assertEqual(400, code)

    def test_flavor_create_body(self):
        body = {'flavor': {'name': 'f', 'ram': 0, 'vcpus': 1, 'disk': 1}}
        code, data = self.call('/v2.1/flavors', 'POST', body, user='admin')
        self.assertEqual(400, code)
        self.assertTrue(data['badRequest']['message'].startswith(
            'Invalid input for field/attribute flavor/ram.'))

    def test_flavor_sort_key_enum(self):
        code, _data = self.call('/v2.1/flavors?sort_key=bogus')
        self.assertEqual(400, code)

    def test_services_query_strict_since_2_75(self):
        code, _data = self.call('/v2.1/os-services?zone=x', version='2.75',
                                user='admin')
        self.assertEqual(400, code)
