"""The allowed (vm_state, task_state) transitions of the operations this
service implements, in one table. A flow asks ``check()`` before it moves
an instance so every state change is one the table names."""

from nova.compute import task_states
from nova.compute import vm_states
from nova import exception

# operation -> (vm_states it may start from, task_state it sets)
TRANSITIONS = {
    # A build first gets its ports (NETWORKING), then spawns (SPAWNING).
    'build_networks': ((vm_states.BUILDING,), task_states.NETWORKING),
    'build': ((vm_states.BUILDING,), task_states.SPAWNING),
    'delete': (tuple(vm_states.ALLOW_DELETE), task_states.DELETING),
}

# Where a finished or failed operation leaves the instance.
OUTCOMES = {
    ('build', 'success'): (vm_states.ACTIVE, None),
    ('build', 'failure'): (vm_states.ERROR, None),
    ('delete', 'success'): (vm_states.DELETED, None),
}


def check(instance, operation):
    """Raise InstanceInvalidState unless ``operation`` may start now;
    return the task_state the operation must set."""
    allowed, task_state = TRANSITIONS[operation]
    if instance.vm_state not in allowed:
        raise exception.InstanceInvalidState(
            instance_uuid=instance.uuid, attr='vm_state',
            state=instance.vm_state, method=operation)
    return task_state


def outcome(operation, result):
    return OUTCOMES[(operation, result)]
