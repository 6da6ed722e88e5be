"""The nova-manage command line, run as operators run it: a child process
reading a configuration file.

The SQLite story goes through every action once; the MariaDB one prepares
databases on a server as a distributed deployment does (it skips when the
server is down, and fails instead under ``CI=true``).
"""

import os

import fixtures
import pytest

from nova.db import migration
from nova import test
from nova.tests.fixtures import multiprocess

# A child process per command (about a second each): run without
# ./run_tests.sh --fast.
pytestmark = pytest.mark.slow

RABBIT_URL = 'rabbit://nova:s3cret@mq.example.org:5672/cell1'


class ManageCommandLineMixin:

    def setUp(self):
        super().setUp()
        self.tmp = self.useFixture(fixtures.TempDir()).path

    def write_config(self, api_url, main_url):
        self.config = multiprocess.write_config(
            os.path.join(self.tmp, 'nova.conf'), {
                'DEFAULT': {'transport_url': RABBIT_URL},
                'api_database': {'connection': api_url},
                'database': {'connection': main_url}})

    def manage(self, *argv, expect=0):
        result = multiprocess.run_manage(self.config, *argv)
        self.assertEqual(expect, result.returncode,
                         'nova-manage %s:\n%s%s' % (
                             ' '.join(argv), result.stdout, result.stderr))
        return result.stdout

    def prepare(self):
        """The operator's first steps; returns the new cell's UUID."""
        self.manage('api_db', 'sync')
        self.manage('cell_v2', 'map_cell0')
        self.manage('db', 'sync')
        return self.manage('cell_v2', 'create_cell', '--name', 'cell1',
                           '--verbose').strip()


class SQLiteTestCase(ManageCommandLineMixin, test.TestCase):

    def setUp(self):
        super().setUp()
        self.main_url = 'sqlite:///%s' % os.path.join(self.tmp, 'nova.sqlite')
        self.write_config(
            'sqlite:///%s' % os.path.join(self.tmp, 'nova_api.sqlite'),
            self.main_url)

    def test_prepare_a_deployment(self):
        cell_uuid = self.prepare()
        self.assertEqual(36, len(cell_uuid), cell_uuid)
        self.assertEqual(migration.head_version('main'),
                         self.manage('db', 'version').strip())
        # db sync upgraded cell0 too, named after the main database.
        cell0_url = 'sqlite:///%s' % os.path.join(self.tmp,
                                                  'nova_cell0.sqlite')
        self.assertEqual(migration.head_version('main'),
                         migration.db_version(connection=cell0_url))

        printed = self.manage('cell_v2', 'create_cell', '--name', 'again',
                              expect=2)
        self.assertIn('already exists for another cell with uuid %s'
                      % cell_uuid, printed)

        table = self.manage('cell_v2', 'list_cells')
        self.assertIn(cell_uuid, table)
        self.assertIn('rabbit://nova:****@mq.example.org', table)
        self.assertNotIn('s3cret', table)

        # No compute host has reported: nothing new to map.
        self.manage('cell_v2', 'discover_hosts')
        self.manage('cell_v2', 'discover_hosts', '--strict', expect=1)

    def test_usage_errors_exit_2_like_argparse(self):
        self.manage('cell_v2', expect=2)
        self.manage('cell_v2', 'no_such_action', expect=2)


class MySQLTestCase(ManageCommandLineMixin, test.TestCase):

    def setUp(self):
        super().setUp()
        dbs = multiprocess.ServerDatabases('mysql')
        try:
            dbs.check()
        except multiprocess.Unreachable as error:
            multiprocess.unreachable(self, 'MySQL', error)
        self.dbs = self.useFixture(dbs)
        for suffix in ('api', '', 'cell0'):
            self.dbs.create(suffix)
        self.write_config(self.dbs.url('api'), self.dbs.url())

    def test_prepare_a_deployment(self):
        cell_uuid = self.prepare()
        self.assertEqual(migration.head_version('api'),
                         self.manage('api_db', 'version').strip())
        self.assertEqual(migration.head_version('main'),
                         migration.db_version(connection=self.dbs.url(
                             'cell0')))
        table = self.manage('cell_v2', 'list_cells', '--verbose')
        self.assertIn(cell_uuid, table)
        self.assertIn(self.dbs.url('cell0'), table)
        self.assertIn(RABBIT_URL, table)
