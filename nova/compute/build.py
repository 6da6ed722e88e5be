"""Building an instance on this host: spawn through the virt driver and
leave the instance ACTIVE, or clean up and hand it back to the conductor
to try an alternate host, or leave it in ERROR with a fault.
"""

from oslo_log import log as logging

from nova.compute import states
from nova.compute import task_states
from nova import exception
from nova import objects
from nova import utils

LOG = logging.getLogger(__name__)


class BuildFlow(object):
    """One build, run on a compute host's build thread."""

    def __init__(self, host, driver, report_client, compute_task_api):
        self.host = host
        self.driver = driver
        self.report_client = report_client
        self.compute_task_api = compute_task_api

    def run(self, context, instance, node, request_spec,
            requested_networks, host_list):
        try:
            self._start(instance)
        except (exception.InstanceNotFound,
                exception.UnexpectedTaskStateError):
            LOG.info('Instance %s was deleted before its build started',
                     instance.uuid)
            return
        try:
            self.driver.spawn(context, instance, request_spec.image, [],
                              None, allocations=None, network_info=[])
            self._finish(instance)
        except (exception.InstanceNotFound,
                exception.UnexpectedDeletingTaskStateError):
            LOG.info('Instance %s was deleted during its build',
                     instance.uuid)
            self.driver.destroy(context, instance)
        except Exception as error:
            LOG.warning('Build of %s on %s failed: %s', instance.uuid,
                        self.host, error)
            self.driver.destroy(context, instance)
            self._failed(context, instance, request_spec,
                         requested_networks, host_list or [], error)

    def _start(self, instance):
        instance.task_state = states.check(instance, 'build')
        instance.save(expected_task_state=[task_states.SCHEDULING, None])

    def _finish(self, instance):
        instance.power_state = self.driver.get_info(instance).state
        instance.vm_state, instance.task_state = states.outcome(
            'build', 'success')
        instance.launched_at = utils.utcnow()
        instance.save(expected_task_state=task_states.SPAWNING)
        LOG.info('Instance %s is active on %s', instance.uuid, self.host)

    def _failed(self, context, instance, request_spec, requested_networks,
                host_list, error):
        objects.InstanceFault.from_exception(
            context, instance.uuid, error, host=self.host).create()
        alternates = host_list[1:]
        # Free this host's claim; the conductor claims on an alternate.
        self.report_client.delete_allocation_for_instance(
            context, instance.uuid)
        if alternates and not isinstance(error,
                                         exception.BuildAbortException):
            instance.task_state = task_states.SCHEDULING
            instance.host = None
            instance.node = None
            instance.save()
            self.compute_task_api.build_instances(
                context, instance, request_spec, alternates,
                requested_networks=requested_networks)
            return
        instance.vm_state, instance.task_state = states.outcome(
            'build', 'failure')
        instance.save()


def terminate(context, instance, driver, report_client):
    """Destroy the guest and the instance record; release placement."""
    driver.destroy(context, instance)
    try:
        instance.destroy()
    except exception.InstanceNotFound:
        pass
    report_client.delete_allocation_for_instance(context, instance.uuid)
    LOG.info('Instance %s deleted', instance.uuid)
