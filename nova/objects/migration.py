"""Migration: one move of an instance (cold migration, resize, live
migration, evacuation) in its cell's database.

``status`` follows the move: ``pre-migrating`` -> ``migrating`` ->
``post-migrating`` -> ``finished`` (a resize waits there to be confirmed)
-> ``confirming`` -> ``confirmed``, or ``reverting`` -> ``reverted``;
``error`` when it failed. While it lasts, the migration's ``uuid`` is the
placement consumer of the source host's allocation.
"""

from oslo_utils import uuidutils
import sqlalchemy as sa

from nova.db.main import api as main_db_api
from nova.db.main import models
from nova import exception
from nova.objects import base
from nova.objects import fields

# Statuses of a move still going on (or waiting for a confirmation).
IN_PROGRESS = ('pre-migrating', 'migrating', 'post-migrating', 'finished',
               'confirming', 'reverting', 'queued', 'preparing',
               'running')

_FIELDS = ('id', 'uuid', 'source_compute', 'dest_compute', 'source_node',
           'dest_node', 'dest_host', 'old_instance_type_id',
           'new_instance_type_id', 'instance_uuid', 'status',
           'migration_type', 'hidden', 'memory_total', 'memory_processed',
           'memory_remaining', 'disk_total', 'disk_processed',
           'disk_remaining', 'cross_cell_move', 'user_id', 'project_id',
           'created_at', 'updated_at', 'deleted_at', 'deleted')


def _to_dict(row):
    values = {f: getattr(row, f) for f in _FIELDS}
    values['deleted'] = bool(values['deleted'])
    return values


@main_db_api.pick_context_manager_writer
def _create(context, values):
    row = models.Migration(deleted=0, **values)
    context.session.add(row)
    context.session.flush()
    return _to_dict(row)


@main_db_api.pick_context_manager_writer
def _update(context, migration_id, values):
    row = context.session.get(models.Migration, migration_id)
    if row is None:
        raise exception.MigrationNotFound(migration_id=migration_id)
    for key, value in values.items():
        setattr(row, key, value)
    context.session.flush()
    return _to_dict(row)


@main_db_api.pick_context_manager_reader
def _get(context, **filters):
    query = sa.select(models.Migration).where(models.Migration.deleted == 0)
    for key, value in filters.items():
        query = query.where(getattr(models.Migration, key) == value)
    row = context.session.execute(
        query.order_by(models.Migration.id.desc())).scalars().first()
    return None if row is None else _to_dict(row)


def _filtered(query, filters):
    model = models.Migration
    for key in ('instance_uuid', 'source_compute', 'migration_type',
                'user_id', 'project_id'):
        if filters.get(key) is not None:
            query = query.where(getattr(model, key) == filters[key])
    status = filters.get('status')
    if status is not None:
        statuses = status if isinstance(status, (list, tuple)) else [status]
        query = query.where(model.status.in_(list(statuses)))
    host = filters.get('host')
    if host is not None:
        query = query.where(sa.or_(model.source_compute == host,
                                   model.dest_compute == host))
    if filters.get('hidden') is not None:
        query = query.where(sa.func.coalesce(model.hidden, False) ==
                            bool(filters['hidden']))
    if filters.get('changes-since') is not None:
        query = query.where(model.updated_at >= filters['changes-since'])
    if filters.get('changes-before') is not None:
        query = query.where(model.updated_at <= filters['changes-before'])
    return query


@main_db_api.pick_context_manager_reader
def _get_all(context, filters, limit, marker):
    model = models.Migration
    query = _filtered(sa.select(model).where(model.deleted == 0), filters)
    if marker is not None:
        marker_row = context.session.execute(sa.select(model).where(
            model.uuid == marker)).scalars().first()
        if marker_row is None:
            raise exception.MarkerNotFound(marker=marker)
        query = query.where(model.id < marker_row.id)
    query = query.order_by(model.created_at.desc(), model.id.desc())
    if limit is not None:
        query = query.limit(limit)
    return [_to_dict(row) for row in context.session.execute(query).scalars()]


@base.NovaObjectRegistry.register
class Migration(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'uuid': fields.UUIDField(),
        'source_compute': fields.StringField(nullable=True),
        'dest_compute': fields.StringField(nullable=True),
        'source_node': fields.StringField(nullable=True),
        'dest_node': fields.StringField(nullable=True),
        'dest_host': fields.StringField(nullable=True),
        'old_instance_type_id': fields.IntegerField(nullable=True),
        'new_instance_type_id': fields.IntegerField(nullable=True),
        'instance_uuid': fields.StringField(nullable=True),
        'status': fields.StringField(nullable=True),
        # migration, resize, live-migration or evacuation
        'migration_type': fields.StringField(nullable=True),
        'hidden': fields.BooleanField(default=False),
        'memory_total': fields.IntegerField(nullable=True),
        'memory_processed': fields.IntegerField(nullable=True),
        'memory_remaining': fields.IntegerField(nullable=True),
        'disk_total': fields.IntegerField(nullable=True),
        'disk_processed': fields.IntegerField(nullable=True),
        'disk_remaining': fields.IntegerField(nullable=True),
        'cross_cell_move': fields.BooleanField(default=False),
        'user_id': fields.StringField(nullable=True),
        'project_id': fields.StringField(nullable=True),
        'created_at': fields.DateTimeField(nullable=True),
        'updated_at': fields.DateTimeField(nullable=True),
        'deleted_at': fields.DateTimeField(nullable=True),
        'deleted': fields.BooleanField(default=False),
    }

    @classmethod
    def _from_values(cls, context, values):
        migration = cls(context=context)
        for key, value in values.items():
            if value is None and not migration.fields[key].nullable:
                continue
            setattr(migration, key, value)
        migration.obj_reset_changes()
        return migration

    @base.remotable
    def create(self):
        """Store a new migration (a UUID is made when none is set)."""
        if self.obj_attr_is_set('id'):
            raise exception.ObjectActionError(action='create',
                                              reason='already created')
        if not self.obj_attr_is_set('uuid'):
            self.uuid = uuidutils.generate_uuid()
        values = _create(self._context, self.obj_get_changes())
        for key, value in values.items():
            if value is not None or self.fields[key].nullable:
                setattr(self, key, value)
        self.obj_reset_changes()

    @base.remotable
    def save(self):
        changes = self.obj_get_changes()
        changes.pop('id', None)
        if changes:
            values = _update(self._context, self.id, changes)
            self.updated_at = values['updated_at']
        self.obj_reset_changes()

    @base.remotable_classmethod
    def get_by_id(cls, context, migration_id):
        values = _get(context, id=migration_id)
        if values is None:
            raise exception.MigrationNotFound(migration_id=migration_id)
        return cls._from_values(context, values)

    @base.remotable_classmethod
    def get_by_instance_and_status(cls, context, instance_uuid, status):
        """The newest migration of ``instance_uuid`` in ``status``;
        MigrationNotFoundByStatus if none."""
        values = _get(context, instance_uuid=instance_uuid, status=status)
        if values is None:
            raise exception.MigrationNotFoundByStatus(
                instance_id=instance_uuid, status=status)
        return cls._from_values(context, values)


@base.NovaObjectRegistry.register
class MigrationList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {'objects': fields.ListOfObjectsField('Migration')}

    @base.remotable_classmethod
    def get_by_filters(cls, context, filters, limit=None, marker=None):
        """Migrations, newest first, matching ``filters``: instance_uuid,
        source_compute, host (source or destination), status (one or a
        list), migration_type, hidden, user_id, project_id, and
        changes-since / changes-before (naive UTC datetimes bounding
        ``updated_at``); ``marker``: the UUID of the last one seen."""
        rows = _get_all(context, filters, limit, marker)
        return cls(context=context, objects=[
            Migration._from_values(context, row) for row in rows])
