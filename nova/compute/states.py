"""The allowed (vm_state, task_state) transitions of the operations this
service implements, in one table. A flow asks ``check()`` before it moves
an instance, and ``outcome()`` where it ends, so every state change is one
the table names.

A user's operation starts only when no other task is in progress
(``check_idle()``). The states and their meaning follow Nova's
doc/source/reference/vm-states.rst.
"""

from nova.compute import task_states
from nova.compute import vm_states
from nova import exception

# In OUTCOMES: the vm_state the operation started from.
UNCHANGED = 'unchanged'

_SNAPSHOTTABLE = (vm_states.ACTIVE, vm_states.STOPPED, vm_states.PAUSED,
                  vm_states.SUSPENDED)
_SOFT_DELETABLE = tuple(sorted(vm_states.ALLOW_DELETE - {
    vm_states.SOFT_DELETED, vm_states.BUILDING}))
_PLUGGABLE = (vm_states.ACTIVE, vm_states.PAUSED, vm_states.STOPPED)
_ON_A_HOST = (vm_states.ACTIVE, vm_states.PAUSED, vm_states.SUSPENDED,
              vm_states.STOPPED, vm_states.RESCUED, vm_states.RESIZED,
              vm_states.ERROR)
_HARD_REBOOTABLE = (vm_states.ACTIVE, vm_states.STOPPED, vm_states.PAUSED,
                    vm_states.SUSPENDED, vm_states.ERROR)

# operation -> (vm_states it may start from, task_state it sets)
TRANSITIONS = {
    # A build first gets its ports (NETWORKING), then spawns (SPAWNING).
    'build_networks': ((vm_states.BUILDING,), task_states.NETWORKING),
    # A build a host gave up on goes back to be placed on an alternate.
    'reschedule': ((vm_states.BUILDING,), task_states.SCHEDULING),
    'build': ((vm_states.BUILDING,), task_states.SPAWNING),
    'delete': (tuple(vm_states.ALLOW_DELETE), task_states.DELETING),
    'stop': ((vm_states.ACTIVE, vm_states.ERROR), task_states.POWERING_OFF),
    'start': ((vm_states.STOPPED,), task_states.POWERING_ON),
    # The power state sync stops a guest whose state contradicts its
    # vm_state (``nova.compute.power_sync``).
    'sync_power_off': ((vm_states.ACTIVE, vm_states.STOPPED,
                        vm_states.PAUSED), task_states.POWERING_OFF),
    'reboot_soft': ((vm_states.ACTIVE,), task_states.REBOOTING),
    'reboot_hard': (_HARD_REBOOTABLE, task_states.REBOOTING_HARD),
    'pause': ((vm_states.ACTIVE,), task_states.PAUSING),
    'unpause': ((vm_states.PAUSED,), task_states.UNPAUSING),
    'suspend': ((vm_states.ACTIVE,), task_states.SUSPENDING),
    'resume': ((vm_states.SUSPENDED,), task_states.RESUMING),
    'snapshot': (_SNAPSHOTTABLE, task_states.IMAGE_SNAPSHOT),
    'backup': (_SNAPSHOTTABLE, task_states.IMAGE_BACKUP),
    'rescue': ((vm_states.ACTIVE, vm_states.STOPPED, vm_states.ERROR),
               task_states.RESCUING),
    'unrescue': ((vm_states.RESCUED,), task_states.UNRESCUING),
    'rebuild': ((vm_states.ACTIVE, vm_states.STOPPED, vm_states.ERROR),
                task_states.REBUILDING),
    'set_password': ((vm_states.ACTIVE,), task_states.UPDATING_PASSWORD),
    # A rebuild on another host while the server's own host is down.
    'evacuate': ((vm_states.ACTIVE, vm_states.STOPPED, vm_states.ERROR),
                 task_states.REBUILDING),
    'shelve': (_SNAPSHOTTABLE, task_states.SHELVING),
    'shelve_offload': ((vm_states.SHELVED,),
                       task_states.SHELVING_OFFLOADING),
    'unshelve': ((vm_states.SHELVED, vm_states.SHELVED_OFFLOADED),
                 task_states.UNSHELVING),
    # A resize and a cold migration are the same move (the latter keeps
    # the flavor); a confirm or revert ends it.
    'resize': ((vm_states.ACTIVE, vm_states.STOPPED),
               task_states.RESIZE_PREP),
    'migrate': ((vm_states.ACTIVE, vm_states.STOPPED),
                task_states.RESIZE_PREP),
    'confirm_resize': ((vm_states.RESIZED,), None),
    'live_migrate': ((vm_states.ACTIVE, vm_states.PAUSED),
                     task_states.MIGRATING),
    'soft_delete': (_SOFT_DELETABLE, task_states.SOFT_DELETING),
    'restore': ((vm_states.SOFT_DELETED,), task_states.RESTORING),
    'revert_resize': ((vm_states.RESIZED,), task_states.RESIZE_REVERTING),
    # An NMI to the guest: no task, nothing changes.
    'trigger_crash_dump': ((vm_states.ACTIVE, vm_states.PAUSED,
                            vm_states.RESCUED, vm_states.RESIZED,
                            vm_states.ERROR), None),
    # Hot-plugging a port: the guest's state does not change, and no
    # task_state marks it (as in Nova; the host serialises its steps).
    'attach_interface': (_PLUGGABLE, None),
    'detach_interface': (_PLUGGABLE, None),
    # Pushing the network info into the guest again (admin), and adding
    # or removing one address of a port (addFixedIp, removeFixedIp): the
    # guest must be on a host.
    'inject_network_info': (_ON_A_HOST, None),
    'add_fixed_ip': (_ON_A_HOST, None),
    'remove_fixed_ip': (_ON_A_HOST, None),
}

# Changes of a server's records that its state must allow (``check``):
# metadata only while no task runs (``check_idle``), tags regardless.
RECORD_CHANGES = {
    'update_metadata': (vm_states.ACTIVE, vm_states.PAUSED,
                        vm_states.SUSPENDED, vm_states.STOPPED),
    'update_tags': (vm_states.ACTIVE, vm_states.PAUSED,
                    vm_states.SUSPENDED, vm_states.STOPPED,
                    vm_states.SHELVED, vm_states.SHELVED_OFFLOADED),
}

# Requests that steer an operation in progress instead of starting one:
# request -> (the operation that must be running, the vm_states allowed).
DURING = {
    'live_migration_force_complete': ('live_migrate', (vm_states.ACTIVE,)),
    'live_migration_abort': ('live_migrate',
                             TRANSITIONS['live_migrate'][0]),
}

# The vm_states an administrator may force a server into (os-resetState).
RESET_STATES = (vm_states.ACTIVE, vm_states.ERROR)

_MOVE_STEPS = (task_states.RESIZE_MIGRATING, task_states.RESIZE_MIGRATED,
               task_states.RESIZE_FINISH)

# The task_states an operation moves through on its host after the one
# it starts with, in order (``advance()``).
STEPS = {
    'snapshot': (task_states.IMAGE_PENDING_UPLOAD,
                 task_states.IMAGE_UPLOADING),
    'backup': (task_states.IMAGE_PENDING_UPLOAD,
               task_states.IMAGE_UPLOADING),
    'rebuild': (task_states.REBUILD_BLOCK_DEVICE_MAPPING,
                task_states.REBUILD_SPAWNING),
    'shelve': (task_states.SHELVING_IMAGE_PENDING_UPLOAD,
               task_states.SHELVING_IMAGE_UPLOADING),
    # An offload straight after the shelve, on the host.
    'evacuate': (task_states.REBUILD_BLOCK_DEVICE_MAPPING,
                 task_states.REBUILD_SPAWNING),
    'shelve_offload': (),
    'unshelve': (task_states.SPAWNING,),
    'resize': _MOVE_STEPS,
    'migrate': _MOVE_STEPS,
}

# Where a finished or failed operation leaves the instance. A failed power
# operation leaves the guest as it was (and records a fault), except a
# failed hard reboot, after which the guest's state is not known.
OUTCOMES = {
    ('build', 'success'): (vm_states.ACTIVE, None),
    ('build', 'failure'): (vm_states.ERROR, None),
    ('delete', 'success'): (vm_states.DELETED, None),
    ('stop', 'success'): (vm_states.STOPPED, None),
    ('sync_power_off', 'success'): (vm_states.STOPPED, None),
    ('start', 'success'): (vm_states.ACTIVE, None),
    ('reboot_soft', 'success'): (vm_states.ACTIVE, None),
    ('reboot_hard', 'success'): (vm_states.ACTIVE, None),
    ('reboot_hard', 'failure'): (vm_states.ERROR, None),
    ('pause', 'success'): (vm_states.PAUSED, None),
    ('unpause', 'success'): (vm_states.ACTIVE, None),
    ('suspend', 'success'): (vm_states.SUSPENDED, None),
    ('resume', 'success'): (vm_states.ACTIVE, None),
    ('snapshot', 'success'): (UNCHANGED, None),
    ('backup', 'success'): (UNCHANGED, None),
    ('rescue', 'success'): (vm_states.RESCUED, None),
    # A guest that failed to boot its rescue image is in no known state.
    ('rescue', 'failure'): (vm_states.ERROR, None),
    # The rescue image could not be read: the guest was never touched.
    ('rescue', 'not_started'): (UNCHANGED, None),
    ('unrescue', 'success'): (vm_states.ACTIVE, None),
    # A rebuilt guest is running, or stopped again if it was stopped.
    ('rebuild', 'success'): (vm_states.ACTIVE, None),
    ('rebuild', 'success_stopped'): (vm_states.STOPPED, None),
    ('rebuild', 'failure'): (vm_states.ERROR, None),
    ('evacuate', 'success'): (vm_states.ACTIVE, None),
    ('evacuate', 'success_stopped'): (vm_states.STOPPED, None),
    ('evacuate', 'failure'): (vm_states.ERROR, None),
    # No host would take it: it stays as it was on its (down) host.
    ('evacuate', 'not_started'): (UNCHANGED, None),
    ('shelve', 'success'): (vm_states.SHELVED, None),
    ('shelve_offload', 'success'): (vm_states.SHELVED_OFFLOADED, None),
    ('unshelve', 'success'): (vm_states.ACTIVE, None),
    # A moved guest waits, RESIZED, to be confirmed or reverted; a move
    # that fails half way leaves it in no known state. One that found no
    # host never started. Confirm and revert end where the server was
    # before the move (``started_from``: that vm_state).
    ('resize', 'success'): (vm_states.RESIZED, None),
    ('resize', 'failure'): (vm_states.ERROR, None),
    ('resize', 'not_started'): (UNCHANGED, None),
    ('migrate', 'success'): (vm_states.RESIZED, None),
    ('migrate', 'failure'): (vm_states.ERROR, None),
    ('migrate', 'not_started'): (UNCHANGED, None),
    ('soft_delete', 'success'): (vm_states.SOFT_DELETED, None),
    ('restore', 'success'): (vm_states.ACTIVE, None),
    # A live-migrated guest goes on as it was, on its new host; one that
    # could not move goes on where it was.
    ('live_migrate', 'success'): (UNCHANGED, None),
    ('confirm_resize', 'success'): (UNCHANGED, None),
    ('confirm_resize', 'failure'): (vm_states.ERROR, None),
    ('revert_resize', 'success'): (UNCHANGED, None),
    ('revert_resize', 'failure'): (vm_states.ERROR, None),
}
for _operation in ('stop', 'sync_power_off', 'start', 'reboot_soft', 'pause',
                   'unpause',
                   'suspend', 'resume', 'snapshot', 'backup', 'unrescue',
                   'set_password', 'shelve',
                   'shelve_offload', 'unshelve', 'soft_delete', 'restore',
                   'live_migrate'):
    OUTCOMES[(_operation, 'failure')] = (UNCHANGED, None)
OUTCOMES[('set_password', 'success')] = (UNCHANGED, None)
for _operation in ('trigger_crash_dump', 'attach_interface',
                   'detach_interface', 'inject_network_info',
                   'add_fixed_ip', 'remove_fixed_ip'):
    OUTCOMES[(_operation, 'success')] = (UNCHANGED, None)
    OUTCOMES[(_operation, 'failure')] = (UNCHANGED, None)


def check(instance, operation):
    """Raise InstanceInvalidState unless ``operation`` may start now;
    return the task_state the operation must set (None for the changes
    of ``RECORD_CHANGES``)."""
    if operation in RECORD_CHANGES:
        allowed, task_state = RECORD_CHANGES[operation], None
    else:
        allowed, task_state = TRANSITIONS[operation]
    if instance.vm_state not in allowed:
        raise exception.InstanceInvalidState(
            instance_uuid=instance.uuid, attr='vm_state',
            state=instance.vm_state, method=operation)
    return task_state


def check_during(instance, request):
    """Raise InstanceInvalidState unless ``request`` (of ``DURING``) may
    act now: the operation it steers is in progress on ``instance``."""
    operation, allowed = DURING[request]
    if instance.vm_state not in allowed:
        raise exception.InstanceInvalidState(
            instance_uuid=instance.uuid, attr='vm_state',
            state=instance.vm_state, method=request)
    if instance.task_state != TRANSITIONS[operation][1]:
        raise exception.InstanceInvalidState(
            instance_uuid=instance.uuid, attr='task_state',
            state=instance.task_state, method=request)


def check_idle(instance, operation):
    """``check()``, and also refuse while another task is in progress
    (InstanceInvalidState naming the task_state)."""
    task_state = check(instance, operation)
    if instance.task_state is not None:
        raise exception.InstanceInvalidState(
            instance_uuid=instance.uuid, attr='task_state',
            state=instance.task_state, method=operation)
    return task_state


def advance(instance, operation, task_state):
    """Move ``instance`` (in the middle of ``operation``) to its next
    task_state ``task_state`` and save it, expecting the step before.

    Raises ValueError for a step the table does not declare, and what
    ``Instance.save`` raises (UnexpectedTaskStateError when another
    request changed the task meanwhile, InstanceNotFound when it was
    deleted).
    """
    steps = (TRANSITIONS[operation][1],) + STEPS.get(operation, ())
    if task_state not in steps[1:]:
        raise ValueError('%s is not a step of %s' % (task_state, operation))
    expected = steps[steps.index(task_state) - 1]
    instance.task_state = task_state
    instance.save(expected_task_state=[expected])


def outcome(operation, result, started_from=None):
    """``(vm_state, task_state)`` after ``operation`` ended with
    ``result`` (``success`` or ``failure``); ``started_from`` is the
    vm_state it started from, for outcomes that keep it."""
    vm_state, task_state = OUTCOMES[(operation, result)]
    if vm_state == UNCHANGED:
        vm_state = started_from
    return vm_state, task_state


def reset(instance, vm_state):
    """Force ``instance`` into ``vm_state`` (one of ``RESET_STATES``) with
    no task, whatever it was doing, and save it (os-resetState)."""
    if vm_state not in RESET_STATES:
        raise ValueError('cannot reset an instance to %s' % vm_state)
    instance.vm_state = vm_state
    instance.task_state = None
    instance.save()


def operation_in_progress(instance):
    """The operation whose task_state ``instance`` is in (a started or a
    later step), or None when no task runs. For task_states two
    operations share (a snapshot's and a backup's upload steps, a resize's
    and a migration's) the first declared: their outcomes are the same.
    """
    if instance.task_state is None:
        return None
    for operation, (_allowed, task_state) in TRANSITIONS.items():
        steps = (task_state,) + STEPS.get(operation, ())
        if instance.task_state in steps:
            return operation
    return None


# Where a new server starts: BUILD, waiting to be scheduled.
INITIAL = (vm_states.BUILDING, task_states.SCHEDULING)


def cancel(instance, operation):
    """Undo the start of ``operation`` that never reached a host: no task
    again. Saves, expecting the operation's task_state; an instance that
    changed meanwhile (or is gone) is left alone."""
    task_state = TRANSITIONS[operation][1]
    instance.task_state = None
    try:
        instance.save(expected_task_state=[task_state])
    except (exception.InstanceNotFound, exception.UnexpectedTaskStateError):
        pass


def abandoned(instance):
    """Whether a flow working on ``instance`` should stop without
    touching it: the instance was deleted, or another request changed its
    task since the flow last saved it. Re-reads it; a flow that got
    InstanceNotFound from a driver (the guest, not the instance, is
    missing) thus still records its failure."""
    from nova import objects
    try:
        current = objects.Instance.get_by_uuid(instance._context,
                                               instance.uuid)
    except exception.InstanceNotFound:
        return True
    return current.task_state != instance.task_state
