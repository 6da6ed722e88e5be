"""The API framework end to end, over a tiny in-test route table."""

from oslo_serialization import jsonutils
import webob

from nova.api.openstack import api_version_request
from nova.api.openstack import compute
from nova import test
from nova.tests.unit.api.openstack import fakes

TOKEN = {'X-Auth-Token': 'alice:proj1'}


class FrameworkTestCase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.flags(validate_responses=True, group='api')
        self.app = compute.build_app(route_table=fakes.ROUTE_TABLE)

    def request(self, path, method='GET', body=None, headers=None,
                auth=True, content_type='application/json'):
        req = webob.Request.blank(path, method=method)
        if auth:
            req.headers.update(TOKEN)
        if body is not None:
            req.body = (body if isinstance(body, bytes)
                        else jsonutils.dump_as_bytes(body))
            req.content_type = content_type
        req.headers.update(headers or {})
        resp = req.get_response(self.app)
        data = None
        if resp.body and resp.content_type == 'application/json':
            data = jsonutils.loads(resp.body)
        return resp, data

    def assertError(self, resp, data, code, name):
        self.assertEqual(code, resp.status_int, resp.body)
        self.assertEqual(['code', 'message'], sorted(data[name]))
        self.assertEqual(code, data[name]['code'])


class MicroversionTest(FrameworkTestCase):

    def test_latest_is_2_100(self):
        self.assertEqual('2.100', api_version_request.MAX_API_VERSION)
        resp, data = self.request(
            '/v2.1/widgets', headers={'OpenStack-API-Version':
                                      'compute latest'})
        self.assertEqual('2.100', data['version'])
        self.assertEqual('compute 2.100',
                         resp.headers['OpenStack-API-Version'])
        self.assertEqual('2.100',
                         resp.headers['X-OpenStack-Nova-API-Version'])

    def test_no_header_is_2_1(self):
        resp, data = self.request('/v2.1/widgets')
        self.assertEqual('2.1', data['version'])
        self.assertEqual('OpenStack-API-Version, '
                         'X-OpenStack-Nova-API-Version',
                         resp.headers['Vary'])

    def test_legacy_header(self):
        resp, data = self.request(
            '/v2.1/widgets', headers={'X-OpenStack-Nova-API-Version':
                                      '2.37'})
        self.assertEqual('2.37', data['version'])

    def test_new_header_wins(self):
        resp, data = self.request('/v2.1/widgets', headers={
            'X-OpenStack-Nova-API-Version': '2.37',
            'OpenStack-API-Version': 'compute 2.60'})
        self.assertEqual('2.60', data['version'])

    def test_out_of_range_is_406(self):
        for version in ('2.101', '3.0', '2.0'):
            resp, data = self.request('/v2.1/widgets', headers={
                'OpenStack-API-Version': 'compute %s' % version})
            self.assertError(resp, data, 406, 'computeFault')
            self.assertIn('Vary', resp.headers)

    def test_bad_syntax_is_400(self):
        for version in ('2', 'abc', '2.x', '2.1.1'):
            resp, data = self.request('/v2.1/widgets', headers={
                'OpenStack-API-Version': 'compute %s' % version})
            self.assertError(resp, data, 400, 'badRequest')

    def test_errors_echo_version_and_request_ids(self):
        resp, data = self.request('/v2.1/nothing-here', headers={
            'OpenStack-API-Version': 'compute 2.53'})
        self.assertError(resp, data, 404, 'itemNotFound')
        self.assertEqual('compute 2.53',
                         resp.headers['OpenStack-API-Version'])
        request_id = resp.headers['x-openstack-request-id']
        self.assertTrue(request_id.startswith('req-'))
        self.assertEqual(request_id, resp.headers['x-compute-request-id'])

    def test_context_carries_request_id(self):
        resp, data = self.request('/v2.1/widgets')
        self.assertEqual(resp.headers['x-openstack-request-id'],
                         data['request_id'])

    def test_method_missing_at_version_is_404(self):
        resp, data = self.request('/v2.1/widgets/w1', method='DELETE',
                                  headers={'OpenStack-API-Version':
                                           'compute 2.49'})
        self.assertError(resp, data, 404, 'itemNotFound')
        resp, _data = self.request('/v2.1/widgets/w1', method='DELETE',
                                   headers={'OpenStack-API-Version':
                                            'compute 2.50'})
        self.assertEqual(204, resp.status_int)
        self.assertEqual(b'', resp.body)


class APIVersionRequestTest(test.TestCase):

    def test_compare_and_match(self):
        v = api_version_request.APIVersionRequest
        self.assertLess(v('2.9'), v('2.10'))
        self.assertTrue(v('2.47').matches('2.47'))
        self.assertFalse(v('2.46').matches('2.47'))
        self.assertTrue(v('2.47').matches('2.1', '2.47'))
        self.assertFalse(v('2.48').matches('2.1', '2.47'))
        self.assertTrue(v('2.48').matches(None, None))
        self.assertEqual('2.100', v('2.100').get_string())

    def test_negotiate(self):
        negotiate = api_version_request.negotiate
        self.assertEqual('2.1', negotiate(None).get_string())
        self.assertEqual('2.100', negotiate('latest').get_string())


class RoutingTest(FrameworkTestCase):

    def test_literal_beats_capture(self):
        resp, data = self.request('/v2.1/widgets/detail')
        self.assertEqual(200, resp.status_int)
        self.assertIn('version', data)

    def test_project_id_prefix(self):
        resp, data = self.request('/v2.1/proj1/widgets/w1')
        self.assertEqual({'widget': {'id': 'w1'}}, data)

    def test_project_id_mismatch_is_400(self):
        resp, data = self.request('/v2.1/other/widgets/w1')
        self.assertError(resp, data, 400, 'badRequest')

    def test_unknown_path_is_404(self):
        resp, data = self.request('/v2.1/gadgets')
        self.assertError(resp, data, 404, 'itemNotFound')
        resp, data = self.request('/v3/widgets')
        self.assertError(resp, data, 404, 'itemNotFound')

    def test_wrong_method_is_405(self):
        resp, data = self.request('/v2.1/widgets', method='DELETE')
        self.assertError(resp, data, 405, 'badMethod')
        self.assertEqual('GET, POST', resp.headers['Allow'])

    def test_blank_id_is_404(self):
        # DELETE /widgets/ names a widget with an empty id (Tempest's
        # test_delete_image_blank_id): no such widget, not a bad method.
        for method in ('DELETE', 'GET'):
            resp, data = self.request('/v2.1/widgets/', method=method)
            self.assertError(resp, data, 404, 'itemNotFound')

    def test_handler_not_found(self):
        resp, data = self.request('/v2.1/widgets/missing')
        self.assertError(resp, data, 404, 'itemNotFound')
        self.assertEqual('Widget missing not found',
                         data['itemNotFound']['message'])

    def test_unexpected_exception_is_500_without_details(self):
        resp, data = self.request('/v2.1/widgets/boom')
        self.assertError(resp, data, 500, 'computeFault')
        self.assertNotIn('secret', data['computeFault']['message'])

    def test_bad_response_fails_validation(self):
        resp, data = self.request('/v2.1/widgets/bad-view')
        self.assertError(resp, data, 500, 'computeFault')


class AuthTest(FrameworkTestCase):

    def test_no_token_is_401(self):
        resp, data = self.request('/v2.1/widgets', auth=False)
        self.assertError(resp, data, 401, 'unauthorized')
        self.assertIn('x-openstack-request-id', resp.headers)

    def test_noauth_token(self):
        resp, data = self.request('/v2.1/widgets')
        self.assertEqual('proj1', data['project'])


class ValidationTest(FrameworkTestCase):

    def test_valid_body(self):
        resp, data = self.request('/v2.1/widgets', 'POST',
                                  {'widget': {'name': 'a', 'size': 2}})
        self.assertEqual(201, resp.status_int)
        self.assertEqual({'widget': {'name': 'a', 'size': 2}}, data)

    def test_field_error_message(self):
        resp, data = self.request('/v2.1/widgets', 'POST',
                                  {'widget': {'name': 'a', 'size': 0}})
        self.assertError(resp, data, 400, 'badRequest')
        self.assertTrue(data['badRequest']['message'].startswith(
            'Invalid input for field/attribute widget/size. Value: 0.'))

    def test_additional_property(self):
        resp, data = self.request('/v2.1/widgets', 'POST',
                                  {'widget': {'name': 'a'}, 'extra': 1})
        self.assertError(resp, data, 400, 'badRequest')
        self.assertIn("'extra' was unexpected",
                      data['badRequest']['message'])

    def test_schema_per_version(self):
        body = {'widget': {'name': 'a'}}
        resp, data = self.request('/v2.1/widgets', 'POST', body, headers={
            'OpenStack-API-Version': 'compute 2.30'})
        self.assertError(resp, data, 400, 'badRequest')
        self.assertIn("'colour' is a required property",
                      data['badRequest']['message'])

    def test_malformed_json(self):
        resp, data = self.request('/v2.1/widgets', 'POST', b'{"widget":')
        self.assertError(resp, data, 400, 'badRequest')
        self.assertEqual('Malformed request body',
                         data['badRequest']['message'])

    def test_missing_body(self):
        req_resp, data = self.request('/v2.1/widgets', 'POST', b'')
        self.assertError(req_resp, data, 400, 'badRequest')

    def test_wrong_content_type_is_415(self):
        resp, data = self.request('/v2.1/widgets', 'POST', b'<xml/>',
                                  content_type='application/xml')
        self.assertError(resp, data, 415, 'badMediaType')

    def test_query_validation(self):
        resp, data = self.request('/v2.1/widgets?limit=abc')
        self.assertError(resp, data, 400, 'badRequest')
        self.assertTrue(data['badRequest']['message'].startswith(
            'Invalid input for query parameters limit. Value: abc.'))

    def test_unknown_query_param_by_version(self):
        resp, _data = self.request('/v2.1/widgets?foo=1', headers={
            'OpenStack-API-Version': 'compute 2.74'})
        self.assertEqual(200, resp.status_int)
        resp, data = self.request('/v2.1/widgets?foo=1', headers={
            'OpenStack-API-Version': 'compute 2.75'})
        self.assertError(resp, data, 400, 'badRequest')


class VersionDocumentsTest(FrameworkTestCase):

    def test_root_lists_versions_without_auth(self):
        resp, data = self.request('/', auth=False)
        self.assertEqual(200, resp.status_int)
        ids = [(v['id'], v['status']) for v in data['versions']]
        self.assertEqual([('v2.0', 'DEPRECATED'), ('v2.1', 'CURRENT')], ids)
        current = data['versions'][1]
        self.assertEqual('2.100', current['version'])
        self.assertEqual('2.1', current['min_version'])
        self.assertEqual([{'rel': 'self', 'href': 'http://localhost/v2.1/'}],
                         current['links'])

    def test_v21_document(self):
        resp, data = self.request('/v2.1/', auth=False)
        self.assertEqual(200, resp.status_int)
        version = data['version']
        self.assertEqual('v2.1', version['id'])
        self.assertEqual(['self', 'describedby'],
                         [link['rel'] for link in version['links']])
        self.assertEqual('http://localhost/v2.1/',
                         version['links'][0]['href'])
        self.assertEqual(
            'application/vnd.openstack.compute+json;version=2.1',
            version['media-types'][0]['type'])
        self.assertEqual('compute 2.1',
                         resp.headers['OpenStack-API-Version'])

    def test_v21_redirects(self):
        resp, _data = self.request('/v2.1', auth=False)
        self.assertEqual(302, resp.status_int)
        self.assertEqual('http://localhost/v2.1/', resp.headers['Location'])

    def test_link_prefix(self):
        self.flags(compute_link_prefix='https://cloud.example/compute',
                   group='api')
        resp, data = self.request('/v2.1/', auth=False)
        self.assertEqual('https://cloud.example/compute/v2.1/',
                         data['version']['links'][0]['href'])

    def test_v2_0_version_document(self):
        # GET / links to /v2/: it answers v2.0's document, nothing more.
        resp, data = self.request('/', auth=False)
        hrefs = [v['links'][0]['href'] for v in data['versions']]
        self.assertIn('http://localhost/v2/', hrefs)
        resp, data = self.request('/v2/', auth=False)
        self.assertEqual(200, resp.status_code)
        self.assertEqual(('v2.0', 'http://localhost/v2/'), (
            data['version']['id'], data['version']['links'][0]['href']))
        resp, _data = self.request('/v2', auth=False)
        self.assertEqual(302, resp.status_code)
        resp, _data = self.request('/v2/servers', auth=False)
        self.assertEqual(404, resp.status_code)

    def test_documents_match_schemas(self):
        from nova.api.openstack import versions
        from nova.api.validation import validators
        self.assertIsNone(validators.check_response(
            versions.versions_response,
            versions.versions_document('http://h')))
        for version_id in ('v2.0', 'v2.1'):
            self.assertIsNone(validators.check_response(
                versions.version_response,
                versions.version_document('http://h', version_id)))


class NoAuthRolesTest(test.TestCase):
    """The development tokens' roles: the three personas of the policy
    defaults."""

    def _roles(self, token):
        seen = {}

        def app(environ, start_response):
            seen['context'] = environ.get('nova.context')
            start_response('200 OK', [('Content-Type', 'text/plain')])
            return [b'ok']

        from nova.api.openstack import middleware
        req = webob.Request.blank('/v2.1/widgets',
                                  headers={'X-Auth-Token': token})
        self.assertEqual(200, req.get_response(
            middleware.NoAuthMiddleware(app)).status_int)
        return seen['context'].project_id, seen['context'].roles

    def test_roles_by_user(self):
        self.assertEqual(('p', ['admin', 'member', 'reader']),
                         self._roles('admin:p'))
        self.assertEqual(('p', ['member', 'reader']), self._roles('bob:p'))
        self.assertEqual(('p', ['reader']), self._roles('reader:p'))


class KeystoneContextTest(test.TestCase):

    def _call(self, headers):
        seen = {}

        def app(environ, start_response):
            seen['context'] = environ.get('nova.context')
            start_response('200 OK', [('Content-Type', 'text/plain')])
            return [b'ok']

        from nova.api.openstack import middleware
        req = webob.Request.blank('/v2.1/widgets', headers=headers)
        resp = req.get_response(middleware.KeystoneContextMiddleware(app))
        return resp, seen.get('context')

    def test_context_from_keystone_headers(self):
        resp, ctx = self._call({
            'X-Identity-Status': 'Confirmed', 'X-User-Id': 'u1',
            'X-Project-Id': 'p1', 'X-Roles': 'reader, member',
            'X-Auth-Token': 'tok',
            'X-Service-Catalog': '[{"type": "image"}]'})
        self.assertEqual(200, resp.status_int)
        self.assertEqual(('u1', 'p1', 'tok'),
                         (ctx.user_id, ctx.project_id, ctx.auth_token))
        self.assertEqual(['reader', 'member'], ctx.roles)
        self.assertEqual([{'type': 'image'}], ctx.service_catalog)
        self.assertFalse(ctx.is_admin)

    def test_invalid_identity_is_401(self):
        resp, ctx = self._call({'X-Identity-Status': 'Invalid'})
        self.assertEqual(401, resp.status_int)
        self.assertIsNone(ctx)

    def test_keystone_app_builds(self):
        self.flags(auth_strategy='keystone', group='api')
        self.assertIsNotNone(
            compute.build_app(route_table=fakes.ROUTE_TABLE))
