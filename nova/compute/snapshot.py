"""Snapshots and backups on this host: the guest's disk uploaded as the
data of an image the API already registered (queued) with the image
service.

The instance moves ``image_snapshot``/``image_backup`` (set by the API)
-> ``image_pending_upload`` -> ``image_uploading`` -> no task, its
vm_state unchanged (``nova.compute.states``). On failure the instance gets
a fault and the queued image is deleted, so nobody waits for an image that
will never become active. A backup then deletes the oldest backups of the
same type beyond its rotation.
"""

from oslo_log import log as logging

from nova.compute import states
from nova.compute import task_states
from nova import exception
from nova.image import glance
from nova import objects

LOG = logging.getLogger(__name__)


# The steps a driver reports during a snapshot, in order.
_DRIVER_STEPS = (task_states.IMAGE_PENDING_UPLOAD,
                 task_states.IMAGE_UPLOADING)


def _task_state_updater(instance, operation):
    """The ``update_task_state`` a driver calls: its snapshot steps become
    those the table declares for ``operation`` (a shelve's own)."""
    def update_task_state(task_state, expected_state=None):
        step = states.STEPS[operation][_DRIVER_STEPS.index(task_state)]
        states.advance(instance, operation, step)
    return update_task_state


def upload(context, instance, image_id, driver, operation):
    """Have the driver upload the guest's disk into ``image_id``, moving
    ``instance`` through ``operation``'s steps; raises what it raised."""
    driver.snapshot(context, instance, image_id,
                    _task_state_updater(instance, operation))


def run(context, instance, image_id, driver, host, backup_type=None,
        rotation=None):
    """Upload ``instance``'s disk into the image ``image_id``.

    ``backup_type``/``rotation`` (a non-negative int) make it a backup.
    Never raises for a failure of the driver or the image service: the
    instance then gets a fault, and the exception is returned (None on
    success).
    """
    operation = 'backup' if backup_type is not None else 'snapshot'
    image_api = glance.API()
    started_from = instance.vm_state
    failure = None
    try:
        upload(context, instance, image_id, driver, operation)
    except Exception as error:
        if _gone(error, instance):
            LOG.info('Instance %s went away during %s: %s', instance.uuid,
                     operation, error)
            delete_image(context, image_api, image_id)
            return None
        failure = error
        LOG.warning('%s of instance %s on %s failed: %s', operation,
                    instance.uuid, host, error)
        objects.InstanceFault.from_exception(
            context, instance.uuid, error, host=host).create()
        delete_image(context, image_api, image_id)
        result = 'failure'
    else:
        result = 'success'
    step = instance.task_state
    instance.vm_state, instance.task_state = states.outcome(
        operation, result, started_from)
    try:
        instance.save(expected_task_state=[step])
    except (exception.InstanceNotFound,
            exception.UnexpectedTaskStateError):
        LOG.info('Instance %s was deleted during %s', instance.uuid,
                 operation)
        return None
    if result == 'success' and backup_type is not None:
        rotate_backups(context, image_api, instance.uuid, backup_type,
                       rotation)
    return failure


def _gone(error, instance):
    """Whether ``error`` means the instance itself went away (or was
    taken over), not a missing guest or a failed step."""
    return isinstance(error, (exception.InstanceNotFound,
                              exception.UnexpectedTaskStateError)) and (
        states.abandoned(instance))


def delete_image(context, image_api, image_id):
    try:
        image_api.delete(context, image_id)
    except exception.ImageNotFound:
        pass
    except Exception:
        LOG.exception('Could not delete the image %s of a failed snapshot',
                      image_id)


def rotate_backups(context, image_api, instance_uuid, backup_type,
                   rotation):
    """Delete the oldest backups of ``instance_uuid`` of ``backup_type``
    until at most ``rotation`` remain."""
    backups = image_api.get_all(
        context, filters={'instance_uuid': instance_uuid,
                          'backup_type': backup_type,
                          'image_type': 'backup'},
        sort_key='created_at', sort_dir='desc')
    for image in backups[rotation:]:
        LOG.info('Rotating out backup %s of instance %s', image['id'],
                 instance_uuid)
        delete_image(context, image_api, image['id'])
