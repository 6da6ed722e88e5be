"""Nothing stays half done after a restart: a compute host that starts
again finishes or fails what its instances were doing, and the conductor
fails builds whose request never reached a cell."""

import time

import fixtures

from nova.compute import recovery
from nova import context as nova_context
from nova import objects
from nova.tests.fixtures import cloud as cloud_fixture


class TestRecovery(cloud_fixture.SharedCloudTestCase):

    def setUp(self):
        super().setUp()
        self.api = self.cloud.api_for('demo', 'demo')
        self.admin = self.cloud.admin_api
        self.ctxt = nova_context.get_admin_context()
        self.manager = self.cloud.computes[0].manager

    def boot(self):
        server_id = self.api.create_server(name='vm')['server']['id']
        self.api.wait_for_status(server_id, 'ACTIVE')
        return server_id

    def crash_during(self, server_id, vm_state, task_state):
        """Leave the instance as a host that died mid-operation would."""
        mapping = objects.InstanceMapping.get_by_instance_uuid(self.ctxt,
                                                               server_id)
        with nova_context.target_cell(self.ctxt,
                                      mapping.cell_mapping) as cctxt:
            instance = objects.Instance.get_by_uuid(cctxt, server_id)
            instance.vm_state = vm_state
            instance.task_state = task_state
            instance.save()

    def allocations(self, consumer):
        return self.manager.report_client.get_allocations_for_consumer(
            self.ctxt, consumer)

    def test_restarted_host_ends_every_operation(self):
        building, stopping, snapshotting, deleting = (
            self.boot() for _ in range(4))
        self.crash_during(building, 'building', 'spawning')
        self.crash_during(stopping, 'active', 'powering-off')
        self.crash_during(snapshotting, 'active', 'image_uploading')
        self.crash_during(deleting, 'active', 'deleting')
        self.assertEqual(4, recovery.recover_host(self.ctxt, self.manager))

        server = self.admin.get_server(building)
        self.assertEqual('ERROR', server['status'])
        self.assertIn('interrupted by a restart', server['fault']['message'])
        self.assertEqual({}, self.allocations(building))
        # The stop is done again.
        self.assertEqual('SHUTOFF', self.admin.get_server(stopping)['status'])
        server = self.admin.get_server(snapshotting)
        self.assertEqual(('ACTIVE', None),
                         (server['status'], server['OS-EXT-STS:task_state']))
        self.admin.wait_until_gone(deleting)
        self.assertEqual({}, self.allocations(deleting))
        # Nothing left to do the second time.
        self.assertEqual(0, recovery.recover_host(self.ctxt, self.manager))

    def test_lost_builds_end_in_error(self):
        # The build's message to the conductor is lost.
        self.useFixture(fixtures.MockPatch(
            'nova.conductor.rpcapi.ComputeTaskAPI.'
            'schedule_and_build_instances'))
        server_id = self.api.create_server(name='lost')['server']['id']
        self.assertEqual('BUILD', self.api.get_server(server_id)['status'])
        conductor = [s for s in self.cloud.cloud.services
                     if s.binary == 'nova-conductor'][0].manager
        self.flags(build_request_timeout=1, group='conductor')
        conductor._fail_stale_build_requests(self.ctxt)
        self.assertEqual('BUILD', self.api.get_server(server_id)['status'])
        time.sleep(1.1)
        conductor._fail_stale_build_requests(self.ctxt)
        server = self.api.get_server(server_id)
        self.assertEqual('ERROR', server['status'])
        self.assertIn('was not scheduled', server['fault']['message'])
        self.assertEqual(204, self.api.delete(
            '/servers/%s' % server_id).status_code)
        self.api.wait_until_gone(server_id)

    def test_guests_lost_with_the_host_are_stopped_and_start_again(self):
        self.flags(resume_guests_state_on_host_boot=False)
        server_id = self.boot()
        self.manager.driver._guests.pop(server_id)
        self.assertEqual(1, recovery.recover_host(self.ctxt, self.manager))
        server = self.admin.get_server(server_id)
        self.assertEqual(('SHUTOFF', 0),
                         (server['status'], server['OS-EXT-STS:power_state']))
        self.assertEqual(202, self.api.post(
            '/servers/%s/action' % server_id, {'os-start': None}).status_code)
        server = self.api.wait_for_status(server_id, 'ACTIVE')
        self.assertEqual(1, server['OS-EXT-STS:power_state'])

    def test_guests_of_active_servers_can_be_started_on_host_boot(self):
        self.flags(resume_guests_state_on_host_boot=True)
        server_id = self.boot()
        self.manager.driver._guests.pop(server_id)
        self.assertEqual(1, recovery.recover_host(self.ctxt, self.manager))
        server = self.admin.get_server(server_id)
        self.assertEqual(('ACTIVE', 1),
                         (server['status'], server['OS-EXT-STS:power_state']))
        self.assertIn(server_id, self.manager.driver.list_instance_uuids())
