"""HostMapping: which cell a compute host belongs to."""

import sqlalchemy as sa
from sqlalchemy import orm

from nova.db.api import api as api_db_api
from nova.db.api import models as api_models
from nova import exception
from nova.objects import base
from nova.objects import cell_mapping
from nova.objects import fields


def _from_db(context, mapping, db_mapping):
    mapping.id = db_mapping.id
    mapping.host = db_mapping.host
    mapping.cell_mapping = cell_mapping.CellMapping._from_db_object(
        context, cell_mapping.CellMapping(), db_mapping.cell_mapping)
    mapping._context = context
    mapping.obj_reset_changes()
    return mapping


def _query():
    return sa.select(api_models.HostMapping).options(
        orm.joinedload(api_models.HostMapping.cell_mapping))


@api_db_api.context_manager.reader
def _get_by_host_from_db(context, host):
    db_mapping = context.session.execute(_query().where(
        api_models.HostMapping.host == host)).scalars().first()
    if db_mapping is None:
        raise exception.HostMappingNotFound(name=host)
    return db_mapping


@api_db_api.context_manager.writer
def _create_in_db(context, host, cell_id):
    clash = context.session.execute(sa.select(api_models.HostMapping).where(
        api_models.HostMapping.host == host)).scalars().first()
    if clash is not None:
        raise exception.HostMappingExists(name=host, cell_uuid=cell_id)
    context.session.add(api_models.HostMapping(host=host, cell_id=cell_id))
    context.session.flush()
    return _get_by_host_from_db(context, host)


@api_db_api.context_manager.writer
def _destroy_by_host_in_db(context, host):
    context.session.execute(sa.delete(api_models.HostMapping).where(
        api_models.HostMapping.host == host))


@api_db_api.context_manager.reader
def _get_all_from_db(context, cell_id=None):
    query = _query()
    if cell_id is not None:
        query = query.where(api_models.HostMapping.cell_id == cell_id)
    return context.session.execute(query).scalars().all()


@base.NovaObjectRegistry.register
class HostMapping(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(read_only=True),
        'host': fields.StringField(),
        'cell_mapping': fields.ObjectField('CellMapping'),
    }

    @staticmethod
    def _from_db_object(context, mapping, db_mapping):
        return _from_db(context, mapping, db_mapping)

    @base.remotable_classmethod
    def get_by_host(cls, context, host):
        return _from_db(context, cls(), _get_by_host_from_db(context, host))

    @base.remotable
    def create(self):
        _from_db(self._context, self, _create_in_db(
            self._context, self.host, self.cell_mapping.id))

    @classmethod
    def destroy_by_host(cls, context, host):
        """Forget which cell ``host`` is in (nova-api, deleting its
        compute service); no error when it was not mapped."""
        _destroy_by_host_in_db(context, host)


@base.NovaObjectRegistry.register
class HostMappingList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'objects': fields.ListOfObjectsField('HostMapping'),
    }

    @base.remotable_classmethod
    def get_all(cls, context):
        return base.obj_make_list(
            context, cls(), _get_all_from_db(context))

    @base.remotable_classmethod
    def get_by_cell_id(cls, context, cell_id):
        return base.obj_make_list(
            context, cls(), _get_all_from_db(context, cell_id))
