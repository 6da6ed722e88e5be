"""The migrations build exactly the models' schema, on every backend.

SQLite always runs. MySQL/MariaDB and PostgreSQL run against the servers
named by ``NOVA_TEST_MYSQL_URL`` / ``NOVA_TEST_POSTGRESQL_URL`` (defaults:
root@127.0.0.1:3306 and postgres@127.0.0.1:5432, no password); each test
creates its own uniquely named database and drops it. An unreachable server
skips the test, or fails it when ``CI=true``.
"""

import os
import uuid

from alembic import autogenerate
from alembic.runtime import migration as alembic_migration
import sqlalchemy as sa

from nova.db.api import models as api_models
from nova.db.main import models as main_models
from nova.db import migration
from nova import test

METADATA = {'api': api_models.BASE.metadata,
            'main': main_models.BASE.metadata}

SERVERS = {
    'mysql': ('NOVA_TEST_MYSQL_URL', 'mysql+pymysql://root@127.0.0.1:3306/'),
    'postgresql': ('NOVA_TEST_POSTGRESQL_URL',
                   'postgresql+psycopg2://postgres@127.0.0.1:5432/postgres'),
}


def schema_differences(url, database):
    """alembic's list of differences between the DB at ``url`` and models."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            context = alembic_migration.MigrationContext.configure(
                conn, opts={'compare_type': True})
            return autogenerate.compare_metadata(context, METADATA[database])
    finally:
        engine.dispose()


class _MigrationChecks:
    """Checks run against a database URL built by ``make_url(name)``."""

    def make_url(self, name):
        raise NotImplementedError()

    def _check_schema(self, database):
        url = self.make_url(database)
        migration.db_sync(database=database, connection=url)
        self.assertEqual([], schema_differences(url, database))
        self.assertEqual(migration.head_version(database),
                         migration.db_version(database, connection=url))

    def test_main_schema_matches_models(self):
        self._check_schema('main')

    def test_api_schema_matches_models(self):
        self._check_schema('api')

    def test_sync_twice_is_a_no_op(self):
        url = self.make_url('main')
        migration.db_sync(database='main', connection=url)
        migration.db_sync(database='main', connection=url)
        self.assertEqual([], schema_differences(url, 'main'))

    def test_empty_database_has_no_version(self):
        url = self.make_url('api')
        self.assertIsNone(migration.db_version('api', connection=url))


class TestSQLiteMigrations(_MigrationChecks, test.TestCase):

    def make_url(self, name):
        return 'sqlite:///%s' % os.path.join(self.state_dir, name + '.db')

    def test_sync_uses_configured_connections(self):
        main_url, api_url = self.make_url('main'), self.make_url('api')
        self.flags(connection=main_url, group='database')
        self.flags(connection=api_url, group='api_database')
        from nova.tests.fixtures import database
        database.reset_engines()
        self.addCleanup(database.reset_engines)
        migration.db_sync(database='main')
        migration.db_sync(database='api')
        self.assertEqual([], schema_differences(main_url, 'main'))
        self.assertEqual([], schema_differences(api_url, 'api'))
        self.assertEqual(migration.head_version('api'),
                         migration.db_version('api'))

    def test_unknown_database_is_refused(self):
        self.assertRaises(ValueError, migration.db_sync, database='cell0')


class _ServerMigrations(_MigrationChecks):
    backend = None

    def setUp(self):
        super().setUp()
        env_name, default = SERVERS[self.backend]
        self.server = sa.engine.make_url(os.environ.get(env_name, default))
        self.admin = sa.create_engine(self.server,
                                      isolation_level='AUTOCOMMIT')
        self.addCleanup(self.admin.dispose)
        try:
            self.admin.connect().close()
        except sa.exc.OperationalError as exc:
            message = '%s server unreachable: %s' % (self.backend, exc)
            if os.environ.get('CI', '').lower() == 'true':
                self.fail(message)
            self.skipTest(message)

    def make_url(self, name):
        db_name = 'nova_test_%s_%s' % (name, uuid.uuid4().hex[:12])
        with self.admin.connect() as conn:
            conn.exec_driver_sql('CREATE DATABASE %s' % db_name)
        self.addCleanup(self._drop, db_name)
        return self.server.set(database=db_name).render_as_string(
            hide_password=False)

    def _drop(self, db_name):
        with self.admin.connect() as conn:
            if self.backend == 'postgresql':
                conn.exec_driver_sql(
                    'SELECT pg_terminate_backend(pid) FROM pg_stat_activity '
                    "WHERE datname = '%s' AND pid <> pg_backend_pid()"
                    % db_name)
            conn.exec_driver_sql('DROP DATABASE IF EXISTS %s' % db_name)


class TestMySQLMigrations(_ServerMigrations, test.TestCase):
    backend = 'mysql'


class TestPostgreSQLMigrations(_ServerMigrations, test.TestCase):
    backend = 'postgresql'
