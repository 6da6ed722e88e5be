"""ComputeNode: a hypervisor's resources as its compute host reports them."""

import uuid as uuidlib

import sqlalchemy as sa

from nova.db.main import api as main_db_api
from nova.db.main import models
from nova import exception
from nova.objects import base
from nova.objects import fields
from nova import utils

_COLUMNS = (
    'id', 'uuid', 'service_id', 'host', 'hypervisor_hostname', 'vcpus',
    'memory_mb', 'local_gb', 'vcpus_used', 'memory_mb_used',
    'local_gb_used', 'hypervisor_type', 'hypervisor_version', 'cpu_info',
    'free_ram_mb', 'free_disk_gb', 'current_workload', 'running_vms',
    'disk_available_least', 'host_ip', 'cpu_allocation_ratio',
    'ram_allocation_ratio', 'disk_allocation_ratio', 'mapped',
    'created_at', 'updated_at', 'deleted_at')


def _to_dict(db_node):
    values = {c: getattr(db_node, c) for c in _COLUMNS}
    values['deleted'] = bool(db_node.deleted)
    return values


def _db_values(updates):
    if updates.get('host_ip') is not None:
        updates['host_ip'] = str(updates['host_ip'])
    return updates


def _live():
    return sa.select(models.ComputeNode).where(models.ComputeNode.deleted == 0)


@main_db_api.pick_context_manager_reader
def _get_one_from_db(context, **filters):
    query = _live()
    for key, value in filters.items():
        query = query.where(getattr(models.ComputeNode, key) == value)
    db_node = context.session.execute(query).scalars().first()
    if db_node is None:
        raise exception.ComputeHostNotFound(
            host=filters.get('hypervisor_hostname') or filters.get('uuid') or
            filters.get('host') or filters.get('id'))
    return _to_dict(db_node)


@main_db_api.pick_context_manager_writer
def _create_in_db(context, values):
    db_node = models.ComputeNode(**values)
    context.session.add(db_node)
    context.session.flush()
    return _to_dict(db_node)


@main_db_api.pick_context_manager_writer
def _update_in_db(context, node_id, values):
    values = dict(values, updated_at=utils.utcnow())
    context.session.execute(sa.update(models.ComputeNode).where(
        models.ComputeNode.id == node_id).values(**values))
    return values['updated_at']


@main_db_api.pick_context_manager_writer
def _destroy_in_db(context, node_id):
    context.session.execute(sa.update(models.ComputeNode).where(
        models.ComputeNode.id == node_id).values(
        deleted=node_id, deleted_at=utils.utcnow()))


@main_db_api.pick_context_manager_reader
def _get_all_from_db(context, host=None, uuids=None, limit=None,
                     marker_id=None, unmapped=False):
    query = _live().order_by(models.ComputeNode.id)
    if host is not None:
        query = query.where(models.ComputeNode.host == host)
    if uuids is not None:
        query = query.where(models.ComputeNode.uuid.in_(list(uuids)))
    if marker_id is not None:
        query = query.where(models.ComputeNode.id > marker_id)
    if unmapped:
        query = query.where(models.ComputeNode.mapped == 0)
    if limit is not None:
        query = query.limit(limit)
    return [_to_dict(n) for n in context.session.execute(query).scalars()]


@base.NovaObjectRegistry.register
class ComputeNode(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(read_only=True),
        'uuid': fields.UUIDField(read_only=True),
        'service_id': fields.IntegerField(nullable=True),
        'host': fields.StringField(nullable=True),
        'hypervisor_hostname': fields.StringField(nullable=True),
        'vcpus': fields.IntegerField(),
        'memory_mb': fields.IntegerField(),
        'local_gb': fields.IntegerField(),
        'vcpus_used': fields.IntegerField(),
        'memory_mb_used': fields.IntegerField(),
        'local_gb_used': fields.IntegerField(),
        'hypervisor_type': fields.StringField(),
        'hypervisor_version': fields.IntegerField(),
        'cpu_info': fields.StringField(nullable=True),
        'free_ram_mb': fields.IntegerField(nullable=True),
        'free_disk_gb': fields.IntegerField(nullable=True),
        'current_workload': fields.IntegerField(nullable=True),
        'running_vms': fields.IntegerField(nullable=True),
        'disk_available_least': fields.IntegerField(nullable=True),
        'host_ip': fields.IPAddressField(nullable=True),
        'cpu_allocation_ratio': fields.FloatField(nullable=True),
        'ram_allocation_ratio': fields.FloatField(nullable=True),
        'disk_allocation_ratio': fields.FloatField(nullable=True),
        'mapped': fields.IntegerField(default=0),
        'created_at': fields.DateTimeField(nullable=True),
        'updated_at': fields.DateTimeField(nullable=True),
        'deleted_at': fields.DateTimeField(nullable=True),
        'deleted': fields.BooleanField(default=False),
    }

    @staticmethod
    def _from_db_object(context, node, values):
        for key in _COLUMNS + ('deleted',):
            setattr(node, key, values[key])
        node._context = context
        node.obj_reset_changes()
        return node

    @base.remotable_classmethod
    def get_by_id(cls, context, node_id):
        return cls._from_db_object(context, cls(),
                                   _get_one_from_db(context, id=node_id))

    @base.remotable_classmethod
    def get_by_uuid(cls, context, node_uuid):
        return cls._from_db_object(context, cls(),
                                   _get_one_from_db(context, uuid=node_uuid))

    @base.remotable_classmethod
    def get_by_host_and_nodename(cls, context, host, nodename):
        return cls._from_db_object(context, cls(), _get_one_from_db(
            context, host=host, hypervisor_hostname=nodename))

    @base.remotable
    def create(self):
        if self.obj_attr_is_set('id'):
            raise exception.ObjectActionError(action='create',
                                              reason='already created')
        updates = self.obj_get_changes()
        updates.setdefault('uuid', str(uuidlib.uuid4()))
        updates.pop('deleted', None)
        self._from_db_object(self._context, self,
                             _create_in_db(self._context, _db_values(updates)))

    @base.remotable
    def save(self):
        updates = self.obj_get_changes()
        for key in ('id', 'uuid', 'created_at', 'updated_at', 'deleted',
                    'deleted_at'):
            updates.pop(key, None)
        if updates:
            self.updated_at = _update_in_db(self._context, self.id,
                                            _db_values(updates))
        self.obj_reset_changes()

    @base.remotable
    def destroy(self):
        _destroy_in_db(self._context, self.id)


@base.NovaObjectRegistry.register
class ComputeNodeList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'objects': fields.ListOfObjectsField('ComputeNode'),
    }

    @base.remotable_classmethod
    def get_all(cls, context, limit=None, marker_id=None):
        return base.obj_make_list(
            context, cls(),
            _get_all_from_db(context, limit=limit, marker_id=marker_id))

    @base.remotable_classmethod
    def get_all_by_host(cls, context, host):
        return base.obj_make_list(
            context, cls(), _get_all_from_db(context, host=host))

    @base.remotable_classmethod
    def get_all_by_uuids(cls, context, uuids):
        return base.obj_make_list(
            context, cls(), _get_all_from_db(context, uuids=uuids))

    @base.remotable_classmethod
    def get_all_unmapped(cls, context):
        return base.obj_make_list(
            context, cls(), _get_all_from_db(context, unmapped=True))
