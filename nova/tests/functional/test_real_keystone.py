"""The Compute API behind keystonemiddleware, validating the tokens of a
real Keystone (the PyPI ``keystone`` package, served in a child process).

The in-process cloud runs with ``[api] auth_strategy = keystone`` and
``[keystone_authtoken]`` pointing at that Keystone, as ``nova-all``
points it at its built-in identity service (``standalone.use_identity``).
Users get Fernet tokens with keystoneauth's ``v3.Password``.

Without Keystone installed the test skips, or fails when ``CI=true``.
"""

from keystoneauth1 import loading as ks_loading
import pytest
import requests

import nova.conf
from nova.builtin import placement as builtin_placement
from nova import test
from nova.tests.fixtures import cloud as cloud_fixture
from nova.tests.fixtures import keystone as keystone_fixture
from nova.tests.functional import api_client

CONF = nova.conf.CONF
AUTHTOKEN = 'keystone_authtoken'

# Keystone in a child process: run without ./run_tests.sh --fast.
pytestmark = pytest.mark.slow


def register_authtoken_opts(conf_fixture):
    """keystonemiddleware's options and those of keystoneauth's password
    plugin in ``[keystone_authtoken]``, as ``use_identity`` registers them.

    The plugin's ``auth_url`` is a required option: registered for good it
    would make every later ``CONF()`` of the process fail, so the config
    fixture registers the plugin's options and unregisters them at cleanup
    (keystonemiddleware registers them again each time it loads the
    plugin). Its own options are not required and stay registered, as
    importing ``auth_token`` left them.
    """
    from keystonemiddleware import auth_token
    for group, opts in auth_token.list_opts():
        CONF.register_opts(opts, group=group)
    ks_loading.register_auth_conf_options(CONF, AUTHTOKEN)
    conf_fixture.register_opts(
        ks_loading.get_auth_plugin_conf_options('password'),
        group=AUTHTOKEN)


class TestRealKeystone(test.TestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # NOTE: one Keystone for the class: its setup (four keystone-manage
        # runs, then the server) is most of the time, and the tests only
        # read it (tokens); each test still gets a cloud of its own.
        cls.shared_keystone = None
        if keystone_fixture.available():
            keystone = keystone_fixture.RealKeystone()
            keystone.setUp()
            cls.addClassCleanup(keystone.cleanUp)
            cls.shared_keystone = keystone

    def cloud_flags(self):
        """Options of the cloud besides the Keystone ones."""
        return {}

    def setUp(self):
        super().setUp()
        if not keystone_fixture.available():
            keystone_fixture.missing(self)
        self.keystone = self.shared_keystone
        self.addOnException(self._print_keystone_log)
        register_authtoken_opts(self.conf_fixture)
        self.flags(group=AUTHTOKEN, **self.keystone.authtoken_options())
        self.flags(auth_strategy='keystone', group='api')
        # Placement and the built-in network service validate tokens with
        # the same Keystone: Nova's report client and its port binding
        # need service credentials, as an operator sets them.
        credentials = self.keystone.authtoken_options()
        del credentials['www_authenticate_uri']
        for group in ('placement', 'neutron'):
            self.conf_fixture.register_opts(
                ks_loading.get_auth_plugin_conf_options('password'),
                group=group)
            self.flags(group=group, **credentials)
        self.cloud = self.useFixture(cloud_fixture.AllInOneCloud(
            self, all_in_one__network=True, **self.cloud_flags()))
        url = self.cloud.compute_url
        self.admin = api_client.Client(
            url, None, None, token=self.keystone.token('admin'))
        self.member = api_client.Client(
            url, None, None, token=self.keystone.token('demo'))

    def _print_keystone_log(self, exc_info):
        if not isinstance(exc_info[1], self.skipException):
            print('---- keystone output ----\n%s' % self.keystone.log())

    def test_tokens_of_real_keystone(self):
        # Both users read flavors and (their) servers.
        for api in (self.admin, self.member):
            resp = api.get('/flavors')
            self.assertEqual(200, resp.status_code, resp.text)
            self.assertIn('m1.tiny',
                          [f['name'] for f in resp.json()['flavors']])
            resp = api.get('/servers')
            self.assertEqual(200, resp.status_code, resp.text)
            self.assertEqual([], resp.json()['servers'])

        # Creating a flavor takes the admin role.
        flavor = {'flavor': {'name': 'ks.small', 'ram': 512, 'vcpus': 1,
                             'disk': 1}}
        resp = self.member.post('/flavors', flavor)
        self.assertEqual(403, resp.status_code, resp.text)
        resp = self.admin.post('/flavors', flavor)
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertEqual('ks.small', resp.json()['flavor']['name'])
        names = [f['name'] for f in
                 self.member.get('/flavors').json()['flavors']]
        self.assertIn('ks.small', names)

        # No token, or one Keystone never issued: 401 naming Keystone.
        anonymous = api_client.Client(self.cloud.compute_url, None, None)
        del anonymous.session.headers['X-Auth-Token']
        garbage = api_client.Client(self.cloud.compute_url, None, None,
                                    token='gAAAAA-not-a-fernet-token')
        dev_token = api_client.Client(self.cloud.compute_url, 'admin',
                                      'admin')
        for api in (anonymous, garbage, dev_token):
            resp = api.get('/flavors')
            self.assertEqual(401, resp.status_code, resp.text)
            self.assertIn(self.keystone.url,
                          resp.headers.get('WWW-Authenticate', ''))

    def test_stand_ins_validate_keystone_tokens(self):
        urls = self.cloud.cloud.urls
        member = self.keystone.token('demo')
        admin = self.keystone.token('admin')

        def get(url, token):
            headers = {'X-Auth-Token': token} if token else {}
            return requests.get(url, headers=headers, timeout=30)

        for url in (urls['image'] + '/v2/images',
                    urls['network'] + '/v2.0/networks'):
            self.assertEqual(200, get(url, member).status_code, url)
            for token in (None, 'gAAAAA-not-a-fernet-token', 'demo:demo'):
                self.assertEqual(401, get(url, token).status_code, url)
        images = get(urls['image'] + '/v2/images', member).json()['images']
        self.assertIn('tiny', [image['name'] for image in images])

        # Placement takes the admin (or service) role.
        providers = urls['placement'] + '/resource_providers'
        self.assertEqual(200, get(providers, admin).status_code)
        self.assertEqual(403, get(providers, member).status_code)
        for token in (None, 'admin', 'gAAAAA-not-a-fernet-token'):
            self.assertEqual(401, get(providers, token).status_code)

    def test_member_boots_with_a_keystone_token(self):
        created = self.member.create_server(
            name='ks-vm', networks='auto')['server']
        server = self.member.wait_for_status(created['id'], 'ACTIVE')
        # A port of the built-in network service, bound by Nova with its
        # service credentials, gave the server an address.
        addresses = server['addresses']['private']
        self.assertTrue(addresses[0]['addr'].startswith('10.0.0.'),
                        addresses)
        self.assertEqual(
            self.keystone.session('demo').get_project_id(),
            server['tenant_id'])
        # The admin sees it across projects; the member deletes it.
        listed = self.admin.get('/servers?all_tenants=1').json()['servers']
        self.assertIn(created['id'], [s['id'] for s in listed])
        self.assertEqual(204, self.member.delete(
            '/servers/%s' % created['id']).status_code)
        self.member.wait_until_gone(created['id'])


class TestRealKeystoneOwnImageService(TestRealKeystone):
    """``[all_in_one] image = false``: Nova uses the image service the
    configuration names, one validating Keystone tokens on its own (as a
    real Glance would), and boots from it with a member's token."""

    def cloud_flags(self):
        from nova.builtin import authn
        from nova.builtin.image import app as image_app
        from nova.builtin.image import seed as image_seed
        app = image_app.create_app(
            self.state_dir + '/glance',
            authenticate=authn.caller_from_headers)
        image_seed.seed_default_image(app)
        served = builtin_placement.serve(
            authn.keystone_wrapper(CONF)(app), '127.0.0.1', 0)
        self.addCleanup(served.stop)
        self.image_url = served.url
        return {'all_in_one__image': False,
                'glance__endpoint_override': served.url}

    def test_stand_ins_validate_keystone_tokens(self):
        self.assertNotIn('image', self.cloud.cloud.urls)
        self.assertEqual(self.image_url, CONF.glance.endpoint_override)
