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
    """A new cell mapping; raises InvalidInput on a duplicate database or
    transport pair (two mappings for one cell)."""
    for cell in objects.CellMappingList.get_all(context):
        if (cell.database_connection == database_connection and
                cell.transport_url == transport_url):
            raise exception.InvalidInput(
                reason='The specified transport_url and/or '
                       'database_connection combination already exists '
                       'for another cell with uuid %s.' % cell.uuid)
    cell = objects.CellMapping(
        context=context, uuid=uuidutils.generate_uuid(), name=name,
        transport_url=transport_url, database_connection=database_connection,
        disabled=disabled)
    cell.create()
    return cell


def simple_cell_setup(context, transport_url=None):
    """cell0 plus one cell ``cell1`` for ``[database] connection``; then
    map its hosts. Returns the cell1 mapping."""
    map_cell0(context)
    transport_url = transport_url or CONF.transport_url or 'fake://'
    for cell in objects.CellMappingList.get_all(context):
        if not cell.is_cell0():
            discover_hosts(context, cell.uuid)
            return cell
    cell = create_cell(context, 'cell1', transport_url,
                       CONF.database.connection)
    discover_hosts(context, cell.uuid)
    return cell


def discover_hosts(context, cell_uuid=None):
    """Map the compute hosts of unmapped compute nodes to their cell.

    Returns the new HostMappings.
    """
    created = []
    for cell in objects.CellMappingList.get_all(context):
        if cell.is_cell0() or (cell_uuid and cell.uuid != cell_uuid):
            continue
        with nova_context.target_cell(context, cell) as cctxt:
            nodes = objects.ComputeNodeList.get_all_unmapped(cctxt)
            for node in nodes:
                try:
                    objects.HostMapping.get_by_host(context, node.host)
                except exception.HostMappingNotFound:
                    mapping = objects.HostMapping(
                        context=context, host=node.host, cell_mapping=cell)
                    try:
                        mapping.create()
                        created.append(mapping)
                        LOG.info('Mapped host %s to cell %s', node.host,
                                 cell.identity)
                    except exception.HostMappingExists:
                        pass
                node.mapped = 1
                node.save()
    return created
