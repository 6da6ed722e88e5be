"""InstanceFault: why an operation on an instance failed."""

import traceback

import sqlalchemy as sa

from nova.db.main import api as main_db_api
from nova.db.main import models
from nova.objects import base
from nova.objects import fields
from nova import utils


@main_db_api.pick_context_manager_writer
def _create_in_db(context, values):
    db_fault = models.InstanceFault(**values)
    context.session.add(db_fault)
    context.session.flush()
    return db_fault.id, db_fault.created_at


@main_db_api.pick_context_manager_reader
def _get_latest_from_db(context, instance_uuid):
    return context.session.execute(sa.select(models.InstanceFault).where(
        models.InstanceFault.instance_uuid == instance_uuid).order_by(
        models.InstanceFault.created_at.desc(),
        models.InstanceFault.id.desc())).scalars().first()


@base.NovaObjectRegistry.register
class InstanceFault(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'instance_uuid': fields.UUIDField(),
        'code': fields.IntegerField(),
        'message': fields.StringField(nullable=True),
        'details': fields.StringField(nullable=True),
        'host': fields.StringField(nullable=True),
        'created_at': fields.DateTimeField(nullable=True),
    }

    @base.remotable
    def create(self):
        values = self.obj_get_changes()
        self.id, self.created_at = _create_in_db(self._context, values)
        self.obj_reset_changes()

    @base.remotable_classmethod
    def get_latest_for_instance(cls, context, instance_uuid):
        db_fault = _get_latest_from_db(context, instance_uuid)
        if db_fault is None:
            return None
        fault = cls(context=context)
        for key in fault.fields:
            setattr(fault, key, getattr(db_fault, key))
        fault.obj_reset_changes()
        return fault

    @classmethod
    def from_exception(cls, context, instance_uuid, error, host=None):
        """A fault (not yet saved) describing ``error``."""
        code = getattr(error, 'code', 500)
        code = code if isinstance(code, int) else 500
        message = (error.format_message()
                   if hasattr(error, 'format_message') else str(error))
        if code == 500 and not getattr(error, 'safe', False) and \
                not hasattr(error, 'format_message'):
            message = error.__class__.__name__
        details = ''.join(traceback.format_exception(
            type(error), error, error.__traceback__))
        return cls(context=context, instance_uuid=instance_uuid, code=code,
                   message=message[:255], details=details, host=host,
                   created_at=utils.utcnow())
