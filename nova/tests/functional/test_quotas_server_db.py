"""Exact quota admission with the API and cell databases on MariaDB and on
PostgreSQL: concurrent creates against a quota of 10 create exactly 10.

The per-project lock row (``quota_locks``) is taken with the database's
own row locking there, not SQLite's whole-file lock, so the SQLite test
of ``test_quotas`` does not prove it. Skips when the database server is
down, and fails instead when ``CI=true``.
"""

import threading

import pytest

import nova.conf
from nova.tests.fixtures import cloud as cloud_fixture
from nova.tests.fixtures import multiprocess
from nova.tests.functional import api_client
from nova import test

CONF = nova.conf.CONF

# Needs a database server: run without ./run_tests.sh --fast.
pytestmark = pytest.mark.slow


class _ExactOnServerDatabase:

    backend = None

    def setUp(self):
        super().setUp()
        try:
            dbs = multiprocess.ServerDatabases(self.backend).check()
        except multiprocess.Unreachable as error:
            multiprocess.unreachable(self, self.backend, error)
        dbs = self.useFixture(dbs)
        for suffix in ('api', '', 'cell0'):
            dbs.create(suffix)
        self.cloud = self.useFixture(cloud_fixture.AllInOneCloud(
            self, api_database__connection=dbs.url('api'),
            database__connection=dbs.url()))
        self.addCleanup(self.cloud.delete_all_servers)
        # The cloud really keeps its records there.
        self.assertTrue(CONF.api_database.connection.startswith(
            self.backend))
        self.assertTrue(CONF.database.connection.startswith(self.backend))

    def test_concurrent_creates_stop_exactly_at_the_quota(self):
        admin = self.cloud.admin_api
        resp = admin.request('PUT', '/os-quota-sets/demo',
                             {'quota_set': {'instances': 10}})
        self.assertEqual(200, resp.status_code, resp.text)
        api = self.cloud.api_for('demo', 'demo')
        body = {'server': {'name': 'vm', 'flavorRef': '1',
                           'imageRef': api_client.DEFAULT_IMAGE,
                           'networks': 'none'}}
        codes = []

        def create():
            codes.append(api.post('/servers', body).status_code)

        threads = [threading.Thread(target=create) for _ in range(30)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual((10, 20), (codes.count(202), codes.count(403)),
                         codes)
        self.assertEqual(10, len(api.get('/servers').json()['servers']))


class TestExactOnMariaDB(_ExactOnServerDatabase, test.TestCase):
    backend = 'mysql'


class TestExactOnPostgreSQL(_ExactOnServerDatabase, test.TestCase):
    backend = 'postgresql'
