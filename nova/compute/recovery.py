"""What a compute host does with its instances when it starts again:
nothing is left half done.

An operation cut short by the stop is finished or failed, by the table of
``nova.compute.states``:

* a build (vm_state BUILDING) fails as a build does: guest and ports
  released, placement allocation freed, ERROR with a fault;
* a delete (``deleting``) is finished;
* a power operation is run again (the guest may or may not have changed
  before the stop);
* anything else (snapshot, rescue, rebuild, shelve, resize...) takes its
  failure outcome with a fault saying it was interrupted.
"""

from oslo_log import log as logging

import nova.conf
from nova.compute import build
from nova.compute import power_state
from nova.compute import power
from nova.compute import states
from nova.compute import task_states
from nova.compute import vm_states
from nova import exception
from nova import objects

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)


def _interrupted(host):
    return exception.InstanceOperationInterrupted(host=host)


def _fail(context, instance, operation, host):
    objects.InstanceFault.from_exception(
        context, instance.uuid, _interrupted(host), host=host).create()
    step = instance.task_state
    instance.vm_state, instance.task_state = states.outcome(
        operation, 'failure', instance.vm_state)
    instance.save(expected_task_state=[step])


# vm_states whose guest should run (or be kept) on the host.
_GUEST_EXPECTED = (vm_states.ACTIVE, vm_states.PAUSED, vm_states.SUSPENDED,
                   vm_states.RESCUED)


def _sync_missing_guest(context, instance, manager):
    """An idle instance whose guest the host no longer has (the host
    restarted): with ``resume_guests_state_on_host_boot`` an ACTIVE one's
    guest is started again; otherwise it is stopped, as Nova's power-state
    sync stops a guest that went off by itself, and can be started."""
    if instance.vm_state not in _GUEST_EXPECTED:
        return None
    if instance.uuid in manager.driver.list_instance_uuids():
        return None
    if (CONF.resume_guests_state_on_host_boot and
            instance.vm_state == vm_states.ACTIVE):
        try:
            manager.driver.resume_state_on_host_boot(
                context, instance, instance.info_cache)
            instance.power_state = manager.driver.get_info(instance).state
            instance.save(expected_task_state=[None])
            return 'resume on host boot'
        except Exception:
            LOG.exception('Could not start the guest of %s again',
                          instance.uuid)
    instance.power_state = power_state.NOSTATE
    instance.vm_state, instance.task_state = states.outcome('stop',
                                                            'success')
    instance.save(expected_task_state=[None])
    return 'power sync'


def recover_instance(context, instance, manager):
    """Finish or fail what ``instance`` was doing on ``manager``'s host.
    Returns the operation recovered, or None when it was idle."""
    host = manager.host
    operation = states.operation_in_progress(instance)
    if instance.vm_state == vm_states.BUILDING:
        manager.instance_events.clear(instance.uuid)
        manager.driver.destroy(context, instance)
        build.release_networks(context, instance, manager.network_api)
        manager.report_client.delete_allocation_for_instance(
            context, instance.uuid)
        instance.info_cache = []
        _fail(context, instance, 'build', host)
        return 'build'
    if operation is None:
        return _sync_missing_guest(context, instance, manager)
    if instance.task_state == task_states.DELETING:
        build.terminate(context, instance, manager.driver,
                        manager.report_client, manager.network_api,
                        manager.instance_events)
        return 'delete'
    if operation in power.OPERATIONS and instance.task_state == (
            states.TRANSITIONS[operation][1]):
        power.run(context, instance, operation, manager.driver, host)
        return operation
    _fail(context, instance, operation, host)
    return operation


def recover_host(context, manager):
    """Recover every instance of ``manager``'s host; one that fails to
    recover is logged and left for the next start."""
    recovered = 0
    for instance in objects.InstanceList.get_by_host(
            context, manager.host,
            expected_attrs=['system_metadata', 'info_cache']):
        try:
            operation = recover_instance(context, instance, manager)
        except (exception.InstanceNotFound,
                exception.UnexpectedTaskStateError):
            continue
        except Exception:
            LOG.exception('Could not recover instance %s', instance.uuid)
            continue
        if operation is not None:
            recovered += 1
            LOG.warning('Instance %s: %s interrupted by the restart of %s, '
                        'now %s', instance.uuid, operation, manager.host,
                        instance.vm_state)
    return recovered
