"""Options of nova-compute: the driver, capacity reporting, builds."""

from oslo_config import cfg

compute_opts = [
    cfg.BoolOpt('resume_guests_state_on_host_boot', default=False,
                help="""
Start again, when nova-compute starts, the guests of ACTIVE servers that
the hypervisor no longer runs (the host rebooted). Off: such servers are
stopped (SHUTOFF) and their users start them. The all-in-one turns this on:
its fake hypervisor restarts with it.
"""),
    cfg.IntOpt('reclaim_instance_interval', default=0, min=0,
               help="""
Seconds a deleted server is kept (SOFT_DELETED, its guest stopped) before
it is really deleted; meanwhile the restore action brings it back and
forceDelete deletes it at once. 0: delete at once. Also how often the
periodic task looking for servers to reclaim runs.
"""),
    cfg.BoolOpt('allow_resize_to_same_host', default=False,
                help="""
Let the scheduler keep a resized (or cold migrated) server on its own host.
Useful on a single host; the host then holds the old and the new flavor's
resources until the resize is confirmed.
"""),
    cfg.IntOpt('resize_confirm_window', default=0, min=0,
               help="""
Seconds after which a resize or cold migration waiting in VERIFY_RESIZE is
confirmed automatically (checked by a periodic task of the destination
host). 0 disables it.
"""),
    cfg.IntOpt('shelved_offload_time', default=0, min=-1,
               help="""
Seconds a shelved server keeps its guest and host before it is offloaded.

Possible values:

* 0: offload at once, as part of the shelve.
* -1: never offload by itself (only the shelveOffload action does).
* A positive number: offloaded by a periodic task once that long shelved
  (checked every ``shelved_poll_interval`` seconds).
"""),
    cfg.IntOpt('shelved_poll_interval', default=3600,
               help="""
Seconds between checks for shelved servers to offload; 0 or less
disables the periodic task.
"""),
    cfg.IntOpt('password_length', default=12, min=0,
               help="""
Length of the administrator passwords generated for servers when the
request gives none (create, rebuild, rescue, evacuate).
"""),
    cfg.StrOpt('compute_driver',
               default='fake.FakeDriver',
               help="""
Virt driver used by nova-compute, as ``<module under nova.virt>.<class>``.

Possible values:

* ``fake.FakeDriver``: in-memory hypervisor for tests and scale simulation.
* ``libvirt.LibvirtDriver``: real guests through libvirtd.
"""),
    cfg.FloatOpt('cpu_allocation_ratio', min=0.0,
                 help="""
Virtual to physical CPU ratio reported to placement as VCPU
``allocation_ratio``. Unset: keep what placement has, or use
``initial_cpu_allocation_ratio`` for a new provider.
"""),
    cfg.FloatOpt('ram_allocation_ratio', min=0.0,
                 help="MEMORY_MB allocation ratio; unset keeps placement's "
                      "value."),
    cfg.FloatOpt('disk_allocation_ratio', min=0.0,
                 help="DISK_GB allocation ratio; unset keeps placement's "
                      "value."),
    cfg.FloatOpt('initial_cpu_allocation_ratio', default=4.0, min=0.0,
                 help="VCPU allocation ratio of a newly created provider."),
    cfg.FloatOpt('initial_ram_allocation_ratio', default=1.0, min=0.0,
                 help="MEMORY_MB allocation ratio of a newly created "
                      "provider."),
    cfg.FloatOpt('initial_disk_allocation_ratio', default=1.0, min=0.0,
                 help="DISK_GB allocation ratio of a newly created provider."),
    cfg.IntOpt('reserved_host_memory_mb', default=512, min=0,
               help="Memory (MB) kept for the host, reported as reserved."),
    cfg.IntOpt('reserved_host_disk_mb', default=0, min=0,
               help="Disk (MB) kept for the host, reported as reserved."),
    cfg.IntOpt('reserved_host_cpus', default=0, min=0,
               help="Host CPUs kept for the host, reported as reserved."),
    cfg.IntOpt('update_resources_interval', default=60,
               help="""
Seconds between runs of the resource tracker's periodic update.

Possible values:

* 0 or negative: never run it periodically (it still runs at start).
"""),
    cfg.BoolOpt('instance_usage_audit', default=False,
                help="""
Whether each compute host audits, once per audit period, the instances
that ran on it (shown by ``/os-instance_usage_audit_log``).
"""),
    cfg.StrOpt('instance_usage_audit_period', default='month',
               help="""
The audit period: ``hour``, ``day``, ``month`` or ``year``, optionally
``@offset`` (the hour of the day, the day of the month (at most 28) or the
month of the year a period starts at), e.g. ``day@18``.
"""),
    cfg.IntOpt('sync_power_state_interval', default=600,
               help="Seconds between power state syncs; negative disables."),
    cfg.IntOpt('max_concurrent_builds', default=10, min=1,
               help="Builds a compute host runs at the same time."),
    cfg.IntOpt('vif_plugging_timeout', default=300, min=0,
               help="""
Seconds a build waits for the network service to report each new port
plugged (``network-vif-plugged`` events).

Possible values:

* 0: do not wait.
* A positive integer: the longest wait, in seconds.

Related options:

* ``vif_plugging_is_fatal``: what a timeout does to the build.
"""),
    cfg.BoolOpt('vif_plugging_is_fatal', default=True,
                help="""
Whether a build fails when its ``network-vif-plugged`` events do not arrive
within ``vif_plugging_timeout`` (or arrive with status ``failed``).

Possible values:

* True: the build fails (and is retried on an alternate host, if any).
* False: a warning is logged and the build goes on.

Related options:

* ``vif_plugging_timeout``
"""),
]

fake_group = cfg.OptGroup('fake', title='Fake virt driver options')

fake_opts = [
    cfg.IntOpt('vcpus', default=8, min=1,
               help="Physical CPUs each fake host reports."),
    cfg.IntOpt('memory_mb', default=16384, min=1,
               help="Memory (MB) each fake host reports."),
    cfg.IntOpt('local_gb', default=200, min=1,
               help="Local disk (GB) each fake host reports."),
]


def register_opts(conf):
    conf.register_opts(compute_opts)
    conf.register_group(fake_group)
    conf.register_opts(fake_opts, group=fake_group)


def list_opts():
    return {'DEFAULT': compute_opts, fake_group: fake_opts}
