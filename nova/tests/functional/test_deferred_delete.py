"""With ``reclaim_instance_interval`` a deleted server is only
soft-deleted: its guest stops and it waits, SOFT_DELETED, to be restored,
force-deleted, or reclaimed by its host."""

import time

from nova import context as nova_context
from nova.tests.fixtures import cloud as cloud_fixture


class TestDeferredDelete(cloud_fixture.SharedCloudTestCase):

    def setUp(self):
        super().setUp()
        self.flags(reclaim_instance_interval=1)
        # The shared cloud deletes each test's servers at once.
        self.addCleanup(self.flags, reclaim_instance_interval=0)
        self.api = self.cloud.api_for('demo', 'demo')
        self.server_id = self.api.create_server(name='vm')['server']['id']
        self.api.wait_for_status(self.server_id, 'ACTIVE')

    def act(self, body):
        return self.api.post('/servers/%s/action' % self.server_id, body)

    def soft_delete(self):
        resp = self.api.delete('/servers/%s' % self.server_id)
        self.assertEqual(204, resp.status_code, resp.text)
        return self.api.wait_for_status(self.server_id, 'SOFT_DELETED')

    def test_restore(self):
        self.assertEqual(409, self.act({'restore': None}).status_code)
        server = self.soft_delete()
        self.assertEqual(4, server['OS-EXT-STS:power_state'])
        self.assertEqual(202, self.act({'restore': {}}).status_code)
        server = self.api.wait_for_status(self.server_id, 'ACTIVE')
        self.assertEqual(1, server['OS-EXT-STS:power_state'])
        actions = self.api.get('/servers/%s/os-instance-actions' %
                               self.server_id).json()['instanceActions']
        self.assertEqual(['restore', 'delete', 'create'],
                         [a['action'] for a in actions])

    def test_force_delete(self):
        self.soft_delete()
        self.assertEqual(202, self.act({'forceDelete': None}).status_code)
        self.api.wait_until_gone(self.server_id)
        self.assertEqual(400, self.act({'forceDelete': {'x': 1}}).status_code)

    def test_host_reclaims_after_the_interval(self):
        self.soft_delete()
        manager = self.cloud.computes[0].manager
        ctxt = nova_context.get_admin_context()
        time.sleep(1.1)
        manager._reclaim_queued_deletes(ctxt)
        self.api.wait_until_gone(self.server_id)
        report = manager.report_client
        self.assertEqual({}, report.get_allocations_for_consumer(
            ctxt, self.server_id))
