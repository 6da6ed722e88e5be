"""InstanceGroup: a server group (os-server-groups), in the API database.

A group has one policy (affinity, anti-affinity, soft-affinity or
soft-anti-affinity), rules (``max_server_per_host`` for anti-affinity,
2.64) and members: the UUIDs of the servers booted into it.
"""

from oslo_serialization import jsonutils
from oslo_utils import uuidutils
import sqlalchemy as sa

from nova.db.api import api as api_db_api
from nova.db.api import models as api_models
from nova import exception
from nova.objects import base
from nova.objects import fields

POLICIES = ('affinity', 'anti-affinity', 'soft-affinity',
            'soft-anti-affinity')


def _values(session, db_group):
    policy = session.execute(sa.select(
        api_models.InstanceGroupPolicy.policy,
        api_models.InstanceGroupPolicy.rules).where(
        api_models.InstanceGroupPolicy.group_id == db_group.id)).first()
    # Members whose servers still exist (not being deleted).
    member = api_models.InstanceGroupMember
    mapping = api_models.InstanceMapping
    members = session.execute(sa.select(member.instance_uuid).join(
        mapping, mapping.instance_uuid == member.instance_uuid).where(
        member.group_id == db_group.id,
        mapping.queued_for_delete.is_(False)).order_by(
        member.id)).scalars().all()
    return {
        'id': db_group.id, 'uuid': db_group.uuid, 'name': db_group.name,
        'user_id': db_group.user_id, 'project_id': db_group.project_id,
        'policy': policy.policy if policy else None,
        'rules': jsonutils.loads(policy.rules) if policy and policy.rules
        else {},
        'members': list(members),
        'created_at': db_group.created_at,
        'updated_at': db_group.updated_at,
    }


def _by_uuid(session, uuid):
    return session.execute(sa.select(api_models.InstanceGroup).where(
        api_models.InstanceGroup.uuid == uuid)).scalars().first()


@api_db_api.context_manager.reader
def _get(context, uuid):
    db_group = _by_uuid(context.session, uuid)
    if db_group is None:
        raise exception.InstanceGroupNotFound(group_uuid=uuid)
    return _values(context.session, db_group)


@api_db_api.context_manager.reader
def _get_by_instance(context, instance_uuid):
    member = api_models.InstanceGroupMember
    db_group = context.session.execute(
        sa.select(api_models.InstanceGroup).join(
            member, member.group_id == api_models.InstanceGroup.id).where(
            member.instance_uuid == instance_uuid)).scalars().first()
    if db_group is None:
        raise exception.InstanceGroupNotFound(group_uuid=instance_uuid)
    return _values(context.session, db_group)


@api_db_api.context_manager.writer
def _create(context, values, policy, rules):
    db_group = api_models.InstanceGroup(**values)
    context.session.add(db_group)
    context.session.flush()
    context.session.add(api_models.InstanceGroupPolicy(
        group_id=db_group.id, policy=policy,
        rules=jsonutils.dumps(rules or {})))
    context.session.flush()
    return _values(context.session, db_group)


@api_db_api.context_manager.writer
def _destroy(context, uuid):
    db_group = _by_uuid(context.session, uuid)
    if db_group is None:
        raise exception.InstanceGroupNotFound(group_uuid=uuid)
    for model in (api_models.InstanceGroupMember,
                  api_models.InstanceGroupPolicy):
        context.session.execute(sa.delete(model).where(
            model.group_id == db_group.id))
    context.session.delete(db_group)


@api_db_api.context_manager.writer
def _add_members(context, uuid, instance_uuids):
    db_group = _by_uuid(context.session, uuid)
    if db_group is None:
        raise exception.InstanceGroupNotFound(group_uuid=uuid)
    for instance_uuid in instance_uuids:
        context.session.add(api_models.InstanceGroupMember(
            group_id=db_group.id, instance_uuid=instance_uuid))


@api_db_api.context_manager.writer
def _remove_member(context, instance_uuid):
    context.session.execute(sa.delete(api_models.InstanceGroupMember).where(
        api_models.InstanceGroupMember.instance_uuid == instance_uuid))


@api_db_api.context_manager.reader
def _get_all(context, project_id):
    query = sa.select(api_models.InstanceGroup).order_by(
        api_models.InstanceGroup.id)
    if project_id is not None:
        query = query.where(api_models.InstanceGroup.project_id == project_id)
    return [_values(context.session, g)
            for g in context.session.execute(query).scalars()]


@api_db_api.context_manager.reader
def _count(context, project_id):
    return context.session.execute(sa.select(sa.func.count()).where(
        api_models.InstanceGroup.project_id == project_id)).scalar()


def _from_values(context, values):
    group = InstanceGroup(context=context, **values)
    group.obj_reset_changes()
    return group


@base.NovaObjectRegistry.register
class InstanceGroup(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'uuid': fields.UUIDField(),
        'name': fields.StringField(nullable=True),
        'user_id': fields.StringField(nullable=True),
        'project_id': fields.StringField(nullable=True),
        'policy': fields.StringField(nullable=True),
        'rules': fields.DictOfIntegersField(),
        'members': fields.ListOfStringsField(),
        'created_at': fields.DateTimeField(nullable=True),
        'updated_at': fields.DateTimeField(nullable=True),
    }

    @property
    def max_server_per_host(self):
        """The anti-affinity rule's limit (1 when not given)."""
        return int((self.rules or {}).get('max_server_per_host', 1))

    @base.remotable_classmethod
    def get_by_uuid(cls, context, uuid):
        """The group ``uuid``; InstanceGroupNotFound."""
        return _from_values(context, _get(context, uuid))

    @base.remotable_classmethod
    def get_by_instance_uuid(cls, context, instance_uuid):
        """The group the server ``instance_uuid`` is in;
        InstanceGroupNotFound when it is in none."""
        return _from_values(context, _get_by_instance(context,
                                                      instance_uuid))

    @base.remotable
    def create(self):
        """Store the new group (a UUID is made when none is set)."""
        if not self.obj_attr_is_set('uuid'):
            self.uuid = uuidutils.generate_uuid()
        values = _create(self._context, {
            'uuid': self.uuid, 'name': self.name, 'user_id': self.user_id,
            'project_id': self.project_id}, self.policy,
            self.rules if self.obj_attr_is_set('rules') else {})
        for key, value in values.items():
            setattr(self, key, value)
        self.obj_reset_changes()

    @base.remotable
    def destroy(self):
        _destroy(self._context, self.uuid)

    @base.remotable_classmethod
    def add_members(cls, context, group_uuid, instance_uuids):
        """Make the servers ``instance_uuids`` members of the group."""
        _add_members(context, group_uuid, instance_uuids)

    @base.remotable_classmethod
    def remove_member(cls, context, instance_uuid):
        """Take the server ``instance_uuid`` out of any group."""
        _remove_member(context, instance_uuid)


@base.NovaObjectRegistry.register
class InstanceGroupList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {'objects': fields.ListOfObjectsField('InstanceGroup')}

    @base.remotable_classmethod
    def get_by_project_id(cls, context, project_id):
        """The groups of ``project_id``, oldest first."""
        return cls(context=context, objects=[
            _from_values(context, v) for v in _get_all(context, project_id)])

    @base.remotable_classmethod
    def get_all(cls, context):
        """Every project's groups, oldest first."""
        return cls(context=context, objects=[
            _from_values(context, v) for v in _get_all(context, None)])

    @base.remotable_classmethod
    def get_counts(cls, context, project_id):
        """How many groups ``project_id`` has."""
        return _count(context, project_id)
