"""Routing and auth of the built-in image app, called in-process."""

import fixtures
import testtools
import webob

from nova.builtin import routing
from nova.builtin.image import app as image_app
from nova.builtin.image import auth


class MatchTestCase(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.routes = routing.compile_routes(image_app.ROUTES)

    def test_templates(self):
        template, methods, params = routing.match(
            self.routes, '/v2/images/abc/file')
        self.assertEqual('/v2/images/{image_id}/file', template)
        self.assertEqual({'image_id': 'abc'}, params)
        self.assertEqual('/', routing.match(self.routes, '/')[0])
        self.assertEqual('/v2/images',
                         routing.match(self.routes, '/v2/images/')[0])

    def test_no_match(self):
        for path in ('/v2/x', '/v2/images/a/b/c', '/v3/images', '/v2//file'):
            self.assertIsNone(routing.match(self.routes, path), path)


class AppTestCase(testtools.TestCase):

    def setUp(self):
        super().setUp()
        state = self.useFixture(fixtures.TempDir()).path
        self.app = image_app.create_app(state)
        self.addCleanup(self.app.store.close)

    def _get(self, path, token='u:p', method='GET'):
        headers = {'X-Auth-Token': token} if token else {}
        req = webob.Request.blank(path, method=method, headers=headers)
        return req.get_response(self.app)

    def test_method_not_allowed_names_allowed_methods(self):
        resp = self._get('/v2/images', method='DELETE')
        self.assertEqual(405, resp.status_int)
        self.assertEqual('GET, POST', resp.headers['Allow'])

    def test_versions_need_no_token_but_images_do(self):
        self.assertEqual(300, self._get('/', token=None).status_int)
        self.assertEqual(401, self._get('/v2/images', token=None).status_int)

    def test_authenticate_can_be_replaced(self):
        seen = []

        def keystone_like(request):
            seen.append(request.headers.get('X-Auth-Token'))
            return auth.Caller('u', 'p', False)

        self.app.authenticate = keystone_like
        self.assertEqual(200, self._get('/v2/images',
                                        token='opaque').status_int)
        self.assertEqual(['opaque'], seen)

    def test_unexpected_errors_are_500_without_detail(self):
        def broken(request):
            raise RuntimeError('secret detail')

        self.app.authenticate = broken
        resp = self._get('/v2/images')
        self.assertEqual(500, resp.status_int)
        self.assertNotIn('secret', resp.text)


class NoAuthTokenTestCase(testtools.TestCase):

    def _caller(self, token):
        return auth.authenticate(webob.Request.blank(
            '/', headers={'X-Auth-Token': token}))

    def test_tokens(self):
        self.assertEqual(auth.Caller('alice', 'p1', False),
                         self._caller('alice:p1'))
        self.assertTrue(self._caller('admin:x').is_admin)
        for token in ('', 'x', 'x:', ':y', 'x:y:z'):
            self.assertIsNone(self._caller(token), token)


class AnonymousRoutesTestCase(testtools.TestCase):

    def setUp(self):
        super().setUp()
        state = self.useFixture(fixtures.TempDir()).path
        self.app = image_app.create_app(state)
        self.addCleanup(self.app.store.close)

    def test_discovery_and_health(self):
        for path, status in (('/', 300), ('/versions', 200), ('/v2/', 200),
                             ('/healthcheck', 200)):
            resp = webob.Request.blank(path).get_response(self.app)
            self.assertEqual(status, resp.status_int, path)
