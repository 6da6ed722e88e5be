"""Unshelving an offloaded server: pick a host for it (the scheduler
claims its allocation there), then have that host spawn it from its saved
image. When no host fits, the server stays SHELVED_OFFLOADED with a fault.
"""

from oslo_log import log as logging

from nova import availability_zones
from nova.compute import instance_actions
from nova.compute import rpcapi as compute_rpcapi
from nova.compute import states
from nova import context as nova_context
from nova import exception
from nova import objects
from nova.scheduler import rpcapi as scheduler_rpcapi

LOG = logging.getLogger(__name__)


class UnshelveTask(object):

    def __init__(self):
        self.scheduler = scheduler_rpcapi.SchedulerAPI()
        self.compute_rpcapi = compute_rpcapi.ComputeAPI()

    @instance_actions.wrap_event('conductor')
    def unshelve_instance(self, context, instance, request_spec):
        """Place and spawn ``instance`` (SHELVED_OFFLOADED, in
        ``unshelving``) as ``request_spec`` asks; returns the exception of
        a failure (recorded as a fault), else None."""
        mapping = objects.InstanceMapping.get_by_instance_uuid(
            context, instance.uuid)
        with nova_context.target_cell(context,
                                      mapping.cell_mapping) as cctxt:
            instance._context = cctxt
            try:
                selection = self.scheduler.select_destinations(
                    cctxt, request_spec, [instance.uuid])[0][0]
            except Exception as error:
                LOG.warning('No host to unshelve %s on: %s', instance.uuid,
                            error)
                objects.InstanceFault.from_exception(
                    cctxt, instance.uuid, error).create()
                step = instance.task_state
                instance.vm_state, instance.task_state = states.outcome(
                    'unshelve', 'failure', instance.vm_state)
                try:
                    instance.save(expected_task_state=[step])
                except (exception.InstanceNotFound,
                        exception.UnexpectedTaskStateError):
                    pass
                return error
            instance.host = selection.service_host
            instance.node = selection.nodename
            instance.availability_zone = (
                availability_zones.get_host_availability_zone(
                    cctxt, selection.service_host))
            instance.save()
            self.compute_rpcapi.unshelve_instance(cctxt, instance,
                                                  selection.service_host)
        return None
