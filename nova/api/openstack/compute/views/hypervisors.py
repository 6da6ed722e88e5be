"""Hypervisor (compute node) views, masked by microversion."""

from oslo_serialization import jsonutils

from nova.api.openstack import api_version_request as avr
from nova.api.openstack import common

STAT_FIELDS = ('vcpus', 'memory_mb', 'local_gb', 'vcpus_used',
               'memory_mb_used', 'local_gb_used', 'free_ram_mb',
               'free_disk_gb', 'current_workload', 'running_vms',
               'disk_available_least')


def _cpu_info(req, node):
    raw = common.field(node, 'cpu_info')
    if not avr.hypervisor_cpu_info_as_object(req):
        return raw or ''
    if not raw:
        return {}
    try:
        return jsonutils.loads(raw) if isinstance(raw, str) else dict(raw)
    except ValueError:
        return {}


def hypervisor(req, node, service, is_up, detail, servers=None):
    uuid_ids = avr.use_uuid_ids_for_services(req)
    view = {
        'id': node.uuid if uuid_ids else node.id,
        'hypervisor_hostname': node.hypervisor_hostname,
        'state': 'up' if is_up else 'down',
        'status': 'disabled' if service.disabled else 'enabled',
    }
    if detail:
        view.update({
            'hypervisor_type': node.hypervisor_type,
            'hypervisor_version': node.hypervisor_version,
            'host_ip': (str(node.host_ip) if common.field(node, 'host_ip')
                        else None),
            'service': {'id': service.uuid if uuid_ids else service.id,
                        'host': node.host,
                        'disabled_reason': common.field(
                            service, 'disabled_reason')},
        })
        if avr.hide_hypervisor_stats(req):
            view['uptime'] = None
        else:
            for name in STAT_FIELDS:
                view[name] = common.field(node, name)
            view['cpu_info'] = _cpu_info(req, node)
    if servers is not None:
        view['servers'] = [{'name': common.field(s, 'name', ''),
                            'uuid': s.uuid} for s in servers]
    return view
