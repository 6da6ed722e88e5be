"""Setting up cells v2: cell0, cells, and the mapping of hosts to cells.

Used by ``nova-manage cell_v2`` and by the all-in-one at first start.
Every function is idempotent where the operator would expect it to be.
"""

from oslo_log import log as logging
from oslo_utils import uuidutils
import sqlalchemy as sa

import nova.conf
from nova import context as nova_context
from nova import exception
from nova import objects

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)


def cell0_url(main_url):
    """The cell0 database URL next to ``main_url``: the database (or the
    SQLite file) name gains ``_cell0``."""
    url = sa.engine.make_url(main_url)
    database = url.database or 'nova'
    if url.get_backend_name() == 'sqlite':
        stem, dot, ext = database.rpartition('.')
        database = ('%s_cell0.%s' % (stem, ext)) if dot else (
            database + '_cell0')
    else:
        database = database + '_cell0'
    return url.set(database=database).render_as_string(hide_password=False)


def map_cell0(context, database_connection=None):
    """The cell0 mapping, created if missing."""
    try:
        return objects.CellMapping.get_by_uuid(
            context, objects.CellMapping.CELL0_UUID)
    except exception.CellMappingNotFound:
        pass
    connection = database_connection or cell0_url(CONF.database.connection)
    cell0 = objects.CellMapping(
        context=context, uuid=objects.CellMapping.CELL0_UUID, name='cell0',
        transport_url='none:///', database_connection=connection,
        disabled=False)
    cell0.create()
    return cell0


def create_cell(context, name, transport_url, database_connection,
                disabled=False):
    """A new cell mapping.

    Raises ``CellMappingExists`` when another cell already uses the same
    database or the same transport URL: two mappings for one cell would
    make every instance and host in it appear twice.
    """
    for cell in objects.CellMappingList.get_all(context):
        if (cell.database_connection == database_connection or
                cell.transport_url == transport_url):
            raise exception.CellMappingExists(uuid=cell.uuid)
    cell = objects.CellMapping(
        context=context, uuid=uuidutils.generate_uuid(), name=name,
        transport_url=transport_url, database_connection=database_connection,
        disabled=disabled)
    cell.create()
    return cell


def find_cell_by_database(context, database_connection):
    """The (non-cell0) mapping of the cell whose database is
    ``database_connection``, or None."""
    for cell in objects.CellMappingList.get_all(context):
        if (not cell.is_cell0() and
                cell.database_connection == database_connection):
            return cell
    return None


def simple_cell_setup(context, transport_url=None):
    """cell0 plus one cell ``cell1`` for ``[database] connection``; then
    map its hosts. Returns the cell1 mapping.

    Running it again finds the cell of ``[database] connection`` and only
    maps hosts that appeared since.
    """
    map_cell0(context)
    transport_url = transport_url or CONF.transport_url or 'fake://'
    cell = find_cell_by_database(context, CONF.database.connection)
    if cell is None:
        cell = create_cell(context, 'cell1', transport_url,
                           CONF.database.connection)
    discover_hosts(context, cell.uuid)
    return cell


def _quiet(message):
    pass


def discover_hosts(context, cell_uuid=None, status=None):
    """Map the compute hosts of unmapped compute nodes to their cell.

    ``cell_uuid`` limits the search to one cell (``CellMappingNotFound``
    if there is no such cell). ``status(message)``, when given, is told
    about every step (``nova-manage cell_v2 discover_hosts --verbose``).
    Idempotent: hosts already mapped are left alone. Returns the new
    HostMappings.
    """
    status = status or _quiet
    if cell_uuid:
        cells = [objects.CellMapping.get_by_uuid(context, cell_uuid)]
    else:
        cells = objects.CellMappingList.get_all(context)
        status('Found %d cell mappings.' % len(cells))
    created = []
    for cell in cells:
        if cell.is_cell0():
            status('Skipping cell0: it holds no compute hosts.')
            continue
        status('Getting compute nodes from cell %s' % cell.identity)
        created.extend(_discover_in_cell(context, cell, status))
    return created


def _discover_in_cell(context, cell, status):
    created = []
    with nova_context.target_cell(context, cell) as cctxt:
        nodes = objects.ComputeNodeList.get_all_unmapped(cctxt)
        status('Found %d unmapped compute nodes in cell %s'
               % (len(nodes), cell.uuid))
        for node in nodes:
            mapping = _map_host(context, cell, node.host, status)
            if mapping is not None:
                created.append(mapping)
            node.mapped = 1
            node.save()
    return created


def _map_host(context, cell, host, status):
    """The new HostMapping of ``host`` in ``cell``, or None if the host
    was mapped already (a host may have several nodes)."""
    status('Checking the host mapping of compute host %s' % host)
    try:
        objects.HostMapping.get_by_host(context, host)
        return None
    except exception.HostMappingNotFound:
        pass
    status('Creating the host mapping of compute host %s' % host)
    mapping = objects.HostMapping(context=context, host=host,
                                  cell_mapping=cell)
    try:
        mapping.create()
    except exception.HostMappingExists:
        return None
    LOG.info('Mapped host %s to cell %s', host, cell.identity)
    return mapping
