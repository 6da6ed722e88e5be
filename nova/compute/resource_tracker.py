"""Reports what this host has: the compute node record (through the
conductor) and the provider inventory in placement.

Placement does the CPU/RAM/disk accounting; the tracker keeps the
inventory right and the hypervisor view (``os-hypervisors``) current.
"""

import threading

from oslo_log import log as logging

import nova.conf
from nova import exception
from nova import objects

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)

_NODE_FIELDS = ('vcpus', 'memory_mb', 'local_gb', 'vcpus_used',
                'memory_mb_used', 'local_gb_used', 'hypervisor_type',
                'hypervisor_version', 'cpu_info', 'disk_available_least',
                'host_ip')


def _ratio(configured, initial):
    return configured if configured is not None else initial


def inventory_with_reserved(driver_inventory):
    """Fill the driver's inventory with reserved amounts and ratios."""
    reserved = {'VCPU': CONF.reserved_host_cpus,
                'MEMORY_MB': CONF.reserved_host_memory_mb,
                'DISK_GB': (CONF.reserved_host_disk_mb + 1023) // 1024}
    ratios = {
        'VCPU': _ratio(CONF.cpu_allocation_ratio,
                       CONF.initial_cpu_allocation_ratio),
        'MEMORY_MB': _ratio(CONF.ram_allocation_ratio,
                            CONF.initial_ram_allocation_ratio),
        'DISK_GB': _ratio(CONF.disk_allocation_ratio,
                          CONF.initial_disk_allocation_ratio),
    }
    inventory = {}
    for rc, inv in driver_inventory.items():
        inv = dict(inv)
        inv.setdefault('reserved', min(reserved.get(rc, 0),
                                       inv['total'] - 1))
        inv.setdefault('allocation_ratio', ratios.get(rc, 1.0))
        inv.setdefault('min_unit', 1)
        inv.setdefault('step_size', 1)
        inv.setdefault('max_unit', inv['total'])
        inventory[rc] = inv
    return inventory


class ResourceTracker(object):

    def __init__(self, host, driver, report_client):
        self.host = host
        self.driver = driver
        self.report_client = report_client
        self.compute_nodes = {}
        self._lock = threading.Lock()

    def update_available_resource(self, context, service_id):
        """Bring every node's record and inventory up to date."""
        for nodename in self.driver.get_available_nodes():
            with self._lock:
                node = self._update_node(context, nodename, service_id)
            self._update_placement(context, node)

    def _update_node(self, context, nodename, service_id):
        resources = self.driver.get_available_resource(nodename)
        instances = self.driver.list_instance_uuids()
        node = self.compute_nodes.get(nodename)
        if node is None:
            try:
                node = objects.ComputeNode.get_by_host_and_nodename(
                    context, self.host, nodename)
            except exception.ComputeHostNotFound:
                node = objects.ComputeNode(
                    context=context, host=self.host,
                    hypervisor_hostname=nodename, service_id=service_id,
                    current_workload=0, mapped=0)
        for key in _NODE_FIELDS:
            if key in resources and (not node.obj_attr_is_set(key) or
                                     getattr(node, key) != resources[key]):
                setattr(node, key, resources[key])
        node.running_vms = len(instances)
        node.free_ram_mb = resources['memory_mb'] - resources[
            'memory_mb_used']
        node.free_disk_gb = resources['local_gb'] - resources[
            'local_gb_used']
        node.cpu_allocation_ratio = _ratio(
            CONF.cpu_allocation_ratio, CONF.initial_cpu_allocation_ratio)
        node.ram_allocation_ratio = _ratio(
            CONF.ram_allocation_ratio, CONF.initial_ram_allocation_ratio)
        node.disk_allocation_ratio = _ratio(
            CONF.disk_allocation_ratio, CONF.initial_disk_allocation_ratio)
        if not node.obj_attr_is_set('id'):
            node.create()
            LOG.info('Compute node %s (%s) created on %s', nodename,
                     node.uuid, self.host)
        elif node.obj_what_changed():
            node.save()
        self.compute_nodes[nodename] = node
        return node

    def _update_placement(self, context, node):
        self.report_client.ensure_resource_provider(
            context, node.uuid, node.hypervisor_hostname)
        self.report_client.set_inventory_for_provider(
            context, node.uuid, inventory_with_reserved(
                self.driver.get_inventory(node.hypervisor_hostname)))
