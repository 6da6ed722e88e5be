"""A user shelves and unshelves a server over HTTP; an admin offloads it
and unshelves it onto another host. An offloaded server holds no host and
no placement allocation; unshelving claims one again."""

import time

from nova import context as nova_context
from nova.tests.fixtures import cloud as cloud_fixture


class TestServerShelve(cloud_fixture.SharedCloudTestCase):

    cloud_options = {'fake_hosts': 2}

    def setUp(self):
        super().setUp()
        self.api = self.cloud.api_for('demo', 'demo')
        self.admin = self.cloud.admin_api
        self.server_id = self.api.create_server(name='vm')['server']['id']
        self.api.wait_for_status(self.server_id, 'ACTIVE')

    def act(self, body, api=None, microversion='2.100'):
        return (api or self.api).post('/servers/%s/action' % self.server_id,
                                      body, microversion=microversion)

    def wait_idle(self):
        deadline = time.time() + 30
        while True:
            server = self.admin.get_server(self.server_id)
            if server['OS-EXT-STS:task_state'] is None:
                return server
            self.assertLess(time.time(), deadline, server)
            time.sleep(0.05)

    def allocations(self):
        report = self.cloud.computes[0].manager.report_client
        return report.get_allocations_for_consumer(
            nova_context.get_admin_context(), self.server_id)

    def image_count(self, name):
        images = self.api.get('/images?name=%s' % name,
                              microversion='2.35').json()['images']
        return len(images)

    def test_shelve_offloads_and_unshelve_claims_again(self):
        resp = self.act({'shelve': None})
        self.assertEqual(202, resp.status_code, resp.text)
        server = self.wait_idle()
        self.assertEqual('SHELVED_OFFLOADED', server['status'])
        self.assertIsNone(server['OS-EXT-SRV-ATTR:host'])
        self.assertEqual({}, self.allocations())
        self.assertEqual(1, self.image_count('vm-shelved'))
        resp = self.act({'unshelve': None})
        self.assertEqual(202, resp.status_code, resp.text)
        server = self.wait_idle()
        self.assertEqual('ACTIVE', server['status'])
        self.assertIsNotNone(server['OS-EXT-SRV-ATTR:host'])
        self.assertEqual(1, len(self.allocations()))
        # The saved image is gone with the shelve.
        self.assertEqual(0, self.image_count('vm-shelved'))

    def test_kept_guest_offload_and_unshelve_to_a_host(self):
        self.flags(shelved_offload_time=-1)
        before = self.admin.get_server(self.server_id)[
            'OS-EXT-SRV-ATTR:host']
        self.assertEqual(202, self.act({'shelve': None}).status_code)
        server = self.wait_idle()
        self.assertEqual('SHELVED', server['status'])
        self.assertEqual(before, server['OS-EXT-SRV-ATTR:host'])
        # Only an offloaded server may go to a chosen zone or host.
        resp = self.act({'unshelve': {'availability_zone': 'nova'}})
        self.assertEqual(409, resp.status_code, resp.text)
        # Offloading is for admins.
        self.assertEqual(403, self.act({'shelveOffload': None}).status_code)
        self.assertEqual(202, self.act({'shelveOffload': None},
                                       api=self.admin).status_code)
        server = self.wait_idle()
        self.assertEqual('SHELVED_OFFLOADED', server['status'])
        self.assertEqual({}, self.allocations())
        other = [c.host for c in self.cloud.computes if c.host != before][0]
        self.assertEqual(403, self.act({'unshelve': {'host': other}},
                                       microversion='2.91').status_code)
        for body in ({'unshelve': {'availability_zone': 'nowhere'}},
                     {'unshelve': {'host': 'no-such-host'}}):
            resp = self.act(body, api=self.admin, microversion='2.91')
            self.assertEqual(400, resp.status_code, resp.text)
        resp = self.act({'unshelve': {'host': other}}, api=self.admin,
                        microversion='2.91')
        self.assertEqual(202, resp.status_code, resp.text)
        server = self.wait_idle()
        self.assertEqual(('ACTIVE', other),
                         (server['status'], server['OS-EXT-SRV-ATTR:host']))
        self.assertEqual(1, len(self.allocations()))

    def test_wrong_states_and_bodies(self):
        self.assertEqual(409, self.act({'unshelve': None}).status_code)
        self.assertEqual(409, self.act({'shelveOffload': None},
                                       api=self.admin).status_code)
        for body, version in (({'shelve': {'force': True}}, '2.100'),
                              ({'unshelve': {'availability_zone': 'x'}},
                               '2.76'),
                              ({'unshelve': {'host': 'x'}}, '2.90'),
                              ({'unshelve': {'other': 1}}, '2.100')):
            resp = self.act(body, microversion=version)
            self.assertEqual(400, resp.status_code, (body, resp.text))
        self.assertEqual('ACTIVE', self.wait_idle()['status'])

    def test_periodic_task_offloads_after_the_offload_time(self):
        self.flags(shelved_offload_time=1)
        self.assertEqual(202, self.act({'shelve': None}).status_code)
        self.assertEqual('SHELVED', self.wait_idle()['status'])
        manager = [c.manager for c in self.cloud.computes
                   if c.host == self.admin.get_server(self.server_id)[
                       'OS-EXT-SRV-ATTR:host']][0]
        ctxt = nova_context.get_admin_context()
        manager._poll_shelved_instances(ctxt)
        self.assertEqual('SHELVED', self.wait_idle()['status'])
        time.sleep(1.1)
        manager._poll_shelved_instances(ctxt)
        self.assertEqual('SHELVED_OFFLOADED', self.wait_idle()['status'])
        self.assertEqual({}, self.allocations())

    def test_deleting_a_shelved_server_deletes_its_image(self):
        self.assertEqual(202, self.act({'shelve': None}).status_code)
        self.assertEqual('SHELVED_OFFLOADED', self.wait_idle()['status'])
        self.assertEqual(1, self.image_count('vm-shelved'))
        self.assertEqual(204, self.api.delete(
            '/servers/%s' % self.server_id).status_code)
        self.api.wait_until_gone(self.server_id)
        self.assertEqual(0, self.image_count('vm-shelved'))
