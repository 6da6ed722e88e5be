"""The per-project lock row of exact quota admission (``nova.quota``)."""

import fixtures
from sqlalchemy import orm

from nova import context as nova_context
from nova import quota
from nova import test
from nova.tests.fixtures import database


class LockRowTestCase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(database.Database())
        self.ctxt = nova_context.get_admin_context()

    def test_made_once(self):
        quota._ensure_lock_row(self.ctxt, 'p1')
        quota._ensure_lock_row(self.ctxt, 'p1')
        self.assertTrue(quota._lock_row_exists(self.ctxt, 'p1'))
        self.assertFalse(quota._lock_row_exists(self.ctxt, 'p2'))

    def test_made_by_another_request_since_we_looked(self):
        # Two first requests of a project both find no row; the one whose
        # insert loses must go on, not fail (a 500 on MariaDB before).
        quota._add_lock_row(self.ctxt, 'p1')
        self.useFixture(fixtures.MockPatch('nova.quota._lock_row_exists',
                                           return_value=False))
        quota._ensure_lock_row(self.ctxt, 'p1')


class SetLimitTestCase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(database.Database())
        self.ctxt = nova_context.get_admin_context()

    def test_a_row_made_by_another_request_since_we_looked(self):
        # The first look finds no row although one exists (another
        # request inserted it meanwhile): the insert fails on the unique
        # constraint and the retry updates the row instead.
        quota.set_limit(self.ctxt, 'p1', 'instances', 5)
        real_execute = orm.Session.execute
        looks = []

        def first_look_misses(session, *args, **kwargs):
            result = real_execute(session, *args, **kwargs)
            looks.append(result)
            return _NoRow() if len(looks) == 1 else result

        self.useFixture(fixtures.MockPatchObject(
            orm.Session, 'execute', first_look_misses))
        quota.set_limit(self.ctxt, 'p1', 'instances', 7)
        self.assertEqual(7, quota.project_limits(self.ctxt, 'p1')[
            'instances'])


class _NoRow:

    def scalars(self):
        return self

    def first(self):
        return None
