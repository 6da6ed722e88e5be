"""A user resizes a server and confirms or reverts it; an admin cold
migrates one (to a chosen host at 2.56). While a move waits in
VERIFY_RESIZE the migration holds the source host's allocation and the
instance the destination's; afterwards exactly one allocation is left.
"""

import time

from nova import context as nova_context
from nova import exception
from nova import objects
from nova.tests.fixtures import cloud as cloud_fixture


class MoveTestCase(cloud_fixture.SharedCloudTestCase):

    cloud_options = {'fake_hosts': 2}

    def setUp(self):
        super().setUp()
        self.api = self.cloud.api_for('demo', 'demo')
        self.admin = self.cloud.admin_api
        self.server_id = self.api.create_server(name='vm')['server']['id']
        self.api.wait_for_status(self.server_id, 'ACTIVE')
        self.source = self.host()

    def host(self):
        return self.admin.get_server(self.server_id)['OS-EXT-SRV-ATTR:host']

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

    def allocations(self, consumer):
        report = self.cloud.computes[0].manager.report_client
        return report.get_allocations_for_consumer(
            nova_context.get_admin_context(), consumer)

    def migrations(self):
        return self.admin.get(
            '/os-migrations?instance_uuid=%s' % self.server_id,
            microversion='2.59').json()['migrations']

    def resources(self, consumer):
        allocations = self.allocations(consumer)
        return [a['resources'] for a in allocations.values()]


class TestResize(MoveTestCase):

    def test_resize_and_confirm(self):
        resp = self.act({'resize': {'flavorRef': '2'}})
        self.assertEqual(202, resp.status_code, resp.text)
        server = self.wait_idle()
        self.assertEqual('VERIFY_RESIZE', server['status'])
        self.assertEqual('m1.small', server['flavor']['original_name'])
        self.assertNotEqual(self.source, server['OS-EXT-SRV-ATTR:host'])
        migration = self.migrations()[0]
        self.assertEqual(('finished', 'resize', self.source),
                         (migration['status'], migration['migration_type'],
                          migration['source_compute']))
        # The migration holds the old flavor's resources on the source,
        # the instance the new one's on the destination.
        self.assertEqual([{'VCPU': 1, 'MEMORY_MB': 512, 'DISK_GB': 1}],
                         self.resources(migration['uuid']))
        self.assertEqual([{'VCPU': 1, 'MEMORY_MB': 2048, 'DISK_GB': 20}],
                         self.resources(self.server_id))
        resp = self.act({'confirmResize': None})
        self.assertEqual(204, resp.status_code, resp.text)
        server = self.admin.wait_for_status(self.server_id, 'ACTIVE')
        self.assertEqual('confirmed', self.migrations()[0]['status'])
        self.assertEqual({}, self.allocations(migration['uuid']))
        self.assertEqual(1, len(self.allocations(self.server_id)))
        source_driver = [c.manager.driver for c in self.cloud.computes
                         if c.host == self.source][0]
        self.assertNotIn(self.server_id, source_driver.resize_sources)

    def test_resize_and_revert(self):
        self.assertEqual(202, self.act(
            {'resize': {'flavorRef': '2'}}).status_code)
        self.assertEqual('VERIFY_RESIZE', self.wait_idle()['status'])
        migration = self.migrations()[0]
        resp = self.act({'revertResize': None})
        self.assertEqual(202, resp.status_code, resp.text)
        server = self.wait_idle()
        self.assertEqual(('ACTIVE', 'm1.tiny', self.source),
                         (server['status'], server['flavor']['original_name'],
                          server['OS-EXT-SRV-ATTR:host']))
        self.assertEqual('reverted', self.migrations()[0]['status'])
        self.assertEqual({}, self.allocations(migration['uuid']))
        self.assertEqual([{'VCPU': 1, 'MEMORY_MB': 512, 'DISK_GB': 1}],
                         self.resources(self.server_id))

    def test_a_stopped_server_stays_stopped(self):
        self.act({'os-stop': None})
        self.assertEqual('SHUTOFF', self.wait_idle()['status'])
        self.assertEqual(202, self.act(
            {'resize': {'flavorRef': '2'}}).status_code)
        self.assertEqual('VERIFY_RESIZE', self.wait_idle()['status'])
        self.assertEqual(204, self.act({'confirmResize': None}).status_code)
        self.admin.wait_for_status(self.server_id, 'SHUTOFF')

    def test_bad_resizes(self):
        cases = [({'resize': {'flavorRef': '1'}}, 400),
                 ({'resize': {'flavorRef': '999'}}, 400),
                 ({'resize': {}}, 400),
                 ({'resize': {'flavorRef': '2', 'x': 1}}, 400),
                 ({'confirmResize': None}, 409),
                 ({'revertResize': None}, 409),
                 ({'confirmResize': {'now': True}}, 400)]
        for body, code in cases:
            resp = self.act(body)
            self.assertEqual(code, resp.status_code, (body, resp.text))
        other = self.cloud.api_for('alt', 'alt')
        self.assertEqual(404, self.act({'resize': {'flavorRef': '2'}},
                                       api=other).status_code)
        self.assertEqual('ACTIVE', self.wait_idle()['status'])
        self.assertEqual([], self.migrations())

    def test_no_valid_host_is_400_and_changes_nothing(self):
        # Bigger than any host, not than the quota.
        self.flags(ram=-1, group='quota')
        resp = self.admin.post('/flavors', {'flavor': {
            'name': 'huge-%s' % self.server_id[:8], 'ram': 10 ** 6,
            'vcpus': 1, 'disk': 1}})
        self.assertEqual(200, resp.status_code, resp.text)
        huge = resp.json()['flavor']['id']
        self.addCleanup(self.admin.delete, '/flavors/%s' % huge)
        # More memory than any fake host has.
        resp = self.act({'resize': {'flavorRef': huge}})
        self.assertEqual(400, resp.status_code, resp.text)
        self.assertIn('No valid host', resp.text)
        server = self.wait_idle()
        self.assertEqual(('ACTIVE', 'm1.tiny'),
                         (server['status'],
                          server['flavor']['original_name']))
        self.assertEqual('error', self.migrations()[0]['status'])
        self.assertEqual([{'VCPU': 1, 'MEMORY_MB': 512, 'DISK_GB': 1}],
                         self.resources(self.server_id))

    def test_a_failed_move_is_error_with_one_allocation(self):
        driver = [c.manager.driver for c in self.cloud.computes
                  if c.host == self.source][0]
        driver.fail_migration_for[self.server_id] = (
            exception.HypervisorUnavailable(host=self.source))
        self.addCleanup(driver.fail_migration_for.clear)
        self.assertEqual(202, self.act(
            {'resize': {'flavorRef': '2'}}).status_code)
        server = self.admin.wait_for_status(self.server_id, 'ERROR')
        self.assertIn('fault', server)
        self.assertEqual('error', self.migrations()[0]['status'])
        self.assertEqual([{'VCPU': 1, 'MEMORY_MB': 512, 'DISK_GB': 1}],
                         self.resources(self.server_id))


class TestColdMigrate(MoveTestCase):

    def test_migrate_is_for_admins_and_keeps_the_flavor(self):
        self.assertEqual(403, self.act({'migrate': None}).status_code)
        resp = self.act({'migrate': None}, api=self.admin)
        self.assertEqual(202, resp.status_code, resp.text)
        server = self.wait_idle()
        self.assertEqual(('VERIFY_RESIZE', 'm1.tiny'),
                         (server['status'],
                          server['flavor']['original_name']))
        self.assertNotEqual(self.source, server['OS-EXT-SRV-ATTR:host'])
        self.assertEqual('migration',
                         self.migrations()[0]['migration_type'])
        self.assertEqual(204, self.act({'confirmResize': None}).status_code)

    def test_migrate_to_a_host(self):
        other = [c.host for c in self.cloud.computes
                 if c.host != self.source][0]
        for host, code in ((self.source, 400), ('no-such-host', 400)):
            resp = self.act({'migrate': {'host': host}}, api=self.admin,
                            microversion='2.56')
            self.assertEqual(code, resp.status_code, resp.text)
        resp = self.act({'migrate': {'host': other}}, api=self.admin,
                        microversion='2.55')
        self.assertEqual(400, resp.status_code, resp.text)
        resp = self.act({'migrate': {'host': other}}, api=self.admin,
                        microversion='2.56')
        self.assertEqual(202, resp.status_code, resp.text)
        self.assertEqual(other, self.wait_idle()['OS-EXT-SRV-ATTR:host'])
        self.assertEqual(202, self.act({'revertResize': None}).status_code)
        self.assertEqual(self.source, self.wait_idle()[
            'OS-EXT-SRV-ATTR:host'])

    def test_delete_while_waiting_for_confirmation(self):
        self.assertEqual(202, self.act({'migrate': None},
                                       api=self.admin).status_code)
        self.assertEqual('VERIFY_RESIZE', self.wait_idle()['status'])
        migration = self.migrations()[0]
        self.assertEqual(204, self.api.delete(
            '/servers/%s' % self.server_id).status_code)
        self.api.wait_until_gone(self.server_id)
        # The host frees the allocations just after the record goes.
        deadline = time.time() + 30
        while (self.allocations(migration['uuid']) or
               self.allocations(self.server_id)):
            self.assertLess(time.time(), deadline)
            time.sleep(0.05)

    def test_unconfirmed_moves_are_confirmed_after_the_window(self):
        self.flags(resize_confirm_window=1)
        self.assertEqual(202, self.act({'migrate': None},
                                       api=self.admin).status_code)
        self.assertEqual('VERIFY_RESIZE', self.wait_idle()['status'])
        dest = [c.manager for c in self.cloud.computes
                if c.host == self.host()][0]
        ctxt = nova_context.get_admin_context()
        dest._poll_unconfirmed_resizes(ctxt)
        self.assertEqual('VERIFY_RESIZE', self.wait_idle()['status'])
        time.sleep(1.1)
        dest._poll_unconfirmed_resizes(ctxt)
        self.admin.wait_for_status(self.server_id, 'ACTIVE')
        self.assertEqual('confirmed', self.migrations()[0]['status'])


class TestLiveMigrate(MoveTestCase):

    def live(self, host=None, microversion='2.100', api=None, **extra):
        body = dict({'host': host, 'block_migration': 'auto'}, **extra)
        return self.act({'os-migrateLive': body}, api=api or self.admin,
                        microversion=microversion)

    def test_live_migrate_keeps_the_guest_running(self):
        self.assertEqual(403, self.live(api=self.api).status_code)
        resp = self.live()
        self.assertEqual(202, resp.status_code, resp.text)
        deadline = time.time() + 30
        while self.host() == self.source:
            self.assertLess(time.time(), deadline)
            time.sleep(0.05)
        server = self.wait_idle()
        self.assertEqual(('ACTIVE', 1), (server['status'],
                                         server['OS-EXT-STS:power_state']))
        while self.migrations()[0]['status'] != 'completed':
            self.assertLess(time.time(), deadline)
            time.sleep(0.05)
        migration = self.migrations()[0]
        self.assertEqual(('live-migration', 'completed'),
                         (migration['migration_type'], migration['status']))
        self.assertEqual({}, self.allocations(migration['uuid']))
        self.assertEqual(1, len(self.allocations(self.server_id)))
        # And back, to a named host, paused.
        self.act({'pause': None})
        self.assertEqual('PAUSED', self.wait_idle()['status'])
        self.assertEqual(202, self.live(host=self.source).status_code)
        while self.host() != self.source:
            self.assertLess(time.time(), deadline)
            time.sleep(0.05)
        self.assertEqual('PAUSED', self.wait_idle()['status'])

    def test_bad_live_migrations(self):
        cases = [(self.live(host='no-such-host'), 400),
                 (self.live(host=self.source), 400),
                 (self.live(microversion='2.24'), 400),
                 (self.act({'os-migrateLive': {'host': None}},
                           api=self.admin), 400),
                 (self.live(force=True, microversion='2.67'), 202)]
        for resp, code in cases:
            self.assertEqual(code, resp.status_code, resp.text)
        self.wait_idle()
        self.act({'suspend': None})
        self.assertEqual('SUSPENDED', self.wait_idle()['status'])
        resp = self.live()
        self.assertEqual(409, resp.status_code, resp.text)

    def test_a_failed_live_migration_stays_where_it_was(self):
        driver = [c.manager.driver for c in self.cloud.computes
                  if c.host == self.source][0]
        driver.fail_migration_for[self.server_id] = (
            exception.HypervisorUnavailable(host=self.source))
        self.addCleanup(driver.fail_migration_for.clear)
        self.assertEqual(202, self.live().status_code)
        deadline = time.time() + 30
        while [m['status'] for m in self.migrations()] != ['error']:
            self.assertLess(time.time(), deadline)
            time.sleep(0.05)
        server = self.wait_idle()
        self.assertEqual(('ACTIVE', self.source),
                         (server['status'], server['OS-EXT-SRV-ATTR:host']))
        self.assertEqual([{'VCPU': 1, 'MEMORY_MB': 512, 'DISK_GB': 1}],
                         self.resources(self.server_id))

    def held_migration(self):
        """Start a live migration the source's driver holds; its id."""
        driver = [c.manager.driver for c in self.cloud.computes
                  if c.host == self.source][0]
        driver.hold_live_migration_for.add(self.server_id)
        self.addCleanup(driver.stop_holding_live_migrations)
        self.assertEqual(202, self.live().status_code)
        deadline = time.time() + 30
        while not driver.is_live_migration_held(self.server_id):
            self.assertLess(time.time(), deadline)
            time.sleep(0.05)
        listed = self.admin.get('/servers/%s/migrations' % self.server_id,
                                microversion='2.24').json()['migrations']
        self.assertEqual(['running'], [m['status'] for m in listed])
        return listed[0]['id']

    def migration_url(self, migration_id):
        return '/servers/%s/migrations/%s' % (self.server_id, migration_id)

    def wait_migration(self, status):
        deadline = time.time() + 30
        while [m['status'] for m in self.migrations()] != [status]:
            self.assertLess(time.time(), deadline, self.migrations())
            time.sleep(0.05)

    def test_force_complete_finishes_a_running_live_migration(self):
        migration_id = self.held_migration()
        url = self.migration_url(migration_id) + '/action'
        body = {'force_complete': None}
        for resp, code in (
                (self.api.post(url, body, microversion='2.22'), 403),
                (self.admin.post(url, body, microversion='2.21'), 404),
                (self.admin.post(url, {'force_complete': {}},
                                 microversion='2.22'), 400),
                (self.admin.post(self.migration_url(999999) + '/action',
                                 body, microversion='2.22'), 400)):
            self.assertEqual(code, resp.status_code, resp.text)
        resp = self.admin.post(url, body, microversion='2.22')
        self.assertEqual(202, resp.status_code, resp.text)
        self.wait_migration('completed')
        server = self.wait_idle()
        self.assertNotEqual(self.source, server['OS-EXT-SRV-ATTR:host'])
        actions = self.admin.get('/servers/%s/os-instance-actions' %
                                 self.server_id).json()['instanceActions']
        self.assertIn('live_migration_force_complete',
                      [a['action'] for a in actions])
        # Nothing is migrating any more: 409.
        resp = self.admin.post(url, body, microversion='2.22')
        self.assertEqual(409, resp.status_code, resp.text)

    def test_abort_leaves_the_server_where_it_was(self):
        migration_id = self.held_migration()
        url = self.migration_url(migration_id)
        for resp, code in (
                (self.api.delete(url, microversion='2.24'), 403),
                (self.admin.delete(url, microversion='2.23'), 404),
                (self.admin.delete(self.migration_url(999999),
                                   microversion='2.24'), 404)):
            self.assertEqual(code, resp.status_code, resp.text)
        resp = self.admin.delete(url, microversion='2.24')
        self.assertEqual(202, resp.status_code, resp.text)
        self.wait_migration('cancelled')
        server = self.wait_idle()
        self.assertEqual(('ACTIVE', self.source),
                         (server['status'], server['OS-EXT-SRV-ATTR:host']))
        self.assertNotIn('fault', server)
        self.assertEqual([{'VCPU': 1, 'MEMORY_MB': 512, 'DISK_GB': 1}],
                         self.resources(self.server_id))
        self.assertEqual({}, self.allocations(self.migrations()[0]['uuid']))
        # A cancelled migration can be neither aborted nor completed.
        resp = self.admin.delete(url, microversion='2.24')
        self.assertEqual(409, resp.status_code, resp.text)


class TestMissingGuest(MoveTestCase):
    """A driver that no longer has the guest fails the operation; the
    server never stays in a task (regression: it stayed RESIZE)."""

    def forget_guest(self):
        driver = [c.manager.driver for c in self.cloud.computes
                  if c.host == self.source][0]
        driver._guests.pop(self.server_id)

    def test_resize(self):
        self.forget_guest()
        self.assertEqual(202, self.act(
            {'resize': {'flavorRef': '2'}}).status_code)
        server = self.admin.wait_for_status(self.server_id, 'ERROR')
        self.assertIsNone(server['OS-EXT-STS:task_state'])
        self.assertEqual(1, len(self.allocations(self.server_id)))

    def test_snapshot_rebuild_and_shelve(self):
        self.forget_guest()
        resp = self.act({'createImage': {'name': 'lost'}})
        self.assertEqual(202, resp.status_code, resp.text)
        server = self.wait_idle()
        self.assertEqual('ACTIVE', server['status'])
        self.assertEqual(404, self.api.get(
            '/images/%s' % resp.json()['image_id'],
            microversion='2.35').status_code)
        self.assertEqual(202, self.act({'shelve': None}).status_code)
        self.assertEqual('ACTIVE', self.wait_idle()['status'])


class TestEvacuate(MoveTestCase):

    def force_down(self, host, down=True):
        ctxt = nova_context.get_admin_context()
        mapping = objects.HostMapping.get_by_host(ctxt, host)
        with nova_context.target_cell(ctxt, mapping.cell_mapping) as cctxt:
            service = objects.Service.get_by_compute_host(cctxt, host)
            service.forced_down = down
            service.save()
        if down:
            self.addCleanup(self.force_down, host, False)

    def evacuate(self, microversion='2.100', **args):
        return self.act({'evacuate': args}, api=self.admin,
                        microversion=microversion)

    def test_evacuate_from_a_down_host(self):
        resp = self.evacuate()
        self.assertEqual(400, resp.status_code, resp.text)
        self.assertIn('still in use', resp.text)
        self.force_down(self.source)
        self.assertEqual(403, self.act({'evacuate': {}}).status_code)
        resp = self.evacuate(microversion='2.94', adminPass='ev-1')
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertEqual(b'', resp.content)
        deadline = time.time() + 30
        while self.host() == self.source:
            self.assertLess(time.time(), deadline)
            time.sleep(0.05)
        server = self.wait_idle()
        self.assertEqual('ACTIVE', server['status'])
        dest = [c.manager.driver for c in self.cloud.computes
                if c.host == server['OS-EXT-SRV-ATTR:host']][0]
        self.assertEqual('ev-1', dest.admin_passwords[self.server_id])
        while self.migrations()[0]['status'] != 'done':
            self.assertLess(time.time(), deadline)
            time.sleep(0.05)
        migration = self.migrations()[0]
        self.assertEqual(('evacuation', 'done'),
                         (migration['migration_type'], migration['status']))
        self.assertEqual({}, self.allocations(migration['uuid']))
        self.assertEqual(1, len(self.allocations(self.server_id)))

    def test_evacuated_servers_stop_at_2_95_and_bad_requests(self):
        self.force_down(self.source)
        for args, version in (({'host': self.source}, '2.100'),
                              ({'host': 'nowhere'}, '2.100'),
                              ({}, '2.13'),
                              ({'onSharedStorage': False, 'x': 1}, '2.13'),
                              ({'force': True}, '2.68')):
            resp = self.evacuate(microversion=version, **args)
            self.assertEqual(400, resp.status_code, (args, resp.text))
        resp = self.evacuate(microversion='2.13', onSharedStorage=False)
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertIn('adminPass', resp.json())
        deadline = time.time() + 30
        while self.host() == self.source:
            self.assertLess(time.time(), deadline)
            time.sleep(0.05)
        self.wait_idle()
        # Back to the first host, now up; the other one is down.
        self.force_down(self.source, False)
        self.force_down(self.host())
        self.assertEqual(200, self.evacuate(
            host=self.source).status_code)
        while self.host() != self.source:
            self.assertLess(time.time(), deadline)
            time.sleep(0.05)
        self.assertEqual('SHUTOFF', self.wait_idle()['status'])


class TestSameHost(MoveTestCase):
    """allow_resize_to_same_host lets a resize stay; a cold migration
    always leaves (regression: it could land on its own host)."""

    def test_migrate_leaves_and_resize_may_stay(self):
        self.flags(allow_resize_to_same_host=True)
        for _attempt in range(3):
            self.assertEqual(202, self.act({'migrate': None},
                                           api=self.admin).status_code)
            server = self.wait_idle()
            self.assertNotEqual(self.source, server['OS-EXT-SRV-ATTR:host'])
            self.assertEqual(202, self.act({'revertResize': None}).status_code)
            self.assertEqual(self.source,
                             self.wait_idle()['OS-EXT-SRV-ATTR:host'])
        # With the other host disabled, the resize stays where it is.
        other = [c for c in self.cloud.computes if c.host != self.source][0]
        self.disable(other.host)
        self.assertEqual(202, self.act(
            {'resize': {'flavorRef': '2'}}).status_code)
        self.assertEqual(('VERIFY_RESIZE', self.source),
                         (self.wait_idle()['status'],
                          self.wait_idle()['OS-EXT-SRV-ATTR:host']))

    def disable(self, host):
        ctxt = nova_context.get_admin_context()
        mapping = objects.HostMapping.get_by_host(ctxt, host)
        with nova_context.target_cell(ctxt, mapping.cell_mapping) as cctxt:
            service = objects.Service.get_by_compute_host(cctxt, host)
            service.disabled = True
            service.save()

        def enable():
            with nova_context.target_cell(ctxt,
                                          mapping.cell_mapping) as cctxt:
                service = objects.Service.get_by_compute_host(cctxt, host)
                service.disabled = False
                service.save()
        self.addCleanup(enable)
