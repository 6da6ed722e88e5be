"""nova-manage: the operator's tool for databases and cells v2.

``nova-manage [--config-file F] <category> <action> [arguments]``, with
the categories ``db``, ``api_db`` and ``cell_v2``; ``--state-dir DIR``
reads the ``nova.conf`` a nova-all writes in its state directory (before
any ``--config-file``, which may add to it). Every action returns the
exit status operators script against, the same as Nova's:

* 0: done, or there was nothing to do;
* 1: the action failed or its input was missing or invalid (a missing or
  unreadable configuration file too);
* 2: ``cell_v2 create_cell`` found another cell with the same transport
  URL or database;
* 255: an unexpected error: one line, its traceback with ``--debug``.

The work itself lives in ``nova.db.migration`` and ``nova.cells``; this
module parses the command line, prints and picks the exit status.
"""

import os
import re
import sys
import traceback

from oslo_config import cfg
from oslo_db import exception as db_exc
from oslo_log import log as logging
import oslo_messaging as messaging

from nova import cells
from nova.cmd import common
import nova.conf
from nova.conf import all_in_one as aio_conf
from nova import context as nova_context
from nova.db import migration
from nova import exception
from nova import objects

CONF = nova.conf.CONF

# Success, failure or bad input, and "a cell with this transport URL or
# database exists already".
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_DUPLICATE = 2
EXIT_UNEXPECTED = 255

# NOTE: nova-manage prints its results on stdout, where oslo.log writes
# too unless told otherwise; only warnings of Nova's own code are shown
# (``--debug`` shows everything).
_MANAGE_LOG_LEVELS = ['nova=WARNING', 'alembic=WARNING',
                      'oslo_db=WARNING']

_NO_CELL0_DB = ('ERROR: could not reach cell0 to upgrade its schema.\n'
                'Are the API and cell0 databases created, has '
                '"nova-manage api_db sync" and "nova-manage cell_v2 '
                'map_cell0" been run, is [api_database] connection set '
                'and is the cell0 URL right?\nError: %s')


def args(*flags, **kwargs):
    """Declare a command-line argument of an action (argparse style)."""
    def decorate(func):
        func.__dict__.setdefault('cli_args', []).insert(0, (flags, kwargs))
        return func
    return decorate


def mask_password(url):
    """``url`` with the password of every ``user:password@`` replaced by
    ``****``; a URL without password is returned unchanged."""
    if not url:
        return url
    return re.sub(r'((?:://|,)[^:@/,]*:)[^@/,]*@', r'\1****@', url)


def format_table(headers, rows):
    """A bordered text table, cells centred, like ``prettytable``."""
    cells_text = [[str(value) for value in row] for row in rows]
    widths = [max([len(h)] + [len(row[i]) for row in cells_text])
              for i, h in enumerate(headers)]
    rule = '+' + '+'.join('-' * (w + 2) for w in widths) + '+'

    def line(values):
        return '|' + '|'.join(' %s ' % v.center(w)
                              for v, w in zip(values, widths)) + '|'

    lines = [rule, line(headers), rule]
    lines.extend(line(row) for row in cells_text)
    lines.append(rule)
    return '\n'.join(lines)


def first_line(error):
    """The first line of ``str(error)`` (database errors append the
    statement and a link on further lines)."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _print_db_error(what, error):
    print('ERROR: %s: %s' % (what, first_line(error)))
    return EXIT_FAILED


class DbCommands:
    """The schema of the cell database of ``[database] connection``."""

    @args('version', nargs='?', default=None,
          help='Revision to upgrade to (default: the newest).')
    @args('--local_cell', action='store_true', default=False,
          help='Upgrade only the database of [database] connection, not '
               'cell0 as well.')
    def sync(self, version=None, local_cell=False):
        """Upgrade the cell database schema (and cell0's, if mapped)."""
        if not local_cell:
            status = self._sync_cell0(version)
            if status != EXIT_OK:
                return status
        try:
            migration.db_sync(version=version, database='main')
        except (exception.DBNotConfigured, db_exc.DBError) as error:
            return _print_db_error('could not upgrade the database', error)
        return EXIT_OK

    @staticmethod
    def _sync_cell0(version):
        ctxt = nova_context.get_admin_context()
        try:
            cell0 = objects.CellMapping.get_by_uuid(
                ctxt, objects.CellMapping.CELL0_UUID)
        except exception.CellMappingNotFound:
            print('WARNING: cell0 is not mapped yet; not upgrading it.')
            return EXIT_OK
        except Exception as error:
            print(_NO_CELL0_DB % error)
            return EXIT_FAILED
        try:
            migration.db_sync(version=version, database='main',
                              connection=cell0.database_connection)
        except Exception as error:
            print(_NO_CELL0_DB % error)
            return EXIT_FAILED
        return EXIT_OK

    def version(self):
        """Print the schema revision of the cell database."""
        try:
            print(migration.db_version(database='main'))
        except (exception.DBNotConfigured, db_exc.DBError) as error:
            return _print_db_error('could not read the database', error)
        return EXIT_OK


class ApiDbCommands:
    """The schema of the API database (``[api_database] connection``)."""

    @args('version', nargs='?', default=None,
          help='Revision to upgrade to (default: the newest).')
    def sync(self, version=None):
        """Upgrade the API database schema."""
        try:
            migration.db_sync(version=version, database='api')
        except (exception.DBNotConfigured, db_exc.DBError) as error:
            return _print_db_error('could not upgrade the API database',
                                   error)
        return EXIT_OK

    def version(self):
        """Print the schema revision of the API database."""
        try:
            print(migration.db_version(database='api'))
        except (exception.DBNotConfigured, db_exc.DBError) as error:
            return _print_db_error('could not read the API database', error)
        return EXIT_OK


def _transport_url(transport_url):
    """The URL to use (argument, else ``[DEFAULT] transport_url``), or
    None after telling why there is none fit for use."""
    transport_url = transport_url or CONF.transport_url
    if not transport_url:
        print('Must specify --transport-url if [DEFAULT]/transport_url '
              'is not set in the configuration file.')
        return None
    try:
        messaging.TransportURL.parse(CONF, transport_url)
    except (messaging.InvalidTransportURL, ValueError) as error:
        print('Invalid transport URL: %s' % error)
        return None
    return transport_url


def _database_connection(database_connection):
    connection = database_connection or CONF.database.connection
    if not connection:
        print('Must specify --database_connection if [database]/connection '
              'is not set in the configuration file.')
    return connection


class CellV2Commands:
    """Cells v2: cell0, cells and the mapping of compute hosts."""

    @args('--transport-url', dest='transport_url', metavar='URL',
          help='Message queue of the cell (default: [DEFAULT] '
               'transport_url).')
    def simple_cell_setup(self, transport_url=None):
        """Map cell0 and one cell for [database] connection with its
        hosts; exits 1 when no compute host has reported yet."""
        transport_url = _transport_url(transport_url)
        if transport_url is None:
            return EXIT_FAILED
        if not _database_connection(None):
            return EXIT_FAILED
        ctxt = nova_context.get_admin_context()
        cell0 = self._map_cell0(ctxt, None)
        try:
            migration.db_sync(database='main',
                              connection=cell0.database_connection)
        except db_exc.DBError as error:
            print('Unable to sync the cell0 schema: %s' % error)
        if not objects.ComputeNodeList.get_all(ctxt):
            print('No hosts found to map to cell, exiting.')
            return EXIT_FAILED
        cells.simple_cell_setup(ctxt, transport_url)
        return EXIT_OK

    @args('--database_connection', metavar='URL',
          help='Database of cell0 (default: the [database] connection URL '
               'with "_cell0" added to the database name).')
    def map_cell0(self, database_connection=None):
        """Map cell0, the cell of instances that failed to schedule."""
        if not _database_connection(database_connection):
            return EXIT_FAILED
        self._map_cell0(nova_context.get_admin_context(), database_connection)
        return EXIT_OK

    @staticmethod
    def _map_cell0(ctxt, database_connection):
        try:
            cell0 = objects.CellMapping.get_by_uuid(
                ctxt, objects.CellMapping.CELL0_UUID)
            print('Cell0 is already setup')
            return cell0
        except exception.CellMappingNotFound:
            return cells.map_cell0(ctxt, database_connection)

    @args('--name', help='Name of the new cell.')
    @args('--transport-url', dest='transport_url', metavar='URL',
          help='Message queue of the cell (default: [DEFAULT] '
               'transport_url).')
    @args('--database_connection', metavar='URL',
          help='Database of the cell (default: [database] connection).')
    @args('--verbose', action='store_true', default=False,
          help='Print the UUID of the new cell.')
    @args('--disabled', action='store_true', default=False,
          help='Create the cell disabled: no new instance is scheduled '
               'to it.')
    def create_cell(self, name=None, transport_url=None,
                    database_connection=None, verbose=False, disabled=False):
        """Map a new cell; exits 2 if its queue or database is taken."""
        transport_url = _transport_url(transport_url)
        if transport_url is None:
            return EXIT_FAILED
        database_connection = _database_connection(database_connection)
        if not database_connection:
            return EXIT_FAILED
        ctxt = nova_context.get_admin_context()
        try:
            cell = cells.create_cell(ctxt, name, transport_url,
                                     database_connection, disabled=disabled)
        except exception.CellMappingExists as error:
            print(error.format_message())
            return EXIT_DUPLICATE
        if verbose:
            print(cell.uuid)
        return EXIT_OK

    @args('--cell_uuid', metavar='UUID',
          help='Search only this cell (default: every cell).')
    @args('--verbose', action='store_true', default=False,
          help='Tell every step.')
    @args('--strict', action='store_true', default=False,
          help='Exit 1 unless at least one new host was mapped.')
    def discover_hosts(self, cell_uuid=None, verbose=False, strict=False):
        """Map the compute hosts of the cells that have none yet."""
        ctxt = nova_context.get_admin_context()
        status = print if verbose else None
        try:
            created = cells.discover_hosts(ctxt, cell_uuid, status=status)
        except exception.CellMappingNotFound:
            print('Cell with uuid %s was not found.' % cell_uuid)
            return EXIT_FAILED
        if strict and not created:
            return EXIT_FAILED
        return EXIT_OK

    @args('--verbose', action='store_true', default=False,
          help='Show the passwords in the URLs.')
    def list_cells(self, verbose=False):
        """Print a table of the cells, sorted by name."""
        ctxt = nova_context.get_admin_context()
        mappings = objects.CellMappingList.get_all(ctxt)
        show = (lambda url: url) if verbose else mask_password
        rows = [[cell.name or '', cell.uuid, show(cell.transport_url),
                 show(cell.database_connection), cell.disabled]
                for cell in sorted(mappings, key=lambda c: c.name or '')]
        print(format_table(['Name', 'UUID', 'Transport URL',
                            'Database Connection', 'Disabled'], rows))
        return EXIT_OK


CATEGORIES = {
    'api_db': ApiDbCommands,
    'cell_v2': CellV2Commands,
    'db': DbCommands,
}


def _actions(command_class):
    for name in sorted(vars(command_class)):
        func = getattr(command_class, name)
        if not name.startswith('_') and callable(func):
            yield name, func


# NOTE: argparse puts every argument in the namespace oslo.config reads
# ``CONF.category`` from, where ``name`` means the chosen category; a
# prefix keeps the arguments of the actions apart.
_KWARG_PREFIX = 'action_kwarg_'


def _add_argument(parser, flags, kwargs):
    """Add an action's argument under a prefixed destination; return the
    keyword argument name of the action's method."""
    kwargs = dict(kwargs)
    if flags[0].startswith('-'):
        dest = kwargs.pop('dest', None) or flags[0].lstrip('-').replace(
            '-', '_')
        if 'action' not in kwargs:
            kwargs.setdefault('metavar', dest.upper())
        parser.add_argument(*flags, dest=_KWARG_PREFIX + dest, **kwargs)
    else:
        dest = flags[0]
        kwargs.setdefault('metavar', dest)
        parser.add_argument(_KWARG_PREFIX + dest, **kwargs)
    return dest


def add_command_parsers(subparsers):
    """Add a parser per category and per action (SubCommandOpt handler).

    Each action parser records the method to run (``action_fn``) and
    the keyword arguments it takes (``action_kwargs``).
    """
    for category, command_class in CATEGORIES.items():
        parser = subparsers.add_parser(category, help=command_class.__doc__)
        actions = parser.add_subparsers(dest='action', metavar='<action>')
        actions.required = True
        for name, func in _actions(command_class):
            doc = (func.__doc__ or '').strip()
            action = actions.add_parser(name, help=doc, description=doc)
            kwargs = [_add_argument(action, flags, options)
                      for flags, options in getattr(func, 'cli_args', [])]
            action.set_defaults(action_fn=(command_class, name),
                                action_kwargs=kwargs)


category_opt = cfg.SubCommandOpt('category', title='Command categories',
                                 help='Available categories',
                                 handler=add_command_parsers)


class UsageError(Exception):
    """A command line nova-manage cannot run with."""


def config_argv(argv):
    """``argv`` with ``--config-file DIR/nova.conf`` in front when it
    names a nova-all state directory; raises ``UsageError`` when that
    file is missing.

    NOTE: the file must be known before oslo.config reads the files,
    hence this look at the raw arguments; the option itself is registered
    too, for --help.
    """
    state_dir = None
    for index, arg in enumerate(argv[1:], 1):
        if arg == '--state-dir' and index + 1 < len(argv):
            state_dir = argv[index + 1]
        elif arg.startswith('--state-dir='):
            state_dir = arg.split('=', 1)[1]
    if state_dir is None:
        return argv
    config = os.path.join(os.path.abspath(state_dir), 'nova.conf')
    if not os.path.isfile(config):
        raise UsageError(
            '%s not found: is %s the --state-dir of a nova-all that has '
            'started?' % (config, state_dir))
    return argv[:1] + ['--config-file', config] + argv[1:]


def _run_action():
    command_class, name = CONF.category.action_fn
    kwargs = {name: getattr(CONF.category, _KWARG_PREFIX + name)
              for name in CONF.category.action_kwargs}
    return getattr(command_class(), name)(**kwargs)


def main(argv=None):
    """Run ``nova-manage``; returns the exit status."""
    argv = sys.argv if argv is None else argv
    CONF.register_cli_opt(category_opt)
    aio_conf.register_manage_cli_opts(CONF)
    logging.set_defaults(default_log_levels=(
        logging.get_default_log_levels() + _MANAGE_LOG_LEVELS))
    try:
        common.setup(config_argv(argv), with_rpc=False)
    except (UsageError, cfg.Error, OSError) as error:
        # A missing or malformed configuration file, a bad value, a log
        # file that cannot be written.
        print('ERROR: %s' % first_line(error))
        return EXIT_FAILED
    try:
        status = _run_action()
    except Exception as error:
        if CONF.debug:
            print('An error has occurred:\n%s' % traceback.format_exc())
        else:
            print('An error has occurred: %s: %s (--debug shows where)'
                  % (type(error).__name__, first_line(error)))
        return EXIT_UNEXPECTED
    return EXIT_OK if status is None else status


if __name__ == '__main__':
    sys.exit(main())
