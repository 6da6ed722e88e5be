"""BuildRequest: a server accepted by the API but not yet in a cell.

It lives in the API DB until the conductor creates the instance in the
cell the scheduler picked (or in cell0 when nothing fits), so the server
can be listed and deleted from the moment the API answers 202.
"""

from oslo_serialization import jsonutils
import sqlalchemy as sa

from nova.db.api import api as api_db_api
from nova.db.api import models as api_models
from nova import exception
from nova.objects import base
from nova.objects import fields


def _from_db(context, req, db_req):
    req.id = db_req.id
    req.instance_uuid = db_req.instance_uuid
    req.project_id = db_req.project_id
    req.user_id = db_req.user_id
    req.created_at = db_req.created_at
    req.updated_at = db_req.updated_at
    from nova import objects
    instance = objects.Instance.obj_from_primitive(
        jsonutils.loads(db_req.instance))
    instance._context = context
    req.instance = instance
    req.tags = jsonutils.loads(db_req.tags) if db_req.tags else []
    req._context = context
    req.obj_reset_changes()
    return req


@api_db_api.context_manager.reader
def _get_by_instance_uuid_from_db(context, instance_uuid):
    db_req = context.session.execute(sa.select(api_models.BuildRequest).where(
        api_models.BuildRequest.instance_uuid == instance_uuid)
    ).scalars().first()
    if db_req is None:
        raise exception.BuildRequestNotFound(uuid=instance_uuid)
    return db_req


@api_db_api.context_manager.writer
def _create_in_db(context, values):
    db_req = api_models.BuildRequest(**values)
    context.session.add(db_req)
    context.session.flush()
    return db_req


@api_db_api.context_manager.writer
def _destroy_in_db(context, instance_uuid):
    result = context.session.execute(sa.delete(api_models.BuildRequest).where(
        api_models.BuildRequest.instance_uuid == instance_uuid))
    if not result.rowcount:
        raise exception.BuildRequestNotFound(uuid=instance_uuid)


@api_db_api.context_manager.writer
def _save_instance_in_db(context, instance_uuid, instance_json):
    result = context.session.execute(
        sa.update(api_models.BuildRequest).where(
            api_models.BuildRequest.instance_uuid == instance_uuid).values(
                instance=instance_json))
    if not result.rowcount:
        raise exception.BuildRequestNotFound(uuid=instance_uuid)


@api_db_api.context_manager.reader
def _get_all_from_db(context, project_id):
    query = sa.select(api_models.BuildRequest)
    if project_id is not None:
        query = query.where(api_models.BuildRequest.project_id == project_id)
    return context.session.execute(query).scalars().all()


@base.NovaObjectRegistry.register
class BuildRequest(base.NovaObject):
    # Version 1.0: Initial version
    # Version 1.1: Add save()
    # Version 1.2: Instance 1.1
    # Version 1.3: Instance 1.2
    # Version 1.4: Instance 1.3
    VERSION = '1.4'

    fields = {
        'id': fields.IntegerField(),
        'instance_uuid': fields.UUIDField(),
        'project_id': fields.StringField(),
        'user_id': fields.StringField(nullable=True),
        'instance': fields.ObjectField('Instance'),
        'tags': fields.ListOfStringsField(default=[]),
        'created_at': fields.DateTimeField(nullable=True),
        'updated_at': fields.DateTimeField(nullable=True),
    }

    @staticmethod
    def _from_db_object(context, req, db_req):
        return _from_db(context, req, db_req)

    @base.remotable_classmethod
    def get_by_instance_uuid(cls, context, instance_uuid):
        return _from_db(context, cls(),
                        _get_by_instance_uuid_from_db(context, instance_uuid))

    @base.remotable
    def create(self):
        values = {
            'instance_uuid': self.instance_uuid,
            'project_id': self.project_id,
            'user_id': self.user_id,
            'instance': jsonutils.dumps(self.instance.obj_to_primitive()),
            'tags': jsonutils.dumps(self.tags if self.obj_attr_is_set('tags')
                                    else []),
        }
        _from_db(self._context, self, _create_in_db(self._context, values))

    @base.remotable
    def save(self):
        """Write the (changed) instance; BuildRequestNotFound when the
        request is gone (the instance was created in a cell)."""
        _save_instance_in_db(self._context, self.instance_uuid,
                             jsonutils.dumps(self.instance.obj_to_primitive()))

    @base.remotable
    def destroy(self):
        _destroy_in_db(self._context, self.instance_uuid)


@base.NovaObjectRegistry.register
class BuildRequestList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'objects': fields.ListOfObjectsField('BuildRequest'),
    }

    @base.remotable_classmethod
    def get_all(cls, context, project_id=None):
        """Build requests of ``project_id`` (all projects if None)."""
        return base.obj_make_list(
            context, cls(), _get_all_from_db(context, project_id))
