"""Shelving on this host: the guest is stopped and its disk saved as an
image; offloading then lets go of the guest, its ports' binding and its
placement allocation, so the server holds no host. Unshelving starts the
kept guest again, or spawns it from the saved image on the host the
conductor picked.

States (``nova.compute.states``): ``shelving`` -> the shelve steps ->
SHELVED; ``shelving_offloading`` -> SHELVED_OFFLOADED; ``unshelving``
(-> ``spawning`` after an offload) -> ACTIVE. A failure leaves the server
where it started, with a fault. The saved image is named in system
metadata (``shelved_image_id``, with ``shelved_at`` and ``shelved_host``)
and deleted once the server is unshelved.
"""

from oslo_log import log as logging

from nova.compute import power_state
from nova.compute import snapshot
from nova.compute import states
from nova.compute import task_states
from nova.compute import vm_states
from nova import exception
from nova.image import glance
from nova import objects
from nova import utils

LOG = logging.getLogger(__name__)

SHELVED_KEYS = ('shelved_at', 'shelved_image_id', 'shelved_host')


def _gone(error, instance):
    return isinstance(error, (exception.InstanceNotFound,
                              exception.UnexpectedTaskStateError)) and (
        states.abandoned(instance))


class ShelveFlows(object):
    """The shelve flows of one compute host."""

    def __init__(self, host, driver, network_api, report_client):
        self.host = host
        self.driver = driver
        self.network_api = network_api
        self.report_client = report_client

    def _failed(self, context, instance, operation, error, started_from):
        LOG.warning('%s of instance %s on %s failed: %s', operation,
                    instance.uuid, self.host, error)
        objects.InstanceFault.from_exception(
            context, instance.uuid, error, host=self.host).create()
        self._end(instance, operation, 'failure', started_from)
        return error

    def _end(self, instance, operation, result, started_from,
             then=None):
        """Save the table's outcome, going on with operation ``then``
        at once when given; False if the instance went away."""
        step = instance.task_state
        instance.vm_state, instance.task_state = states.outcome(
            operation, result, started_from)
        if then is not None:
            # No idle moment between the two: nobody can act in between.
            instance.task_state = states.check(instance, then)
        try:
            instance.power_state = self.driver.get_info(instance).state
        except exception.InstanceNotFound:
            instance.power_state = power_state.NOSTATE
        try:
            instance.save(expected_task_state=[step])
        except (exception.InstanceNotFound,
                exception.UnexpectedTaskStateError):
            LOG.info('Instance %s was deleted during %s', instance.uuid,
                     operation)
            return False
        return True

    def shelve(self, context, instance, image_id, offload):
        """Stop the guest, save its disk into ``image_id``; then offload
        when ``offload``. Returns the exception of a failure, else None.
        """
        started_from = instance.vm_state
        try:
            self.driver.power_off(instance)
            snapshot.upload(context, instance, image_id, self.driver,
                            'shelve')
        except Exception as error:
            snapshot.delete_image(context, glance.API(), image_id)
            if _gone(error, instance):
                return None
            return self._failed(context, instance, 'shelve', error,
                                started_from)
        instance.system_metadata = dict(
            instance.system_metadata, shelved_at=utils.utcnow().isoformat(),
            shelved_image_id=image_id, shelved_host=self.host)
        if not self._end(instance, 'shelve', 'success', started_from,
                         then='shelve_offload' if offload else None):
            return None
        LOG.info('Instance %s shelved into image %s', instance.uuid,
                 image_id)
        if not offload:
            return None
        return self.offload(context, instance)

    def offload(self, context, instance):
        """Let go of the guest of a SHELVED instance (in
        ``shelving_offloading``), its ports' binding and its allocation.
        """
        try:
            self.driver.destroy(context, instance)
            self.network_api.bind_ports_to_host(context, instance, None)
        except Exception as error:
            return self._failed(context, instance, 'shelve_offload', error,
                                vm_states.SHELVED)
        self.report_client.delete_allocation_for_instance(context,
                                                          instance.uuid)
        instance.host = None
        instance.node = None
        self._end(instance, 'shelve_offload', 'success', vm_states.SHELVED)
        LOG.info('Instance %s offloaded from %s', instance.uuid, self.host)
        return None

    def unshelve(self, context, instance, request_spec=None):
        """Bring a shelved instance (in ``unshelving``) back: start its
        kept guest, or spawn it here from the saved image after an
        offload (the conductor already claimed this host)."""
        started_from = instance.vm_state
        image_id = instance.system_metadata.get('shelved_image_id')
        try:
            if started_from == vm_states.SHELVED:
                self.driver.power_on(context, instance, instance.info_cache)
            else:
                self._spawn(context, instance, image_id)
        except Exception as error:
            if _gone(error, instance):
                return None
            if started_from == vm_states.SHELVED_OFFLOADED:
                self._undo_spawn(context, instance)
            return self._failed(context, instance, 'unshelve', error,
                                started_from)
        if image_id:
            snapshot.delete_image(context, glance.API(), image_id)
        instance.system_metadata = {
            key: value for key, value in instance.system_metadata.items()
            if key not in SHELVED_KEYS}
        if started_from == vm_states.SHELVED_OFFLOADED:
            instance.launched_at = utils.utcnow()
        if self._end(instance, 'unshelve', 'success', started_from):
            LOG.info('Instance %s unshelved on %s', instance.uuid,
                     self.host)
        return None

    def _spawn(self, context, instance, image_id):
        image = glance.API().get(context, image_id or instance.image_ref)
        states.advance(instance, 'unshelve', task_states.SPAWNING)
        self.network_api.bind_ports_to_host(context, instance, self.host)
        self.driver.spawn(context, instance,
                          objects.ImageMeta.from_image_dict(image), [],
                          None, allocations=None,
                          network_info=instance.info_cache)

    def _undo_spawn(self, context, instance):
        """Back to offloaded: no guest, no binding, no allocation."""
        try:
            self.driver.destroy(context, instance)
            self.network_api.bind_ports_to_host(context, instance, None)
        except Exception:
            LOG.exception('Could not clean up the failed unshelve of %s',
                          instance.uuid)
        self.report_client.delete_allocation_for_instance(context,
                                                          instance.uuid)
        instance.host = None
        instance.node = None
