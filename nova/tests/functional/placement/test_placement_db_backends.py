"""Placement on MariaDB/MySQL and PostgreSQL, as distributed deployments use.

Each test creates a uniquely named database, serves placement on it, drives
the report client through a boot's placement traffic and drops the database.
When the server is unreachable the test is skipped, or fails when the
environment says ``CI=true`` (CI must exercise both).
"""

import os
import uuid

from nova.scheduler.client import report
from nova import test
from nova.tests.fixtures import placement as placement_fixture

MYSQL = {'host': '127.0.0.1', 'port': 3306, 'user': 'root'}
POSTGRESQL = {'host': '127.0.0.1', 'port': 5432, 'user': 'postgres'}


def _unreachable(testcase, backend, exc):
    message = '%s not reachable: %s' % (backend, exc)
    if os.environ.get('CI', '').lower() == 'true':
        testcase.fail(message)
    testcase.skipTest(message)


class _BackendTestMixin:
    """The flow every backend must carry; subclasses make the database."""

    def create_database(self):
        """Create a database, schedule its drop, return its URL."""
        raise NotImplementedError()

    def setUp(self):
        super().setUp()
        self.db_name = 'nova_placement_%s' % uuid.uuid4().hex[:12]
        url = self.create_database()
        self.placement = self.useFixture(placement_fixture.Placement(
            self.conf_fixture, connection_url=url))
        self.client = report.SchedulerReportClient()

    def test_boot_traffic(self):
        rp_uuid = str(uuid.uuid4())
        self.client.ensure_resource_provider(None, rp_uuid, 'cn1')
        self.client.set_inventory_for_provider(None, rp_uuid, {
            'VCPU': {'total': 2, 'allocation_ratio': 2.0},
            'MEMORY_MB': {'total': 2048, 'reserved': 512},
            'DISK_GB': {'total': 20},
        })
        reqs, summaries, version = self.client.get_allocation_candidates(
            None, {'VCPU': 3, 'MEMORY_MB': 1024, 'DISK_GB': 10})
        self.assertEqual(1, len(reqs))
        self.assertEqual(
            1536, summaries[rp_uuid]['resources']['MEMORY_MB']['capacity'])

        first, second = str(uuid.uuid4()), str(uuid.uuid4())
        self.assertTrue(self.client.claim_resources(
            None, first, reqs[0], 'p', 'u', version))
        self.assertFalse(self.client.claim_resources(
            None, second, reqs[0], 'p', 'u', version))
        self.assertTrue(self.client.delete_allocation_for_instance(
            None, first))
        self.assertTrue(self.client.claim_resources(
            None, second, reqs[0], 'p', 'u', version))
        self.assertEqual({'VCPU': 3, 'MEMORY_MB': 1024, 'DISK_GB': 10},
                         self.client.get_usages_for_provider(None, rp_uuid))


class MySQLTestCase(_BackendTestMixin, test.TestCase):

    def create_database(self):
        import pymysql
        try:
            admin = pymysql.connect(connect_timeout=5, **MYSQL)
        except pymysql.err.OperationalError as exc:
            _unreachable(self, 'MySQL', exc)
        self.addCleanup(admin.close)
        with admin.cursor() as cursor:
            cursor.execute('CREATE DATABASE %s CHARACTER SET utf8mb4'
                           % self.db_name)
        self.addCleanup(self._drop, admin)
        return 'mysql+pymysql://%(user)s@%(host)s:%(port)d/%(db)s' \
            '?charset=utf8mb4' % dict(MYSQL, db=self.db_name)

    def _drop(self, admin):
        with admin.cursor() as cursor:
            cursor.execute('DROP DATABASE IF EXISTS %s' % self.db_name)


class PostgreSQLTestCase(_BackendTestMixin, test.TestCase):

    def create_database(self):
        import psycopg2
        try:
            admin = psycopg2.connect(dbname='postgres', connect_timeout=5,
                                     **POSTGRESQL)
        except psycopg2.OperationalError as exc:
            _unreachable(self, 'PostgreSQL', exc)
        admin.autocommit = True
        self.addCleanup(admin.close)
        with admin.cursor() as cursor:
            cursor.execute('CREATE DATABASE %s' % self.db_name)
        self.addCleanup(self._drop, admin)
        return 'postgresql+psycopg2://%(user)s@%(host)s:%(port)d/%(db)s' % (
            dict(POSTGRESQL, db=self.db_name))

    def _drop(self, admin):
        # Sessions still open would block the drop; FORCE needs 13+.
        force = ' WITH (FORCE)' if admin.server_version >= 130000 else ''
        with admin.cursor() as cursor:
            cursor.execute('DROP DATABASE IF EXISTS %s%s'
                           % (self.db_name, force))
