"""Service: one running nova service (binary on a host) and its heartbeat."""

import uuid as uuidlib

import sqlalchemy as sa

from nova.db.main import api as main_db_api
from nova.db.main import models
from nova import exception
from nova.objects import base
from nova.objects import fields
from nova import utils

# Version of the service code; bumped when a service gains an ability that
# others must check for before using it (rolling upgrades).
SERVICE_VERSION = 1

_COLUMNS = ('id', 'uuid', 'host', 'binary', 'topic', 'report_count',
            'disabled', 'disabled_reason', 'last_seen_up', 'forced_down',
            'version', 'created_at', 'updated_at', 'deleted_at')


def _to_dict(db_service):
    values = {c: getattr(db_service, c) for c in _COLUMNS}
    values['deleted'] = bool(db_service.deleted)
    return values


def _live(query):
    return query.where(models.Service.deleted == 0)


@main_db_api.pick_context_manager_reader
def _get_from_db(context, **filters):
    query = _live(sa.select(models.Service))
    for key, value in filters.items():
        query = query.where(getattr(models.Service, key) == value)
    db_service = context.session.execute(query).scalars().first()
    if db_service is None:
        raise exception.ServiceNotFound(
            service_id=filters.get('id') or filters.get('uuid') or
            '%s/%s' % (filters.get('host'), filters.get('binary')))
    return _to_dict(db_service)


@main_db_api.pick_context_manager_writer
def _create_in_db(context, values):
    clash = context.session.execute(_live(sa.select(models.Service.id)).where(
        models.Service.host == values['host'],
        models.Service.binary == values['binary'])).first()
    if clash:
        raise exception.ServiceBinaryExists(host=values['host'],
                                            binary=values['binary'])
    db_service = models.Service(**values)
    context.session.add(db_service)
    context.session.flush()
    return _to_dict(db_service)


@main_db_api.pick_context_manager_writer
def _update_in_db(context, service_id, values):
    values = dict(values, updated_at=utils.utcnow())
    result = context.session.execute(sa.update(models.Service).where(
        models.Service.id == service_id, models.Service.deleted == 0).values(
        **values))
    if not result.rowcount:
        raise exception.ServiceNotFound(service_id=service_id)
    return values['updated_at']


@main_db_api.pick_context_manager_writer
def _destroy_in_db(context, service_id):
    context.session.execute(sa.update(models.Service).where(
        models.Service.id == service_id).values(
        deleted=service_id, deleted_at=utils.utcnow()))


@main_db_api.pick_context_manager_reader
def _get_all_from_db(context, disabled, binary, host):
    query = _live(sa.select(models.Service)).order_by(models.Service.id)
    if disabled is not None:
        query = query.where(models.Service.disabled.is_(bool(disabled)))
    if binary is not None:
        query = query.where(models.Service.binary == binary)
    if host is not None:
        query = query.where(models.Service.host == host)
    return [_to_dict(s)
            for s in context.session.execute(query).scalars().all()]


@base.NovaObjectRegistry.register
class Service(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(read_only=True),
        'uuid': fields.UUIDField(),
        'host': fields.StringField(nullable=True),
        'binary': fields.StringField(nullable=True),
        'topic': fields.StringField(nullable=True),
        'report_count': fields.IntegerField(default=0),
        'disabled': fields.BooleanField(default=False),
        'disabled_reason': fields.StringField(nullable=True),
        'availability_zone': fields.StringField(nullable=True),
        'last_seen_up': fields.DateTimeField(nullable=True),
        'forced_down': fields.BooleanField(default=False),
        'version': fields.IntegerField(),
        'created_at': fields.DateTimeField(nullable=True),
        'updated_at': fields.DateTimeField(nullable=True),
        'deleted_at': fields.DateTimeField(nullable=True),
        'deleted': fields.BooleanField(default=False),
    }

    @staticmethod
    def _from_db_object(context, service, values):
        for key in _COLUMNS + ('deleted',):
            setattr(service, key, values[key])
        service.availability_zone = 'nova'
        service._context = context
        service.obj_reset_changes()
        return service

    @base.remotable_classmethod
    def get_by_id(cls, context, service_id):
        return cls._from_db_object(context, cls(),
                                   _get_from_db(context, id=service_id))

    @base.remotable_classmethod
    def get_by_uuid(cls, context, service_uuid):
        return cls._from_db_object(context, cls(),
                                   _get_from_db(context, uuid=service_uuid))

    @base.remotable_classmethod
    def get_by_host_and_binary(cls, context, host, binary):
        try:
            values = _get_from_db(context, host=host, binary=binary)
        except exception.ServiceNotFound:
            return None
        return cls._from_db_object(context, cls(), values)

    @base.remotable_classmethod
    def get_by_compute_host(cls, context, host):
        try:
            values = _get_from_db(context, host=host, binary='nova-compute')
        except exception.ServiceNotFound:
            raise exception.ComputeHostNotFound(host=host)
        return cls._from_db_object(context, cls(), values)

    @base.remotable
    def create(self):
        if self.obj_attr_is_set('id'):
            raise exception.ObjectActionError(action='create',
                                              reason='already created')
        updates = self.obj_get_changes()
        updates.pop('availability_zone', None)
        updates.setdefault('uuid', str(uuidlib.uuid4()))
        updates.setdefault('version', SERVICE_VERSION)
        self._from_db_object(self._context, self,
                             _create_in_db(self._context, updates))

    @base.remotable
    def save(self):
        updates = self.obj_get_changes()
        for key in ('id', 'uuid', 'availability_zone', 'created_at',
                    'updated_at', 'deleted', 'deleted_at'):
            updates.pop(key, None)
        if updates:
            self.updated_at = _update_in_db(self._context, self.id, updates)
        self.obj_reset_changes()

    @base.remotable
    def destroy(self):
        _destroy_in_db(self._context, self.id)


@base.NovaObjectRegistry.register
class ServiceList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'objects': fields.ListOfObjectsField('Service'),
    }

    @base.remotable_classmethod
    def get_all(cls, context, disabled=None, binary=None, host=None):
        return base.obj_make_list(
            context, cls(), _get_all_from_db(context, disabled, binary, host))

    @base.remotable_classmethod
    def get_by_binary(cls, context, binary):
        return cls.get_all(context, binary=binary)
