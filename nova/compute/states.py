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

_HARD_REBOOTABLE = (vm_states.ACTIVE, vm_states.STOPPED, vm_states.PAUSED,
                    vm_states.SUSPENDED, vm_states.ERROR)

# operation -> (vm_states it may start from, task_state it sets)
TRANSITIONS = {
    # A build first gets its ports (NETWORKING), then spawns (SPAWNING).
    'build_networks': ((vm_states.BUILDING,), task_states.NETWORKING),
    'build': ((vm_states.BUILDING,), task_states.SPAWNING),
    'delete': (tuple(vm_states.ALLOW_DELETE), task_states.DELETING),
    'stop': ((vm_states.ACTIVE, vm_states.ERROR), task_states.POWERING_OFF),
    'start': ((vm_states.STOPPED,), task_states.POWERING_ON),
    'reboot_soft': ((vm_states.ACTIVE,), task_states.REBOOTING),
    'reboot_hard': (_HARD_REBOOTABLE, task_states.REBOOTING_HARD),
    'pause': ((vm_states.ACTIVE,), task_states.PAUSING),
    'unpause': ((vm_states.PAUSED,), task_states.UNPAUSING),
    'suspend': ((vm_states.ACTIVE,), task_states.SUSPENDING),
    'resume': ((vm_states.SUSPENDED,), task_states.RESUMING),
}

# Where a finished or failed operation leaves the instance. A failed power
# operation leaves the guest as it was (and records a fault), except a
# failed hard reboot, after which the guest's state is not known.
OUTCOMES = {
    ('build', 'success'): (vm_states.ACTIVE, None),
    ('build', 'failure'): (vm_states.ERROR, None),
    ('delete', 'success'): (vm_states.DELETED, None),
    ('stop', 'success'): (vm_states.STOPPED, None),
    ('start', 'success'): (vm_states.ACTIVE, None),
    ('reboot_soft', 'success'): (vm_states.ACTIVE, None),
    ('reboot_hard', 'success'): (vm_states.ACTIVE, None),
    ('reboot_hard', 'failure'): (vm_states.ERROR, None),
    ('pause', 'success'): (vm_states.PAUSED, None),
    ('unpause', 'success'): (vm_states.ACTIVE, None),
    ('suspend', 'success'): (vm_states.SUSPENDED, None),
    ('resume', 'success'): (vm_states.ACTIVE, None),
}
for _operation in ('stop', 'start', 'reboot_soft', 'pause', 'unpause',
                   'suspend', 'resume'):
    OUTCOMES[(_operation, 'failure')] = (UNCHANGED, None)


def check(instance, operation):
    """Raise InstanceInvalidState unless ``operation`` may start now;
    return the task_state the operation must set."""
    allowed, task_state = TRANSITIONS[operation]
    if instance.vm_state not in allowed:
        raise exception.InstanceInvalidState(
            instance_uuid=instance.uuid, attr='vm_state',
            state=instance.vm_state, method=operation)
    return task_state


def check_idle(instance, operation):
    """``check()``, and also refuse while another task is in progress
    (InstanceInvalidState naming the task_state)."""
    task_state = check(instance, operation)
    if instance.task_state is not None:
        raise exception.InstanceInvalidState(
            instance_uuid=instance.uuid, attr='task_state',
            state=instance.task_state, method=operation)
    return task_state


def outcome(operation, result, started_from=None):
    """``(vm_state, task_state)`` after ``operation`` ended with
    ``result`` (``success`` or ``failure``); ``started_from`` is the
    vm_state it started from, for outcomes that keep it."""
    vm_state, task_state = OUTCOMES[(operation, result)]
    if vm_state == UNCHANGED:
        vm_state = started_from
    return vm_state, task_state
