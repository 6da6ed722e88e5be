"""Engine wiring of the cell databases, and the guard against DB access.

Every cell (cell0, cell1, ...) has its own database with the schema of
``nova.db.main.models``. ``main_context_manager`` talks to the one named by
``[database] connection``; ``create_context_manager(url)`` builds an
independent one per cell, which ``nova.context.target_cell`` stores on the
request context as ``context.db_connection``. Code reads and writes through
the ``pick_context_manager_*`` decorators so the targeted cell is used.

Compute hosts must never reach a database. ``disallow_db_access(binary)``
poisons the current thread and ``DISABLE_DB_ACCESS`` the whole process;
then starting any reader or writer transaction (cell or API database),
asking for an engine, or checking a connection out of a pool raises
``exception.DBNotAllowed``.

The transaction context managers handed out here stay the same objects for
the life of the process; ``reset()`` swaps their engines (tests use it to
point them at fresh databases), so decorators bound at import time follow.
"""

import contextlib
import functools
import inspect
import threading

from oslo_config import cfg
from oslo_db import options as db_options
from oslo_db.sqlalchemy import enginefacade
import sqlalchemy as sa

from nova import exception

CONF = cfg.CONF
db_options.set_defaults(CONF, connection=None)

# Process-wide poison: falsy, or the name of the binary (a bare True works
# too) for which every database access must fail.
DISABLE_DB_ACCESS = False

# Seconds a SQLite connection waits on a lock held by another connection.
SQLITE_BUSY_TIMEOUT = 30

_WRITER = enginefacade._WRITER
_thread_state = threading.local()


# -- the guard -------------------------------------------------------------

def disallow_db_access(binary):
    """Poison the current thread: its DB accesses raise DBNotAllowed."""
    _thread_state.disallowed_binary = binary


def allow_db_access():
    """Undo ``disallow_db_access()`` for the current thread."""
    _thread_state.disallowed_binary = None


def check_db_access():
    """Raise ``exception.DBNotAllowed`` if DB access is poisoned here."""
    binary = getattr(_thread_state, 'disallowed_binary', None)
    if binary:
        raise exception.DBNotAllowed(binary=binary)
    if DISABLE_DB_ACCESS:
        name = (DISABLE_DB_ACCESS if isinstance(DISABLE_DB_ACCESS, str)
                else 'This service')
        raise exception.DBNotAllowed(binary=name)


# -- engines ---------------------------------------------------------------

def _writer_stack():
    stack = getattr(_thread_state, 'writers', None)
    if stack is None:
        stack = _thread_state.writers = []
    return stack


def _in_writer_transaction(factory):
    """Whether the innermost scope of ``factory`` in this thread writes."""
    for owner, writes in reversed(_writer_stack()):
        if owner is factory:
            return writes
    return False


def _setup_sqlite(engine, factory):
    """Busy timeout, WAL and write-locking BEGIN for SQLite engines.

    Several threads share file databases in the all-in-one service. WAL lets
    readers run beside one writer, and the busy timeout makes a writer wait
    for another instead of failing. A deferred BEGIN that reads and later
    writes fails at once if another writer committed in between (the busy
    timeout cannot help there), so writer transactions take the write lock
    up front with BEGIN IMMEDIATE.
    """
    def _on_connect(dbapi_con, con_record):
        dbapi_con.execute('PRAGMA busy_timeout = %d'
                          % (SQLITE_BUSY_TIMEOUT * 1000))
        if engine.url.database not in (None, '', ':memory:'):
            mode = dbapi_con.execute('PRAGMA journal_mode').fetchone()[0]
            if mode.lower() != 'wal':
                dbapi_con.execute('PRAGMA journal_mode = WAL')

    def _on_begin(conn):
        if not _in_writer_transaction(factory):
            return
        # NOTE: oslo.db's own "begin" hook emits a deferred BEGIN and marks
        # conn.info; SQLAlchemy runs it before this one. Replacing that
        # empty transaction costs nothing; if the order ever flips, the
        # marker is absent and oslo.db skips its BEGIN instead.
        if 'in_transaction' in conn.info:
            conn.exec_driver_sql('ROLLBACK')
        conn.exec_driver_sql('BEGIN IMMEDIATE')
        conn.info['in_transaction'] = True

    sa.event.listen(engine, 'connect', _on_connect)
    sa.event.listen(engine, 'begin', _on_begin)


def keep_sqlite_connections(engine, pool_size=8, max_overflow=64):
    """Pool the connections of an SQLite file engine.

    oslo.db gives SQLite file engines a NullPool: every transaction opens
    the file and runs its PRAGMAs again, a fifth of a server boot's
    database time. A QueuePool keeps them; SQLAlchemy opens file databases
    usable from any thread. Listeners already registered move to the new
    pool. Returns the engine.
    """
    old = engine.pool
    if engine.dialect.name != 'sqlite' or \
            not isinstance(old, sa.pool.NullPool):
        return engine
    engine.pool = sa.pool.QueuePool(
        old._creator, pool_size=pool_size, max_overflow=max_overflow,
        timeout=SQLITE_BUSY_TIMEOUT, _dispatch=old.dispatch,
        dialect=old._dialect, reset_on_return=old._reset_on_return)
    return engine


def _guard_checkout(dbapi_con, con_record, con_proxy):
    check_db_access()


def _drop_unusable(values):
    """Leave out pool sizing that SQLite's unpooled engines refuse."""
    if str(values.get('connection') or '').startswith('sqlite'):
        for key in ('max_pool_size', 'max_overflow', 'pool_timeout'):
            values.pop(key, None)
    return values


class _Factory(enginefacade._TransactionFactory):
    """A transaction factory that reads its options when it starts.

    ``options`` is a callable returning keyword arguments for
    ``configure()``; calling it at start rather than at creation lets tests
    and services set the configuration after import.
    """

    def __init__(self, options=None):
        super().__init__()
        self.options = options
        self._options_applied = False

    def _start(self, conf=False, connection=None, slave_connection=None):
        if self.options is not None and not self._started:
            with self._start_lock:
                if not self._options_applied and not self._started:
                    self._configure(False, _drop_unusable(self.options()))
                    self._options_applied = True
        super()._start(conf=conf, connection=connection,
                       slave_connection=slave_connection)

    def _setup_for_connection(self, sql_connection, engine_kwargs,
                              maker_kwargs):
        engine, maker = super()._setup_for_connection(
            sql_connection, engine_kwargs, maker_kwargs)
        if engine.dialect.name == 'sqlite':
            keep_sqlite_connections(engine)
            _setup_sqlite(engine, self)
        sa.event.listen(engine, 'checkout', _guard_checkout)
        return engine, maker

    def dispose(self):
        """Close the pooled connections of a started factory."""
        if self._started:
            self._writer_engine.dispose()
            if self._reader_engine is not self._writer_engine:
                self._reader_engine.dispose()


class TransactionContext(enginefacade._TransactionContextManager):
    """An enginefacade transaction context that honours the DB guard."""

    @contextlib.contextmanager
    def _transaction_scope(self, context):
        if self._mode is not None:
            check_db_access()
        stack = _writer_stack()
        factory = self._factory
        writes = self._mode is _WRITER
        if not self._independent and _in_writer_transaction(factory):
            writes = True
        stack.append((factory, writes))
        try:
            with super()._transaction_scope(context) as resource:
                yield resource
        finally:
            stack.pop()

    def get_engine(self):
        check_db_access()
        return super().get_engine()

    def get_sessionmaker(self):
        check_db_access()
        return super().get_sessionmaker()


def new_transaction_context(options):
    """A guarded transaction context whose factory calls ``options()``."""
    manager = TransactionContext()
    manager._root_factory = _Factory(options)
    return manager


def reset_transaction_context(manager):
    """Give ``manager`` fresh, unstarted engines built from its options.

    Decorated functions keep working: they reach the factory through the
    manager. Pooled connections of the old engines are closed.
    """
    old = manager._root_factory
    manager._root_factory = _Factory(old.options)
    old.dispose()


# -- the cell databases ----------------------------------------------------

def _database_options(conf, connection=None):
    values = dict(conf.database.items())
    if connection is not None:
        values['connection'] = connection
        values['slave_connection'] = None
    if not values.get('connection'):
        raise exception.DBNotConfigured(database='main')
    return values


_conf = CONF


def _main_options():
    return _database_options(_conf)


main_context_manager = new_transaction_context(_main_options)


def configure(conf):
    """Read the main database's options from ``conf`` from now on."""
    global _conf
    _conf = conf
    db_options.set_defaults(conf, connection=None)
    reset()


def reset():
    """Drop the main database's engines; the next use builds new ones."""
    reset_transaction_context(main_context_manager)


def create_context_manager(connection=None):
    """A new transaction context for one cell's database URL.

    Pool and retry options come from ``[database]``; ``connection=None``
    means the ``[database] connection`` URL itself.
    """
    return new_transaction_context(
        functools.partial(_database_options, _conf, connection))


def get_context_manager(context):
    """The transaction context of the cell ``context`` targets."""
    return getattr(context, 'db_connection', None) or main_context_manager


def _using(fn, mode_of):
    @functools.wraps(fn)
    def wrapper(context, *args, **kwargs):
        manager = mode_of(get_context_manager(context))
        with manager.using(context):
            return fn(context, *args, **kwargs)
    wrapper.__signature__ = inspect.signature(fn)
    return wrapper


def pick_context_manager_reader(fn):
    """Run ``fn(context, ...)`` in a reader transaction of its cell."""
    return _using(fn, lambda manager: manager.reader)


def pick_context_manager_writer(fn):
    """Run ``fn(context, ...)`` in a writer transaction of its cell."""
    return _using(fn, lambda manager: manager.writer)


def pick_context_manager_reader_allow_async(fn):
    """Like the reader, but may join an async reader transaction."""
    return _using(fn, lambda manager: manager.reader.allow_async)


def get_engine(context=None):
    """The writer engine of the cell ``context`` targets (or the main one)."""
    return get_context_manager(context).writer.get_engine()
