"""Client side of the compute RPC API.

API version history:

    * 1.0 - Initial version: build_and_run_instance, terminate_instance.
    * 1.1 - Add external_instance_event.
    * 1.2 - Add stop_instance, start_instance, reboot_instance,
            pause_instance, unpause_instance, suspend_instance,
            resume_instance.
    * 1.3 - Add get_console_output.
    * 1.4 - Add snapshot_instance, backup_instance, rescue_instance,
            unrescue_instance, set_admin_password, trigger_crash_dump.
    * 1.5 - Add rebuild_instance.
    * 1.6 - Add shelve_instance, shelve_offload_instance,
            unshelve_instance.
    * 1.7 - Add resize_instance, finish_resize, confirm_resize,
            revert_resize, finish_revert_resize.
    * 1.8 - Add soft_delete_instance, restore_instance.
    * 1.9 - Add live_migration, post_live_migration_at_destination.
    * 1.10 - Add get_diagnostics.
    * 1.11 - Add evacuate_instance.
    * 1.12 - build_and_run_instance takes admin_password.
    * 1.13 - Add live_migration_force_complete, live_migration_abort.
    * 1.14 - Add host_power_action, host_maintenance_mode,
            get_host_uptime.
    * 1.15 - Add get_vnc_console, get_spice_console, get_serial_console,
            get_mks_console.
    * 1.16 - Add attach_interface, detach_interface, inject_network_info,
            add_fixed_ip_to_instance, remove_fixed_ip_from_instance.
"""

from oslo_log import log as logging
import oslo_messaging as messaging

import nova.conf
from nova import exception
from nova import rpc

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)

RPC_TOPIC = 'compute'

# Release name -> highest version that release understands.
VERSION_ALIASES = {'epoxy-lite': '1.0'}


class ComputeAPI(object):

    VERSION = '1.16'

    def __init__(self):
        target = messaging.Target(topic=RPC_TOPIC, version='1.0')
        level = CONF.upgrade_levels.compute
        version_cap = VERSION_ALIASES.get(level, level)
        self.client = rpc.get_client(target, version_cap=version_cap)

    def build_and_run_instance(self, ctxt, instance, host, node,
                               request_spec, requested_networks=None,
                               host_list=None, admin_password=None):
        """Build ``instance`` on ``host``; ``admin_password`` reaches
        the driver from 1.12 on (an older host builds without it)."""
        kwargs, version = {}, '1.0'
        if self.client.can_send_version('1.12'):
            kwargs['admin_password'] = admin_password
            version = '1.12'
        cctxt = self.client.prepare(server=host, version=version)
        cctxt.cast(ctxt, 'build_and_run_instance', instance=instance,
                   node=node, request_spec=request_spec,
                   requested_networks=requested_networks,
                   host_list=host_list, **kwargs)

    def terminate_instance(self, ctxt, instance):
        cctxt = self.client.prepare(server=instance.host, version='1.0')
        cctxt.cast(ctxt, 'terminate_instance', instance=instance)

    def external_instance_event(self, ctxt, instances, events):
        """Hand ``events`` (InstanceExternalEvent) about ``instances`` to
        their host; every instance must be on the same host."""
        if not self.client.can_send_version('1.1'):
            LOG.warning('Compute hosts are too old for external events; '
                        'dropping %d event(s)', len(events))
            return
        cctxt = self.client.prepare(server=instances[0].host, version='1.1')
        cctxt.cast(ctxt, 'external_instance_event', instances=instances,
                   events=events)

    # -- power operations (1.2); the instance is already in the
    # operation's task_state.

    def _power_client(self, instance, method):
        if not self.client.can_send_version('1.2'):
            raise exception.ComputeServiceTooOld(
                host=instance.host, method=method, version='1.2')
        return self.client.prepare(server=instance.host, version='1.2')

    def stop_instance(self, ctxt, instance):
        self._power_client(instance, 'stop').cast(
            ctxt, 'stop_instance', instance=instance)

    def start_instance(self, ctxt, instance):
        self._power_client(instance, 'start').cast(
            ctxt, 'start_instance', instance=instance)

    def reboot_instance(self, ctxt, instance, reboot_type):
        """``reboot_type``: ``SOFT`` or ``HARD``."""
        self._power_client(instance, 'reboot').cast(
            ctxt, 'reboot_instance', instance=instance,
            reboot_type=reboot_type)

    def pause_instance(self, ctxt, instance):
        self._power_client(instance, 'pause').cast(
            ctxt, 'pause_instance', instance=instance)

    def unpause_instance(self, ctxt, instance):
        self._power_client(instance, 'unpause').cast(
            ctxt, 'unpause_instance', instance=instance)

    def suspend_instance(self, ctxt, instance):
        self._power_client(instance, 'suspend').cast(
            ctxt, 'suspend_instance', instance=instance)

    def resume_instance(self, ctxt, instance):
        self._power_client(instance, 'resume').cast(
            ctxt, 'resume_instance', instance=instance)

    def get_console_output(self, ctxt, instance, tail_length):
        """The last ``tail_length`` lines (all when None) of the guest's
        console log, as one ``str``."""
        if not self.client.can_send_version('1.3'):
            raise exception.ComputeServiceTooOld(
                host=instance.host, method='get_console_output',
                version='1.3')
        cctxt = self.client.prepare(server=instance.host, version='1.3')
        return cctxt.call(ctxt, 'get_console_output', instance=instance,
                          tail_length=tail_length)

    # -- images, rescue, passwords (1.4)

    def _client_1_4(self, instance, method):
        if not self.client.can_send_version('1.4'):
            raise exception.ComputeServiceTooOld(
                host=instance.host, method=method, version='1.4')
        return self.client.prepare(server=instance.host, version='1.4')

    def snapshot_instance(self, ctxt, instance, image_id):
        """Upload the guest's disk into the queued image ``image_id``;
        the instance is in ``image_snapshot``."""
        self._client_1_4(instance, 'createImage').cast(
            ctxt, 'snapshot_instance', instance=instance, image_id=image_id)

    def backup_instance(self, ctxt, instance, image_id, backup_type,
                        rotation):
        """A snapshot into ``image_id``, then keep only the ``rotation``
        newest backups of ``backup_type``."""
        self._client_1_4(instance, 'createBackup').cast(
            ctxt, 'backup_instance', instance=instance, image_id=image_id,
            backup_type=backup_type, rotation=rotation)

    def rescue_instance(self, ctxt, instance, rescue_password,
                        rescue_image_ref):
        """Boot the guest from ``rescue_image_ref`` (an image id)."""
        self._client_1_4(instance, 'rescue').cast(
            ctxt, 'rescue_instance', instance=instance,
            rescue_password=rescue_password,
            rescue_image_ref=rescue_image_ref)

    def unrescue_instance(self, ctxt, instance):
        self._client_1_4(instance, 'unrescue').cast(
            ctxt, 'unrescue_instance', instance=instance)

    def set_admin_password(self, ctxt, instance, new_pass):
        """Set the password in the guest; waits for the host's answer
        (raises what the driver raised)."""
        cctxt = self._client_1_4(instance, 'changePassword')
        return cctxt.call(ctxt, 'set_admin_password', instance=instance,
                          new_pass=new_pass)

    def trigger_crash_dump(self, ctxt, instance):
        self._client_1_4(instance, 'trigger_crash_dump').cast(
            ctxt, 'trigger_crash_dump', instance=instance)

    def rebuild_instance(self, ctxt, instance, image_ref, admin_password):
        """Spawn the guest again from ``image_ref``; the instance is in
        ``rebuilding`` with its new attributes saved (1.5)."""
        if not self.client.can_send_version('1.5'):
            raise exception.ComputeServiceTooOld(
                host=instance.host, method='rebuild', version='1.5')
        cctxt = self.client.prepare(server=instance.host, version='1.5')
        cctxt.cast(ctxt, 'rebuild_instance', instance=instance,
                   image_ref=image_ref, admin_password=admin_password)

    # -- shelve (1.6)

    def _client_1_6(self, host, method):
        if not self.client.can_send_version('1.6'):
            raise exception.ComputeServiceTooOld(
                host=host, method=method, version='1.6')
        return self.client.prepare(server=host, version='1.6')

    def shelve_instance(self, ctxt, instance, image_id, offload):
        """Stop the guest and save it into ``image_id``; offload it too
        when ``offload``. The instance is in ``shelving``."""
        self._client_1_6(instance.host, 'shelve').cast(
            ctxt, 'shelve_instance', instance=instance, image_id=image_id,
            offload=offload)

    def shelve_offload_instance(self, ctxt, instance):
        self._client_1_6(instance.host, 'shelveOffload').cast(
            ctxt, 'shelve_offload_instance', instance=instance)

    def unshelve_instance(self, ctxt, instance, host):
        """Start the kept guest on ``host`` (its own), or spawn it there
        after an offload; the instance is in ``unshelving``."""
        self._client_1_6(host, 'unshelve').cast(
            ctxt, 'unshelve_instance', instance=instance)

    # -- resize and cold migration (1.7); the migration names the hosts.

    def _client_1_7(self, host, method):
        if not self.client.can_send_version('1.7'):
            raise exception.ComputeServiceTooOld(
                host=host, method=method, version='1.7')
        return self.client.prepare(server=host, version='1.7')

    def resize_instance(self, ctxt, instance, migration, flavor):
        """Source: stop the guest and move its disk (for ``flavor``)."""
        self._client_1_7(migration.source_compute, 'resize').cast(
            ctxt, 'resize_instance', instance=instance, migration=migration,
            flavor=flavor)

    def finish_resize(self, ctxt, instance, migration, disk_info):
        """Destination: create the guest from the moved disk."""
        self._client_1_7(migration.dest_compute, 'resize').cast(
            ctxt, 'finish_resize', instance=instance, migration=migration,
            disk_info=disk_info)

    def confirm_resize(self, ctxt, instance, migration):
        """Source: drop the copy kept for a revert."""
        self._client_1_7(migration.source_compute, 'confirmResize').cast(
            ctxt, 'confirm_resize', instance=instance, migration=migration)

    def revert_resize(self, ctxt, instance, migration):
        """Destination: drop the new guest, then hand back to the source."""
        self._client_1_7(migration.dest_compute, 'revertResize').cast(
            ctxt, 'revert_resize', instance=instance, migration=migration)

    def finish_revert_resize(self, ctxt, instance, migration):
        """Source: start the kept copy with the old flavor."""
        self._client_1_7(migration.source_compute, 'revertResize').cast(
            ctxt, 'finish_revert_resize', instance=instance,
            migration=migration)

    # -- deferred delete (1.8)

    def soft_delete_instance(self, ctxt, instance):
        """Stop the guest of a server deleted with a reclaim interval."""
        self._client_1_8(instance, 'delete').cast(
            ctxt, 'soft_delete_instance', instance=instance)

    def restore_instance(self, ctxt, instance):
        """Start the guest of a SOFT_DELETED server again."""
        self._client_1_8(instance, 'restore').cast(
            ctxt, 'restore_instance', instance=instance)

    def _client_1_8(self, instance, method):
        if not self.client.can_send_version('1.8'):
            raise exception.ComputeServiceTooOld(
                host=instance.host, method=method, version='1.8')
        return self.client.prepare(server=instance.host, version='1.8')

    # -- live migration (1.9); the migration names the hosts.

    def _client_1_9(self, host):
        if not self.client.can_send_version('1.9'):
            raise exception.ComputeServiceTooOld(
                host=host, method='os-migrateLive', version='1.9')
        return self.client.prepare(server=host, version='1.9')

    def live_migration(self, ctxt, instance, migration):
        """Source: move the running guest to the migration's destination."""
        self._client_1_9(migration.source_compute).cast(
            ctxt, 'live_migration', instance=instance, migration=migration)

    def post_live_migration_at_destination(self, ctxt, instance, migration):
        """Destination: take over the guest that arrived."""
        self._client_1_9(migration.dest_compute).cast(
            ctxt, 'post_live_migration_at_destination', instance=instance,
            migration=migration)

    def _client_1_13(self, host, method):
        if not self.client.can_send_version('1.13'):
            raise exception.ComputeServiceTooOld(
                host=host, method=method, version='1.13')
        return self.client.prepare(server=host, version='1.13')

    def live_migration_force_complete(self, ctxt, instance, migration):
        """Source: have the running live migration finish now (1.13)."""
        self._client_1_13(migration.source_compute, 'force_complete').cast(
            ctxt, 'live_migration_force_complete', instance=instance,
            migration=migration)

    def live_migration_abort(self, ctxt, instance, migration):
        """Source: stop the live migration; the guest stays (1.13)."""
        self._client_1_13(migration.source_compute, 'abort').cast(
            ctxt, 'live_migration_abort', instance=instance,
            migration=migration)

    def _client_1_14(self, host, method):
        if not self.client.can_send_version('1.14'):
            raise exception.ComputeServiceTooOld(
                host=host, method=method, version='1.14')
        return self.client.prepare(server=host, version='1.14')

    def host_power_action(self, ctxt, host, action):
        """Have ``host`` reboot, shut down or start up (``action``);
        returns the driver's answer (os-hosts, 1.14)."""
        return self._client_1_14(host, 'host power action').call(
            ctxt, 'host_power_action', action=action)

    def host_maintenance_mode(self, ctxt, host, mode):
        """Put ``host`` into (``mode`` True) or out of maintenance;
        returns ``on_maintenance`` / ``off_maintenance`` (1.14)."""
        return self._client_1_14(host, 'host maintenance mode').call(
            ctxt, 'host_maintenance_mode', host=host, mode=mode)

    def get_host_uptime(self, ctxt, host):
        """``host``'s uptime as its driver words it (1.14)."""
        return self._client_1_14(host, 'host uptime').call(
            ctxt, 'get_host_uptime')

    # -- remote consoles (1.15): each stores a console auth token on the
    # instance's host and answers the console's connection info, a dict
    # with ``access_url`` (see ``nova.compute.consoles.connect_info``).

    def _client_1_15(self, instance, method):
        if not self.client.can_send_version('1.15'):
            raise exception.ComputeServiceTooOld(
                host=instance.host, method=method, version='1.15')
        return self.client.prepare(server=instance.host, version='1.15')

    def get_vnc_console(self, ctxt, instance, console_type):
        """A ``novnc`` console."""
        return self._client_1_15(instance, 'get_vnc_console').call(
            ctxt, 'get_vnc_console', instance=instance,
            console_type=console_type)

    def get_spice_console(self, ctxt, instance, console_type):
        """A ``spice-html5`` or ``spice-direct`` console."""
        return self._client_1_15(instance, 'get_spice_console').call(
            ctxt, 'get_spice_console', instance=instance,
            console_type=console_type)

    def get_serial_console(self, ctxt, instance, console_type):
        """A ``serial`` console."""
        return self._client_1_15(instance, 'get_serial_console').call(
            ctxt, 'get_serial_console', instance=instance,
            console_type=console_type)

    def get_mks_console(self, ctxt, instance, console_type):
        """A ``webmks`` console."""
        return self._client_1_15(instance, 'get_mks_console').call(
            ctxt, 'get_mks_console', instance=instance,
            console_type=console_type)

    def get_diagnostics(self, ctxt, instance, standard):
        """The guest's diagnostics from its host: the standard form of
        2.48 when ``standard``, else the driver's own (1.10)."""
        if not self.client.can_send_version('1.10'):
            raise exception.ComputeServiceTooOld(
                host=instance.host, method='diagnostics', version='1.10')
        cctxt = self.client.prepare(server=instance.host, version='1.10')
        return cctxt.call(ctxt, 'get_diagnostics', instance=instance,
                          standard=standard)

    def evacuate_instance(self, ctxt, instance, migration, admin_password,
                          stop):
        """Destination: spawn the server whose host is down (1.11)."""
        if not self.client.can_send_version('1.11'):
            raise exception.ComputeServiceTooOld(
                host=migration.dest_compute, method='evacuate',
                version='1.11')
        cctxt = self.client.prepare(server=migration.dest_compute,
                                    version='1.11')
        cctxt.cast(ctxt, 'evacuate_instance', instance=instance,
                   migration=migration, admin_password=admin_password,
                   stop=stop)

    def _client_1_16(self, host, method):
        if not self.client.can_send_version('1.16'):
            raise exception.ComputeServiceTooOld(
                host=host, method=method, version='1.16')
        return self.client.prepare(server=host, version='1.16')

    def attach_interface(self, ctxt, instance, network_id, port_id,
                         requested_ip, tag=None):
        """Plug a port into the guest on its host and wait: a port of the
        user's (``port_id``), or a new one on ``network_id`` (with
        ``requested_ip``), or on the project's one network when neither
        is given. Returns the port (a Networking API dict); raises what
        the host raised (1.16)."""
        return self._client_1_16(instance.host, 'attach_interface').call(
            ctxt, 'attach_interface', instance=instance,
            network_id=network_id, port_id=port_id,
            requested_ip=requested_ip, tag=tag)

    def detach_interface(self, ctxt, instance, port_id):
        """Unplug port ``port_id`` from the guest; its host deletes the
        port if Nova made it, else releases it (1.16)."""
        self._client_1_16(instance.host, 'detach_interface').cast(
            ctxt, 'detach_interface', instance=instance, port_id=port_id)

    def add_fixed_ip_to_instance(self, ctxt, instance, network_id):
        """One more address on the instance's port on ``network_id``
        (1.16)."""
        self._client_1_16(instance.host, 'addFixedIp').cast(
            ctxt, 'add_fixed_ip_to_instance', instance=instance,
            network_id=network_id)

    def remove_fixed_ip_from_instance(self, ctxt, instance, address):
        """Take ``address`` off the instance's ports (1.16)."""
        self._client_1_16(instance.host, 'removeFixedIp').cast(
            ctxt, 'remove_fixed_ip_from_instance', instance=instance,
            address=address)

    def inject_network_info(self, ctxt, instance):
        """Refresh the instance's network info from the network service
        and hand it to the guest again (1.16)."""
        self._client_1_16(instance.host, 'injectNetworkInfo').cast(
            ctxt, 'inject_network_info', instance=instance)
