"""Errors of the services Nova calls reach the user as defined statuses.

The image, network, placement and identity services are replaced by a
``FaultyService`` that answers every request with the status a case
chooses, hangs past the client's timeout, or is not listening at all.
Whatever it does, the Compute API answers with an OpenStack error body and
a status from the case's table, never a 500, and creates nothing.
"""

from keystoneauth1 import loading as ks_loading
import requests

from nova.api.openstack import compute as compute_api_app
import nova.conf
from nova.builtin import authn
from nova.builtin import placement as builtin_placement
from nova import test
from nova.tests.fixtures import cloud as cloud_fixture
from nova.tests.fixtures import faulty_service
from nova.tests.functional import api_client

CONF = nova.conf.CONF
HANG = 'hang'
REFUSED = 'refused'
# Seconds a client waits for an answer in these tests; hanging services
# answer later than that.
CLIENT_TIMEOUT = 1
HANG_SECONDS = 3

# Fault of the image service -> status of POST /servers.
IMAGE_FAULTS = {401: 400, 403: 400, 404: 400, 409: 409, 500: 503,
                503: 503, HANG: 503, REFUSED: 503}
# Fault of the network service -> status of POST /servers (networks auto).
NETWORK_FAULTS = {401: 403, 403: 403, 404: 400, 409: 400, 500: 503,
                  503: 503, HANG: 503, REFUSED: 503}
# Fault of the identity service -> status of an authenticated request.
# (404: Keystone does not know the token, so it is not valid.)
IDENTITY_FAULTS = {401: 503, 403: 503, 404: 401, 500: 503, 503: 503,
                   HANG: 503, REFUSED: 503}


class _FaultCases(test.TestCase):

    def setUp(self):
        super().setUp()
        self.faulty = self.useFixture(faulty_service.FaultyService())

    def inject(self, fault, group):
        """Make ``group``'s endpoint fail with ``fault``."""
        if fault == REFUSED:
            self.flags(endpoint_override=self.faulty.refusing_url,
                       group=group)
            return
        self.flags(endpoint_override=self.faulty.url, group=group)
        if fault == HANG:
            self.faulty.hang(HANG_SECONDS)
        else:
            self.faulty.fail_with(fault)

    def assert_error(self, expected, resp):
        self.assertEqual(expected, resp.status_code, resp.text)
        [(name, body)] = resp.json().items()
        self.assertEqual(expected, body['code'])
        self.assertTrue(body['message'])
        return body['message']


class TestImageAndNetworkFaults(_FaultCases):
    """``[all_in_one] image = false``: Nova uses ``[glance]`` as given."""

    def setUp(self):
        super().setUp()
        for group in ('glance', 'neutron'):
            self.flags(timeout=CLIENT_TIMEOUT, group=group)
        self.flags(num_retries=0, group='glance')
        self.flags(http_retries=0, group='neutron')
        self.cloud = self.useFixture(cloud_fixture.AllInOneCloud(
            self, all_in_one__image=False,
            glance__endpoint_override=self.faulty.url))
        self.api = self.cloud.api_for('demo', 'demo')

    def _boot_fails(self, expected, networks):
        resp = self.api.post('/servers', {'server': {
            'name': 'vm', 'imageRef': api_client.DEFAULT_IMAGE,
            'flavorRef': '1', 'networks': networks}})
        message = self.assert_error(expected, resp)
        self.assertEqual([], self.api.get('/servers').json()['servers'])
        return message

    def test_image_service_faults(self):
        # The operator's endpoint is used, not a built-in image service.
        self.assertNotIn('image', self.cloud.cloud.urls)
        for fault, expected in IMAGE_FAULTS.items():
            with self.subTest(fault=fault):
                self.inject(fault, 'glance')
                message = self._boot_fails(expected, 'none')
                if expected == 503:
                    self.assertIn('image service', message)

    def test_network_service_faults(self):
        self.faulty.fail_with(404)
        self.flags(endpoint_override=self.image_url(), group='glance')
        for fault, expected in NETWORK_FAULTS.items():
            with self.subTest(fault=fault):
                self.inject(fault, 'neutron')
                message = self._boot_fails(expected, 'auto')
                if expected == 503:
                    self.assertIn('network service', message)

    def image_url(self):
        """A working image service for the network cases."""
        from nova.builtin.image import app as image_app
        from nova.builtin.image import seed as image_seed
        app = image_app.create_app(self.state_dir + '/image')
        image_seed.seed_default_image(app)
        served = builtin_placement.serve(app, '127.0.0.1', 0)
        self.addCleanup(served.stop)
        return served.url


class TestPlacementFaults(_FaultCases):

    def test_delete_while_placement_fails(self):
        cloud = self.useFixture(cloud_fixture.AllInOneCloud(self))
        api = cloud.api_for('demo', 'demo')
        # Too big for every host (not for the quota): it lands in cell0,
        # deleted by nova-api itself, which then frees its (absent)
        # allocations in placement.
        self.flags(ram=-1, group='quota')
        flavor = cloud.admin_api.post('/flavors', {'flavor': {
            'name': 'huge', 'ram': 10 ** 7, 'vcpus': 1, 'disk': 1}})
        self.assertEqual(200, flavor.status_code, flavor.text)
        flavor_id = flavor.json()['flavor']['id']
        self.flags(timeout=CLIENT_TIMEOUT, group='placement')
        for fault in (401, 403, 500, 503, HANG, REFUSED):
            with self.subTest(fault=fault):
                created = api.create_server(flavor=flavor_id)['server']
                api.wait_for_status(created['id'], 'ERROR')
                self.inject(fault, 'placement')
                resp = api.delete('/servers/%s' % created['id'])
                self.assertEqual(204, resp.status_code, resp.text)
                api.wait_until_gone(created['id'])
                self.flags(endpoint_override=cloud.cloud.urls['placement'],
                           group='placement')


class TestIdentityFaults(_FaultCases):
    """nova-api behind keystonemiddleware, its identity service failing."""

    def setUp(self):
        super().setUp()
        authn.register_authtoken_opts(CONF)
        # The plugin's options are registered for this test only: its
        # required auth_url would break every later CONF() of the process.
        self.conf_fixture.register_opts(
            ks_loading.get_auth_plugin_conf_options('password'),
            group=authn.AUTHTOKEN_GROUP)

    def _api_url(self, identity_url):
        self.flags(group=authn.AUTHTOKEN_GROUP,
                   www_authenticate_uri=identity_url + '/v3',
                   auth_url=identity_url + '/v3', auth_type='password',
                   username='nova', password='secret',
                   project_name='service', user_domain_name='Default',
                   project_domain_name='Default',
                   http_connect_timeout=CLIENT_TIMEOUT,
                   http_request_max_retries=0)
        self.flags(auth_strategy='keystone', group='api')
        served = builtin_placement.serve(
            compute_api_app.build_app(CONF), '127.0.0.1', 0)
        self.addCleanup(served.stop)
        return served.url + '/v2.1'

    def test_identity_service_faults(self):
        for fault, expected in IDENTITY_FAULTS.items():
            with self.subTest(fault=fault):
                if fault == REFUSED:
                    url = self._api_url(self.faulty.refusing_url)
                else:
                    url = self._api_url(self.faulty.url)
                    if fault == HANG:
                        self.faulty.hang(HANG_SECONDS)
                    else:
                        self.faulty.fail_with(fault)
                resp = requests.get(url + '/flavors', timeout=30, headers={
                    'X-Auth-Token': 'gAAAAA-some-token'})
                self.assert_error(expected, resp)
