"""Placement run in-process from the openstack-placement library.

``make_app(url)`` builds the real placement WSGI application on its own
``oslo_config.cfg.ConfigOpts`` (never Nova's ``CONF``), with its database at
``url`` upgraded to the latest schema and ``[api] auth_strategy = noauth2``
(a request's ``X-Auth-Token: admin`` makes it an admin). ``serve(app, host,
port)`` runs any WSGI app on ``nova.wsgi_server.WSGIServer`` in a daemon
thread.

One database per process at a time
----------------------------------
The placement library keeps its database handle in one module-level
enginefacade transaction context (``placement.db_api``), which every
placement query is decorated with, and its ``configure()`` only works once
per process. So each ``make_app()`` builds a fresh enginefacade factory for
its URL and swaps it into that context with ``patch_factory()`` (a public
oslo.db hook), and forgets placement's "traits/resource classes already
synced" flags so the new database gets its standard rows. The most recent
``make_app()`` owns the database: an older app still being served answers
503 rather than silently reading and writing the newer database. Tests make
one placement after another; the all-in-one makes one.
"""

import collections
import sqlite3
import threading
import urllib.parse

from oslo_config import cfg
from oslo_db.sqlalchemy import enginefacade
from oslo_log import log as logging
from placement import conf as placement_conf
from placement.db.sqlalchemy import migration
from placement import db_api
from placement import deploy
from placement.objects import resource_class
from placement.objects import trait
from placement import policy as placement_policy
from placement import util as placement_util
import sqlalchemy.engine
import webob.exc

from nova.api import request_log
from nova.db.main import api as main_db_api
from nova import wsgi_server

LOG = logging.getLogger(__name__)
PLACEMENT_REQUEST_LOGGER = 'placement.requestlog'

# Serialises make_app(): swapping the database and upgrading the schema.
_LOCK = threading.Lock()

# Connections of a placement app's pool (MySQL/PostgreSQL): room for
# every worker thread of the server in front of it (16 by default) to
# hold two at once, so a transaction holding row locks never waits for a
# connection that its waiters hold (the pool of 5 + 10 that oslo.db and
# SQLAlchemy give by default stalled bursts of boots until timeouts).
POOL_SIZE = 16
POOL_OVERFLOW = 32
# The PlacementApp that currently owns placement's database handle.
_active = None


def sqlite_url(path):
    """Return the SQLAlchemy URL of the SQLite database file at ``path``."""
    return 'sqlite:///' + path


class PlacementApp:
    """The placement WSGI application bound to one database.

    Call it as any WSGI app. ``conf`` is placement's own configuration and
    ``connection_url`` its database. ``dispose()`` closes the database
    connections (do it after the server stopped; needed before a test drops
    a MySQL/PostgreSQL database) and makes further requests answer 503.
    """

    def __init__(self, app, conf, manager, connection_url):
        self._app = app
        # SQLite has one writer at a time; a write that starts after a
        # concurrent one committed fails at once instead of waiting, so
        # writes to an SQLite placement are taken one at a time.
        self._write_lock = (threading.Lock()
                            if connection_url.startswith('sqlite')
                            else None)
        self._manager = manager
        self.conf = conf
        self.connection_url = connection_url

    @property
    def active(self):
        """True while this app owns placement's database handle."""
        return _active is self

    def __call__(self, environ, start_response):
        if not self.active:
            error = webob.exc.HTTPServiceUnavailable(
                explanation='This placement app was released or replaced '
                            'by a later make_app() in this process.')
            return error(environ, start_response)
        if self._write_lock is not None and environ.get(
                'REQUEST_METHOD') not in ('GET', 'HEAD'):
            with self._write_lock:
                return self._app(environ, start_response)
        return self._app(environ, start_response)

    def dispose(self):
        """Release the database connections; idempotent."""
        global _active
        with _LOCK:
            if _active is self:
                _active = None
        self._manager.dispose_pool()


def _make_conf(connection_url, database_options, authtoken=None):
    conf = cfg.ConfigOpts()
    placement_conf.register_opts(conf)
    # NOTE: the connection option is required, so it has to be known before
    # the command line is parsed; no config files or directories are read so
    # the host's /etc/placement cannot leak into an embedded placement.
    conf.set_default('connection', connection_url,
                     group='placement_database')
    conf([], project='placement', default_config_files=[],
         default_config_dirs=[])
    for name, value in database_options.items():
        conf.set_override(name, value, group='placement_database')
    if authtoken is None:
        conf.set_override('auth_strategy', 'noauth2', group='api')
    else:
        _use_keystone(conf, authtoken)
    return conf


def _use_keystone(conf, authtoken):
    """Validate tokens with keystonemiddleware configured by
    ``authtoken`` (``[keystone_authtoken]`` option -> value)."""
    # NOTE: imported here to keep placement's import free of nova.api.
    from nova.builtin import authn
    authn.register_authtoken_opts(conf, authtoken.get('auth_type'))
    for name, value in authtoken.items():
        conf.set_override(name, value, group=authn.AUTHTOKEN_GROUP)
    conf.set_override('auth_strategy', 'keystone', group='api')


def _database_options(conf):
    options = dict(conf.placement_database.items())
    # Placement's own option, not an enginefacade one.
    options.pop('sync_on_startup', None)
    return options


def _forget_synced_state():
    # NOTE: placement remembers per process that it has written the standard
    # traits and resource classes; a new database needs them written again.
    trait._TRAITS_SYNCED = False
    resource_class._RESOURCE_CLASSES_SYNCED = False


def _reset_policy(conf):
    # NOTE: placement keeps one policy enforcer per process, made from the
    # conf of the first app; remake it from the conf of the app that owns
    # the process now.
    placement_policy.reset()
    if conf is not None:
        placement_policy.init(conf)


def make_app(connection_url, authtoken=None, **database_options):
    """Return a ``PlacementApp`` for the database at ``connection_url``.

    ``connection_url`` is an SQLAlchemy URL: ``sqlite:////path/file.db``
    (see ``sqlite_url()``), ``mysql+pymysql://...`` or
    ``postgresql+psycopg2://...``; the database must exist (SQLite creates
    its file). ``database_options`` override other ``[placement_database]``
    options, e.g. ``sqlite_synchronous=False`` or ``max_pool_size=10``. Its
    schema is upgraded to head and the standard traits and resource classes
    are written. Callable many times in one process; the
    newest app owns the database (see the module docstring).

    ``authtoken``: ``[keystone_authtoken]`` options (name -> value); with
    them placement validates tokens with keystonemiddleware and its default
    policy (admin or service role), otherwise it runs ``noauth2``.

    Raises (oslo_db/SQLAlchemy errors) when the database cannot be reached
    or upgraded; the previously made app then keeps its database.
    """
    global _active
    _install_schema_cache()
    connection_url = _prepare_sqlite(connection_url)
    database_options.setdefault('max_pool_size', POOL_SIZE)
    database_options.setdefault('max_overflow', POOL_OVERFLOW)
    conf = _make_conf(connection_url, database_options, authtoken)
    manager = enginefacade.transaction_context()
    manager.configure(**_database_options(conf))
    with _LOCK:
        restore = db_api.placement_context_manager.patch_factory(manager)
        try:
            _forget_synced_state()
            migration.upgrade('head')
            main_db_api.keep_sqlite_connections(
                manager.writer.get_engine())
            _reset_policy(conf)
            app = PlacementApp(deploy.loadapp(conf), conf, manager,
                               connection_url)
        except Exception:
            # Leave the app being served (if any) on its own database.
            restore()
            manager.dispose_pool()
            _forget_synced_state()
            _reset_policy(_active.conf if _active else None)
            raise
        _active = app
    LOG.info('Placement app ready on %s',
             _redact(connection_url))
    return app


class _CachedSchemaValidation(object):
    """Stands in for the ``jsonschema`` module inside ``placement.util``.

    ``jsonschema.validate()`` checks the schema against its meta-schema and
    builds a new validator on every call: in placement that is about a
    sixth of the CPU of a server boot. Placement's schemas are its own,
    fixed module-level dicts, so each gets one validator, built once.
    Everything else is the real module.
    """

    _MAX = 512

    def __init__(self, real):
        self._real = real
        self._validators = collections.OrderedDict()
        self._lock = threading.Lock()

    def __getattr__(self, name):
        return getattr(self._real, name)

    def _validator(self, schema, format_checker):
        key = (id(schema), id(format_checker))
        with self._lock:
            cached = self._validators.get(key)
            if cached is not None and cached[0] is schema:
                self._validators.move_to_end(key)
                return cached[1]
        cls = self._real.validators.validator_for(schema)
        validator = cls(schema, format_checker=format_checker)
        with self._lock:
            self._validators[key] = (schema, validator)
            while len(self._validators) > self._MAX:
                self._validators.popitem(last=False)
        return validator

    def validate(self, instance, schema, format_checker=None):
        validator = self._validator(schema, format_checker)
        error = self._real.exceptions.best_match(
            validator.iter_errors(instance))
        if error is not None:
            raise error


def _install_schema_cache():
    if not isinstance(placement_util.jsonschema, _CachedSchemaValidation):
        placement_util.jsonschema = _CachedSchemaValidation(
            placement_util.jsonschema)
        # A fresh FormatChecker per query-string check would defeat the
        # cache; one shared checker behaves the same.
        checker = placement_util._FORMAT_CHECKER
        placement_util.jsonschema.FormatChecker = lambda: checker


def _prepare_sqlite(url):
    """For an SQLite file: WAL journal (readers never wait for the writer)
    and a busy timeout on every connection (``timeout`` URL parameter)."""
    parsed = sqlalchemy.engine.make_url(url)
    if parsed.get_backend_name() != 'sqlite' or not parsed.database or \
            parsed.database == ':memory:':
        return url
    conn = sqlite3.connect(parsed.database)
    try:
        conn.execute('PRAGMA journal_mode=WAL')
    finally:
        conn.close()
    if 'timeout' not in parsed.query:
        url += ('&' if '?' in url else '?') + 'timeout=30'
    return url


def _redact(url):
    parts = urllib.parse.urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(':' + parts.password + '@', ':***@')
        parts = parts._replace(netloc=netloc)
    return urllib.parse.urlunsplit(parts)


# -- serving -----------------------------------------------------------------
# NOTE: a generic helper kept here until a shared nova.wsgi module exists.

class ServedApp:
    """A WSGI app being served; ``url`` is its base URL, ``stop()`` ends it."""

    def __init__(self, server):
        self._server = server
        self.host = server.host
        self.port = server.port
        self.url = server.url

    def stop(self):
        """Stop accepting, finish requests in flight and join; idempotent."""
        self._server.stop()


def _quiet_placement_request_log():
    # NOTE: placement's own request line (logger placement.requestlog, at
    # INFO) would repeat ours for every request; placement writes it only
    # when that logger is enabled for INFO. Its request id handling is
    # unaffected, and it reuses the id RequestLog put in the environ.
    logging.getLogger(PLACEMENT_REQUEST_LOGGER).logger.setLevel(
        logging.WARNING)


def serve(app, host='127.0.0.1', port=0, numthreads=16, service=None):
    """Serve ``app`` on ``nova.wsgi_server.WSGIServer`` (a daemon thread).

    ``port=0`` picks a free port. ``service`` (``placement``, ``identity``,
    ``image``, ``network``): the app is served behind
    ``nova.api.request_log.RequestLog``, which gives each request an id,
    logs one line per request on ``nova.builtin.<service>.request_log`` and
    guards the app from bad input (``nova.api.request_guard``).
    Returns a ``ServedApp`` once the socket listens, so requests to ``.url``
    can be made right away. Raises ``OSError`` when the address cannot be
    bound.
    """
    if service is not None:
        if service == 'placement':
            _quiet_placement_request_log()
        app = request_log.RequestLog(app, service)
    server = wsgi_server.WSGIServer(
        'nova-builtin-%s' % (service or 'app'), app, host, port,
        threads=numthreads)
    return ServedApp(server.start())
