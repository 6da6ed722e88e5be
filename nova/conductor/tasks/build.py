"""Placing and building new servers.

``schedule_and_build``: ask the scheduler for hosts (it claims placement
allocations), create each instance in the cell of its host, point the
instance mapping at that cell, drop the build request, and cast the build
to the host with the alternates. When nothing fits, the instances are
created in cell0 in ERROR with a fault so they can still be listed and
deleted.

``reschedule``: a compute host failed a build; move the claim to the next
alternate and try there, or give up with ERROR.
"""

import datetime

from oslo_log import log as logging
from oslo_serialization import jsonutils

from nova import availability_zones
from nova.compute import rpcapi as compute_rpcapi
from nova.compute import instance_actions
from nova.compute import states
from nova import context as nova_context
from nova import exception
from nova import objects
from nova.scheduler.client import report
from nova.scheduler import rpcapi as scheduler_rpcapi
from nova import utils

LOG = logging.getLogger(__name__)


class BuildTask(object):

    def __init__(self):
        self.scheduler = scheduler_rpcapi.SchedulerAPI()
        self.compute_rpcapi = compute_rpcapi.ComputeAPI()
        self._report_client = None

    @property
    def report_client(self):
        if self._report_client is None:
            self._report_client = report.SchedulerReportClient()
        return self._report_client

    # -- first placement ------------------------------------------------

    def schedule_and_build(self, context, build_requests, request_specs,
                           requested_networks, admin_password=None):
        spec = request_specs[0]
        uuids = [br.instance_uuid for br in build_requests]
        try:
            host_lists = self.scheduler.select_destinations(
                context, spec, uuids, return_alternates=True)
        except Exception as error:
            LOG.warning('Scheduling of %s failed: %s', uuids, error)
            for build_request, req_spec in zip(build_requests, request_specs):
                self._bury_in_cell0(context, build_request, req_spec, error)
            return
        cells = {}
        for build_request, req_spec, host_list in zip(
                build_requests, request_specs, host_lists):
            self._build_one(context, build_request, req_spec, host_list,
                            requested_networks, cells, admin_password)

    def _cell_for(self, context, selection, cells):
        if selection.service_host not in cells:
            mapping = objects.HostMapping.get_by_host(
                context, selection.service_host)
            cells[selection.service_host] = mapping.cell_mapping
        return cells[selection.service_host]

    def _build_one(self, context, build_request, request_spec, host_list,
                   requested_networks, cells, admin_password=None):
        selection = host_list[0]
        instance = _latest_instance(context, build_request)
        try:
            cell = self._cell_for(context, selection, cells)
        except exception.HostMappingNotFound as error:
            self.report_client.delete_allocation_for_instance(
                context, instance.uuid)
            self._bury_in_cell0(context, build_request, request_spec, error)
            return
        with nova_context.target_cell(context, cell) as cctxt:
            instance._context = cctxt
            instance.host = selection.service_host
            instance.node = selection.nodename
            instance.launched_on = selection.service_host
            instance.availability_zone = (
                availability_zones.get_host_availability_zone(
                    context, selection.service_host))
            instance.create()
            instance_actions.record(cctxt, instance.uuid,
                                    instance_actions.CREATE)
        mapping = objects.InstanceMapping.get_by_instance_uuid(
            context, instance.uuid)
        mapping.cell_mapping = cell
        mapping.save()
        try:
            build_request.destroy()
        except exception.BuildRequestNotFound:
            # Deleted by the user while we scheduled: undo and stop.
            LOG.info('Instance %s was deleted while scheduling',
                     instance.uuid)
            with nova_context.target_cell(context, cell) as cctxt:
                instance._context = cctxt
                instance.destroy()
            self.report_client.delete_allocation_for_instance(
                context, instance.uuid)
            return
        with nova_context.target_cell(context, cell) as cctxt:
            instance._context = cctxt
            self.compute_rpcapi.build_and_run_instance(
                cctxt, instance, host=selection.service_host,
                node=selection.nodename, request_spec=request_spec,
                requested_networks=requested_networks,
                host_list=list(host_list), admin_password=admin_password)

    def _bury_in_cell0(self, context, build_request, request_spec, error):
        """Create the instance in cell0 in ERROR with a fault."""
        cell0 = objects.CellMapping.get_by_uuid(
            context, objects.CellMapping.CELL0_UUID)
        instance = _latest_instance(context, build_request)
        with nova_context.target_cell(context, cell0) as cctxt:
            instance._context = cctxt
            instance.vm_state, instance.task_state = states.outcome(
                'build', 'failure')
            instance.create()
            instance_actions.record(cctxt, instance.uuid,
                                    instance_actions.CREATE)
            objects.InstanceFault.from_exception(
                cctxt, instance.uuid, error).create()
        mapping = objects.InstanceMapping.get_by_instance_uuid(
            context, instance.uuid)
        mapping.cell_mapping = cell0
        mapping.save()
        try:
            build_request.destroy()
        except exception.BuildRequestNotFound:
            with nova_context.target_cell(context, cell0) as cctxt:
                instance._context = cctxt
                instance.destroy()

    # -- stale requests -------------------------------------------------

    def fail_stale_build_requests(self, context, timeout):
        """Put every server whose build request is older than ``timeout``
        seconds and still not in a cell in ERROR (in cell0, with a fault),
        freeing any allocation the scheduler made for it. Returns how
        many."""
        cutoff = utils.utcnow() - datetime.timedelta(seconds=timeout)
        failed = 0
        for build_request in objects.BuildRequestList.get_all(context):
            created = build_request.created_at
            if created is None or created.replace(tzinfo=None) > cutoff:
                continue
            try:
                mapping = objects.InstanceMapping.get_by_instance_uuid(
                    context, build_request.instance_uuid)
            except exception.InstanceMappingNotFound:
                continue
            if mapping.cell_mapping is not None:
                continue
            error = exception.BuildRequestTimedOut(
                uuid=build_request.instance_uuid, seconds=timeout)
            LOG.warning('%s', error.format_message())
            self.report_client.delete_allocation_for_instance(
                context, build_request.instance_uuid)
            self._bury_in_cell0(context, build_request, None, error)
            failed += 1
        return failed

    # -- reschedule -----------------------------------------------------

    def reschedule(self, context, instance, request_spec, host_list,
                   requested_networks, admin_password=None):
        """Try the alternates in ``host_list`` in order; ERROR if none
        can be claimed."""
        while host_list:
            selection = host_list.pop(0)
            alloc_req = (jsonutils.loads(selection.allocation_request)
                         if selection.allocation_request else None)
            if alloc_req and not self.report_client.claim_resources(
                    context, instance.uuid, alloc_req,
                    instance.project_id, instance.user_id,
                    allocation_request_version=(
                        selection.allocation_request_version)):
                LOG.info('Alternate %s for %s is no longer free',
                         selection.service_host, instance.uuid)
                continue
            instance.host = selection.service_host
            instance.node = selection.nodename
            instance.launched_on = selection.service_host
            instance.availability_zone = (
                availability_zones.get_host_availability_zone(
                    context, selection.service_host))
            instance.task_state = states.check(instance, 'reschedule')
            instance.save()
            self.compute_rpcapi.build_and_run_instance(
                context, instance, host=selection.service_host,
                node=selection.nodename, request_spec=request_spec,
                requested_networks=requested_networks,
                host_list=[selection] + host_list,
                admin_password=admin_password)
            return
        error = exception.MaxRetriesExceeded(
            reason='Exhausted all hosts available for retrying build '
                   'failures for instance %s.' % instance.uuid)
        LOG.error('%s', error.format_message())
        instance.vm_state, instance.task_state = states.outcome(
            'build', 'failure')
        instance.save()
        objects.InstanceFault.from_exception(
            context, instance.uuid, error).create()
        self.report_client.delete_allocation_for_instance(
            context, instance.uuid)


def _latest_instance(context, build_request):
    """The instance as its build request holds it now: the user may have
    renamed it (PUT /servers/{id}) since the API cast the build. The
    request's own copy when it is gone (deleted meanwhile: the caller
    finds out when it destroys the request)."""
    try:
        return objects.BuildRequest.get_by_instance_uuid(
            context, build_request.instance_uuid).instance
    except exception.BuildRequestNotFound:
        return build_request.instance
