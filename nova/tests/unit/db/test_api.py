"""Engine wiring: cell targeting, the DB guard and SQLite concurrency."""

import threading

import fixtures
from oslo_utils import uuidutils

from nova import context as nova_context
from nova.db.api import api as api_db
from nova.db.api import models as api_models
from nova.db.main import api as main_db
from nova.db.main import models as main_models
from nova import exception
from nova import test
from nova.tests.fixtures import database


@main_db.pick_context_manager_writer
def _create_instance(context, **values):
    instance = main_models.Instance(uuid=uuidutils.generate_uuid(), **values)
    context.session.add(instance)
    context.session.flush()
    return instance.uuid


@main_db.pick_context_manager_reader
def _instance_uuids(context):
    return {row.uuid for row in context.session.query(main_models.Instance)}


@main_db.pick_context_manager_writer
def _bump_progress(context, uuid):
    """Read then write: the pattern a deferred SQLite BEGIN cannot bear."""
    instance = context.session.query(main_models.Instance).filter_by(
        uuid=uuid).one()
    instance.progress = (instance.progress or 0) + 1


@main_db.pick_context_manager_reader
def _progress(context, uuid):
    return context.session.query(main_models.Instance).filter_by(
        uuid=uuid).one().progress


@api_db.context_manager.writer
def _create_cell_mapping(context, name, connection):
    mapping = api_models.CellMapping(
        uuid=uuidutils.generate_uuid(), name=name,
        database_connection=connection, transport_url='fake://')
    context.session.add(mapping)
    return mapping


@api_db.context_manager.reader
def _cell_names(context):
    return {row.name for row in context.session.query(
        api_models.CellMapping)}


def _in_thread(fn, *args):
    """Run ``fn`` in a new thread; return (result, exception)."""
    outcome = {}

    def _run():
        try:
            outcome['result'] = fn(*args)
        except Exception as exc:
            outcome['error'] = exc
    thread = threading.Thread(target=_run)
    thread.start()
    thread.join()
    return outcome.get('result'), outcome.get('error')


class DatabaseTestCase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.db = self.useFixture(database.Database())
        self.ctxt = nova_context.get_admin_context()


class TestWiring(DatabaseTestCase):

    def test_fixture_databases_start_empty(self):
        self.assertEqual(set(), _instance_uuids(self.ctxt))
        self.assertEqual(set(), _cell_names(self.ctxt))

    def test_api_and_main_databases_are_separate(self):
        _create_cell_mapping(self.ctxt, 'cell1', self.db.main_connection)
        uuid = _create_instance(self.ctxt, host='compute1')
        self.assertEqual({'cell1'}, _cell_names(self.ctxt))
        self.assertEqual({uuid}, _instance_uuids(self.ctxt))

    def test_target_cell_reads_and_writes_that_cell(self):
        mapping = _create_cell_mapping(
            self.ctxt, 'cell2', self.db.add_cell_database('cell2'))
        with nova_context.target_cell(self.ctxt, mapping) as cctxt:
            in_cell2 = _create_instance(cctxt)
            self.assertEqual({in_cell2}, _instance_uuids(cctxt))
        self.assertEqual(set(), _instance_uuids(self.ctxt))

    def test_main_database_is_fresh_for_every_fixture(self):
        _create_instance(self.ctxt)
        self.useFixture(database.Database())
        self.assertEqual(set(), _instance_uuids(self.ctxt))

    def test_unconfigured_api_database_fails_loudly(self):
        self.flags(connection=None, group='api_database')
        api_db.reset()
        self.assertRaises(exception.DBNotConfigured,
                          _cell_names, self.ctxt)

    def test_soft_delete_marks_the_row(self):
        uuid = _create_instance(self.ctxt)

        @main_db.pick_context_manager_writer
        def _delete(context):
            context.session.query(main_models.Instance).filter_by(
                uuid=uuid).one().soft_delete(context.session)
        _delete(self.ctxt)

        @main_db.pick_context_manager_reader
        def _row(context):
            return context.session.query(main_models.Instance).one()
        row = _row(self.ctxt)
        self.assertEqual(row.id, row.deleted)
        self.assertIsNotNone(row.deleted_at)


class TestDBGuard(DatabaseTestCase):

    def _poisoned(self, fn, *args):
        def _run():
            main_db.disallow_db_access('nova-compute')
            try:
                return fn(*args)
            finally:
                main_db.allow_db_access()
        return _in_thread(_run)

    def test_poisoned_thread_cannot_read_the_cell_database(self):
        _, error = self._poisoned(_instance_uuids, self.ctxt)
        self.assertIsInstance(error, exception.DBNotAllowed)
        self.assertIn('nova-compute', str(error))

    def test_poisoned_thread_cannot_use_the_api_database(self):
        _, error = self._poisoned(_create_cell_mapping, self.ctxt, 'x', '')
        self.assertIsInstance(error, exception.DBNotAllowed)
        self.assertEqual(set(), _cell_names(self.ctxt))

    def test_poisoned_thread_cannot_get_an_engine_or_connect(self):
        engine = main_db.get_engine()
        _, error = self._poisoned(main_db.get_engine)
        self.assertIsInstance(error, exception.DBNotAllowed)
        _, error = self._poisoned(engine.connect)
        self.assertIsInstance(error, exception.DBNotAllowed)

    def test_other_threads_keep_access(self):
        poisoned = threading.Event()
        release = threading.Event()

        def _compute():
            main_db.disallow_db_access('nova-compute')
            poisoned.set()
            release.wait(10)
            try:
                _instance_uuids(self.ctxt)
            except exception.DBNotAllowed:
                return 'refused'

        thread_result = {}
        thread = threading.Thread(
            target=lambda: thread_result.update(r=_compute()))
        thread.start()
        poisoned.wait(10)
        uuid = _create_instance(self.ctxt)
        self.assertEqual({uuid}, _in_thread(_instance_uuids, self.ctxt)[0])
        release.set()
        thread.join()
        self.assertEqual('refused', thread_result['r'])

    def test_process_wide_switch_blocks_every_thread(self):
        self.useFixture(fixtures.MonkeyPatch(
            'nova.db.main.api.DISABLE_DB_ACCESS', 'nova-compute'))
        self.assertRaises(exception.DBNotAllowed, _instance_uuids, self.ctxt)
        _, error = _in_thread(_cell_names, self.ctxt)
        self.assertIsInstance(error, exception.DBNotAllowed)

    def test_allow_lifts_the_poison(self):
        main_db.disallow_db_access('nova-compute')
        self.assertRaises(exception.DBNotAllowed, _instance_uuids, self.ctxt)
        main_db.allow_db_access()
        self.assertEqual(set(), _instance_uuids(self.ctxt))


class TestSQLiteConcurrency(DatabaseTestCase):

    def test_file_databases_use_wal(self):
        with main_db.get_engine().connect() as conn:
            mode = conn.exec_driver_sql('PRAGMA journal_mode').scalar()
        self.assertEqual('wal', mode.lower())

    def test_concurrent_read_modify_write_transactions(self):
        uuid = _create_instance(self.ctxt)
        errors = []

        def _worker():
            try:
                for _ in range(10):
                    _bump_progress(self.ctxt, uuid)
            except Exception as exc:
                errors.append(exc)
        threads = [threading.Thread(target=_worker) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual([], errors)
        self.assertEqual(80, _progress(self.ctxt, uuid))

    def test_independent_reader_inside_a_writer_does_not_block(self):
        self.useFixture(fixtures.MonkeyPatch(
            'nova.db.main.api.SQLITE_BUSY_TIMEOUT', 2))
        database.reset_engines()
        uuid = _create_instance(self.ctxt)

        @main_db.pick_context_manager_writer
        def _write_then_peek(context):
            _bump_progress(context, uuid)
            peek = main_db.get_context_manager(context).reader.independent
            with peek.using(context) as session:
                return session.query(main_models.Instance).one().progress
        self.assertIsNone(_write_then_peek(self.ctxt))
        self.assertEqual(1, _progress(self.ctxt, uuid))
