"""Test data for the scheduler: in-memory records and host states."""

from oslo_utils import uuidutils

from nova import objects
from nova.scheduler import host_manager

CELL1 = '11111111-1111-1111-1111-111111111111'
CELL2 = '22222222-2222-2222-2222-222222222222'


def compute_node(host, vcpus=8, memory_mb=8192, local_gb=100, uuid=None,
                 **kwargs):
    values = dict(uuid=uuid or uuidutils.generate_uuid(), host=host,
                  hypervisor_hostname=host, vcpus=vcpus,
                  memory_mb=memory_mb, local_gb=local_gb, vcpus_used=0,
                  memory_mb_used=0, local_gb_used=0, running_vms=0)
    values.update(kwargs)
    return objects.ComputeNode(**values)


def service(host, disabled=False, reason=None):
    return objects.Service(host=host, binary='nova-compute',
                           disabled=disabled, disabled_reason=reason,
                           forced_down=False)


def summary(vcpus=8, vcpus_used=0, ram=8192, ram_used=0, disk=100,
            disk_used=0):
    return {'resources': {
        'VCPU': {'capacity': vcpus, 'used': vcpus_used},
        'MEMORY_MB': {'capacity': ram, 'used': ram_used},
        'DISK_GB': {'capacity': disk, 'used': disk_used}}}


def host_state(host, cell_uuid=CELL1, up=True, disabled=False,
               reason=None, uuid=None, **summary_kwargs):
    node = compute_node(host, uuid=uuid)
    return host_manager.HostState(node, service(host, disabled, reason),
                                  cell_uuid, summary(**summary_kwargs), up)


def flavor(vcpus=1, memory_mb=512, root_gb=1, ephemeral_gb=0, swap=0):
    return objects.Flavor(id=1, name='f', flavorid='1', vcpus=vcpus,
                          memory_mb=memory_mb, root_gb=root_gb,
                          ephemeral_gb=ephemeral_gb, swap=swap,
                          extra_specs={})


def request_spec(**flavor_kwargs):
    return objects.RequestSpec(
        instance_uuid=uuidutils.generate_uuid(), flavor=flavor(
            **flavor_kwargs), project_id='p1', user_id='u1',
        num_instances=1, is_bfv=False, image=None)
