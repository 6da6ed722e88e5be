"""Host states: what the scheduler knows of each candidate host.

Placement decides which hosts have room; a HostState joins placement's
provider summary (capacity and usage) with the compute node and service
records that filters and weighers need. States are built once per request
from the providers placement returned, never for every host there is.
"""

import threading

from oslo_log import log as logging

from nova import context as nova_context
from nova import exception
from nova import objects
from nova.servicegroup import api as servicegroup_api

LOG = logging.getLogger(__name__)


class HostState(object):
    """One candidate compute node, as seen for one scheduling request."""

    def __init__(self, node, service, cell_uuid, summary, service_up):
        self.uuid = node.uuid
        self.host = node.host
        self.nodename = node.hypervisor_hostname
        self.cell_uuid = cell_uuid
        self.service = service
        self.service_up = service_up
        resources = summary.get('resources', {}) if summary else {}
        self.total_usable_vcpus = self._capacity(resources, 'VCPU',
                                                 node.vcpus)
        self.vcpus_used = self._used(resources, 'VCPU', node.vcpus_used)
        self.total_usable_ram_mb = self._capacity(resources, 'MEMORY_MB',
                                                  node.memory_mb)
        self.free_ram_mb = self.total_usable_ram_mb - self._used(
            resources, 'MEMORY_MB', node.memory_mb_used)
        self.total_usable_disk_gb = self._capacity(resources, 'DISK_GB',
                                                   node.local_gb)
        self.free_disk_mb = 1024 * (self.total_usable_disk_gb - self._used(
            resources, 'DISK_GB', node.local_gb_used))
        self.num_instances = node.running_vms or 0
        self.traits = set(summary.get('traits', [])) if summary else set()

    @staticmethod
    def _capacity(resources, rc, fallback):
        return resources[rc]['capacity'] if rc in resources else fallback

    @staticmethod
    def _used(resources, rc, fallback):
        return resources[rc]['used'] if rc in resources else (fallback or 0)

    @property
    def free_vcpus(self):
        return self.total_usable_vcpus - self.vcpus_used

    def consume_from_request(self, spec_obj):
        """Account for an instance just placed here (multi-create)."""
        self.free_ram_mb -= spec_obj.memory_mb
        self.vcpus_used += spec_obj.vcpus
        self.free_disk_mb -= 1024 * (spec_obj.root_gb + spec_obj.ephemeral_gb)
        self.num_instances += 1

    def __repr__(self):
        return '(%s, %s) ram: %sMB disk: %sMB vcpus free: %s' % (
            self.host, self.nodename, self.free_ram_mb, self.free_disk_mb,
            self.free_vcpus)


class GroupPlacement(object):
    """Where the members of the server group a request boots into run,
    for the group filters and weighers; updated as the request's own
    servers are placed."""

    def __init__(self, group, member_hosts):
        self.uuid = group.uuid
        self.policy = group.policy
        self.max_per_host = group.max_server_per_host
        # host -> members running there
        self.counts = {}
        for host in member_hosts:
            self.counts[host] = self.counts.get(host, 0) + 1

    def members_on(self, host):
        return self.counts.get(host, 0)

    def placed(self):
        return any(self.counts.values())

    def add(self, host):
        self.counts[host] = self.counts.get(host, 0) + 1


class HostManager(object):
    """Builds HostStates for the providers placement returned."""

    def __init__(self):
        self.servicegroup_api = servicegroup_api.API()
        self._cells = None
        self._lock = threading.Lock()

    def refresh_cells(self, context):
        with self._lock:
            self._cells = [c for c in objects.CellMappingList.get_all(context)
                           if not c.is_cell0()]

    def forget_cells(self):
        """Re-read cell mappings at the next request (new cells)."""
        self._cells = None

    def _get_cells(self, context):
        if self._cells is None:
            self.refresh_cells(context)
        return self._cells

    def instance_hosts(self, context, instance_uuids):
        """``{uuid: host}`` of those of the servers ``instance_uuids``
        that run on a host, in every cell."""
        hosts = {}
        if not instance_uuids:
            return hosts
        for cell in self._get_cells(context):
            with nova_context.target_cell(context, cell) as cctxt:
                instances = objects.InstanceList.get_by_filters(
                    cctxt, {'uuid': list(instance_uuids), 'deleted': False})
            hosts.update((i.uuid, i.host) for i in instances if i.host)
        return hosts

    def hosts_of_instances(self, context, instance_uuids):
        """The hosts (names) running the servers ``instance_uuids``;
        servers not found, deleted or on no host add none."""
        return set(self.instance_hosts(context, instance_uuids).values())

    def group_placement(self, context, spec_obj):
        """The GroupPlacement of the server group ``spec_obj``'s
        ``group`` hint names (None without one, or when it is gone); the
        request's own servers (a move) are not counted."""
        hints = (spec_obj.obj_attr_is_set('scheduler_hints') and
                 spec_obj.scheduler_hints or {})
        group_uuid = hints.get('group')
        if isinstance(group_uuid, list):
            group_uuid = group_uuid[0] if group_uuid else None
        if not group_uuid:
            return None
        try:
            group = objects.InstanceGroup.get_by_uuid(context, group_uuid)
        except exception.InstanceGroupNotFound:
            return None
        moving = spec_obj.instance_uuid if spec_obj.obj_attr_is_set(
            'instance_uuid') else None
        members = [m for m in group.members if m != moving]
        return GroupPlacement(
            group, self.instance_hosts(context, members).values())

    def get_host_states_by_uuids(self, context, provider_summaries):
        """HostStates of the compute nodes among ``provider_summaries``
        (placement's ``provider_summaries`` keyed by provider UUID)."""
        uuids = list(provider_summaries)
        states = []
        for cell in self._get_cells(context):
            with nova_context.target_cell(context, cell) as cctxt:
                nodes = objects.ComputeNodeList.get_all_by_uuids(cctxt, uuids)
                if not nodes:
                    continue
                services = {s.host: s for s in objects.ServiceList.get_all(
                    cctxt, binary='nova-compute')}
            for node in nodes:
                service = services.get(node.host)
                if service is None:
                    LOG.debug('No service record for compute node %s',
                              node.uuid)
                    continue
                states.append(HostState(
                    node, service, cell.uuid, provider_summaries[node.uuid],
                    self.servicegroup_api.service_is_up(service)))
        return states
