"""A user asks for the URL of a remote console of a server; an admin (a
console proxy) turns its token back into where the console listens.

Each request goes API -> compute RPC (1.15) -> nova-compute -> fake virt
driver, which says where the guest's console server listens; the compute
host stores a console auth token through the conductor and answers the
URL. The bodies are checked for exactly the shape Tempest's schemas
require (``v2_1`` get_vnc_console, ``v2_6``/``v2_8``/``v2_99``
get_remote_consoles and ``v2_99`` console_auth_tokens).
"""

import functools
import time
from urllib import parse

from oslo_utils import uuidutils

from nova.tests.fixtures import cloud as cloud_fixture
from nova.virt import driver as virt_driver

MISSING = '9a1e0b7c-0000-4000-8000-00000000dead'

# (protocol, type, first microversion, fake console host, URL prefix)
CONSOLES = [
    ('vnc', 'novnc', '2.6', 'fakevncconsole.com',
     'http://127.0.0.1:6080/vnc_auto.html?path=%3Ftoken%3D'),
    ('spice', 'spice-html5', '2.6', 'fakespiceconsole.com',
     'http://127.0.0.1:6082/spice_auto.html?token='),
    ('serial', 'serial', '2.6', 'fakeserialconsole.com',
     'ws://127.0.0.1:6083/?token='),
    ('mks', 'webmks', '2.8', 'fakemksconsole.com',
     'http://127.0.0.1:6090/?token='),
    ('spice', 'spice-direct', '2.99', 'fakespiceconsole.com',
     'http://127.0.0.1:13002/nova?token='),
]


def token_of(url):
    """The token in a console URL (noVNC's is inside ``path``)."""
    query = parse.parse_qs(parse.urlparse(url).query)
    if 'path' in query:
        query = parse.parse_qs(parse.urlparse(query['path'][0]).query)
    return query['token'][0]


class TestRemoteConsoles(cloud_fixture.SharedCloudTestCase):

    # VNC is on by default, as in Nova; the others are turned on here.
    cloud_options = {'spice__enabled': True,
                     'serial_console__enabled': True,
                     'mks__enabled': True}

    def setUp(self):
        super().setUp()
        self.api = self.cloud.api_for('demo', 'demo')
        self.admin = self.cloud.admin_api
        self.server_id = self.api.create_server(name='vm')['server']['id']
        self.api.wait_for_status(self.server_id, 'ACTIVE')

    def console(self, protocol, console_type, microversion='2.100',
                api=None, server_id=None):
        return (api or self.api).post(
            '/servers/%s/remote-consoles' % (server_id or self.server_id),
            {'remote_console': {'protocol': protocol,
                                'type': console_type}},
            microversion=microversion)

    def act(self, body, microversion='2.5'):
        return self.api.post('/servers/%s/action' % self.server_id, body,
                             microversion=microversion)

    def lookup(self, token, microversion='2.100', api=None):
        return (api or self.admin).get('/os-console-auth-tokens/%s' % token,
                                       microversion=microversion)

    def assert_error(self, resp, code, text=None):
        self.assertEqual(code, resp.status_code, resp.text)
        (body,) = resp.json().values()
        self.assertEqual(code, body['code'])
        if text is not None:
            self.assertIn(text, body['message'])

    def wait_idle(self):
        deadline = time.time() + 30
        while True:
            server = self.admin.get_server(self.server_id)
            if server['OS-EXT-STS:task_state'] is None:
                return server
            self.assertLess(time.time(), deadline, server)
            time.sleep(0.05)

    # -- POST /servers/{server_id}/remote-consoles -------------------------

    def test_each_console_at_its_first_microversion(self):
        for protocol, console_type, version, host, prefix in CONSOLES:
            with self.subTest(console_type=console_type):
                resp = self.console(protocol, console_type, version)
                self.assertEqual(200, resp.status_code, resp.text)
                body = resp.json()
                self.assertEqual(['remote_console'], list(body))
                console = body['remote_console']
                self.assertEqual({'protocol', 'type', 'url'}, set(console))
                self.assertEqual(protocol, console['protocol'])
                self.assertEqual(console_type, console['type'])
                self.assertTrue(console['url'].startswith(prefix),
                                console['url'])
                token = token_of(console['url'])
                self.assertTrue(uuidutils.is_uuid_like(token))
                # The proxy's view of the same console.
                resp = self.lookup(token)
                self.assertEqual(200, resp.status_code, resp.text)
                found = resp.json()['console']
                self.assertEqual(self.server_id, found['instance_uuid'])
                self.assertEqual(host, found['host'])
                self.assertEqual(6969, found['port'])
                if console_type == 'spice-direct':
                    # A native client talks to the ports themselves.
                    self.assertIsNone(found['internal_access_path'])
                    self.assertEqual(6970, found['tls_port'])
                else:
                    self.assertTrue(uuidutils.is_uuid_like(
                        found['internal_access_path']))
                    self.assertNotIn('tls_port', found)

    def test_each_request_gets_its_own_token(self):
        urls = {self.console('vnc', 'novnc').json()['remote_console']['url']
                for _ in range(3)}
        self.assertEqual(3, len(urls))
        for url in urls:
            self.assertEqual(200, self.lookup(token_of(url)).status_code)

    def test_types_outside_their_microversions_are_400(self):
        for protocol, console_type, version in [
                ('mks', 'webmks', '2.7'), ('vnc', 'webmks', '2.7'),
                ('spice', 'spice-direct', '2.98'),
                ('vnc', 'vnc', '2.100'), ('ssh', 'novnc', '2.100')]:
            with self.subTest(console_type=console_type, version=version):
                self.assert_error(
                    self.console(protocol, console_type, version), 400,
                    'Invalid input for field/attribute')
        # Valid input, but the console is gone from Nova, or not one of
        # the protocol's.
        for protocol, console_type, message in [
                ('rdp', 'rdp-html5', 'Unavailable console type rdp.'),
                ('vnc', 'xvpvnc', 'Invalid console type xvpvnc'),
                ('vnc', 'serial', 'Invalid console type serial'),
                ('serial', 'spice-html5',
                 'Invalid console type spice-html5')]:
            with self.subTest(console_type=console_type):
                self.assert_error(self.console(protocol, console_type),
                                  400, message)
        for body in ({}, {'remote_console': {'protocol': 'vnc'}},
                     {'remote_console': {'protocol': 'vnc', 'type': 'novnc',
                                         'extra': 1}}):
            resp = self.api.post(
                '/servers/%s/remote-consoles' % self.server_id, body)
            self.assert_error(resp, 400)
        # Before 2.6 the path does not exist.
        self.assert_error(self.console('vnc', 'novnc', '2.5'), 404)

    def test_disabled_consoles_are_400(self):
        self.flags(enabled=False, group='vnc')
        self.flags(enabled=False, group='spice')
        self.flags(enabled=False, group='serial_console')
        self.flags(enabled=False, group='mks')
        for protocol, console_type, _v, _h, _p in CONSOLES:
            with self.subTest(console_type=console_type):
                self.assert_error(
                    self.console(protocol, console_type), 400,
                    'Unavailable console type %s.' % console_type)
        self.assert_error(self.act({'os-getVNCConsole': {'type': 'novnc'}}),
                          400, 'Unavailable console type novnc.')

    def test_driver_without_the_console_is_501(self):
        driver = self.cloud.computes[0].manager.driver
        # The driver as one that never implemented WebMKS consoles.
        self.patch(driver, 'get_mks_console', functools.partial(
            virt_driver.ComputeDriver.get_mks_console, driver))
        self.assert_error(self.console('mks', 'webmks'), 501,
                          'does not support webmks consoles')
        self.assertEqual(200, self.console('vnc', 'novnc').status_code)

    def test_stopped_or_shelved_server_is_409(self):
        self.assertEqual(202, self.act({'os-stop': None}).status_code)
        self.assertEqual('SHUTOFF', self.wait_idle()['status'])
        self.assert_error(self.console('vnc', 'novnc'), 409,
                          'vm_state stopped')
        self.assert_error(self.act({'os-getVNCConsole': {'type': 'novnc'}}),
                          409, 'vm_state stopped')
        self.assertEqual(202, self.act({'os-start': None}).status_code)
        self.assertEqual('ACTIVE', self.wait_idle()['status'])
        self.assertEqual(200, self.console('vnc', 'novnc').status_code)
        # Shelved and kept on its host, then offloaded (no host).
        self.flags(shelved_offload_time=-1)
        self.assertEqual(202, self.act({'shelve': None}).status_code)
        self.assertEqual('SHELVED', self.wait_idle()['status'])
        self.assert_error(self.console('serial', 'serial'), 409,
                          'vm_state shelved')
        resp = self.admin.post('/servers/%s/action' % self.server_id,
                               {'shelveOffload': None})
        self.assertEqual(202, resp.status_code, resp.text)
        self.assertEqual('SHELVED_OFFLOADED', self.wait_idle()['status'])
        self.assert_error(self.console('serial', 'serial'), 409,
                          'not ready')

    def test_missing_or_foreign_server_is_404(self):
        other = self.cloud.api_for('alt', 'alt')
        self.assert_error(self.console('vnc', 'novnc', api=other), 404)
        self.assert_error(self.console('vnc', 'novnc', server_id=MISSING),
                          404, MISSING)
        resp = other.post('/servers/%s/action' % self.server_id,
                          {'os-getSerialConsole': {'type': 'serial'}},
                          microversion='2.5')
        self.assert_error(resp, 404)
        # An admin may have any project's console.
        resp = self.console('vnc', 'novnc', api=self.admin)
        self.assertEqual(200, resp.status_code, resp.text)

    # -- the actions of 2.1 - 2.5 ------------------------------------------

    def test_actions_until_2_5(self):
        for action, console_type, prefix in [
                ('os-getVNCConsole', 'novnc',
                 'http://127.0.0.1:6080/vnc_auto.html?path=%3Ftoken%3D'),
                ('os-getSPICEConsole', 'spice-html5',
                 'http://127.0.0.1:6082/spice_auto.html?token='),
                ('os-getSerialConsole', 'serial',
                 'ws://127.0.0.1:6083/?token=')]:
            with self.subTest(action=action):
                for version in ('2.1', '2.5'):
                    resp = self.act({action: {'type': console_type}},
                                    version)
                    self.assertEqual(200, resp.status_code, resp.text)
                    body = resp.json()
                    self.assertEqual(['console'], list(body))
                    self.assertEqual({'type', 'url'}, set(body['console']))
                    self.assertEqual(console_type, body['console']['type'])
                    self.assertTrue(
                        body['console']['url'].startswith(prefix))
                self.assert_error(self.act({action: {}}), 400)
                self.assert_error(self.act({action: {'type': 'webmks'}}),
                                  400)
                self.assert_error(
                    self.act({action: {'type': console_type}}, '2.6'), 404)
        self.assert_error(self.act({'os-getVNCConsole': {'type': 'xvpvnc'}}),
                          400, 'Invalid console type xvpvnc')

    # -- GET /os-console-auth-tokens/{console_token} ------------------------

    def new_token(self, protocol='vnc', console_type='novnc'):
        resp = self.console(protocol, console_type)
        self.assertEqual(200, resp.status_code, resp.text)
        return token_of(resp.json()['remote_console']['url'])

    def test_token_lookup_is_for_admins_from_2_31(self):
        token = self.new_token()
        resp = self.lookup(token, '2.31')
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertEqual(['console'], list(resp.json()))
        self.assertEqual({'instance_uuid', 'host', 'port',
                          'internal_access_path'},
                         set(resp.json()['console']))
        self.assert_error(self.lookup(token, api=self.api), 403)
        # Before 2.31 only the (gone) rdp-html5 tokens were shown.
        self.assert_error(self.lookup(token, '2.30'), 400)
        self.assert_error(self.lookup(token, '2.1', api=self.api), 400)
        # Query parameters are refused from 2.99, ignored before.
        self.assert_error(self.admin.get(
            '/os-console-auth-tokens/%s?x=1' % token), 400)
        self.assertEqual(200, self.admin.get(
            '/os-console-auth-tokens/%s?x=1' % token,
            microversion='2.98').status_code)

    def test_tls_port_from_2_99_for_spice_direct_only(self):
        direct = self.new_token('spice', 'spice-direct')
        html5 = self.new_token('spice', 'spice-html5')
        self.assertEqual(6970, self.lookup(direct).json()['console'][
            'tls_port'])
        self.assertNotIn('tls_port',
                         self.lookup(direct, '2.98').json()['console'])
        self.assertNotIn('tls_port', self.lookup(html5).json()['console'])

    def test_unknown_or_expired_token_is_404(self):
        for token in (uuidutils.generate_uuid(), 'not-a-token'):
            self.assert_error(self.lookup(token), 404, 'Token not found')
        self.flags(token_ttl=0, group='consoleauth')
        expired = self.new_token()
        self.assert_error(self.lookup(expired), 404, 'Token not found')
        self.flags(token_ttl=600, group='consoleauth')
        self.assertEqual(200, self.lookup(self.new_token()).status_code)

    def test_tokens_go_with_their_server(self):
        token = self.new_token()
        self.assertEqual(204, self.api.delete(
            '/servers/%s' % self.server_id).status_code)
        self.api.wait_until_gone(self.server_id)
        self.assert_error(self.lookup(token), 404, 'Token not found')


class TestConsolesOfAMovedServer(cloud_fixture.SharedCloudTestCase):

    cloud_options = {'fake_hosts': 2}

    def test_live_migration_drops_the_consoles_of_the_source(self):
        api = self.cloud.api_for('demo', 'demo')
        admin = self.cloud.admin_api
        server_id = api.create_server(name='vm')['server']['id']
        source = admin.wait_for_status(server_id, 'ACTIVE')[
            'OS-EXT-SRV-ATTR:host']
        old = token_of(api.post(
            '/servers/%s/remote-consoles' % server_id,
            {'remote_console': {'protocol': 'vnc', 'type': 'novnc'}},
        ).json()['remote_console']['url'])
        resp = admin.post('/servers/%s/action' % server_id,
                          {'os-migrateLive': {'host': None,
                                              'block_migration': 'auto'}})
        self.assertEqual(202, resp.status_code, resp.text)
        deadline = time.time() + 30
        while True:
            server = admin.get_server(server_id)
            if (server['OS-EXT-SRV-ATTR:host'] != source and
                    server['OS-EXT-STS:task_state'] is None):
                break
            self.assertLess(time.time(), deadline, server)
            time.sleep(0.05)
        resp = admin.get('/os-console-auth-tokens/%s' % old)
        self.assertEqual(404, resp.status_code, resp.text)
        # A new console is one of the guest where it is now.
        new = token_of(api.post(
            '/servers/%s/remote-consoles' % server_id,
            {'remote_console': {'protocol': 'vnc', 'type': 'novnc'}},
        ).json()['remote_console']['url'])
        resp = admin.get('/os-console-auth-tokens/%s' % new)
        self.assertEqual(200, resp.status_code, resp.text)
