"""The contract between nova-compute and a hypervisor driver.

A driver manages the guests of one compute host. Every method may block;
nova-compute calls them from its own threads. Drivers never touch the
database: what they need arrives as objects.
"""

from oslo_log import log as logging
from oslo_utils import importutils

import nova.conf
from nova import exception

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)


class InstanceInfo(object):
    """What the hypervisor knows about one guest."""

    def __init__(self, state, internal_id=None):
        self.state = state
        self.internal_id = internal_id

    def __eq__(self, other):
        return (self.__class__ == other.__class__ and
                self.__dict__ == other.__dict__)


class ComputeDriver(object):
    """Base class of virt drivers.

    ``capabilities`` says what a driver supports so callers can refuse an
    operation up front instead of failing in the middle of it.
    """

    capabilities = {
        'has_imagecache': False,
        'supports_evacuate': False,
        'supports_multiattach': False,
        'supports_image_type_raw': True,
        'supports_image_type_qcow2': True,
    }

    def __init__(self, virtapi=None):
        self.virtapi = virtapi

    def init_host(self, host):
        """Prepare the hypervisor of ``host`` for use; called once."""

    def cleanup_host(self, host):
        """Release what ``init_host`` took."""

    def get_available_nodes(self, refresh=False):
        """Names of the nodes (hypervisors) this driver manages."""
        raise NotImplementedError()

    def get_available_resource(self, nodename):
        """Resources of ``nodename``: a dict with vcpus, memory_mb,
        local_gb, vcpus_used, memory_mb_used, local_gb_used,
        hypervisor_type, hypervisor_version, hypervisor_hostname,
        cpu_info and disk_available_least."""
        raise NotImplementedError()

    def get_inventory(self, nodename):
        """Placement inventory of ``nodename``: ``{rc: {'total': ...,
        'reserved': ..., 'min_unit': ..., 'max_unit': ..., 'step_size':
        ..., 'allocation_ratio': ...}}``; the resource tracker fills in
        reserved amounts and allocation ratios it does not provide."""
        raise NotImplementedError()

    def list_instance_uuids(self):
        """UUIDs of the guests that exist on this host."""
        raise NotImplementedError()

    def get_info(self, instance):
        """InstanceInfo of ``instance``; raises InstanceNotFound."""
        raise NotImplementedError()

    def spawn(self, context, instance, image_meta, injected_files,
              admin_password, allocations, network_info=None,
              block_device_info=None):
        """Create and start the guest of ``instance``.

        On return the guest runs. Raises on failure, leaving nothing
        behind that ``destroy`` would not remove.
        """
        raise NotImplementedError()

    def destroy(self, context, instance, network_info=None,
                block_device_info=None, destroy_disks=True):
        """Stop and remove the guest; succeeds if it does not exist."""
        raise NotImplementedError()

    def get_console_output(self, context, instance):
        """The guest's serial console log so far, as one ``str``; raises
        ConsoleNotAvailable when the driver keeps none for it."""
        raise NotImplementedError()

    # -- remote consoles: each returns where the guest's console server
    # listens (a ``nova.virt.console.ConsoleInfo``), raises
    # InstanceNotFound when the guest is not on this host, and
    # NotImplementedError when the driver has no such console (501).

    def get_vnc_console(self, context, instance):
        """The guest's VNC server (``novnc`` consoles)."""
        raise NotImplementedError()

    def get_spice_console(self, context, instance):
        """The guest's SPICE server, with ``tls_port`` when it has one
        (``spice-html5`` and ``spice-direct`` consoles)."""
        raise NotImplementedError()

    def get_serial_console(self, context, instance):
        """The TCP end of the guest's serial port (``serial`` consoles)."""
        raise NotImplementedError()

    def get_mks_console(self, context, instance):
        """The guest's WebMKS server (``webmks`` consoles)."""
        raise NotImplementedError()

    # -- power: each raises InstanceNotFound when the guest is not here,
    # and returns once the guest is in the new state.

    def power_off(self, instance, timeout=0, retry_interval=0):
        """Shut the guest down (``timeout`` seconds for a clean shutdown
        first, 0: at once)."""
        raise NotImplementedError()

    def power_on(self, context, instance, network_info,
                 block_device_info=None):
        """Start a stopped guest."""
        raise NotImplementedError()

    def reboot(self, context, instance, network_info, reboot_type,
               block_device_info=None):
        """Restart the guest: ``reboot_type`` ``SOFT`` (ask the guest) or
        ``HARD`` (reset; also starts a stopped or paused guest)."""
        raise NotImplementedError()

    def pause(self, instance):
        """Freeze the guest's CPUs, keeping its memory."""
        raise NotImplementedError()

    def unpause(self, instance):
        raise NotImplementedError()

    def suspend(self, context, instance):
        """Save the guest's memory to disk and stop it."""
        raise NotImplementedError()

    def resume(self, context, instance, network_info,
               block_device_info=None):
        """Start a suspended guest from its saved memory."""
        raise NotImplementedError()

    # -- images, rescue, passwords

    def snapshot(self, context, instance, image_id, update_task_state):
        """Upload the guest's root disk as the data of the queued image
        ``image_id`` of the image service.

        ``update_task_state(task_state, expected_state)`` records the
        steps: ``image_pending_upload`` once the disk is captured,
        ``image_uploading`` before the upload starts. Raises on failure.
        """
        raise NotImplementedError()

    def rescue(self, context, instance, network_info, image_meta,
               rescue_password, block_device_info=None):
        """Boot the guest from ``image_meta`` (the rescue image, an
        ImageMeta) with its own disk attached as a second one."""
        raise NotImplementedError()

    def unrescue(self, context, instance):
        """Boot the guest from its own disk again."""
        raise NotImplementedError()

    def set_admin_password(self, instance, new_pass):
        """Set the administrator password inside the running guest.

        Raises NotImplementedError when the driver cannot, and
        InstanceAgentNotEnabled/SetAdminPasswdNotSupported when this
        guest cannot."""
        raise NotImplementedError()

    def trigger_crash_dump(self, instance):
        """Make the guest's kernel dump its state (an NMI)."""
        raise NotImplementedError()

    # -- hot-plugged ports (os-interface)

    def attach_interface(self, context, instance, vif):
        """Plug the port of ``vif`` (a VIF dict of ``nova.network.model``,
        already bound to this host) into the guest, running or not.
        NotImplementedError when the driver cannot hot-plug."""
        raise NotImplementedError()

    def detach_interface(self, context, instance, vif):
        """Unplug the port of ``vif`` from the guest."""
        raise NotImplementedError()

    def inject_network_info(self, instance, network_info):
        """Hand the guest its current network info (a list of VIF dicts);
        drivers with no way to reach into a guest do nothing."""

    # -- cold migration and resize: the source host moves the disk and
    # keeps its copy until the move is confirmed or reverted.

    def migrate_disk_and_power_off(self, context, instance, dest, flavor,
                                   network_info):
        """On the source: stop the guest and hand its disk to host
        ``dest`` (for ``flavor``); returns disk information (str) for
        ``finish_migration``. The source copy stays until confirmed."""
        raise NotImplementedError()

    def finish_migration(self, context, migration, instance, disk_info,
                         network_info, image_meta, resize_instance,
                         allocations, block_device_info=None,
                         power_on=True):
        """On the destination: create the guest from the moved disk with
        ``instance.flavor`` (the new one); started when ``power_on``."""
        raise NotImplementedError()

    def confirm_migration(self, context, migration, instance, network_info):
        """On the source: drop the copy kept for a revert."""
        raise NotImplementedError()

    def finish_revert_migration(self, context, instance, network_info,
                                migration, block_device_info=None,
                                power_on=True):
        """On the source: bring back the kept copy (started when
        ``power_on``)."""
        raise NotImplementedError()

    # -- live migration: the guest keeps running while it moves.

    def live_migration(self, context, instance, dest, migration):
        """On the source: move the running guest to host ``dest``; on
        return it runs there (``post_live_migration_at_destination``
        adopts it) and no longer here. Raises on failure, the guest still
        running here; raises LiveMigrationAborted when
        ``live_migration_abort`` stopped it."""
        raise NotImplementedError()

    def live_migration_force_complete(self, instance):
        """On the source: finish the running ``live_migration`` of
        ``instance`` now (e.g. by pausing the guest for the last copy)."""
        raise NotImplementedError()

    def live_migration_abort(self, instance):
        """On the source: stop the running ``live_migration`` of
        ``instance``, which then raises LiveMigrationAborted."""
        raise NotImplementedError()

    def post_live_migration_at_destination(self, context, instance,
                                           network_info, migration):
        """On the destination: take over the guest that arrived."""
        raise NotImplementedError()

    def resume_state_on_host_boot(self, context, instance, network_info,
                                  block_device_info=None):
        """Start the guest of ``instance`` again after the host rebooted
        (``resume_guests_state_on_host_boot``)."""
        raise NotImplementedError()

    # -- the host itself (os-hosts)

    def host_power_action(self, action):
        """Reboot, shut down or start up the host (``action``: reboot,
        shutdown, startup); returns the action done."""
        raise NotImplementedError()

    def get_host_uptime(self):
        """The host's uptime, as ``uptime`` prints it (a string)."""
        raise NotImplementedError()

    def host_maintenance_mode(self, host, mode):
        """Put the host into maintenance (``mode`` True) or out of it;
        returns ``on_maintenance`` or ``off_maintenance``."""
        raise NotImplementedError()

    # -- diagnostics

    def get_diagnostics(self, instance):
        """Driver-specific diagnostics of the guest (a flat dict), shown
        before microversion 2.48."""
        raise NotImplementedError()

    def get_instance_diagnostics(self, instance):
        """The guest's diagnostics in the standard form of 2.48: a dict
        with state, driver, hypervisor, hypervisor_os, uptime (s),
        config_drive, num_cpus/nics/disks, memory_details {maximum, used}
        (MiB), cpu_details, nic_details and disk_details lists."""
        raise NotImplementedError()


def load_compute_driver(virtapi=None, compute_driver=None):
    """Instantiate the driver named by ``compute_driver``."""
    name = compute_driver or CONF.compute_driver
    if not name:
        raise exception.VirtDriverNotFound(name='<unset>')
    try:
        driver = importutils.import_object('nova.virt.%s' % name, virtapi)
    except ImportError as error:
        LOG.error('Unable to load the virtualization driver %s: %s',
                  name, error)
        raise exception.VirtDriverNotFound(name=name)
    if not isinstance(driver, ComputeDriver):
        raise exception.VirtDriverNotFound(name=name)
    return driver
