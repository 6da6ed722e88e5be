"""A user boots servers through the whole stack, over HTTP.

API -> conductor -> scheduler/placement -> compute -> fake virt driver,
all running in this process as ``nova-all`` runs them.
"""

import threading

from nova import context as nova_context
from nova.db.main import api as main_db_api
from nova import exception
from nova import objects
from nova import service
from nova.tests.fixtures import cloud as cloud_fixture


class BootTestBase(cloud_fixture.SharedCloudTestCase):

    fake_hosts = 1

    @classmethod
    def cloud_arguments(cls):
        return {'fake_hosts': cls.fake_hosts}

    def setUp(self):
        super().setUp()
        self.api = self.cloud.admin_api


class TestServerLifecycle(BootTestBase):

    def test_boot_show_list_delete(self):
        created = self.api.create_server(name='web-1')['server']
        self.assertIn('adminPass', created)
        server = self.api.wait_for_status(created['id'], 'ACTIVE')
        self.assertEqual('web-1', server['name'])
        self.assertEqual('active', server['OS-EXT-STS:vm_state'])
        self.assertEqual(1, server['OS-EXT-STS:power_state'])
        self.assertEqual(self.cloud.computes[0].host,
                         server['OS-EXT-SRV-ATTR:host'])
        self.assertEqual('m1.tiny', server['flavor']['original_name'])

        listed = self.api.get('/servers').json()['servers']
        self.assertEqual([created['id']], [s['id'] for s in listed])
        detail = self.api.get('/servers/detail').json()['servers']
        self.assertEqual('ACTIVE', detail[0]['status'])

        # Placement holds the claim while the server exists...
        report = self.cloud.computes[0].manager.report_client
        ctxt = nova_context.get_admin_context()
        self.assertTrue(report.get_allocations_for_consumer(
            ctxt, created['id']))

        resp = self.api.delete('/servers/%s' % created['id'])
        self.assertEqual(204, resp.status_code)
        self.api.wait_until_gone(created['id'])
        self.assertEqual([], self.api.get('/servers').json()['servers'])
        # ...and frees it when the server is deleted.
        self.assertFalse(report.get_allocations_for_consumer(
            ctxt, created['id']))

    def test_min_count_ten_in_one_request(self):
        resp = self.api.post('/servers', {'server': {
            'name': 'many', 'imageRef': '155d900f-4e14-4e4c-a73d-069cbf4541e6',
            'flavorRef': '1', 'networks': 'none', 'min_count': 10,
            'max_count': 10}})
        self.assertEqual(202, resp.status_code, resp.text)
        servers = self.api.get('/servers/detail').json()['servers']
        self.assertEqual(10, len(servers))
        for server in servers:
            self.api.wait_for_status(server['id'], 'ACTIVE')
        names = sorted(s['name'] for s in
                       self.api.get('/servers/detail').json()['servers'])
        self.assertEqual(sorted('many-%d' % i for i in range(1, 11)), names)

    def test_paging_with_limit_and_marker(self):
        ids = [self.api.create_server(name='p%d' % i)['server']['id']
               for i in range(5)]
        seen = []
        marker = None
        while True:
            path = '/servers?limit=2' + (
                '&marker=%s' % marker if marker else '')
            body = self.api.get(path).json()
            seen.extend(s['id'] for s in body['servers'])
            if 'servers_links' not in body:
                break
            marker = body['servers'][-1]['id']
        self.assertEqual(sorted(ids), sorted(seen))
        self.assertEqual(len(ids), len(seen))

    def test_flavor_too_big_for_every_host_ends_in_cell0(self):
        # Bigger than any host, not than the project's quota.
        self.flags(ram=-1, group='quota')
        resp = self.api.post('/flavors', {'flavor': {
            'name': 'huge', 'ram': 10 ** 7, 'vcpus': 1, 'disk': 1,
            'id': 'huge'}})
        self.assertEqual(200, resp.status_code, resp.text)
        created = self.api.create_server(name='big', flavor='huge')['server']
        server = self.api.wait_for_status(created['id'], 'ERROR')
        self.assertEqual(500, server['fault']['code'])
        self.assertIn('No valid host', server['fault']['message'])
        listed = self.api.get('/servers/detail').json()['servers']
        self.assertEqual(['ERROR'], [s['status'] for s in listed])
        ctxt = nova_context.get_admin_context()
        mapping = objects.InstanceMapping.get_by_instance_uuid(
            ctxt, created['id'])
        self.assertTrue(mapping.cell_mapping.is_cell0())
        # An instance in cell0 can be deleted like any other.
        self.assertEqual(204, self.api.delete(
            '/servers/%s' % created['id']).status_code)
        self.api.wait_until_gone(created['id'])

    def test_access_addresses_given_at_create_are_shown(self):
        created = self.api.create_server(
            accessIPv4='192.0.2.7', accessIPv6='2001:db8::7')['server']
        server = self.api.wait_for_status(created['id'], 'ACTIVE')
        self.assertEqual(('192.0.2.7', '2001:db8::7'),
                         (server['accessIPv4'], server['accessIPv6']))
        plain = self.api.create_server(name='plain')['server']
        self.assertEqual(('', ''), tuple(self.api.get_server(
            plain['id'])[key] for key in ('accessIPv4', 'accessIPv6')))

    def test_flavor_with_an_integer_id_boots(self):
        # NOTE: an id of 0 is false and gets a UUID, as in Nova
        # (test_flavors_manage).
        resp = self.api.post('/flavors', {'flavor': {
            'name': 'int-424242', 'id': 424242, 'ram': 64, 'vcpus': 1,
            'disk': 1}})
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertEqual('424242', resp.json()['flavor']['id'])
        self.assertEqual(200, self.api.get('/flavors/424242').status_code)
        created = self.api.create_server(flavor='424242')['server']
        server = self.api.wait_for_status(created['id'], 'ACTIVE')
        self.assertEqual('int-424242', server['flavor']['original_name'])
        self.assertEqual(202, self.api.delete('/flavors/424242').status_code)


class TestComputeHasNoDatabase(BootTestBase):

    def _in_compute_thread(self, func):
        role = self.cloud.computes[0].role
        outcome = {}

        def run():
            service.adopt_role(role)
            try:
                outcome['result'] = func()
            except Exception as error:
                outcome['error'] = error

        thread = threading.Thread(target=run)
        thread.start()
        thread.join()
        return outcome

    def test_compute_threads_are_poisoned_and_still_boot(self):
        created = self.api.create_server(name='x')['server']
        self.api.wait_for_status(created['id'], 'ACTIVE')
        ctxt = nova_context.get_admin_context()

        @main_db_api.pick_context_manager_reader
        def direct_read(context):
            return context.session.execute(
                __import__('sqlalchemy').text('SELECT 1')).scalar()

        outcome = self._in_compute_thread(lambda: direct_read(ctxt))
        self.assertIsInstance(outcome.get('error'), exception.DBNotAllowed)
        # The same thread reaches the data through the conductor.
        outcome = self._in_compute_thread(
            lambda: objects.Instance.get_by_uuid(ctxt, created['id']))
        self.assertEqual(created['id'], outcome['result'].uuid)
        # Other threads still have their database.
        self.assertEqual(1, direct_read(ctxt))


class TestReschedule(BootTestBase):

    fake_hosts = 2

    def test_failed_spawn_moves_to_an_alternate_host(self):
        first, second = self.cloud.computes
        # Every build on the first host fails; the scheduler may pick
        # either host first, so fail whichever it picks by UUID.
        created_holder = {}

        class FailOnce(dict):
            def get(self, uuid, default=None):
                if uuid not in created_holder:
                    created_holder[uuid] = True
                    return exception.InstanceSpawnFailure(
                        instance_uuid=uuid, reason='injected')
                return default

        for compute in (first, second):
            driver = compute.manager.driver
            self.addCleanup(setattr, driver, 'fail_spawn_for',
                            driver.fail_spawn_for)
            driver.fail_spawn_for = FailOnce()
        created = self.api.create_server(name='retry')['server']
        server = self.api.wait_for_status(created['id'], ['ACTIVE', 'ERROR'])
        self.assertEqual('ACTIVE', server['status'], server.get('fault'))
        hosts = {c.host for c in self.cloud.computes}
        self.assertIn(server['OS-EXT-SRV-ATTR:host'], hosts)
        # Exactly one host holds the claim now.
        report = first.manager.report_client
        allocations = report.get_allocations_for_consumer(
            nova_context.get_admin_context(), created['id'])
        self.assertEqual(1, len(allocations))
