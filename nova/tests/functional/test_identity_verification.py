"""Project IDs are checked with the identity service before quotas are
set or flavor access is given, as Nova does."""

import os

import fixtures
import requests

from nova.api.openstack import identity
from nova.builtin import identity as builtin_identity
from nova.builtin import placement as builtin_placement
from nova import context as nova_context
from nova import test
from nova.tests.fixtures import cloud as cloud_fixture


class TestProjectExists(test.TestCase):
    """Against the built-in identity service, with real tokens."""

    def setUp(self):
        super().setUp()
        app = builtin_identity.create_app(
            os.path.join(self.state_dir, 'identity'))
        self.passwords = builtin_identity.seed(app)
        served = builtin_placement.serve(app)
        self.addCleanup(served.stop)
        app.public_url = served.url
        self.identity_url = served.url
        self.flags(endpoint_override=self.identity_url, group='keystone')
        self.addCleanup(identity.reset)

    def token(self):
        user = {'name': 'admin', 'domain': {'id': 'default'},
                'password': self.passwords['admin']}
        body = {'auth': {
            'identity': {'methods': ['password'],
                         'password': {'user': user}},
            'scope': {'project': {'name': 'admin',
                                  'domain': {'id': 'default'}}}}}
        resp = requests.post(self.identity_url + '/v3/auth/tokens',
                             json=body, timeout=30)
        self.assertEqual(201, resp.status_code, resp.text)
        project_id = resp.json()['token']['project']['id']
        return resp.headers['X-Subject-Token'], project_id

    def test_known_unknown_and_unverifiable(self):
        token, project_id = self.token()
        ctx = nova_context.RequestContext(
            user_id='admin', project_id=project_id, auth_token=token,
            is_admin=True)
        self.assertTrue(identity.project_exists(ctx, project_id))
        self.assertFalse(identity.project_exists(ctx, 'no-such-project'))
        # A token the service refuses: it cannot say, the ID is taken.
        ctx.auth_token = 'not-a-token'
        self.assertTrue(identity.project_exists(ctx, 'no-such-project'))
        # Nothing listening: the same.
        self.flags(endpoint_override='http://127.0.0.1:9', group='keystone')
        ctx.auth_token = token
        self.assertTrue(identity.project_exists(ctx, 'no-such-project'))


class TestUnknownProjectIs400(cloud_fixture.SharedCloudTestCase):

    def setUp(self):
        super().setUp()
        self.admin = self.cloud.admin_api
        self.useFixture(fixtures.MockPatch(
            'nova.api.openstack.identity.project_exists',
            side_effect=lambda ctx, project_id: project_id != 'ghost'))

    def test_quota_sets_and_flavor_access(self):
        for method, path, body in (
                ('GET', '/os-quota-sets/ghost', None),
                ('GET', '/os-quota-sets/ghost/detail', None),
                ('GET', '/os-quota-sets/ghost/defaults', None),
                ('PUT', '/os-quota-sets/ghost',
                 {'quota_set': {'instances': 3}})):
            resp = self.admin.request(method, path, body)
            self.assertEqual(400, resp.status_code, (path, resp.text))
            self.assertEqual('Project ID ghost is not a valid project.',
                             resp.json()['badRequest']['message'])
        self.assertEqual(202, self.admin.delete(
            '/os-quota-sets/ghost').status_code)
        self.assertEqual(200, self.admin.get(
            '/os-quota-sets/demo').status_code)

        resp = self.admin.post('/flavors', {'flavor': {
            'name': 'private-ghost', 'ram': 64, 'vcpus': 1, 'disk': 1,
            'os-flavor-access:is_public': False}})
        self.assertEqual(200, resp.status_code, resp.text)
        flavor_id = resp.json()['flavor']['id']
        self.addCleanup(self.admin.delete, '/flavors/%s' % flavor_id)
        path = '/flavors/%s/action' % flavor_id
        resp = self.admin.post(path, {'addTenantAccess': {
            'tenant': 'ghost'}})
        self.assertEqual(400, resp.status_code, resp.text)
        resp = self.admin.post(path, {'addTenantAccess': {'tenant': 'demo'}})
        self.assertEqual(200, resp.status_code, resp.text)
        # Removing needs no check: a project that went away can go.
        resp = self.admin.post(path, {'removeTenantAccess': {
            'tenant': 'ghost'}})
        self.assertEqual(404, resp.status_code, resp.text)
