"""Rebuilding an instance on this host: its guest is destroyed and
spawned again from the (possibly new) image the API already recorded on
the instance, keeping its ports, host and allocation.

The instance moves ``rebuilding`` (set by the API) ->
``rebuild_block_device_mapping`` -> ``rebuild_spawning`` -> ACTIVE, or
SHUTOFF again when it was stopped; a failure leaves it in ERROR with a
fault (``nova.compute.states``).
"""

from oslo_log import log as logging

from nova.compute import states
from nova.compute import task_states
from nova.compute import vm_states
from nova import exception
from nova.image import glance
from nova import objects
from nova import utils

LOG = logging.getLogger(__name__)


def run(context, instance, image_ref, admin_password, driver, host,
        operation='rebuild', stop=None):
    """Rebuild ``instance`` (in ``rebuilding``) from ``image_ref``, its
    administrator password ``admin_password`` (None: keep none). Never
    raises for a failure of the driver or the image service: returns the
    exception (None on success).

    ``operation='evacuate'``: the guest is spawned here while its old
    host is down (no guest to destroy). ``stop``: leave it stopped (None:
    stopped when it was).
    """
    started_from = instance.vm_state
    if stop is None:
        stop = started_from == vm_states.STOPPED
    failure = None
    try:
        image_meta = objects.ImageMeta.from_image_dict(
            glance.API().get(context, image_ref))
        states.advance(instance, operation,
                       task_states.REBUILD_BLOCK_DEVICE_MAPPING)
        if operation == 'rebuild':
            driver.destroy(context, instance, destroy_disks=True)
        states.advance(instance, operation, task_states.REBUILD_SPAWNING)
        driver.spawn(context, instance, image_meta, [], admin_password,
                     allocations=None, network_info=instance.info_cache)
        if stop:
            driver.power_off(instance)
    except Exception as error:
        if isinstance(error, (exception.InstanceNotFound,
                              exception.UnexpectedTaskStateError)) and (
                states.abandoned(instance)):
            LOG.info('Instance %s went away during its rebuild: %s',
                     instance.uuid, error)
            return None
        failure = error
        LOG.warning('Rebuild of instance %s on %s failed: %s',
                    instance.uuid, host, error)
        objects.InstanceFault.from_exception(
            context, instance.uuid, error, host=host).create()
        result = 'failure'
    else:
        result = 'success_stopped' if stop else 'success'
        instance.launched_at = utils.utcnow()
    step = instance.task_state
    instance.vm_state, instance.task_state = states.outcome(operation,
                                                            result)
    try:
        instance.power_state = driver.get_info(instance).state
    except exception.InstanceNotFound:
        pass
    try:
        instance.save(expected_task_state=[step])
    except (exception.InstanceNotFound,
            exception.UnexpectedTaskStateError):
        LOG.info('Instance %s was deleted during its rebuild',
                 instance.uuid)
        return None
    LOG.info('Rebuild of instance %s on %s: %s', instance.uuid, host,
             result)
    return failure
