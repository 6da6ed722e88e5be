"""Servers get their ports from the network service, as with Neutron.

The whole cloud runs in this process with the built-in network service
(the shared network ``private``, 10.0.0.0/24), which reports bound ports
back to the Compute API with ``network-vif-plugged`` events.
"""

import ipaddress

from oslo_utils import uuidutils
import requests

from nova.tests.fixtures import cloud as cloud_fixture

PRIVATE = ipaddress.ip_network('10.0.0.0/24')


class NetworkingTestBase(cloud_fixture.SharedCloudTestCase):

    vif_events = True
    cloud_flags = {}

    @classmethod
    def cloud_arguments(cls):
        return dict(cls.cloud_flags, network=True, vif_events=cls.vif_events)

    def setUp(self):
        super().setUp()
        self.api = self.cloud.admin_api
        self.net_url = self.cloud.network.url
        self.private = self.cloud.network.default_network

    def neutron(self, method, path, body=None, token='admin:admin'):
        return requests.request(method, self.net_url + path, json=body,
                                headers={'X-Auth-Token': token},
                                timeout=30)

    def ports_of(self, server_id):
        resp = self.neutron('GET', '/v2.0/ports?device_id=%s' % server_id)
        self.assertEqual(200, resp.status_code, resp.text)
        return resp.json()['ports']

    def boot(self, networks, api=None):
        api = api or self.api
        created = api.create_server(name='vm', networks=networks)['server']
        return api.wait_for_status(created['id'], ['ACTIVE', 'ERROR'])


class TestBootWithNetworks(NetworkingTestBase):

    def _assert_private_address(self, server):
        self.assertEqual('ACTIVE', server['status'], server.get('fault'))
        entries = server['addresses']['private']
        self.assertEqual(1, len(entries))
        self.assertIn(ipaddress.ip_address(entries[0]['addr']), PRIVATE)
        self.assertEqual('fixed', entries[0]['OS-EXT-IPS:type'])
        return entries[0]

    def test_auto_gets_an_address_on_the_shared_network(self):
        server = self.boot('auto')
        entry = self._assert_private_address(server)
        ips = self.api.get('/servers/%s/ips' % server['id'])
        self.assertEqual(200, ips.status_code, ips.text)
        self.assertEqual({'private': [{'version': 4,
                                       'addr': entry['addr']}]},
                         ips.json()['addresses'])
        one = self.api.get('/servers/%s/ips/private' % server['id'])
        self.assertEqual(200, one.status_code, one.text)
        self.assertEqual({'private': [{'version': 4,
                                       'addr': entry['addr']}]}, one.json())
        self.assertEqual(404, self.api.get(
            '/servers/%s/ips/elsewhere' % server['id']).status_code)

        ports = self.ports_of(server['id'])
        self.assertEqual(1, len(ports))
        port = ports[0]
        self.assertEqual('compute:nova', port['device_owner'])
        self.assertEqual(server['OS-EXT-SRV-ATTR:host'],
                         port['binding:host_id'])
        self.assertEqual('ACTIVE', port['status'])
        self.assertEqual(entry['OS-EXT-IPS-MAC:mac_addr'],
                         port['mac_address'])

    def test_a_network_by_uuid(self):
        server = self.boot([{'uuid': self.private['id']}])
        self._assert_private_address(server)
        self.assertEqual(1, len(self.ports_of(server['id'])))

    def test_an_existing_port_is_bound_then_released_on_delete(self):
        resp = self.neutron('POST', '/v2.0/ports', {'port': {
            'network_id': self.private['id'], 'name': 'mine'}})
        self.assertEqual(201, resp.status_code, resp.text)
        port = resp.json()['port']
        server = self.boot([{'port': port['id']}])
        entry = self._assert_private_address(server)
        self.assertEqual(port['fixed_ips'][0]['ip_address'], entry['addr'])
        bound = self.neutron('GET', '/v2.0/ports/%s' % port['id']).json()[
            'port']
        self.assertEqual(server['id'], bound['device_id'])
        self.assertEqual(server['OS-EXT-SRV-ATTR:host'],
                         bound['binding:host_id'])

        self.assertEqual(204, self.api.delete(
            '/servers/%s' % server['id']).status_code)
        self.api.wait_until_gone(server['id'])
        # The user's port survives the server, detached.
        after = self.neutron('GET', '/v2.0/ports/%s' % port['id'])
        self.assertEqual(200, after.status_code, after.text)
        self.assertEqual('', after.json()['port']['device_id'])
        self.assertEqual('', after.json()['port']['binding:host_id'])

    def test_delete_frees_the_port(self):
        server = self.boot('auto')
        port_id = self.ports_of(server['id'])[0]['id']
        self.assertEqual(204, self.api.delete(
            '/servers/%s' % server['id']).status_code)
        self.api.wait_until_gone(server['id'])
        self.assertEqual(404, self.neutron(
            'GET', '/v2.0/ports/%s' % port_id).status_code)
        all_ports = self.neutron('GET', '/v2.0/ports').json()['ports']
        self.assertNotIn(port_id, [p['id'] for p in all_ports])

    def test_none_gets_no_port(self):
        server = self.boot('none')
        self.assertEqual('ACTIVE', server['status'])
        self.assertEqual({}, server['addresses'])
        self.assertEqual([], self.ports_of(server['id']))

    def test_unknown_network_or_port_is_a_bad_request(self):
        for networks, words in (
                ([{'uuid': uuidutils.generate_uuid()}], 'Network'),
                ([{'port': uuidutils.generate_uuid()}], 'Port')):
            resp = self.api.post('/servers', {'server': {
                'name': 'bad', 'imageRef':
                    '155d900f-4e14-4e4c-a73d-069cbf4541e6',
                'flavorRef': '1', 'networks': networks}})
            self.assertEqual(400, resp.status_code, resp.text)
            message = resp.json()['badRequest']['message']
            self.assertIn(words, message)
            self.assertIn('could not be found', message)
        self.assertEqual([], self.api.get('/servers').json()['servers'])

    def test_a_port_in_use_is_a_conflict(self):
        server = self.boot('auto')
        port_id = self.ports_of(server['id'])[0]['id']
        resp = self.api.post('/servers', {'server': {
            'name': 'thief', 'imageRef':
                '155d900f-4e14-4e4c-a73d-069cbf4541e6',
            'flavorRef': '1', 'networks': [{'port': port_id}]}})
        self.assertEqual(409, resp.status_code, resp.text)


class TestExternalEventsAPI(NetworkingTestBase):

    def _post(self, api, events):
        return api.post('/os-server-external-events', {'events': events})

    def test_admin_posts_events(self):
        server = self.boot('none')
        resp = self._post(self.api, [{'name': 'network-vif-plugged',
                                      'server_uuid': server['id'],
                                      'tag': uuidutils.generate_uuid()}])
        self.assertEqual(200, resp.status_code, resp.text)
        event = resp.json()['events'][0]
        self.assertEqual((200, 'completed'), (event['code'],
                                              event['status']))

        missing = uuidutils.generate_uuid()
        resp = self._post(self.api, [
            {'name': 'network-changed', 'server_uuid': server['id']},
            {'name': 'network-changed', 'server_uuid': missing}])
        self.assertEqual(207, resp.status_code, resp.text)
        self.assertEqual([200, 404],
                         [e['code'] for e in resp.json()['events']])
        self.assertEqual('failed', resp.json()['events'][1]['status'])

    def test_unknown_server_is_404(self):
        resp = self._post(self.api, [{
            'name': 'network-vif-plugged',
            'server_uuid': uuidutils.generate_uuid()}])
        self.assertEqual(404, resp.status_code, resp.text)

    def test_non_admin_is_forbidden(self):
        user = self.cloud.api_for('demo', 'demo')
        resp = self._post(user, [{
            'name': 'network-vif-plugged',
            'server_uuid': uuidutils.generate_uuid()}])
        self.assertEqual(403, resp.status_code, resp.text)

    def test_bad_event_name_is_400(self):
        resp = self._post(self.api, [{
            'name': 'no-such-event',
            'server_uuid': uuidutils.generate_uuid()}])
        self.assertEqual(400, resp.status_code, resp.text)


class TestUserProjectBoot(NetworkingTestBase):

    def test_member_of_another_project_boots_on_the_shared_network(self):
        user = self.cloud.api_for('demo', 'demo')
        server = self.boot('auto', api=user)
        self.assertEqual('ACTIVE', server['status'], server.get('fault'))
        port = self.ports_of(server['id'])[0]
        self.assertEqual('demo', port['project_id'])


class TestVifPluggingTimeout(NetworkingTestBase):

    # The network service tells no one: the event never comes.
    vif_events = False
    cloud_flags = {'vif_plugging_timeout': 1}

    def test_build_fails_and_frees_its_port(self):
        server = self.boot('auto')
        self.assertEqual('ERROR', server['status'])
        self.assertIn('Timed out after 1s waiting for the network service '
                      'to plug ports', server['fault']['message'])
        self.assertEqual([], self.ports_of(server['id']))


class TestVifPluggingNotFatal(NetworkingTestBase):

    vif_events = False
    cloud_flags = {'vif_plugging_timeout': 1, 'vif_plugging_is_fatal': False}

    def test_build_goes_on_without_the_event(self):
        server = self.boot('auto')
        self.assertEqual('ACTIVE', server['status'], server.get('fault'))
        self.assertEqual(1, len(self.ports_of(server['id'])))
