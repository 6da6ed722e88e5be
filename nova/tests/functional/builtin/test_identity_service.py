"""The built-in identity service over real HTTP, with raw requests and
with keystoneauth1, the way Nova and the clients reach Keystone.
"""

import requests

from keystoneauth1 import exceptions as ks_exc

from nova import test
from nova.tests.fixtures import identity as identity_fixture

COMPUTE_URL = 'http://compute.example/v2.1'
IMAGE_URL = 'http://image.example'


def _password_auth(user, password, project=None, domain=None):
    user_ref = {'name': user, 'password': password,
                'domain': domain or {'name': 'Default'}}
    auth = {'identity': {'methods': ['password'],
                         'password': {'user': user_ref}}}
    if project is not None:
        auth['scope'] = {'project': {'name': project,
                                     'domain': {'id': 'default'}}}
    return {'auth': auth}


class IdentityServiceTestBase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.identity = self.useFixture(identity_fixture.IdentityService(
            catalog_endpoints={'compute': COMPUTE_URL, 'image': IMAGE_URL}))
        self.url = self.identity.url
        self.passwords = self.identity.passwords
        self.http = requests.Session()
        self.addCleanup(self.http.close)

    def call(self, method, path, token=None, **kwargs):
        headers = kwargs.pop('headers', {})
        if token is not None:
            headers['X-Auth-Token'] = token
        return self.http.request(method, self.url + path, headers=headers,
                                 **kwargs)

    def issue(self, user='admin', project='', **kwargs):
        if project == '':
            project = 'demo' if user != 'admin' else 'admin'
        body = _password_auth(user, self.passwords[user], project, **kwargs)
        response = self.call('POST', '/v3/auth/tokens', json=body)
        self.assertEqual(201, response.status_code, response.text)
        return response.headers['X-Subject-Token'], response.json()

    def assertError(self, code, response):
        self.assertEqual(code, response.status_code, response.text)
        error = response.json()['error']
        self.assertEqual(code, error['code'])
        self.assertTrue(error['title'])
        self.assertTrue(error['message'])


class DiscoveryTestCase(IdentityServiceTestBase):

    def test_root_is_a_multiple_choice_of_v3(self):
        response = self.call('GET', '/')
        self.assertEqual(300, response.status_code)
        [version] = response.json()['versions']['values']
        self.assertEqual('v3.14', version['id'])
        self.assertEqual('stable', version['status'])
        self.assertEqual([{'rel': 'self', 'href': self.url + '/v3/'}],
                         version['links'])

    def test_v3_document(self):
        for path in ('/v3', '/v3/'):
            version = self.call('GET', path).json()['version']
            self.assertEqual('v3.14', version['id'])
            self.assertEqual(
                'application/vnd.openstack.identity-v3+json',
                version['media-types'][0]['type'])

    def test_unknown_path_and_method(self):
        self.assertError(404, self.call('GET', '/v2.0'))
        response = self.call('PATCH', '/v3/auth/tokens')
        self.assertError(405, response)
        self.assertIn('POST', response.headers['Allow'])


class TokenTestCase(IdentityServiceTestBase):

    def test_project_scoped_token_document(self):
        token_id, body = self.issue('demo')
        token = body['token']
        self.assertEqual(['password'], token['methods'])
        self.assertEqual('demo', token['user']['name'])
        self.assertEqual({'id': 'default', 'name': 'Default'},
                         token['user']['domain'])
        self.assertEqual('demo', token['project']['name'])
        self.assertFalse(token['is_domain'])
        self.assertEqual(['member', 'reader'],
                         sorted(r['name'] for r in token['roles']))
        self.assertTrue(token['expires_at'].endswith('Z'))
        self.assertEqual(1, len(token['audit_ids']))
        entries = {s['type']: s for s in token['catalog']}
        self.assertEqual({'compute', 'image', 'identity'}, set(entries))
        self.assertEqual('nova', entries['compute']['name'])
        self.assertEqual('keystone', entries['identity']['name'])
        compute = entries['compute']['endpoints']
        self.assertEqual({'public', 'internal', 'admin'},
                         {e['interface'] for e in compute})
        self.assertEqual({COMPUTE_URL}, {e['url'] for e in compute})
        self.assertEqual({'RegionOne'}, {e['region_id'] for e in compute})
        self.assertNotIn(token_id, str(body))

    def test_user_and_project_by_id_and_lowercase_domain(self):
        demo = self.identity.app.store.list_users(name='demo')[0]
        project = self.identity.app.store.list_projects(name='demo')[0]
        body = {'auth': {
            'identity': {'methods': ['password'], 'password': {'user': {
                'id': demo['id'], 'password': self.passwords['demo']}}},
            'scope': {'project': {'id': project['id']}}}}
        response = self.call('POST', '/v3/auth/tokens', json=body)
        self.assertEqual(201, response.status_code, response.text)
        self.assertEqual(project['id'],
                         response.json()['token']['project']['id'])
        self.issue('demo', domain={'name': 'default'})

    def test_unscoped_token_then_rescope_with_token_method(self):
        token_id, body = self.issue('demo', project=None)
        self.assertNotIn('project', body['token'])
        self.assertNotIn('catalog', body['token'])
        projects = self.call('GET', '/v3/auth/projects', token=token_id)
        self.assertEqual(['demo'],
                         [p['name'] for p in projects.json()['projects']])
        rescope = {'auth': {
            'identity': {'methods': ['token'], 'token': {'id': token_id}},
            'scope': {'project': {'name': 'demo',
                                  'domain': {'name': 'Default'}}}}}
        response = self.call('POST', '/v3/auth/tokens', json=rescope)
        self.assertEqual(201, response.status_code, response.text)
        token = response.json()['token']
        self.assertEqual(['token', 'password'], token['methods'])
        self.assertEqual(body['token']['expires_at'], token['expires_at'])
        self.assertEqual(body['token']['audit_ids'][0],
                         token['audit_ids'][1])

    def test_validate_check_and_revoke(self):
        admin_token, _ = self.issue('admin')
        demo_token, issued = self.issue('demo')
        subject = {'X-Subject-Token': demo_token}
        response = self.call('GET', '/v3/auth/tokens', token=admin_token,
                             headers=dict(subject))
        self.assertEqual(200, response.status_code)
        self.assertEqual(demo_token, response.headers['X-Subject-Token'])
        self.assertEqual(issued, response.json())
        response = self.call('GET', '/v3/auth/tokens?nocatalog',
                             token=admin_token, headers=dict(subject))
        self.assertNotIn('catalog', response.json()['token'])
        self.assertEqual(200, self.call('HEAD', '/v3/auth/tokens',
                                        token=admin_token,
                                        headers=dict(subject)).status_code)
        # A user may validate its own token.
        self.assertEqual(200, self.call('GET', '/v3/auth/tokens',
                                        token=demo_token,
                                        headers=dict(subject)).status_code)

        response = self.call('DELETE', '/v3/auth/tokens', token=admin_token,
                             headers=dict(subject))
        self.assertEqual(204, response.status_code)
        self.assertError(404, self.call('GET', '/v3/auth/tokens',
                                        token=admin_token,
                                        headers=dict(subject)))
        self.assertEqual(404, self.call('HEAD', '/v3/auth/tokens',
                                        token=admin_token,
                                        headers=dict(subject)).status_code)
        self.assertError(401, self.call('GET', '/v3/auth/projects',
                                        token=demo_token))

    def test_other_users_token_cannot_be_validated_by_non_admin(self):
        admin_token, _ = self.issue('admin')
        demo_token, _ = self.issue('demo')
        self.assertError(403, self.call(
            'GET', '/v3/auth/tokens', token=demo_token,
            headers={'X-Subject-Token': admin_token}))

    def test_auth_catalog(self):
        token_id, body = self.issue('reader')
        response = self.call('GET', '/v3/auth/catalog', token=token_id)
        self.assertEqual(200, response.status_code)
        self.assertEqual(body['token']['catalog'],
                         response.json()['catalog'])


class TokenErrorTestCase(IdentityServiceTestBase):

    def post(self, body=None, **kwargs):
        if body is not None:
            kwargs['json'] = body
        return self.call('POST', '/v3/auth/tokens', **kwargs)

    def test_wrong_password_and_unknown_user_are_401(self):
        response = self.post(_password_auth('demo', 'nope', 'demo'))
        self.assertError(401, response)
        self.assertIn('Keystone uri=', response.headers['WWW-Authenticate'])
        self.assertNotIn('X-Subject-Token', response.headers)
        self.assertError(401, self.post(_password_auth('ghost', 'x')))
        self.assertError(401, self.post(_password_auth(
            'demo', self.passwords['demo'], domain={'name': 'Other'})))

    def test_project_without_role_or_unknown_is_401(self):
        self.assertError(401, self.post(_password_auth(
            'demo', self.passwords['demo'], 'admin')))
        self.assertError(401, self.post(_password_auth(
            'demo', self.passwords['demo'], 'missing')))

    def test_malformed_json_is_400(self):
        for data in (b'{', b'\xff\xfe', b'[]', b'"auth"'):
            self.assertError(400, self.post(
                data=data, headers={'Content-Type': 'application/json'}))

    def test_missing_fields_are_400(self):
        password = self.passwords['demo']
        bodies = [
            {},
            {'auth': {}},
            {'auth': {'identity': {}}},
            {'auth': {'identity': {'methods': []}}},
            {'auth': {'identity': {'methods': 'password'}}},
            {'auth': {'identity': {'methods': ['password']}}},
            {'auth': {'identity': {'methods': ['password'],
                                   'password': {'user': {
                                       'password': password}}}}},
            {'auth': {'identity': {'methods': ['password'],
                                   'password': {'user': {
                                       'name': 'demo',
                                       'password': password}}}}},
            {'auth': {'identity': {'methods': ['password'],
                                   'password': {'user': {
                                       'name': 'demo',
                                       'domain': {'id': 'default'}}}}}},
            {'auth': {'identity': {'methods': ['token'], 'token': {}}}},
            {'auth': {'identity': {'methods': ['token'],
                                   'token': {'id': 7}}}},
            dict(_password_auth('demo', password),
                 scope={'domain': {'id': 'default'}}),
        ]
        bodies[-1]['auth']['scope'] = {'domain': {'id': 'default'}}
        for body in bodies:
            self.assertError(400, self.post(body))

    def test_unsupported_method_is_401(self):
        body = {'auth': {'identity': {'methods': ['totp'], 'totp': {}}}}
        self.assertError(401, self.post(body))

    def test_expired_token(self):
        self.identity.app.token_ttl = 0
        expired, _ = self.issue('demo')
        self.identity.app.token_ttl = 3600
        admin_token, _ = self.issue('admin')
        self.assertError(404, self.call(
            'GET', '/v3/auth/tokens', token=admin_token,
            headers={'X-Subject-Token': expired}))
        self.assertError(401, self.call('GET', '/v3/auth/projects',
                                        token=expired))
        rescope = {'auth': {'identity': {'methods': ['token'],
                                         'token': {'id': expired}}}}
        self.assertError(401, self.post(rescope))

    def test_requests_without_a_valid_token_are_401(self):
        self.assertError(401, self.call('GET', '/v3/users'))
        self.assertError(401, self.call('GET', '/v3/users', token='bogus'))
        self.assertError(401, self.call(
            'GET', '/v3/auth/tokens', token='bogus',
            headers={'X-Subject-Token': 'bogus'}))


class AdminResourcesTestCase(IdentityServiceTestBase):

    def setUp(self):
        super().setUp()
        self.admin_token, _ = self.issue('admin')
        self.demo_token, _ = self.issue('demo')

    def test_non_admin_gets_403_on_admin_routes(self):
        for path in ('/v3/users', '/v3/projects', '/v3/roles',
                     '/v3/role_assignments', '/v3/domains', '/v3/services',
                     '/v3/endpoints'):
            self.assertError(403, self.call('GET', path,
                                            token=self.demo_token))
        self.assertError(403, self.call(
            'POST', '/v3/projects', token=self.demo_token,
            json={'project': {'name': 'x'}}))

    def test_listings(self):
        users = self.call('GET', '/v3/users', token=self.admin_token).json()
        self.assertEqual({'admin', 'demo', 'reader'},
                         {u['name'] for u in users['users']})
        self.assertNotIn('password_hash', str(users))
        projects = self.call('GET', '/v3/projects?name=demo',
                             token=self.admin_token).json()['projects']
        self.assertEqual(['demo'], [p['name'] for p in projects])
        roles = self.call('GET', '/v3/roles',
                          token=self.admin_token).json()['roles']
        self.assertEqual({'admin', 'member', 'reader'},
                         {r['name'] for r in roles})
        domains = self.call('GET', '/v3/domains',
                            token=self.admin_token).json()['domains']
        self.assertEqual(['default'], [d['id'] for d in domains])
        services = self.call('GET', '/v3/services',
                             token=self.admin_token).json()['services']
        self.assertEqual({'compute', 'image', 'identity'},
                         {s['type'] for s in services})
        endpoints = self.call('GET', '/v3/endpoints?interface=public',
                              token=self.admin_token).json()['endpoints']
        self.assertEqual(3, len(endpoints))

    def test_show_self_and_own_project(self):
        store = self.identity.app.store
        demo = store.list_users(name='demo')[0]
        admin = store.list_users(name='admin')[0]
        demo_project = store.list_projects(name='demo')[0]
        admin_project = store.list_projects(name='admin')[0]
        self.assertEqual(200, self.call('GET', '/v3/users/' + demo['id'],
                                        token=self.demo_token).status_code)
        self.assertError(403, self.call('GET', '/v3/users/' + admin['id'],
                                        token=self.demo_token))
        self.assertEqual(200, self.call(
            'GET', '/v3/projects/' + demo_project['id'],
            token=self.demo_token).status_code)
        self.assertError(403, self.call(
            'GET', '/v3/projects/' + admin_project['id'],
            token=self.demo_token))
        self.assertError(404, self.call('GET', '/v3/users/missing',
                                        token=self.admin_token))

    def test_create_project_user_and_grant_a_role(self):
        response = self.call('POST', '/v3/projects', token=self.admin_token,
                             json={'project': {'name': 'alt',
                                               'description': ''}})
        self.assertEqual(201, response.status_code, response.text)
        project = response.json()['project']
        self.assertError(409, self.call(
            'POST', '/v3/projects', token=self.admin_token,
            json={'project': {'name': 'alt'}}))
        response = self.call('POST', '/v3/users', token=self.admin_token,
                             json={'user': {'name': 'alice',
                                            'password': 'pw'}})
        self.assertEqual(201, response.status_code, response.text)
        user = response.json()['user']
        member = self.identity.app.store.list_roles(name='member')[0]
        path = '/v3/projects/%s/users/%s/roles/%s' % (
            project['id'], user['id'], member['id'])
        self.assertEqual(204, self.call('PUT', path,
                                        token=self.admin_token).status_code)
        self.assertError(404, self.call(
            'PUT', '/v3/projects/%s/users/%s/roles/nope' % (
                project['id'], user['id']), token=self.admin_token))
        assignments = self.call(
            'GET', '/v3/role_assignments?user.id=' + user['id'],
            token=self.admin_token).json()['role_assignments']
        self.assertEqual([{'project': {'id': project['id']}}],
                         [a['scope'] for a in assignments])

        body = _password_auth('alice', 'pw', 'alt')
        response = self.call('POST', '/v3/auth/tokens', json=body)
        self.assertEqual(201, response.status_code, response.text)
        self.assertEqual(['member'], [
            r['name'] for r in response.json()['token']['roles']])

    def test_create_with_bad_bodies_is_400(self):
        for body in ({}, {'user': 'x'}, {'user': {}},
                     {'user': {'name': ''}}, {'user': {'name': 5}},
                     {'user': {'name': 'x', 'enabled': 'yes'}},
                     {'user': {'name': 'x', 'domain_id': 'other'}},
                     {'user': {'name': 'x', 'default_project_id': 'no'}}):
            self.assertError(400, self.call('POST', '/v3/users',
                                            token=self.admin_token,
                                            json=body))
        self.assertError(400, self.call(
            'POST', '/v3/projects', token=self.admin_token, data=b'{',
            headers={'Content-Type': 'application/json'}))


class KeystoneauthTestCase(IdentityServiceTestBase):

    def test_password_session_token_and_endpoints(self):
        session = self.identity.session('demo')
        self.assertTrue(session.get_token())
        self.assertEqual(COMPUTE_URL,
                         session.get_endpoint(service_type='compute',
                                              interface='public'))
        self.assertEqual(IMAGE_URL,
                         session.get_endpoint(service_type='image',
                                              interface='internal'))
        self.assertTrue(session.get_project_id())
        access = session.auth.get_access(session)
        self.assertEqual(['member', 'reader'], sorted(access.role_names))
        self.assertEqual('demo', access.project_name)

    def test_discovery_from_the_unversioned_root(self):
        from keystoneauth1.identity import generic
        from keystoneauth1 import session as ks_session
        auth = generic.Password(
            auth_url=self.url, username='reader',
            password=self.passwords['reader'], user_domain_name='Default',
            project_name='demo', project_domain_name='Default')
        session = ks_session.Session(auth=auth)
        self.assertTrue(session.get_token())
        response = session.get('/v3/auth/projects',
                               endpoint_filter={'service_type': 'identity'})
        self.assertEqual(['demo'],
                         [p['name'] for p in response.json()['projects']])

    def test_wrong_password_raises_unauthorized(self):
        from keystoneauth1.identity import v3
        from keystoneauth1 import session as ks_session
        auth = v3.Password(auth_url=self.identity.auth_url, username='demo',
                           password='wrong', user_domain_id='default',
                           project_name='demo', project_domain_id='default')
        session = ks_session.Session(auth=auth)
        self.assertRaises(ks_exc.Unauthorized, session.get_token)


class SeedAndPasswordsTestCase(test.TestCase):

    def test_seed_is_idempotent_and_resets_passwords(self):
        from nova.builtin import identity as builtin_identity
        first = builtin_identity.seed(self.state_dir, 'a1', 'd1')
        self.assertEqual({'admin': 'a1', 'demo': 'd1', 'reader': 'd1'},
                         first)
        second = builtin_identity.seed(self.state_dir)
        self.assertNotEqual('a1', second['admin'])
        app = builtin_identity.create_app(self.state_dir)
        self.addCleanup(app.store.close)
        store = app.store
        self.assertEqual(3, len(store.list_users()))
        self.assertEqual(2, len(store.list_projects()))
        self.assertEqual(6, len(store.list_assignments()))
        admin = store.list_users(name='admin')[0]
        from nova.builtin.identity import passwords
        self.assertTrue(passwords.check_password(second['admin'],
                                                 admin['password_hash']))
        self.assertFalse(passwords.check_password('a1',
                                                  admin['password_hash']))

    def test_password_hashes_are_salted_and_reject_garbage(self):
        from nova.builtin.identity import passwords
        one = passwords.hash_password('pw', iterations=10)
        two = passwords.hash_password('pw', iterations=10)
        self.assertNotEqual(one, two)
        self.assertTrue(one.startswith('pbkdf2_sha256$10$'))
        self.assertTrue(passwords.check_password('pw', two))
        for stored in (None, '', 'x$y', 'md5$10$00$00', one + 'ff'):
            self.assertFalse(passwords.check_password('pw', stored))
        self.assertFalse(passwords.check_password(None, one))
