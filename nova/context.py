"""Request context: who is asking, and which cell's database to use.

``target_cell`` points a context at one cell's database and message queue,
so the same object code reads cell0 or cell1 depending on the context.
"""

import contextlib
import copy

from oslo_context import context as oslo_context
from oslo_db.sqlalchemy import enginefacade
from oslo_utils import timeutils

from nova import exception
from nova import policy

# Engines of the cell databases, keyed by cell mapping UUID; built once.
CELL_CACHE = {}
_CELL_LOCK = __import__('threading').Lock()


@enginefacade.transaction_context_provider
class RequestContext(oslo_context.RequestContext):
    """Security context and request information for one request."""

    def __init__(self, user_id=None, project_id=None, is_admin=None,
                 read_deleted='no', remote_address=None, timestamp=None,
                 service_catalog=None, user_auth_plugin=None, **kwargs):
        kwargs.setdefault('user_id', user_id)
        kwargs.setdefault('project_id', project_id)
        super().__init__(is_admin=bool(is_admin), **kwargs)
        self.read_deleted = read_deleted
        self.remote_address = remote_address
        if timestamp is None:
            timestamp = timeutils.utcnow()
        elif isinstance(timestamp, str):
            timestamp = timeutils.normalize_time(
                timeutils.parse_isotime(timestamp))
        self.timestamp = timestamp
        self.service_catalog = service_catalog or []
        self.user_auth_plugin = user_auth_plugin
        # Set by target_cell(): the enginefacade of the cell's database.
        self.db_connection = None
        self.cell_uuid = None
        if is_admin is None:
            self.is_admin = policy.check_is_admin(self)

    def to_dict(self):
        values = super().to_dict()
        values.update({
            'user_id': self.user_id,
            'project_id': self.project_id,
            'is_admin': self.is_admin,
            'read_deleted': self.read_deleted,
            'remote_address': self.remote_address,
            'timestamp': self.timestamp.isoformat(),
            'service_catalog': self.service_catalog,
        })
        return values

    @classmethod
    def from_dict(cls, values):
        return super().from_dict(
            values,
            user_id=values.get('user_id'),
            project_id=values.get('project_id'),
            is_admin=values.get('is_admin', False),
            read_deleted=values.get('read_deleted', 'no'),
            remote_address=values.get('remote_address'),
            timestamp=values.get('timestamp'),
            service_catalog=values.get('service_catalog'))

    def elevated(self, read_deleted=None):
        ctx = copy.copy(self)
        ctx.roles = list(self.roles)
        ctx.is_admin = True
        if 'admin' not in ctx.roles:
            ctx.roles.append('admin')
        if read_deleted is not None:
            ctx.read_deleted = read_deleted
        return ctx

    def can(self, action, target=None, fatal=True):
        """Check ``action`` against policy for this context.

        Raises ``exception.Forbidden`` when denied and ``fatal``; returns
        the decision otherwise.
        """
        if target is None:
            target = {'project_id': self.project_id, 'user_id': self.user_id}
        return policy.authorize(self, action, target, do_raise=fatal)

    def __str__(self):
        return '<Context %s:%s>' % (self.user_id, self.project_id)


def get_admin_context(read_deleted='no'):
    """An admin context not bound to a user or project (services use it)."""
    return RequestContext(user_id=None, project_id=None, is_admin=True,
                          read_deleted=read_deleted, overwrite=False)


def get_context():
    """A plain context for command-line tools."""
    return RequestContext(user_id=None, project_id=None, is_admin=False,
                          overwrite=False)


def _cell_transaction_context(cell_mapping):
    """The enginefacade for a cell's database, created once per cell."""
    with _CELL_LOCK:
        facade = CELL_CACHE.get(cell_mapping.uuid)
        if facade is None:
            from nova.db.main import api as main_db
            facade = main_db.create_context_manager(
                cell_mapping.database_connection)
            CELL_CACHE[cell_mapping.uuid] = facade
        return facade


def set_target_cell(context, cell_mapping):
    """Point ``context`` at the database of ``cell_mapping`` in place."""
    if cell_mapping is None:
        context.db_connection = None
        context.cell_uuid = None
        return
    context.db_connection = _cell_transaction_context(cell_mapping)
    context.cell_uuid = cell_mapping.uuid


@contextlib.contextmanager
def target_cell(context, cell_mapping):
    """Yield a copy of ``context`` that targets ``cell_mapping``'s DB."""
    cctxt = copy.copy(context)
    set_target_cell(cctxt, cell_mapping)
    yield cctxt


def require_context(ctxt):
    if not ctxt.is_admin and not (ctxt.user_id and ctxt.project_id):
        raise exception.Forbidden()
