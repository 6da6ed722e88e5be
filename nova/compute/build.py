"""Building an instance on this host: get its ports from the network
service, spawn through the virt driver, wait for the ports to be plugged
and leave the instance ACTIVE; or clean up (guest, ports, claim) and hand
it back to the conductor to try an alternate host, or leave it in ERROR
with a fault.
"""

from oslo_log import log as logging

import nova.conf
from nova.compute import external_events
from nova.compute import states
from nova.compute import task_states
from nova import exception
from nova import objects
from nova import utils

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)

VIF_PLUGGED = 'network-vif-plugged'


class BuildFlow(object):
    """One build, run on a compute host's build thread."""

    def __init__(self, host, driver, report_client, compute_task_api,
                 network_api, instance_events):
        self.host = host
        self.driver = driver
        self.report_client = report_client
        self.compute_task_api = compute_task_api
        self.network_api = network_api
        self.instance_events = instance_events

    def run(self, context, instance, node, request_spec,
            requested_networks, host_list, admin_password=None):
        """Build ``instance`` here; returns the exception that failed
        the build (handled: rescheduled or ERROR), else None."""
        try:
            self._start(instance)
        except (exception.InstanceNotFound,
                exception.UnexpectedTaskStateError):
            LOG.info('Instance %s was deleted before its build started',
                     instance.uuid)
            return
        try:
            waiters = self._allocate_networks(
                context, instance, requested_networks,
                request_spec.requested_security_groups())
            self.driver.spawn(context, instance, request_spec.image, [],
                              admin_password, allocations=None,
                              network_info=instance.info_cache)
            self._wait_for_plugged(instance, waiters)
            self._finish(instance)
        except Exception as error:
            if isinstance(error, exception.UnexpectedDeletingTaskStateError
                          ) or (isinstance(error, exception.InstanceNotFound)
                                and states.abandoned(instance)):
                LOG.info('Instance %s was deleted during its build',
                         instance.uuid)
                self._cleanup(context, instance)
                return None
            LOG.warning('Build of %s on %s failed: %s', instance.uuid,
                        self.host, error)
            self._cleanup(context, instance)
            self._failed(context, instance, request_spec,
                         requested_networks, host_list or [], error,
                         admin_password)
            return error
        return None

    def _start(self, instance):
        instance.task_state = states.check(instance, 'build_networks')
        instance.save(expected_task_state=[states.INITIAL[1]])

    def _allocate_networks(self, context, instance, requested_networks,
                           security_groups):
        """Create/bind the ports (new ones in ``security_groups``, None:
        the default), cache the network info, move on to SPAWNING; returns
        the waiters of the plug events."""
        waiters = []

        def listen(port_ids):
            waiters.extend(self.instance_events.prepare(
                instance.uuid, [external_events.event_key(VIF_PLUGGED, p)
                                for p in port_ids]))

        instance.info_cache = self.network_api.allocate_for_instance(
            context, instance, requested_networks, before_bind=listen,
            security_groups=security_groups)
        instance.task_state = states.check(instance, 'build')
        instance.save(expected_task_state=task_states.NETWORKING)
        return waiters

    def _wait_for_plugged(self, instance, waiters):
        timeout = CONF.vif_plugging_timeout
        if not waiters or not timeout:
            self.instance_events.clear(instance.uuid)
            return
        missing, failed = external_events.wait_for(waiters, timeout)
        self.instance_events.clear(instance.uuid)
        if not missing and not failed:
            return
        if not CONF.vif_plugging_is_fatal:
            LOG.warning('Instance %s: ports not reported plugged (missing '
                        '%s, failed %s); going on', instance.uuid, missing,
                        failed)
            return
        if missing:
            raise exception.NetworkInterfaceTimeout(
                timeout=timeout, instance_uuid=instance.uuid,
                ports=', '.join(k[len(VIF_PLUGGED) + 1:] for k in missing))
        raise exception.VirtualInterfaceCreateException()

    def _finish(self, instance):
        instance.power_state = self.driver.get_info(instance).state
        instance.vm_state, instance.task_state = states.outcome(
            'build', 'success')
        instance.launched_at = utils.utcnow()
        instance.save(expected_task_state=task_states.SPAWNING)
        LOG.info('Instance %s is active on %s', instance.uuid, self.host)

    def _cleanup(self, context, instance):
        """Undo this host's part: waiters, guest and ports."""
        self.instance_events.clear(instance.uuid)
        self.driver.destroy(context, instance)
        release_networks(context, instance, self.network_api)

    def _failed(self, context, instance, request_spec, requested_networks,
                host_list, error, admin_password=None):
        objects.InstanceFault.from_exception(
            context, instance.uuid, error, host=self.host).create()
        alternates = host_list[1:]
        # Free this host's claim; the conductor claims on an alternate.
        self.report_client.delete_allocation_for_instance(
            context, instance.uuid)
        instance.info_cache = []
        if alternates and not isinstance(error,
                                         exception.BuildAbortException):
            instance.task_state = states.check(instance, 'reschedule')
            instance.host = None
            instance.node = None
            instance.save()
            self.compute_task_api.build_instances(
                context, instance, request_spec, alternates,
                requested_networks=requested_networks,
                admin_password=admin_password)
            return
        instance.vm_state, instance.task_state = states.outcome(
            'build', 'failure')
        instance.save()


def release_networks(context, instance, network_api):
    """Free the instance's ports; a failure is logged, never raised (the
    guest is gone either way)."""
    try:
        network_api.deallocate_for_instance(context, instance)
    except Exception:
        LOG.exception('Could not release the ports of instance %s',
                      instance.uuid)


def terminate(context, instance, driver, report_client, network_api,
              instance_events):
    """Destroy the guest, free its ports, delete the instance record;
    release placement."""
    instance_events.clear(instance.uuid)
    driver.destroy(context, instance)
    release_networks(context, instance, network_api)
    try:
        instance.destroy()
    except exception.InstanceNotFound:
        pass
    report_client.delete_allocation_for_instance(context, instance.uuid)
    LOG.info('Instance %s deleted', instance.uuid)
