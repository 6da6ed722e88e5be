"""nova-manage's actions against real SQLite API and cell databases.

The actions are called in-process with their printed output captured;
``nova/tests/functional/cmd/test_manage.py`` runs the command line itself.
"""

import io
import os

import fixtures
from oslo_utils import uuidutils

from nova.cmd import manage
from nova import context as nova_context
from nova.db import migration
from nova import objects
from nova import test
from nova.tests.fixtures import database

RABBIT_URL = 'rabbit://nova:s3cret@mq.example.org:5672/cell1'


def make_node(ctxt, host):
    node = objects.ComputeNode(
        context=ctxt, vcpus=8, memory_mb=16384, local_gb=100, vcpus_used=0,
        memory_mb_used=0, local_gb_used=0, hypervisor_type='fake',
        hypervisor_version=1, cpu_info='{}', host=host,
        hypervisor_hostname=host)
    node.create()
    return node


class ManageTestCase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.db = self.useFixture(database.Database())
        self.ctxt = nova_context.get_admin_context()
        self.output = io.StringIO()
        self.useFixture(fixtures.MonkeyPatch('sys.stdout', self.output))

    def printed(self):
        return self.output.getvalue()

    def cells_by_name(self):
        return {cell.name: cell
                for cell in objects.CellMappingList.get_all(self.ctxt)}


class PureFunctionsTestCase(test.TestCase):

    def test_mask_password_hides_every_password(self):
        for url, masked in [
                (RABBIT_URL, 'rabbit://nova:****@mq.example.org:5672/cell1'),
                ('rabbit://a:p1@h1:5672,b:p2@h2:5672/v',
                 'rabbit://a:****@h1:5672,b:****@h2:5672/v'),
                ('mysql+pymysql://root:pw@db/nova?charset=utf8',
                 'mysql+pymysql://root:****@db/nova?charset=utf8'),
                ('mysql+pymysql://root@db/nova',
                 'mysql+pymysql://root@db/nova'),
                ('sqlite:////var/lib/nova/nova.sqlite',
                 'sqlite:////var/lib/nova/nova.sqlite'),
                ('none:///', 'none:///'), (None, None)]:
            self.assertEqual(masked, manage.mask_password(url), url)

    def test_format_table_centres_cells_under_a_header(self):
        self.assertEqual(
            '+------+----------+\n'
            '| Name | Disabled |\n'
            '+------+----------+\n'
            '|  c1  |  False   |\n'
            '+------+----------+',
            manage.format_table(['Name', 'Disabled'], [['c1', False]]))


class DbCommandsTestCase(ManageTestCase):

    def test_version_prints_the_head_revision(self):
        self.assertEqual(0, manage.DbCommands().version())
        self.assertEqual(migration.head_version('main'),
                         self.printed().strip())
        self.assertEqual(0, manage.ApiDbCommands().version())
        self.assertIn(migration.head_version('api'), self.printed())

    def test_sync_without_cell0_warns_and_succeeds(self):
        self.assertEqual(0, manage.DbCommands().sync())
        self.assertIn('cell0 is not mapped', self.printed())

    def test_sync_upgrades_mapped_cell0_too(self):
        cell0_url = 'sqlite:///%s' % os.path.join(self.db.path, 'c0.sqlite')
        commands = manage.CellV2Commands()
        self.assertEqual(0, commands.map_cell0(database_connection=cell0_url))
        self.assertIsNone(migration.db_version(connection=cell0_url))
        self.assertEqual(0, manage.DbCommands().sync())
        self.assertEqual(migration.head_version('main'),
                         migration.db_version(connection=cell0_url))

    def test_sync_local_cell_leaves_cell0_alone(self):
        cell0_url = 'sqlite:///%s' % os.path.join(self.db.path, 'c0.sqlite')
        manage.CellV2Commands().map_cell0(database_connection=cell0_url)
        self.assertEqual(0, manage.DbCommands().sync(local_cell=True))
        self.assertIsNone(migration.db_version(connection=cell0_url))

    def test_sync_fails_when_cell0_cannot_be_reached(self):
        manage.CellV2Commands().map_cell0(
            database_connection='sqlite:////nonexistent/dir/c0.sqlite')
        self.assertEqual(1, manage.DbCommands().sync())
        self.assertIn('ERROR: could not reach cell0', self.printed())

    def test_api_sync_without_connection_fails(self):
        self.flags(connection=None, group='api_database')
        self.assertEqual(1, manage.ApiDbCommands().sync())
        self.assertIn('No connection is configured', self.printed())


class MapCell0TestCase(ManageTestCase):

    def test_default_url_is_the_main_database_with_cell0_suffix(self):
        self.assertEqual(0, manage.CellV2Commands().map_cell0())
        cell0 = self.cells_by_name()['cell0']
        self.assertEqual(objects.CellMapping.CELL0_UUID, cell0.uuid)
        self.assertEqual(self.db.main_connection.replace(
            'nova_cell1.sqlite', 'nova_cell1_cell0.sqlite'),
            cell0.database_connection)
        self.assertEqual('none:///', cell0.transport_url)

    def test_second_run_says_already_setup(self):
        commands = manage.CellV2Commands()
        self.assertEqual(0, commands.map_cell0(
            database_connection='sqlite://'))
        self.assertEqual(0, commands.map_cell0(database_connection='other'))
        self.assertIn('Cell0 is already setup', self.printed())
        self.assertEqual('sqlite://',
                         self.cells_by_name()['cell0'].database_connection)

    def test_no_url_anywhere_fails(self):
        self.flags(connection=None, group='database')
        self.assertEqual(1, manage.CellV2Commands().map_cell0())
        self.assertIn('Must specify --database_connection', self.printed())


class CreateCellTestCase(ManageTestCase):

    def test_create_with_verbose_prints_the_uuid(self):
        self.assertEqual(0, manage.CellV2Commands().create_cell(
            name='cell1', transport_url=RABBIT_URL, verbose=True))
        cell = self.cells_by_name()['cell1']
        self.assertEqual(cell.uuid, self.printed().strip())
        self.assertEqual(self.db.main_connection, cell.database_connection)
        self.assertEqual(RABBIT_URL, cell.transport_url)
        self.assertFalse(cell.disabled)

    def test_defaults_come_from_the_configuration(self):
        self.flags(transport_url=RABBIT_URL)
        self.assertEqual(0, manage.CellV2Commands().create_cell(
            disabled=True))
        (cell,) = objects.CellMappingList.get_all(self.ctxt)
        self.assertEqual(RABBIT_URL, cell.transport_url)
        self.assertTrue(cell.disabled)
        self.assertEqual('', self.printed())

    def test_same_database_or_same_queue_exits_2(self):
        commands = manage.CellV2Commands()
        commands.create_cell(name='c1', transport_url=RABBIT_URL)
        self.assertEqual(2, commands.create_cell(
            name='c2', transport_url='rabbit://other/',
            database_connection=self.db.main_connection))
        self.assertEqual(2, commands.create_cell(
            name='c3', transport_url=RABBIT_URL,
            database_connection='sqlite://'))
        self.assertIn('already exists for another cell', self.printed())
        self.assertEqual(['c1'], list(self.cells_by_name()))

    def test_missing_transport_url_exits_1(self):
        self.flags(transport_url=None)
        self.assertEqual(1, manage.CellV2Commands().create_cell(name='c'))
        self.assertIn('Must specify --transport-url', self.printed())

    def test_invalid_transport_url_exits_1(self):
        self.assertEqual(1, manage.CellV2Commands().create_cell(
            name='c', transport_url='not-a-url'))
        self.assertIn('Invalid transport URL', self.printed())
        self.assertEqual({}, self.cells_by_name())

    def test_missing_database_connection_exits_1(self):
        self.flags(connection=None, group='database')
        self.assertEqual(1, manage.CellV2Commands().create_cell(
            name='c', transport_url=RABBIT_URL))
        self.assertIn('Must specify --database_connection', self.printed())


class DiscoverHostsTestCase(ManageTestCase):

    def setUp(self):
        super().setUp()
        commands = manage.CellV2Commands()
        commands.map_cell0(database_connection='sqlite://')
        commands.create_cell(name='cell1', transport_url=RABBIT_URL)
        self.cell1 = self.cells_by_name()['cell1']
        self.output.truncate(0)
        self.output.seek(0)
        with nova_context.target_cell(self.ctxt, self.cell1) as cctxt:
            make_node(cctxt, 'host1')
            make_node(cctxt, 'host2')

    def mapped_hosts(self):
        return sorted(m.host for m in objects.HostMappingList.get_all(
            self.ctxt))

    def test_maps_new_hosts_once(self):
        commands = manage.CellV2Commands()
        self.assertEqual(0, commands.discover_hosts(strict=True))
        self.assertEqual(['host1', 'host2'], self.mapped_hosts())
        self.assertEqual('', self.printed())
        self.assertEqual(0, commands.discover_hosts())
        self.assertEqual(1, commands.discover_hosts(strict=True))
        self.assertEqual(['host1', 'host2'], self.mapped_hosts())

    def test_verbose_tells_each_step(self):
        self.assertEqual(0, manage.CellV2Commands().discover_hosts(
            cell_uuid=self.cell1.uuid, verbose=True))
        printed = self.printed()
        self.assertIn('Found 2 unmapped compute nodes in cell %s'
                      % self.cell1.uuid, printed)
        self.assertIn('Creating the host mapping of compute host host2',
                      printed)

    def test_unknown_cell_exits_1(self):
        missing = uuidutils.generate_uuid()
        self.assertEqual(1, manage.CellV2Commands().discover_hosts(
            cell_uuid=missing))
        self.assertIn('Cell with uuid %s was not found' % missing,
                      self.printed())
        self.assertEqual([], self.mapped_hosts())


class SimpleCellSetupTestCase(ManageTestCase):

    def test_without_hosts_maps_cell0_only_and_exits_1(self):
        self.assertEqual(1, manage.CellV2Commands().simple_cell_setup(
            transport_url=RABBIT_URL))
        self.assertIn('No hosts found to map to cell', self.printed())
        self.assertEqual(['cell0'], list(self.cells_by_name()))

    def test_with_hosts_maps_cell0_cell1_and_hosts(self):
        make_node(self.ctxt, 'host1')
        commands = manage.CellV2Commands()
        self.assertEqual(0, commands.simple_cell_setup(
            transport_url=RABBIT_URL))
        cells = self.cells_by_name()
        self.assertEqual(['cell0', 'cell1'], sorted(cells))
        self.assertEqual(self.db.main_connection,
                         cells['cell1'].database_connection)
        mapping = objects.HostMapping.get_by_host(self.ctxt, 'host1')
        self.assertEqual(cells['cell1'].uuid, mapping.cell_mapping.uuid)
        # cell0's schema was upgraded along the way.
        self.assertEqual(migration.head_version('main'), migration.db_version(
            connection=cells['cell0'].database_connection))
        # Running it again is fine and creates nothing new.
        self.assertEqual(0, commands.simple_cell_setup(
            transport_url=RABBIT_URL))
        self.assertEqual(['cell0', 'cell1'], sorted(self.cells_by_name()))

    def test_missing_transport_url_exits_1(self):
        self.flags(transport_url=None)
        self.assertEqual(1, manage.CellV2Commands().simple_cell_setup())
        self.assertEqual({}, self.cells_by_name())


class ListCellsTestCase(ManageTestCase):

    def setUp(self):
        super().setUp()
        commands = manage.CellV2Commands()
        commands.create_cell(name='zeta', transport_url=RABBIT_URL,
                             database_connection='mysql+pymysql://nova:'
                                                 'dbpass@db/nova')
        commands.map_cell0(database_connection='sqlite://')
        self.output.truncate(0)
        self.output.seek(0)

    def test_sorted_by_name_with_passwords_masked(self):
        self.assertEqual(0, manage.CellV2Commands().list_cells())
        lines = self.printed().splitlines()
        self.assertEqual(6, len(lines))
        self.assertEqual(['Name', 'UUID', 'Transport URL',
                          'Database Connection', 'Disabled'],
                         [c.strip() for c in lines[1].strip('|').split('|')])
        self.assertIn('cell0', lines[3])
        self.assertIn('zeta', lines[4])
        self.assertIn('rabbit://nova:****@mq.example.org', lines[4])
        self.assertIn('mysql+pymysql://nova:****@db/nova', lines[4])
        self.assertNotIn('s3cret', self.printed())
        self.assertNotIn('dbpass', self.printed())

    def test_verbose_shows_passwords(self):
        self.assertEqual(0, manage.CellV2Commands().list_cells(verbose=True))
        self.assertIn(RABBIT_URL, self.printed())
        self.assertIn('nova:dbpass@db', self.printed())
