"""HostState arithmetic and HostManager against real cell databases."""

import datetime

from oslo_utils import timeutils
from oslo_utils import uuidutils

from nova import context as nova_context
from nova import objects
from nova.scheduler import host_manager
from nova import test
from nova.tests.fixtures import database
from nova.tests.unit.scheduler import fakes


class TestHostState(test.TestCase):

    def test_capacity_from_placement_summary(self):
        node = fakes.compute_node('h', vcpus=4, memory_mb=1024, local_gb=10)
        state = host_manager.HostState(
            node, fakes.service('h'), fakes.CELL1,
            fakes.summary(vcpus=16, vcpus_used=3, ram=4096, ram_used=1096,
                          disk=50, disk_used=20), True)
        self.assertEqual(13, state.free_vcpus)
        self.assertEqual(3000, state.free_ram_mb)
        self.assertEqual(30 * 1024, state.free_disk_mb)
        self.assertEqual(set(), state.traits)

    def test_falls_back_to_the_compute_node(self):
        node = fakes.compute_node('h', vcpus=4, memory_mb=1024, local_gb=10,
                                  vcpus_used=1, memory_mb_used=24,
                                  local_gb_used=0, running_vms=None)
        for summary in (None, {'resources': {}}):
            state = host_manager.HostState(node, fakes.service('h'),
                                           fakes.CELL1, summary, True)
            self.assertEqual(3, state.free_vcpus)
            self.assertEqual(1000, state.free_ram_mb)
            self.assertEqual(10 * 1024, state.free_disk_mb)
            self.assertEqual(0, state.num_instances)

    def test_consume_from_request(self):
        state = fakes.host_state('h')
        spec = fakes.request_spec(vcpus=2, memory_mb=512, root_gb=5,
                                  ephemeral_gb=1)
        state.consume_from_request(spec)
        state.consume_from_request(spec)
        self.assertEqual(4, state.free_vcpus)
        self.assertEqual(8192 - 1024, state.free_ram_mb)
        self.assertEqual((100 - 12) * 1024, state.free_disk_mb)
        self.assertEqual(2, state.num_instances)
        self.assertIn('ram: 7168MB', repr(state))


class TestHostManager(test.TestCase):

    def setUp(self):
        super().setUp()
        self.db = self.useFixture(database.Database())
        self.ctxt = nova_context.get_admin_context()
        self.cells = {}
        for name, url in (('cell1', self.db.main_connection),
                          ('cell2', self.db.add_cell_database('cell2'))):
            cell = objects.CellMapping(
                context=self.ctxt, uuid=uuidutils.generate_uuid(),
                name=name, transport_url='fake://', database_connection=url)
            cell.create()
            self.cells[name] = cell
        cell0 = objects.CellMapping(
            context=self.ctxt, uuid=objects.CellMapping.CELL0_UUID,
            name='cell0', transport_url='none:///',
            database_connection=self.db.add_cell_database('cell0'))
        cell0.create()
        self.nodes = {}

    def _add(self, cell_name, host, with_service=True, seen=None):
        with nova_context.target_cell(self.ctxt,
                                      self.cells[cell_name]) as cctxt:
            if with_service:
                service = objects.Service(context=cctxt, host=host,
                                          binary='nova-compute',
                                          topic='compute')
                service.create()
                service.last_seen_up = seen or timeutils.utcnow()
                service.save()
            node = objects.ComputeNode(
                context=cctxt, host=host, hypervisor_hostname=host, vcpus=4,
                memory_mb=2048, local_gb=20, vcpus_used=0, memory_mb_used=0,
                local_gb_used=0, hypervisor_type='fake',
                hypervisor_version=1, cpu_info='{}')
            node.create()
        self.nodes[host] = node
        return node

    def test_states_only_for_requested_providers_across_cells(self):
        self._add('cell1', 'h1')
        self._add('cell1', 'h2')
        self._add('cell2', 'h3',
                  seen=timeutils.utcnow() - datetime.timedelta(hours=1))
        self._add('cell2', 'orphan', with_service=False)
        wanted = {self.nodes[h].uuid: fakes.summary(ram=1024)
                  for h in ('h1', 'h3', 'orphan')}
        states = host_manager.HostManager().get_host_states_by_uuids(
            self.ctxt, wanted)
        by_host = {s.host: s for s in states}
        self.assertEqual({'h1', 'h3'}, set(by_host))
        self.assertEqual(self.cells['cell1'].uuid, by_host['h1'].cell_uuid)
        self.assertEqual(self.cells['cell2'].uuid, by_host['h3'].cell_uuid)
        self.assertTrue(by_host['h1'].service_up)
        self.assertFalse(by_host['h3'].service_up)
        self.assertEqual(1024, by_host['h1'].free_ram_mb)

    def test_cells_are_cached_until_forgotten(self):
        manager = host_manager.HostManager()
        self.assertEqual(
            {'cell1', 'cell2'},
            {c.name for c in manager._get_cells(self.ctxt)})
        extra = objects.CellMapping(
            context=self.ctxt, uuid=uuidutils.generate_uuid(), name='cell3',
            transport_url='fake://',
            database_connection=self.db.add_cell_database('cell3'))
        extra.create()
        self.assertEqual(2, len(manager._get_cells(self.ctxt)))
        manager.forget_cells()
        self.assertEqual(3, len(manager._get_cells(self.ctxt)))
