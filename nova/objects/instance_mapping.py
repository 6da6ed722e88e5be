"""InstanceMapping: which cell holds an instance (none yet: still a
BuildRequest waiting for the scheduler)."""

import sqlalchemy as sa
from sqlalchemy import orm

from nova.db.api import api as api_db_api
from nova.db.api import models as api_models
from nova import exception
from nova.objects import base
from nova.objects import cell_mapping
from nova.objects import fields


def _from_db(context, mapping, db_mapping):
    for key in ('id', 'instance_uuid', 'project_id', 'user_id',
                'queued_for_delete'):
        setattr(mapping, key, getattr(db_mapping, key))
    if db_mapping.cell_mapping is not None:
        mapping.cell_mapping = cell_mapping.CellMapping._from_db_object(
            context, cell_mapping.CellMapping(), db_mapping.cell_mapping)
    else:
        mapping.cell_mapping = None
    mapping._context = context
    mapping.obj_reset_changes()
    return mapping


def _query():
    return sa.select(api_models.InstanceMapping).options(
        orm.joinedload(api_models.InstanceMapping.cell_mapping))


@api_db_api.context_manager.reader
def _get_by_instance_uuid_from_db(context, instance_uuid):
    db_mapping = context.session.execute(_query().where(
        api_models.InstanceMapping.instance_uuid == instance_uuid)
    ).scalars().first()
    if db_mapping is None:
        raise exception.InstanceMappingNotFound(uuid=instance_uuid)
    return db_mapping


@api_db_api.context_manager.writer
def _create_in_db(context, updates):
    context.session.add(api_models.InstanceMapping(**updates))
    context.session.flush()
    return _get_by_instance_uuid_from_db(context, updates['instance_uuid'])


@api_db_api.context_manager.writer
def _save_in_db(context, instance_uuid, updates):
    db_mapping = _get_by_instance_uuid_from_db(context, instance_uuid)
    for key, value in updates.items():
        setattr(db_mapping, key, value)
    context.session.flush()
    return db_mapping


@api_db_api.context_manager.writer
def _destroy_in_db(context, instance_uuid):
    context.session.execute(sa.delete(api_models.InstanceMapping).where(
        api_models.InstanceMapping.instance_uuid == instance_uuid))


def _updates_for_db(changes):
    if 'cell_mapping' in changes:
        cell = changes.pop('cell_mapping')
        changes['cell_id'] = cell.id if cell else None
    return changes


@base.NovaObjectRegistry.register
class InstanceMapping(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(read_only=True),
        'instance_uuid': fields.UUIDField(),
        'cell_mapping': fields.ObjectField('CellMapping', nullable=True),
        'project_id': fields.StringField(),
        'user_id': fields.StringField(nullable=True),
        'queued_for_delete': fields.BooleanField(default=False),
    }

    @staticmethod
    def _from_db_object(context, mapping, db_mapping):
        return _from_db(context, mapping, db_mapping)

    @base.remotable_classmethod
    def get_by_instance_uuid(cls, context, instance_uuid):
        return _from_db(context, cls(),
                        _get_by_instance_uuid_from_db(context, instance_uuid))

    @base.remotable
    def create(self):
        changes = _updates_for_db(self.obj_get_changes())
        _from_db(self._context, self, _create_in_db(self._context, changes))

    @base.remotable
    def save(self):
        changes = _updates_for_db(self.obj_get_changes())
        changes.pop('instance_uuid', None)
        _from_db(self._context, self,
                 _save_in_db(self._context, self.instance_uuid, changes))

    @base.remotable
    def destroy(self):
        _destroy_in_db(self._context, self.instance_uuid)


@api_db_api.context_manager.reader
def _get_by_project_from_db(context, project_id):
    query = _query()
    if project_id is not None:
        query = query.where(api_models.InstanceMapping.project_id ==
                            project_id)
    return context.session.execute(query).scalars().all()


@api_db_api.context_manager.reader
def _count_by_project_from_db(context, project_id):
    return context.session.execute(
        sa.select(sa.func.count(api_models.InstanceMapping.id)).where(
            api_models.InstanceMapping.project_id == project_id,
            api_models.InstanceMapping.queued_for_delete.is_(False))
    ).scalar_one()


@base.NovaObjectRegistry.register
class InstanceMappingList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'objects': fields.ListOfObjectsField('InstanceMapping'),
    }

    @base.remotable_classmethod
    def get_by_project_id(cls, context, project_id):
        return base.obj_make_list(
            context, cls(), _get_by_project_from_db(context, project_id))

    @classmethod
    def count_by_project(cls, context, project_id):
        """Instances of ``project_id`` not queued for deletion (quota)."""
        return _count_by_project_from_db(context, project_id)
