"""CellMapping: where a cell's database and message queue are."""

import sqlalchemy as sa

from nova.db.api import api as api_db_api
from nova.db.api import models as api_models
from nova import exception
from nova.objects import base
from nova.objects import fields

CELL0_UUID = '00000000-0000-0000-0000-000000000000'


def _from_db(context, mapping, db_mapping):
    for key in mapping.fields:
        setattr(mapping, key, getattr(db_mapping, key))
    mapping._context = context
    mapping.obj_reset_changes()
    return mapping


@api_db_api.context_manager.reader
def _get_by_uuid_from_db(context, uuid):
    db_mapping = context.session.execute(sa.select(
        api_models.CellMapping).where(
            api_models.CellMapping.uuid == uuid)).scalars().first()
    if db_mapping is None:
        raise exception.CellMappingNotFound(uuid=uuid)
    return db_mapping


@api_db_api.context_manager.writer
def _create_in_db(context, updates):
    db_mapping = api_models.CellMapping(**updates)
    context.session.add(db_mapping)
    context.session.flush()
    return db_mapping


@api_db_api.context_manager.writer
def _save_in_db(context, uuid, updates):
    db_mapping = _get_by_uuid_from_db(context, uuid)
    for key, value in updates.items():
        setattr(db_mapping, key, value)
    context.session.flush()
    return db_mapping


@api_db_api.context_manager.writer
def _destroy_in_db(context, uuid):
    result = context.session.execute(sa.delete(api_models.CellMapping).where(
        api_models.CellMapping.uuid == uuid))
    if not result.rowcount:
        raise exception.CellMappingNotFound(uuid=uuid)


@base.NovaObjectRegistry.register
class CellMapping(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    CELL0_UUID = CELL0_UUID

    fields = {
        'id': fields.IntegerField(read_only=True),
        'uuid': fields.UUIDField(),
        'name': fields.StringField(nullable=True),
        'transport_url': fields.StringField(),
        'database_connection': fields.StringField(),
        'disabled': fields.BooleanField(default=False),
        'created_at': fields.DateTimeField(nullable=True),
        'updated_at': fields.DateTimeField(nullable=True),
    }

    @property
    def identity(self):
        if self.obj_attr_is_set('name') and self.name:
            return '%s(%s)' % (self.uuid, self.name)
        return self.uuid

    @staticmethod
    def _from_db_object(context, mapping, db_mapping):
        return _from_db(context, mapping, db_mapping)

    def is_cell0(self):
        return self.obj_attr_is_set('uuid') and self.uuid == CELL0_UUID

    @base.remotable_classmethod
    def get_by_uuid(cls, context, uuid):
        return _from_db(context, cls(), _get_by_uuid_from_db(context, uuid))

    @base.remotable
    def create(self):
        _from_db(self._context, self,
                 _create_in_db(self._context, self.obj_get_changes()))

    @base.remotable
    def save(self):
        changes = self.obj_get_changes()
        changes.pop('uuid', None)
        _from_db(self._context, self,
                 _save_in_db(self._context, self.uuid, changes))

    @base.remotable
    def destroy(self):
        _destroy_in_db(self._context, self.uuid)


@api_db_api.context_manager.reader
def _get_all_from_db(context):
    return context.session.execute(sa.select(api_models.CellMapping).order_by(
        api_models.CellMapping.id)).scalars().all()


@base.NovaObjectRegistry.register
class CellMappingList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'objects': fields.ListOfObjectsField('CellMapping'),
    }

    @base.remotable_classmethod
    def get_all(cls, context):
        return base.obj_make_list(
            context, cls(), _get_all_from_db(context))
