"""Schema migrations of the API and cell databases (alembic).

Each database has its revisions under ``nova/db/<database>/migrations``,
found from the installed package; no alembic.ini is read. ``db_sync``
upgrades a database to a revision (the newest by default) and is
idempotent: a database already there is left untouched.
"""

import os

from alembic import command as alembic_command
from alembic import config as alembic_config
from alembic.runtime import migration as alembic_migration
from alembic import script as alembic_script

from nova.db.api import api as api_db
from nova.db.main import api as main_db

DATABASES = ('main', 'api')
_HERE = os.path.dirname(os.path.abspath(__file__))


def _script_location(database):
    if database not in DATABASES:
        raise ValueError('Unknown database %r; expected one of %s'
                         % (database, ', '.join(DATABASES)))
    return os.path.join(_HERE, database, 'migrations')


def _alembic_config(database, connection):
    config = alembic_config.Config()
    config.set_main_option('script_location', _script_location(database))
    config.attributes['connection'] = connection
    return config


def _engine_manager(database, context, connection):
    """(transaction context, whether it is ours to dispose) to migrate."""
    if connection is not None:
        return main_db.create_context_manager(connection), True
    if database == 'api':
        return api_db.context_manager, False
    if context is not None:
        return main_db.get_context_manager(context), False
    return main_db.main_context_manager, False


def _with_connection(database, context, connection, fn):
    _script_location(database)
    manager, temporary = _engine_manager(database, context, connection)
    try:
        engine = manager.writer.get_engine()
        with engine.connect() as conn:
            return fn(conn)
    finally:
        if temporary:
            main_db.reset_transaction_context(manager)


def db_sync(version=None, database='main', context=None, connection=None):
    """Upgrade ``database`` ('main' or 'api') to ``version`` (default head).

    ``connection`` (a URL) names the database explicitly. Otherwise the API
    database is ``[api_database] connection`` and the main (cell) database
    the one ``context`` targets, else ``[database] connection``.
    Running it again is a no-op. Raises ``exception.DBNotAllowed`` where DB
    access is poisoned and ``exception.DBNotConfigured`` without a URL.
    """
    def _upgrade(conn):
        config = _alembic_config(database, conn)
        alembic_command.upgrade(config, version or 'head')
        if conn.in_transaction():
            conn.commit()
    _with_connection(database, context, connection, _upgrade)


def db_version(database='main', context=None, connection=None):
    """The current alembic revision of ``database``, or None if empty."""
    def _current(conn):
        migration_ctx = alembic_migration.MigrationContext.configure(conn)
        return migration_ctx.get_current_revision()
    return _with_connection(database, context, connection, _current)


def head_version(database='main'):
    """The newest revision shipped for ``database``."""
    config = _alembic_config(database, None)
    scripts = alembic_script.ScriptDirectory.from_config(config)
    return scripts.get_current_head()
