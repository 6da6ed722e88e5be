"""Service plumbing: thread roles, liveness and cell URLs."""

import datetime
import threading

from oslo_utils import fixture as utils_fixture

from nova import cells
from nova.db.main import api as main_db
from nova import exception
from nova import objects
from nova.objects import base as obj_base
from nova.servicegroup import api as servicegroup_api
from nova import service
from nova import test
from nova import utils

_NOW = datetime.datetime(2024, 6, 1, 12, 0, 0)


class _Indirection(object):
    """Marker standing in for a conductor client."""


class TestThreadRoles(test.TestCase):

    def _run(self, func):
        box = {}
        thread = threading.Thread(target=lambda: box.setdefault(
            'value', func()))
        thread.start()
        thread.join(10)
        return box['value']

    def test_adopt_role_poisons_only_this_thread(self):
        api = _Indirection()

        def compute_thread():
            service.adopt_role((api, 'nova-compute'))
            try:
                main_db.check_db_access()
            except exception.DBNotAllowed as exc:
                return obj_base.current_thread_role(), str(exc)
            return None

        role, message = self._run(compute_thread)
        self.assertEqual((api, 'nova-compute'), role)
        self.assertIn('nova-compute', message)
        main_db.check_db_access()
        self.assertEqual((None, None), obj_base.current_thread_role())

    def test_role_without_indirection_keeps_database_access(self):
        def run():
            service.adopt_role((None, 'nova-conductor'))
            main_db.check_db_access()
            return True
        self.assertTrue(self._run(run))

    def test_spawned_threads_inherit_the_role(self):
        api = _Indirection()

        def parent():
            service.adopt_role((api, 'nova-compute'))
            box = {}
            utils.spawn(lambda: box.setdefault(
                'role', obj_base.current_thread_role())).join(10)
            return box['role']

        self.assertEqual((api, 'nova-compute'), self._run(parent))


class TestServiceIsUp(test.TestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(utils_fixture.TimeFixture(_NOW))
        self.flags(service_down_time=60)
        self.api = servicegroup_api.API()

    def _service(self, **kwargs):
        values = dict(forced_down=False, last_seen_up=None, updated_at=None,
                      created_at=None)
        values.update(kwargs)
        return objects.Service(**values)

    def test_boundaries(self):
        def ago(seconds):
            return _NOW - datetime.timedelta(seconds=seconds)

        cases = [
            ({'last_seen_up': ago(0)}, True),
            ({'last_seen_up': ago(59)}, True),
            ({'last_seen_up': ago(60)}, True),
            ({'last_seen_up': ago(61)}, False),
            # Clocks a little ahead still count as up.
            ({'last_seen_up': ago(-30)}, True),
            ({'last_seen_up': ago(-61)}, False),
            ({'last_seen_up': ago(0),
              'forced_down': True}, False),
            # Without a heartbeat, the last update or creation counts.
            ({'updated_at': ago(10)}, True),
            ({'created_at': ago(10)}, True),
            ({'created_at': ago(100)}, False),
            ({}, False),
            ({'last_seen_up': ago(5).replace(
                tzinfo=datetime.timezone.utc)}, True),
        ]
        for values, expected in cases:
            self.assertEqual(expected,
                             self.api.service_is_up(self._service(**values)),
                             values)


class TestCell0URL(test.TestCase):

    def test_table(self):
        cases = [
            ('sqlite:////var/lib/nova/nova.sqlite',
             'sqlite:////var/lib/nova/nova_cell0.sqlite'),
            ('sqlite:///nova', 'sqlite:///nova_cell0'),
            ('sqlite:////tmp/a.b/nova.db', 'sqlite:////tmp/a.b/nova_cell0.db'),
            ('mysql+pymysql://nova:pw@db/nova?charset=utf8',
             'mysql+pymysql://nova:pw@db/nova_cell0?charset=utf8'),
            ('postgresql://nova:s3cr3t@db:5432/nova',
             'postgresql://nova:s3cr3t@db:5432/nova_cell0'),
            ('mysql://nova@db', 'mysql://nova@db/nova_cell0'),
        ]
        for main, expected in cases:
            self.assertEqual(expected, cells.cell0_url(main), main)


class TestSanitizeHostname(test.TestCase):

    def test_table(self):
        cases = [
            ('web01', 'web01'),
            ('My Server', 'my-server'),
            ('under_score', 'under-score'),
            ('a..b--c', 'a-b-c'),
            ('-.lead.and.trail.-', 'lead.and.trail'),
            ('üñí', 'server'),
            ('çødé', 'd'),
            ('!!!', 'server'),
            ('', 'server'),
            ('x' * 70, 'x' * 63),
            ('a' * 62 + '-b', 'a' * 62),
        ]
        for name, expected in cases:
            self.assertEqual(expected, utils.sanitize_hostname(name), name)
