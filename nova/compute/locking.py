"""Locking a server against its owner's changes (the lock/unlock actions).

A locked server refuses the state-changing operations of non-admins with
InstanceIsLocked (409), as Nova's ``check_instance_lock`` does; an admin
may still act on it. ``locked_by`` says who locked it (``owner`` or
``admin``): a lock an admin placed on someone else's server is lifted
only by whoever the unlock override policy allows. The optional reason
(2.73) lives in system_metadata ``locked_reason``.
"""

from nova.compute import instance_actions
from nova import context as nova_context
from nova import exception
from nova import objects

REASON_KEY = 'locked_reason'


def check(context, instance):
    """Raise InstanceIsLocked when a non-admin acts on a locked server."""
    if instance.locked and not context.is_admin:
        raise exception.InstanceIsLocked(instance_uuid=instance.uuid)


def _in_cell(context, instance_uuid, change, action):
    """Load the instance in its cell, apply ``change(instance)``, save,
    and record the instance action ``action``."""
    mapping = objects.InstanceMapping.get_by_instance_uuid(
        context, instance_uuid)
    if mapping.cell_mapping is None:
        # Not scheduled yet: nothing on a host to protect, as in BUILD.
        raise exception.InstanceNotReady(instance_id=instance_uuid)
    with nova_context.target_cell(context, mapping.cell_mapping) as cctxt:
        instance = objects.Instance.get_by_uuid(
            cctxt, instance_uuid, expected_attrs=['system_metadata'])
        change(instance)
        instance.save()
        instance_actions.record(cctxt, instance_uuid, action)


def lock(context, instance, reason=None):
    """Lock ``instance``; locking a locked server again keeps the first
    lock's owner and takes the new reason."""
    def change(target):
        if not target.locked:
            target.locked_by = ('owner' if context.project_id ==
                                target.project_id else 'admin')
        target.locked = True
        sysmeta = dict(target.system_metadata or {})
        sysmeta.pop(REASON_KEY, None)
        if reason:
            sysmeta[REASON_KEY] = reason
        target.system_metadata = sysmeta
    _in_cell(context, instance.uuid, change, instance_actions.LOCK)


def unlock(context, instance):
    def change(target):
        target.locked = False
        target.locked_by = None
        sysmeta = dict(target.system_metadata or {})
        sysmeta.pop(REASON_KEY, None)
        target.system_metadata = sysmeta
    _in_cell(context, instance.uuid, change, instance_actions.UNLOCK)
