"""What Nova serves and this cloud does not answers honestly, over HTTP.

An action or a path under an existing server answers 501 naming it; the
same on a missing (or another project's) server answers 404 as
``GET /servers/{server_id}`` does; an action Nova does not know is a 400;
a top-level path we do not serve is a 501, one Nova removed a 410, and an
unknown path a 404. None of it touches the server.
"""

import re

import fixtures

from nova.api.openstack import api_version_request as avr
from nova.api.openstack.compute import not_implemented as ni
from nova import test
from nova.tests.fixtures import cloud as cloud_fixture

MISSING = '7b0e5b3c-0000-4000-8000-000000000000'


def _version_inside(unserved):
    if unserved.max_version:
        return min(avr.APIVersionRequest(unserved.max_version),
                   avr.max_api_version()).get_string()
    return unserved.min_version or avr.MAX_API_VERSION


def _server_paths():
    """(method, template, Unserved) of every path that looks a server up."""
    for path, methods in ni.UNSERVED:
        for method, unserved in methods.items():
            if ni.looks_up_server(path, unserved):
                yield method, path, unserved


def _fill(path, server_id):
    path = path.replace('{server_id}', server_id)
    return re.sub(r'\{[a-z_]+\}', 'x1', path)


class TestNotImplemented(test.TestCase):

    def setUp(self):
        super().setUp()
        self.cloud = self.useFixture(cloud_fixture.AllInOneCloud(self))
        self.api = self.cloud.admin_api

    def _assert_error(self, resp, status, name, message=None):
        self.assertEqual(status, resp.status_code, resp.text)
        body = resp.json()
        self.assertEqual([name], list(body), resp.text)
        self.assertEqual(status, body[name]['code'])
        if message is not None:
            self.assertEqual(message, body[name]['message'])

    def _action(self, api, server_id, body, **kw):
        return api.post('/servers/%s/action' % server_id, body, **kw)

    def test_server_actions_and_paths(self):
        server_id = self.api.create_server(name='vm')['server']['id']
        before = self.api.wait_for_status(server_id, 'ACTIVE')

        # Every action Nova serves is served here now: a made-up one
        # stands for the next action Nova adds and we do not yet serve.
        self.useFixture(fixtures.MockPatchObject(
            ni, 'SERVER_ACTIONS', dict(ni.SERVER_ACTIONS, **{
                'os-someday': ni.TODO})))
        someday = {'os-someday': {}}
        self._assert_error(
            self._action(self.api, server_id, someday),
            501, 'notImplemented', "The 'os-someday' server action "
                                   "is not implemented")
        self._assert_error(
            self._action(self.api, MISSING, someday),
            404,
            'itemNotFound', 'Instance %s could not be found.' % MISSING)
        self._assert_error(
            self._action(self.api, server_id, {'os-fly': {}}), 400,
            'badRequest', 'There is no such action: os-fly')
        self._assert_error(
            self._action(self.api, server_id, {'reboot': {}, 'pause': None}),
            400, 'badRequest', 'Malformed request body')
        self._assert_error(
            self._action(self.api, server_id, {'os-getRDPConsole': {}},
                         microversion='2.6'), 404, 'itemNotFound')
        self._assert_error(
            self._action(self.api, server_id, {'resetNetwork': None}), 410,
            'computeFault')

        # Another project's user cannot tell the server exists.
        member = self.cloud.api_for('demo', 'demo')
        self._assert_error(self._action(member, server_id, someday),
                           404, 'itemNotFound')
        self._assert_error(member.get('/servers/%s/metadata' % server_id),
                           404, 'itemNotFound')

        checked = 0
        for method, path, unserved in _server_paths():
            version = _version_inside(unserved)
            body = {'anything': {}} if method in ('POST', 'PUT') else None
            resp = self.api.request(method, _fill(path, server_id), body,
                                    microversion=version)
            self._assert_error(resp, 501, 'notImplemented',
                               ni.path_message(method, path, unserved))
            resp = self.api.request(method, _fill(path, MISSING), body,
                                    microversion=version)
            self._assert_error(resp, 404, 'itemNotFound',
                               'Instance %s could not be found.' % MISSING)
            checked += 1
        self.assertGreater(checked, 10)

        # Removed APIs under a server are gone, whether it exists or not.
        for server in (server_id, MISSING):
            self._assert_error(self.api.get('/servers/%s/consoles' % server),
                               410, 'computeFault')

        # Nothing changed.
        after = self.api.get_server(server_id)
        self.assertEqual('ACTIVE', after['status'])
        self.assertIsNone(after['OS-EXT-STS:task_state'])
        for key in ('updated', 'name', 'metadata', 'tags', 'locked'):
            self.assertEqual(before[key], after[key], key)

    def test_top_level_paths(self):
        self._assert_error(
            self.api.post('/os-assisted-volume-snapshots', {}), 501,
            'notImplemented', 'POST /os-assisted-volume-snapshots is not '
            'implemented by this cloud yet')
        self._assert_error(
            self.api.post('/os-assisted-volume-snapshots',
                          {'snapshot': {'volume_id': 'a'}}),
            501, 'notImplemented')
        self._assert_error(
            self.api.get('/os-cells'), 410, 'computeFault',
            ni.path_message('GET', '/os-cells', ni.GONE_CELLS_V1))
        self._assert_error(self.api.get('/os-no-such-thing'), 404,
                           'itemNotFound', 'The resource could not be found.')
        # Removed at a microversion: 404 after it, as in Nova.
        self._assert_error(
            self.api.get('/os-snapshots', microversion='2.35'),
            501, 'notImplemented')
        self._assert_error(
            self.api.get('/os-snapshots', microversion='2.36'),
            404, 'itemNotFound')
        self._assert_error(self.api.get('/images', microversion='2.36'),
                           404, 'itemNotFound')
        # Still authenticated first.
        resp = self.api.session.get(self.api.url + '/extensions',
                                    headers={'X-Auth-Token': None})
        self.assertEqual(401, resp.status_code)
