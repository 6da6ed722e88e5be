"""Flavor extra specs checked against the keys Nova documents (2.86).

``validate(key, value)`` accepts or refuses one extra spec:

* a key Nova knows (``hw:cpu_policy``, ``hw:numa_cpus.0``,
  ``resources1:VCPU``, ``trait:HW_CPU_X86_AVX``, ``quota:cpu_shares``,
  ``capabilities:hypervisor_type``, ...) needs a value of its kind:
  a boolean, an integer in range, one of a list or a given shape;
* any other key of a namespace Nova knows (``hw:no_such_thing``) is
  refused, as a misspelt key would otherwise be silently ignored;
* keys of other namespaces (``foo:bar``) and keys without a namespace
  that Nova does not know pass unchecked.

The tables follow Nova's extra spec reference; each value check returns
``None`` when the value fits, else the reason it does not.
"""

import re

import os_resource_classes
import os_traits
from oslo_utils import strutils

from nova import exception
from nova.i18n import _


# -- value checks -------------------------------------------------------------

def _anything(value):
    return None


def _boolean(value):
    try:
        strutils.bool_from_string(value, strict=True)
    except ValueError:
        return _("'%s' is not a boolean") % value
    return None


def _integer(minimum=None, maximum=None):
    def check(value):
        try:
            number = int(value)
        except (TypeError, ValueError):
            return _("'%s' is not an integer") % value
        if minimum is not None and number < minimum:
            return _('%(value)s is below the minimum of %(limit)d') % {
                'value': value, 'limit': minimum}
        if maximum is not None and number > maximum:
            return _('%(value)s is above the maximum of %(limit)d') % {
                'value': value, 'limit': maximum}
        return None
    return check


def _one_of(*choices):
    def check(value):
        if value in choices:
            return None
        return _("'%(value)s' is not one of %(choices)s") % {
            'value': value, 'choices': ', '.join(choices)}
    return check


def _shaped(pattern):
    compiled = re.compile(pattern)

    def check(value):
        if compiled.fullmatch(value):
            return None
        return _("'%(value)s' does not have the form %(pattern)s") % {
            'value': value, 'pattern': pattern}
    return check


# -- what Nova knows ----------------------------------------------------------

# A set of CPUs: "0-3,^2,6".
_CPU_SET = _shaped(r'\^?\d+(-\d+)?(,\^?\d+(-\d+)?)*')
_POSITIVE = _integer(minimum=1)
_NON_NEGATIVE = _integer(minimum=0)
# The suffix of a numbered or named request group: resources1:, trait_gpu:.
_GROUP = r'[a-zA-Z0-9_-]{0,64}'

_HW = {
    'boot_menu': _boolean,
    'cpu_cores': _POSITIVE,
    'cpu_dedicated_mask': _CPU_SET,
    'cpu_max_cores': _POSITIVE,
    'cpu_max_sockets': _POSITIVE,
    'cpu_max_threads': _POSITIVE,
    'cpu_policy': _one_of('dedicated', 'shared', 'mixed'),
    'cpu_realtime': _boolean,
    'cpu_realtime_mask': _CPU_SET,
    'cpu_sockets': _POSITIVE,
    'cpu_thread_policy': _one_of('prefer', 'isolate', 'require'),
    'cpu_threads': _POSITIVE,
    'emulator_threads_policy': _one_of('isolate', 'share'),
    'ephemeral_encryption': _boolean,
    'ephemeral_encryption_format': _one_of('plain', 'luks', 'luksv2'),
    'hide_hypervisor_id': _boolean,
    'locked_memory': _boolean,
    'mem_encryption': _boolean,
    'mem_encryption_model': _one_of('amd-sev', 'amd-sev-es', 'amd-sev-snp'),
    'mem_page_size': _shaped(r'large|small|any|\d+([kKMGT]i?)?(b|bit|B)?'),
    'numa_nodes': _POSITIVE,
    'pci_numa_affinity_policy': _one_of('required', 'preferred', 'legacy',
                                        'socket'),
    'pmem': _shaped(r'[a-zA-Z0-9_]+(,[a-zA-Z0-9_]+)*,?'),
    'pmu': _boolean,
    'redirected_usb_ports': _integer(minimum=0, maximum=15),
    'serial_port_count': _NON_NEGATIVE,
    'sound_model': _one_of('sb16', 'es1370', 'pcspk', 'ac97', 'ich6',
                           'ich9', 'usb', 'virtio'),
    'tpm_model': _one_of('tpm-tis', 'tpm-crb'),
    'tpm_secret_security': _one_of('user', 'host', 'deployment'),
    'tpm_version': _one_of('1.2', '2.0'),
    'usb_model': _one_of('none', 'nec-xhci', 'qemu-xhci'),
    'vif_multiqueue_enabled': _boolean,
    'viommu_model': _one_of('intel', 'smmuv3', 'virtio', 'auto'),
    'virtio_packed_ring': _boolean,
    'watchdog_action': _one_of('none', 'pause', 'poweroff', 'reset',
                               'disabled'),
}

_OTHER = {
    'accel': {'device_profile': _anything},
    'hw_rng': {'allowed': _boolean, 'rate_bytes': _NON_NEGATIVE,
               'rate_period': _NON_NEGATIVE},
    'hw_video': {'ram_max_mb': _NON_NEGATIVE},
    'os': {'secure_boot': _one_of('disabled', 'required')},
    'pci_passthrough': {'alias': _shaped(r'[^:]+:\d+(\s*,\s*[^:]+:\d+)*')},
    'vmware': {'hw_version': _anything, 'storage_policy': _anything},
}

# Keys without a namespace that Nova still knows.
_BARE = {
    'group_policy': _one_of('isolate', 'none'),
    'hide_hypervisor_id': _boolean,
}

# What the ComputeCapabilitiesFilter compares: plain host attributes, and
# structured ones that may be followed by ":<key>" steps into them.
_CAPABILITIES = (
    'aggregates', 'cell_uuid', 'cpu_allocation_ratio', 'current_workload',
    'disk_allocation_ratio', 'disk_available_least', 'disk_mb_used',
    'failed_builds', 'free_disk_gb', 'free_disk_mb', 'free_ram_mb', 'host',
    'host_ip', 'hypervisor_hostname', 'hypervisor_type',
    'hypervisor_version', 'id', 'local_gb', 'local_gb_used', 'mapped',
    'memory_mb', 'memory_mb_used', 'num_instances', 'num_io_ops',
    'ram_allocation_ratio', 'running_vms', 'service_id',
    'total_usable_disk_gb', 'total_usable_ram_mb', 'updated', 'uuid',
    'vcpus', 'vcpus_total', 'vcpus_used')
_NESTED_CAPABILITIES = (
    'cpu_info', 'instances', 'limits', 'metrics', 'nodename',
    'numa_topology', 'pci_device_pools', 'pci_stats', 'stats',
    'supported_hv_specs', 'supported_instances')


def _quota_checks():
    checks = {}
    # The VMware driver's limits, reservations and shares.
    for resource in ('cpu', 'memory', 'disk_io', 'vif'):
        checks[resource + '_limit'] = _NON_NEGATIVE
        checks[resource + '_reservation'] = _integer()
        checks[resource + '_shares_level'] = _one_of('custom', 'high',
                                                     'normal', 'low')
        checks[resource + '_shares_share'] = _NON_NEGATIVE
    # The libvirt driver's CPU, disk and interface tuning.
    checks['cpu_shares'] = _NON_NEGATIVE
    checks['cpu_period'] = _NON_NEGATIVE
    checks['cpu_quota'] = _integer()
    for stat in ('read', 'write', 'total'):
        for unit in ('bytes', 'iops'):
            checks['disk_%s_%s_sec' % (stat, unit)] = _NON_NEGATIVE
    for direction in ('inbound', 'outbound'):
        for metric in ('average', 'peak', 'burst'):
            checks['vif_%s_%s' % (direction, metric)] = _NON_NEGATIVE
    return checks


def _names(known):
    """A regex alternative of the names in ``known`` or any CUSTOM_ one."""
    return '(CUSTOM_[A-Z0-9_]+|%s)' % '|'.join(
        re.escape(name) for name in sorted(known, key=len, reverse=True))


def _exact_keys():
    keys = {'hw:' + name: check for name, check in _HW.items()}
    for namespace, checks in dict(_OTHER, quota=_quota_checks()).items():
        keys.update((namespace + ':' + name, check)
                    for name, check in checks.items())
    keys.update(('capabilities:' + name, _anything)
                for name in _CAPABILITIES)
    keys.update(_BARE)
    return keys


_EXACT = _exact_keys()
_PATTERNS = tuple((re.compile(key), check) for key, check in (
    (r'hw:numa_cpus\.\d+', _CPU_SET),
    (r'hw:numa_mem\.\d+', _POSITIVE),
    (r'capabilities:(%s)(:\w+)*' % '|'.join(_NESTED_CAPABILITIES),
     _anything),
    (r'aggregate_instance_extra_specs:.+', _anything),
    (r'resources%s:%s' % (_GROUP, _names(os_resource_classes.STANDARDS)),
     _integer()),
    (r'trait%s:%s' % (_GROUP, _names(os_traits.get_traits())),
     _one_of('required', 'forbidden')),
))
_NAMESPACES = re.compile(r'(hw|%s|quota|capabilities|'
                         r'aggregate_instance_extra_specs|resources%s|'
                         r'trait%s)' % ('|'.join(_OTHER), _GROUP, _GROUP))


def _check_of(key):
    check = _EXACT.get(key)
    if check is not None:
        return check
    for pattern, check in _PATTERNS:
        if pattern.fullmatch(key):
            return check
    return None


def validate(key, value):
    """Raise ``exception.ValidationError`` when the extra spec ``key`` with
    the (string) ``value`` is not one Nova would accept."""
    check = _check_of(key)
    if check is None:
        namespace, colon, _rest = key.partition(':')
        if colon and _NAMESPACES.fullmatch(namespace):
            raise exception.ValidationError(detail=_(
                "Validation failed; extra spec '%(key)s' is unknown in the "
                "'%(namespace)s' namespace.") % {'key': key,
                                                 'namespace': namespace})
        return
    problem = check(value)
    if problem:
        raise exception.ValidationError(detail=_(
            "Validation failed; extra spec '%(key)s': %(problem)s.") % {
                'key': key, 'problem': problem})
