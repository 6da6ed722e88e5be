"""Route tables merged by the router, and actions run by a dispatcher."""

import fixtures
from oslo_serialization import jsonutils
import webob

from nova.api.openstack import compute
from nova.api.openstack.compute import server_actions
from nova.api.openstack import router
from nova.api.openstack import wsgi
from nova.api import validation
from nova import test
from nova.tests.unit.api.openstack import fakes


def _marker(name):
    @wsgi.expected_errors(())
    @wsgi.policies(fakes.RULE)
    @validation.query_schema({'type': 'object'})
    @validation.response_body_schema({'type': 'object'})
    def handler(req, **params):
        return {'handler': name, 'params': params}
    return handler


class MergeTablesTest(test.TestCase):

    def test_methods_of_one_path_are_merged(self):
        get, put = _marker('get'), _marker('put')
        merged = router.merge_tables((('/a/{a_id}', {'GET': get}),),
                                     (('/a/{a_id}', {'PUT': put}),
                                      ('/b', {'GET': get})))
        self.assertEqual([('/a/{a_id}', {'GET': get, 'PUT': put}),
                          ('/b', {'GET': get})], merged)

    def test_a_method_declared_twice_is_refused(self):
        get = _marker('get')
        self.assertRaises(ValueError, router.merge_tables,
                          (('/a', {'GET': get}),), (('/a', {'GET': get}),))

    def test_one_path_with_two_capture_names_is_refused(self):
        get = _marker('get')
        self.assertRaises(ValueError, router.merge_tables,
                          (('/a/{a_id}', {'GET': get}),),
                          (('/a/{id}', {'PUT': get}),))

    def test_a_literal_of_the_second_table_beats_a_capture_of_the_first(self):
        routes = router.Router((('/h/{h_id}', {'GET': _marker('show')}),),
                               (('/h/statistics', {'GET': _marker('st')}),))
        route, params, _project = routes.resolve('/h/statistics')
        self.assertEqual('/h/statistics', route.template)
        route, params, _project = routes.resolve('/h/h1')
        self.assertEqual({'h_id': 'h1'}, params)


# -- an action dispatcher over a tiny table of fake actions ----

_polish_body = {
    'type': 'object',
    'properties': {'polish': {
        'type': 'object',
        'properties': {'shine': {'type': 'integer'}},
        'required': ['shine'],
        'additionalProperties': False}},
    'required': ['polish'],
    'additionalProperties': False,
}


@wsgi.response(200)
@wsgi.expected_errors(409)
@wsgi.policies(fakes.RULE)
@wsgi.api_version('2.10')
@validation.schema(_polish_body)
@validation.response_body_schema({
    'type': 'object', 'required': ['shine'],
    'properties': {'shine': {'type': 'integer', 'maximum': 10}}})
def _polish(req, widget_id, body):
    shine = body['polish']['shine']
    if shine == 0:
        raise webob.exc.HTTPConflict(explanation='already dull')
    if shine == 13:
        raise RuntimeError('secret detail')
    return {'shine': shine}


@wsgi.response(202)
@wsgi.expected_errors(())
@wsgi.policies(fakes.RULE)
@validation.schema({'type': 'object'})
@validation.response_body_schema({'type': 'null'})
def _nudge(req, body, **path_params):
    return None


_ACTIONS = {'polish': _polish, 'nudge': _nudge}


@wsgi.response(202)
@wsgi.expected_errors((400, 404, 409))
@wsgi.policies(fakes.RULE)
@validation.schema({})
@validation.response_body_schema({'type': ['object', 'null']})
def _widget_action(req, widget_id, body):
    func = _ACTIONS[server_actions.action_name(body)]
    return wsgi.call_action(func, req, {'widget_id': widget_id}, body)


class CallActionTest(test.TestCase):

    def setUp(self):
        super().setUp()
        self.flags(validate_responses=True, group='api')
        self.app = compute.build_app(route_table=(
            ('/widgets/{widget_id}/action', {'POST': _widget_action}),))

    def act(self, body, version='2.10'):
        req = webob.Request.blank('/v2.1/widgets/w1/action', method='POST')
        req.headers['X-Auth-Token'] = 'alice:proj1'
        req.headers['OpenStack-API-Version'] = 'compute %s' % version
        req.body = jsonutils.dump_as_bytes(body)
        req.content_type = 'application/json'
        resp = req.get_response(self.app)
        return resp.status_int, (jsonutils.loads(resp.body)
                                 if resp.body else None)

    def test_the_actions_code_and_body(self):
        self.assertEqual((200, {'shine': 3}),
                         self.act({'polish': {'shine': 3}}))
        self.assertEqual((202, None), self.act({'nudge': {}}))

    def test_the_actions_schema(self):
        code, body = self.act({'polish': {'shine': 'bright'}})
        self.assertEqual(400, code)
        self.assertIn('polish/shine', body['badRequest']['message'])

    def test_the_actions_microversions(self):
        code, _body = self.act({'polish': {'shine': 3}}, version='2.9')
        self.assertEqual(404, code)

    def test_the_actions_expected_error(self):
        self.assertEqual(
            (409, {'conflictingRequest': {'code': 409,
                                          'message': 'already dull'}}),
            self.act({'polish': {'shine': 0}}))

    def test_unexpected_error_and_bad_response_are_one_500(self):
        for shine in (13, 11):
            code, body = self.act({'polish': {'shine': shine}})
            self.assertEqual(500, code)
            self.assertNotIn('secret', body['computeFault']['message'])


class ServedServerActionTest(test.TestCase):
    """An action in ``server_actions.ACTIONS`` runs instead of the 501."""

    def test_registered_action_runs(self):
        self.useFixture(fixtures.MonkeyPatch(
            'nova.api.openstack.compute.server_actions.ACTIONS',
            {'nudge': _nudge}))
        app = compute.build_app()
        req = webob.Request.blank('/v2.1/servers/s1/action', method='POST')
        req.headers['X-Auth-Token'] = 'alice:proj1'
        req.body = b'{"nudge": {}}'
        req.content_type = 'application/json'
        resp = req.get_response(app)
        self.assertEqual(202, resp.status_int)
        self.assertEqual(b'', resp.body)
