"""The paths and server actions Nova serves and this cloud does not.

Every entry of ``not_implemented`` answers through the full app with a
body naming it (501, or 410 for the APIs Nova removed) inside its
microversions and 404 outside them; the server actions are decided by a
pure function. Entries that look a server up first are exercised against
a running cloud in ``nova/tests/functional/test_not_implemented.py``.
"""

import re

import fixtures
from oslo_serialization import jsonutils
import webob

from nova.api.openstack import api_version_request as avr
from nova.api.openstack import compute
from nova.api.openstack.compute import not_implemented as ni
from nova.api.openstack.compute import routes
from nova.api.openstack.compute import server_actions
from nova.api.openstack import handler
from nova.api.openstack import router
from nova.policies import servers as servers_policies
from nova import test

V = avr.APIVersionRequest


def _entries():
    for path, methods in ni.UNSERVED:
        for method, unserved in methods.items():
            yield path, method, unserved


def _inside(unserved):
    """A microversion at which Nova serves the entry."""
    if unserved.max_version:
        return min(V(unserved.max_version), avr.max_api_version())
    return V(unserved.min_version or avr.MIN_API_VERSION)


def _outside(unserved):
    """Microversions (in our range) at which Nova does not serve it."""
    found = []
    if unserved.min_version:
        low = V(unserved.min_version)
        found.append(V('2.%d' % (low.ver_minor - 1)))
    if unserved.max_version:
        high = V(unserved.max_version)
        if high < avr.max_api_version():
            found.append(V('2.%d' % (high.ver_minor + 1)))
    return found


def _concrete(path):
    """The template with every capture filled in."""
    return re.sub(r'\{[a-z_]+\}', 'x1', path)


class TableTest(test.TestCase):

    def test_entries_are_well_formed(self):
        for path, method, unserved in _entries():
            where = '%s %s' % (method, path)
            self.assertIn(method, ('GET', 'POST', 'PUT', 'DELETE'), where)
            self.assertIn(unserved.code, (501, 410), where)
            self.assertEqual(unserved.code == 410, bool(unserved.why), where)
            low = V(unserved.min_version or avr.MIN_API_VERSION)
            high = V(unserved.max_version or avr.MAX_API_VERSION)
            self.assertLessEqual(low, high, where)
            for segment in path.strip('/').split('/'):
                if segment.startswith('{'):
                    self.assertRegex(segment, r'^\{[a-z_]+\}$', where)

    def test_disjoint_from_the_served_routes(self):
        # merge_tables raises on a method declared in both tables or one
        # path spelled with two capture names.
        merged = dict(router.merge_tables(routes.ROUTE_TABLE,
                                          ni.ROUTE_TABLE))
        self.assertEqual({'GET', 'PUT', 'DELETE'},
                         set(merged['/servers/{server_id}']))
        self.assertEqual({'GET'}, set(merged['/os-hypervisors/detail']))

    def test_nova_paths_are_covered(self):
        served = {(m, p) for p, ms in routes.ROUTE_TABLE for m in ms}
        served |= {(m, p) for p, m, _u in _entries()}
        # A sample of Nova's routes across every group of the table.
        for key in [('GET', '/os-keypairs/{keypair_name}'),
                    ('GET', '/limits'),
                    ('PUT', '/servers/{server_id}'),
                    ('POST', '/servers/{server_id}/action'),
                    ('GET', '/servers/{server_id}/os-instance-actions'),
                    ('PUT', '/servers/{server_id}/tags/{tag}'),
                    ('GET', '/os-quota-sets/{tenant_id}/defaults'),
                    ('GET', '/os-availability-zone/detail'),
                    ('POST', '/os-aggregates/{aggregate_id}/images'),
                    ('GET', '/os-hypervisors/{hypervisor_id}/uptime'),
                    ('POST', '/os-volumes_boot'),
                    ('GET', '/os-floating-ip-pools'),
                    ('GET', '/os-fping'),
                    ('GET', '/servers/{server_id}/os-virtual-interfaces'),
                    ('POST', '/os-tenant-networks'),
                    ('DELETE', '/os-security-group-default-rules/{rule_id}')]:
            self.assertIn(key, served)

    def test_server_paths_look_the_server_up(self):
        self.assertTrue(ni.looks_up_server(
            '/servers/{server_id}/metadata', ni.TODO))
        self.assertTrue(ni.looks_up_server('/os-volumes_boot/{server_id}',
                                           ni.TODO))
        # Gone is gone, whether the server exists or not (as in Nova).
        self.assertFalse(ni.looks_up_server(
            '/servers/{server_id}/consoles', ni.GONE_XEN))
        self.assertFalse(ni.looks_up_server('/limits', ni.TODO))

    def test_messages_name_the_route(self):
        self.assertEqual(
            'GET /limits is not implemented by this cloud yet',
            ni.path_message('GET', '/limits', ni.TODO))
        self.assertEqual(
            'GET /os-cells is gone: it only worked with cells v1, which '
            'Nova has removed',
            ni.path_message('GET', '/os-cells', ni.GONE_CELLS_V1))


class ServerActionOutcomeTest(test.TestCase):

    def setUp(self):
        super().setUp()
        # Every action Nova serves is served here now: a made-up one
        # stands for the next action Nova adds and we do not yet serve.
        self.useFixture(fixtures.MockPatchObject(
            ni, 'SERVER_ACTIONS', dict(ni.SERVER_ACTIONS, **{
                'os-someday': ni.Unserved(501, max_version='2.43')})))

    def test_known_action_is_501(self):
        self.assertEqual(
            (501, "The 'os-someday' server action is not implemented"),
            ni.action_outcome('os-someday', V('2.1')))

    def test_unknown_action_is_400_in_novas_words(self):
        self.assertEqual((400, 'There is no such action: os-fly'),
                         ni.action_outcome('os-fly', V('2.100')))

    def test_action_outside_its_microversions_is_404(self):
        cases = [('os-someday', '2.43', 501),
                 ('os-someday', '2.44', 404),
                 ('os-getRDPConsole', '2.5', 400),
                 ('os-getRDPConsole', '2.6', 404),
                 ('resetNetwork', '2.1', 410),
                 ('resetNetwork', '2.100', 410)]
        for name, version, code in cases:
            self.assertEqual(code, ni.action_outcome(name, V(version))[0],
                             '%s at %s' % (name, version))

    def test_every_action_nova_serves_is_known(self):
        for name in ('reboot', 'os-start', 'os-stop', 'rebuild',
                     'createImage', 'resize', 'confirmResize',
                     'revertResize', 'pause', 'unpause', 'suspend',
                     'resume', 'lock', 'unlock', 'shelve', 'shelveOffload',
                     'unshelve', 'rescue', 'unrescue', 'os-getConsoleOutput',
                     'addSecurityGroup', 'removeSecurityGroup',
                     'os-resetState', 'migrate', 'os-migrateLive',
                     'evacuate', 'changePassword', 'createBackup',
                     'trigger_crash_dump', 'injectNetworkInfo', 'restore',
                     'forceDelete', 'os-getVNCConsole', 'os-getSPICEConsole',
                     'os-getSerialConsole', 'os-getRDPConsole',
                     'addFloatingIp', 'removeFloatingIp', 'addFixedIp',
                     'removeFixedIp', 'resetNetwork'):
            self.assertTrue(name in ni.SERVER_ACTIONS or
                            name in server_actions.ACTIONS, name)

    def test_served_actions_are_not_also_unserved(self):
        for name in server_actions.ACTIONS:
            self.assertNotIn(name, ni.SERVER_ACTIONS)

    def test_action_name(self):
        self.assertEqual('os-stop', server_actions.action_name(
            {'os-stop': None}))
        for body in (None, {}, [], ['os-stop'], 'os-stop',
                     {'os-stop': None, 'os-start': None}):
            exc = self.assertRaises(webob.exc.HTTPBadRequest,
                                    server_actions.action_name, body)
            self.assertEqual('Malformed request body', exc.explanation)

    def test_dispatcher_declares_the_lookup_policy(self):
        spec = handler.spec_of(server_actions.action)
        self.assertIn(servers_policies.SHOW, spec.policies)
        for code in (400, 404, 410, 501):
            self.assertIn(code, spec.expected_errors)


class AnswersThroughTheAppTest(test.TestCase):
    """Every entry that needs no server, over the real app."""

    def setUp(self):
        super().setUp()
        self.app = compute.build_app()

    def call(self, method, path, version):
        req = webob.Request.blank('/v2.1' + path, method=method)
        req.headers['X-Auth-Token'] = 'alice:proj1'
        req.headers['OpenStack-API-Version'] = 'compute %s' % version
        if method in ('POST', 'PUT'):
            req.body = b'{"anything": {}}'
            req.content_type = 'application/json'
        resp = req.get_response(self.app)
        return resp.status_int, jsonutils.loads(resp.body)

    def test_inside_its_versions_it_answers_naming_itself(self):
        names = {501: 'notImplemented', 410: 'computeFault'}
        checked = 0
        for path, method, unserved in _entries():
            if ni.looks_up_server(path, unserved):
                continue
            version = _inside(unserved).get_string()
            code, body = self.call(method, _concrete(path), version)
            where = '%s %s at %s' % (method, path, version)
            self.assertEqual(unserved.code, code, where)
            self.assertEqual(
                {names[code]: {'code': code, 'message': ni.path_message(
                    method, path, unserved)}}, body, where)
            self.assertIn('%s %s ' % (method, path),
                          body[names[code]]['message'])
            checked += 1
        self.assertGreater(checked, 50)

    def test_outside_its_versions_it_is_404(self):
        checked = 0
        for path, method, unserved in _entries():
            for version in _outside(unserved):
                code, body = self.call(method, _concrete(path),
                                       version.get_string())
                self.assertEqual(404, code, '%s %s at %s' % (
                    method, path, version))
                self.assertIn('itemNotFound', body)
                checked += 1
        self.assertGreater(checked, 10)

    def test_proxies_and_hosts_end_where_nova_ends_them(self):
        for path, last in [('/os-volumes', '2.35'),
                           ('/os-snapshots', '2.35'),
                           ]:
            code, _body = self.call('GET', path, last)
            self.assertEqual(501, code, '%s at %s' % (path, last))
            after = '2.%d' % (V(last).ver_minor + 1)
            code, _body = self.call('GET', path, after)
            self.assertEqual(404, code, '%s at %s' % (path, after))

    def test_project_id_prefix_and_unknown_paths(self):
        code, body = self.call('POST', '/proj1/os-assisted-volume-snapshots',
                               '2.1')
        self.assertEqual(501, code)
        code, body = self.call('GET', '/os-no-such-thing', '2.1')
        self.assertEqual((404, 'The resource could not be found.'),
                         (code, body['itemNotFound']['message']))
        code, body = self.call('DELETE',
                               '/os-assisted-volume-snapshots/x1/more',
                               '2.1')
        self.assertEqual(404, code)

    def test_wrong_method_is_still_405(self):
        code, body = self.call('PATCH', '/os-assisted-volume-snapshots',
                               '2.1')
        self.assertEqual(405, code)

    def test_removed_write_ops_on_network_proxies_are_410(self):
        for method, path in [('POST', '/os-networks'),
                             ('POST', '/os-networks/add'),
                             ('DELETE', '/os-networks/x1'),
                             ('POST', '/os-networks/x1/action'),
                             ('POST', '/os-tenant-networks'),
                             ('DELETE', '/os-tenant-networks/x1')]:
            for version in ('2.1', '2.100'):
                code, _body = self.call(method, path, version)
                self.assertEqual(410, code, '%s %s' % (method, path))

    def test_actions_answered_before_any_lookup(self):
        # Malformed, unknown, removed and out-of-version actions never
        # reach the compute service (there is none in this test).
        cases = [({'os-stop': None, 'reboot': {}}, '2.1', 400),
                 ({'os-fly': {}}, '2.1', 400),
                 ({'resetNetwork': None}, '2.1', 410),
                 ({'os-getRDPConsole': {'type': 'rdp-html5'}}, '2.1', 400),
                 ({'os-getVNCConsole': {'type': 'novnc'}}, '2.6', 404),
                 ({'addFixedIp': {'networkId': 'n'}}, '2.44', 404)]
        for body, version, expected in cases:
            req = webob.Request.blank('/v2.1/servers/x1/action',
                                      method='POST')
            req.headers['X-Auth-Token'] = 'alice:proj1'
            req.headers['OpenStack-API-Version'] = 'compute %s' % version
            req.body = jsonutils.dump_as_bytes(body)
            req.content_type = 'application/json'
            resp = req.get_response(self.app)
            self.assertEqual(expected, resp.status_int, body)
