"""Reconcile the power state recorded for each instance of this host with
the one its driver reports (the ``_sync_power_states`` periodic task).

The recorded ``power_state`` always takes the driver's value. Where the
guest changed by itself in a way its vm_state cannot stand for, the
instance is powered off through the ``sync_power_off`` operation of
``nova.compute.states``, as Nova's own sync calls its stop API:

* ACTIVE, but the guest shut down, crashed or suspended by itself;
* STOPPED, but the guest runs (it is stopped again);
* PAUSED, but the guest shut down or crashed.

Anything else (a guest missing, paused by itself, an instance still
building, rescued, resized, suspended, in ERROR or soft-deleted) is only
logged. An instance with a task in progress is left to that task. Nova
documents the rules in doc/source/reference/vm-states.rst and the
``sync_power_state_interval`` option.
"""

from oslo_log import log as logging

from nova.compute import instance_actions
from nova.compute import power
from nova.compute import power_state
from nova.compute import states
from nova.compute import vm_states
from nova import exception
from nova import objects

LOG = logging.getLogger(__name__)

_OFF = (power_state.SHUTDOWN, power_state.CRASHED)

# vm_state -> the driver's power states in which the guest is powered off.
POWER_OFF_WHEN = {
    vm_states.ACTIVE: _OFF + (power_state.SUSPENDED,),
    vm_states.STOPPED: (power_state.RUNNING,),
    vm_states.PAUSED: _OFF,
}


def driver_power_state(driver, instance):
    """The power state ``driver`` reports for ``instance`` (NOSTATE when
    it has no such guest)."""
    try:
        return driver.get_info(instance).state
    except exception.InstanceNotFound:
        return power_state.NOSTATE


def sync_instance(context, instance, driver, host):
    """Reconcile one instance of ``host``; returns True when it powered
    the guest off, False when it only recorded (or kept) the state."""
    if instance.task_state is not None or instance.host != host:
        return False
    actual = driver_power_state(driver, instance)
    if actual != instance.power_state:
        LOG.info('Instance %s: power state %s recorded, the driver reports '
                 '%s', instance.uuid,
                 power_state.STATE_MAP.get(instance.power_state),
                 power_state.STATE_MAP[actual])
        instance.power_state = actual
        try:
            instance.save(expected_task_state=[None])
        except (exception.InstanceNotFound,
                exception.UnexpectedTaskStateError):
            return False
    if actual not in POWER_OFF_WHEN.get(instance.vm_state, ()):
        if actual == power_state.NOSTATE and instance.vm_state in (
                vm_states.ACTIVE, vm_states.STOPPED, vm_states.PAUSED):
            LOG.warning('Instance %s (%s) has no guest on %s',
                        instance.uuid, instance.vm_state, host)
        return False
    LOG.warning('Instance %s is %s but its guest is %s: powering it off',
                instance.uuid, instance.vm_state,
                power_state.STATE_MAP[actual])
    instance.task_state = states.check_idle(instance, 'sync_power_off')
    try:
        instance.save(expected_task_state=[None])
    except (exception.InstanceNotFound, exception.UnexpectedTaskStateError):
        return False
    instance_actions.record(context, instance.uuid,
                            instance_actions.BY_OPERATION['sync_power_off'])
    power.run(context, instance, 'sync_power_off', driver, host)
    return True


def sync_host(context, driver, host):
    """Reconcile every instance of ``host``; returns how many guests were
    powered off."""
    powered_off = 0
    for instance in objects.InstanceList.get_by_host(context, host):
        try:
            powered_off += sync_instance(context, instance, driver, host)
        except Exception:
            # One instance must not stop the sync of the others.
            LOG.exception('Power state sync of instance %s failed',
                          instance.uuid)
    return powered_off
