"""Operations on a guest of this host that change only its state: stop,
start, reboot, pause, unpause, suspend, resume, rescue and unrescue,
through the virt driver.

The API has already moved the instance to the operation's task_state
(``nova.compute.states``). ``run()`` calls the driver, then records where
the instance ended up: the outcome of the table, the power state the
driver reports, and on failure an instance fault.
"""

from oslo_log import log as logging

from nova.compute import states
from nova import exception
from nova import objects

LOG = logging.getLogger(__name__)


def _driver_call(driver, context, instance, operation, params):
    """The driver method doing ``operation``, bound to its arguments
    (``params``: those the API gave, e.g. a rescue's image)."""
    network_info = instance.info_cache
    calls = {
        'stop': lambda: driver.power_off(instance),
        'sync_power_off': lambda: driver.power_off(instance),
        'start': lambda: driver.power_on(context, instance, network_info),
        'reboot_soft': lambda: driver.reboot(context, instance,
                                             network_info, 'SOFT'),
        'reboot_hard': lambda: driver.reboot(context, instance,
                                             network_info, 'HARD'),
        'pause': lambda: driver.pause(instance),
        'unpause': lambda: driver.unpause(instance),
        'suspend': lambda: driver.suspend(context, instance),
        'resume': lambda: driver.resume(context, instance, network_info),
        'rescue': lambda: driver.rescue(
            context, instance, network_info, params.get('image_meta'),
            params.get('rescue_password')),
        'unrescue': lambda: driver.unrescue(context, instance),
        # A soft-deleted guest is only stopped, until reclaimed.
        'soft_delete': lambda: driver.power_off(instance),
        'restore': lambda: driver.power_on(context, instance, network_info),
    }
    return calls[operation]


OPERATIONS = ('stop', 'sync_power_off', 'start', 'reboot_soft',
              'reboot_hard', 'pause',
              'unpause', 'suspend', 'resume', 'rescue', 'unrescue',
              'soft_delete', 'restore')


def run(context, instance, operation, driver, host, **params):
    """Do ``operation`` (one of ``OPERATIONS``) on the guest of
    ``instance``, which is in the operation's task_state. ``params``: a
    rescue's ``image_meta`` (ImageMeta) and ``rescue_password``.

    Never raises for a failure of the driver: the instance then takes the
    table's failure outcome and gets a fault, and the driver's exception
    is returned (None on success). A deleted instance (or one whose task
    changed meanwhile) is left alone.
    """
    task_state = states.TRANSITIONS[operation][1]
    started_from = instance.vm_state
    failure = None
    try:
        _driver_call(driver, context, instance, operation, params)()
    except Exception as error:
        failure = error
        LOG.warning('%s of instance %s on %s failed: %s', operation,
                    instance.uuid, host, error)
        objects.InstanceFault.from_exception(
            context, instance.uuid, error, host=host).create()
        result = 'failure'
    else:
        result = 'success'
    instance.vm_state, instance.task_state = states.outcome(
        operation, result, started_from)
    try:
        instance.power_state = driver.get_info(instance).state
    except exception.InstanceNotFound:
        pass
    try:
        instance.save(expected_task_state=task_state)
    except (exception.InstanceNotFound, exception.UnexpectedTaskStateError):
        LOG.info('Instance %s was deleted during %s', instance.uuid,
                 operation)
        return None
    LOG.info('%s of instance %s on %s: %s, now %s', operation,
             instance.uuid, host, result, instance.vm_state)
    return failure
