"""A stateful in-memory hypervisor.

Each FakeDriver is one host with one node named after it; its guests live
in a dict. Many compute services in one process each get their own driver,
so a test or a scale simulation can run many fake hosts side by side.
Capacity comes from ``[fake]``. A spawn can be made to fail for tests
through ``FakeDriver.fail_spawn_for`` (instance UUID -> exception), a
power operation through ``fail_power_for`` and a port hot-plug through
``fail_interface_for`` (the same). A live migration of an instance in
``hold_live_migration_for`` waits for a force complete or an abort (or
``LIVE_MIGRATION_HOLD_SECONDS``).
"""

import threading
import time
import uuid

from oslo_log import log as logging

import nova.conf
from nova.compute import power_state
from nova.compute import task_states
from nova import exception
from nova.image import glance
from nova.virt import console
from nova.virt import driver

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)


# What a fake guest writes to its console each time it boots.
BOOT_LOG = ('firmware: booting from disk', 'kernel: Linux fake',
            'init: starting services', 'network: eth0 up',
            'login: fake guest ready')


class FakeInstance(object):

    def __init__(self, uuid, vcpus, memory_mb, disk_gb):
        self.uuid = uuid
        self.vcpus = vcpus
        self.memory_mb = memory_mb
        self.disk_gb = disk_gb
        self.state = power_state.RUNNING
        # The serial console: one line per thing that happened to it.
        self.console = []
        # Plugged ports: port id -> VIF dict.
        self.vifs = {}

    def log(self, event):
        self.console.append('fake-virt: %s %s' % (self.uuid, event))

    def boot(self):
        self.console.extend(BOOT_LOG)


# Guests being live-migrated, shared by every FakeDriver of the process.
_IN_FLIGHT = {}

# The longest a held live migration waits before it completes by itself.
LIVE_MIGRATION_HOLD_SECONDS = 60


class FakeDriver(driver.ComputeDriver):

    capabilities = dict(driver.ComputeDriver.capabilities,
                        supports_evacuate=True)

    def __init__(self, virtapi=None):
        super().__init__(virtapi)
        self._guests = {}
        self._lock = threading.Lock()
        self._nodename = None
        self.fail_spawn_for = {}
        self.fail_power_for = {}
        self.fail_snapshot_for = {}
        self.fail_interface_for = {}
        # Image ids of the snapshots taken, per instance UUID, and the
        # passwords set, for assertions.
        self.snapshots = {}
        self.admin_passwords = {}
        # Guests moved away, kept until their move is confirmed or
        # reverted: instance UUID -> FakeInstance.
        self.resize_sources = {}
        self.fail_migration_for = {}
        # Guests in flight between fake hosts of one process: instance
        # UUID -> FakeInstance, handed from source to destination.
        self.in_flight = _IN_FLIGHT
        # Live migrations that wait for a force complete or an abort:
        # instance UUIDs; those waiting: UUID -> (Event, [decision]).
        self.hold_live_migration_for = set()
        self.in_maintenance = False
        self._started = time.monotonic()
        self._held = {}

    def init_host(self, host):
        self._nodename = host

    def get_available_nodes(self, refresh=False):
        return [self._nodename]

    def _used(self):
        with self._lock:
            guests = list(self._guests.values())
        return (sum(g.vcpus for g in guests),
                sum(g.memory_mb for g in guests),
                sum(g.disk_gb for g in guests))

    def get_available_resource(self, nodename):
        vcpus_used, memory_used, disk_used = self._used()
        return {
            'vcpus': CONF.fake.vcpus,
            'memory_mb': CONF.fake.memory_mb,
            'local_gb': CONF.fake.local_gb,
            'vcpus_used': vcpus_used,
            'memory_mb_used': memory_used,
            'local_gb_used': disk_used,
            'hypervisor_type': 'fake',
            'hypervisor_version': 1000,
            'hypervisor_hostname': nodename,
            'cpu_info': '{}',
            'disk_available_least': CONF.fake.local_gb - disk_used,
            'host_ip': '127.0.0.1',
        }

    def get_inventory(self, nodename):
        return {
            'VCPU': {'total': CONF.fake.vcpus, 'min_unit': 1,
                     'max_unit': CONF.fake.vcpus, 'step_size': 1},
            'MEMORY_MB': {'total': CONF.fake.memory_mb, 'min_unit': 1,
                          'max_unit': CONF.fake.memory_mb, 'step_size': 1},
            'DISK_GB': {'total': CONF.fake.local_gb, 'min_unit': 1,
                        'max_unit': CONF.fake.local_gb, 'step_size': 1},
        }

    def list_instance_uuids(self):
        with self._lock:
            return list(self._guests)

    def get_info(self, instance):
        with self._lock:
            guest = self._guests.get(instance.uuid)
        if guest is None:
            raise exception.InstanceNotFound(instance_id=instance.uuid)
        return driver.InstanceInfo(state=guest.state)

    def spawn(self, context, instance, image_meta, injected_files,
              admin_password, allocations, network_info=None,
              block_device_info=None):
        error = self.fail_spawn_for.get(instance.uuid)
        if error is not None:
            raise error
        guest = self._new_guest(instance)
        guest.vifs = {vif['id']: vif for vif in network_info or ()}
        guest.boot()
        with self._lock:
            self._guests[instance.uuid] = guest
            if admin_password is not None:
                self.admin_passwords[instance.uuid] = admin_password
        LOG.debug('Fake guest %s started on %s', instance.uuid,
                  self._nodename)

    @staticmethod
    def _new_guest(instance):
        flavor = instance.flavor
        return FakeInstance(instance.uuid, flavor.vcpus, flavor.memory_mb,
                            flavor.root_gb + flavor.ephemeral_gb)

    def destroy(self, context, instance, network_info=None,
                block_device_info=None, destroy_disks=True):
        with self._lock:
            self._guests.pop(instance.uuid, None)

    # -- power ------------------------------------------------------------

    def _set_power(self, instance, state, allowed=None, boots=False):
        error = self.fail_power_for.get(instance.uuid)
        if error is not None:
            raise error
        with self._lock:
            guest = self._guests.get(instance.uuid)
            if guest is None and boots and instance.obj_attr_is_set(
                    'flavor'):
                # Lost with a restart of this process: boot it again, as
                # a hypervisor boots a defined guest that is shut off.
                guest = self._guests[instance.uuid] = self._new_guest(
                    instance)
            if guest is None:
                raise exception.InstanceNotFound(instance_id=instance.uuid)
            if allowed is not None and guest.state not in allowed:
                raise exception.InstancePowerStateInvalid(
                    instance_uuid=instance.uuid,
                    state=power_state.STATE_MAP[guest.state])
            guest.state = state
            guest.log(power_state.STATE_MAP[state])
            if state == power_state.RUNNING and boots:
                guest.boot()

    def guest_changed_by_itself(self, instance_uuid, state):
        """Test hook: the guest of ``instance_uuid`` takes ``state`` (a
        power state) without any request, as a guest that shuts itself
        down or crashes does; ``power_state.NOSTATE`` makes it vanish."""
        with self._lock:
            if state == power_state.NOSTATE:
                self._guests.pop(instance_uuid, None)
                return
            guest = self._guests[instance_uuid]
            guest.state = state
            guest.log('%s by itself' % power_state.STATE_MAP[state])

    def get_console_output(self, context, instance):
        with self._lock:
            guest = self._guests.get(instance.uuid)
            if guest is None:
                raise exception.ConsoleNotAvailable(
                    instance_uuid=instance.uuid)
            return '\n'.join(guest.console) + '\n'

    # -- remote consoles: fixed fake addresses (Nova's fake driver uses the
    # same), and an internal access path (a UUID) per guest and kind.

    def _remote_console(self, instance, kind, host, tls_port=None):
        self._guest(instance)
        path = str(uuid.uuid5(uuid.UUID(instance.uuid), kind))
        return console.ConsoleInfo(host=host, port=6969,
                                   internal_access_path=path,
                                   tls_port=tls_port)

    def get_vnc_console(self, context, instance):
        return self._remote_console(instance, 'vnc', 'fakevncconsole.com')

    def get_spice_console(self, context, instance):
        return self._remote_console(instance, 'spice',
                                    'fakespiceconsole.com', tls_port=6970)

    def get_serial_console(self, context, instance):
        return self._remote_console(instance, 'serial',
                                    'fakeserialconsole.com')

    def get_mks_console(self, context, instance):
        return self._remote_console(instance, 'mks', 'fakemksconsole.com')

    def resume_state_on_host_boot(self, context, instance, network_info,
                                  block_device_info=None):
        self._set_power(instance, power_state.RUNNING, boots=True)

    def power_off(self, instance, timeout=0, retry_interval=0):
        self._set_power(instance, power_state.SHUTDOWN)

    def power_on(self, context, instance, network_info,
                 block_device_info=None):
        self._set_power(instance, power_state.RUNNING, boots=True)

    def reboot(self, context, instance, network_info, reboot_type,
               block_device_info=None):
        # A soft reboot needs a running guest to ask; a hard one resets.
        allowed = (power_state.RUNNING,) if reboot_type == 'SOFT' else None
        self._set_power(instance, power_state.RUNNING, allowed, boots=True)

    def pause(self, instance):
        self._set_power(instance, power_state.PAUSED,
                        (power_state.RUNNING,))

    def unpause(self, instance):
        self._set_power(instance, power_state.RUNNING,
                        (power_state.PAUSED,))

    def suspend(self, context, instance):
        self._set_power(instance, power_state.SUSPENDED,
                        (power_state.RUNNING,))

    def resume(self, context, instance, network_info,
               block_device_info=None):
        self._set_power(instance, power_state.RUNNING,
                        (power_state.SUSPENDED,))

    # -- images, rescue, passwords ------------------------------------------

    def _guest(self, instance):
        with self._lock:
            guest = self._guests.get(instance.uuid)
        if guest is None:
            raise exception.InstanceNotFound(instance_id=instance.uuid)
        return guest

    def snapshot(self, context, instance, image_id, update_task_state):
        guest = self._guest(instance)
        update_task_state(task_state=task_states.IMAGE_PENDING_UPLOAD,
                          expected_state=instance.task_state)
        error = self.fail_snapshot_for.get(instance.uuid)
        if error is not None:
            raise error
        update_task_state(task_state=task_states.IMAGE_UPLOADING,
                          expected_state=task_states.IMAGE_PENDING_UPLOAD)
        data = ('fake disk of %s\n' % instance.uuid).encode()
        glance.API().upload(context, image_id, data)
        guest.log('snapshot %s' % image_id)
        self.snapshots.setdefault(instance.uuid, []).append(image_id)

    def rescue(self, context, instance, network_info, image_meta,
               rescue_password, block_device_info=None):
        self._set_power(instance, power_state.RUNNING, boots=True)
        self._guest(instance).log('rescued from image %s' % getattr(
            image_meta, 'id', None))
        self.admin_passwords[instance.uuid] = rescue_password

    def unrescue(self, context, instance):
        self._set_power(instance, power_state.RUNNING, boots=True)

    def set_admin_password(self, instance, new_pass):
        self._guest(instance).log('admin password changed')
        self.admin_passwords[instance.uuid] = new_pass

    def trigger_crash_dump(self, instance):
        guest = self._guest(instance)
        if guest.state != power_state.RUNNING:
            raise exception.InstanceNotRunning(instance_id=instance.uuid)
        guest.log('NMI received: kernel crash dump written')

    # -- hot-plugged ports ----------------------------------------------------

    def attach_interface(self, context, instance, vif):
        error = self.fail_interface_for.get(instance.uuid)
        if error is not None:
            raise error
        guest = self._guest(instance)
        with self._lock:
            guest.vifs[vif['id']] = vif
        guest.log('NIC %s plugged' % vif.get('address'))

    def detach_interface(self, context, instance, vif):
        error = self.fail_interface_for.get(instance.uuid)
        if error is not None:
            raise error
        guest = self._guest(instance)
        with self._lock:
            guest.vifs.pop(vif['id'], None)
        guest.log('NIC %s unplugged' % vif.get('address'))

    def inject_network_info(self, instance, network_info):
        guest = self._guest(instance)
        with self._lock:
            guest.vifs = {vif['id']: vif for vif in network_info}
        guest.log('network info injected')

    def plugged_ports(self, instance):
        """The port ids plugged into the guest (for tests)."""
        guest = self._guest(instance)
        with self._lock:
            return sorted(guest.vifs)

    # -- cold migration and resize --------------------------------------------

    def migrate_disk_and_power_off(self, context, instance, dest, flavor,
                                   network_info):
        error = self.fail_migration_for.get(instance.uuid)
        if error is not None:
            raise error
        with self._lock:
            guest = self._guests.pop(instance.uuid, None)
            if guest is None:
                raise exception.InstanceNotFound(instance_id=instance.uuid)
            guest.state = power_state.SHUTDOWN
            guest.log('migrating to %s' % dest)
            self.resize_sources[instance.uuid] = guest
        return '{"disk": "fake"}'

    def finish_migration(self, context, migration, instance, disk_info,
                         network_info, image_meta, resize_instance,
                         allocations, block_device_info=None,
                         power_on=True):
        flavor = instance.flavor
        guest = FakeInstance(instance.uuid, flavor.vcpus, flavor.memory_mb,
                             flavor.root_gb + flavor.ephemeral_gb)
        guest.log('arrived from %s' % migration.source_compute)
        if power_on:
            guest.boot()
        else:
            guest.state = power_state.SHUTDOWN
        with self._lock:
            self._guests[instance.uuid] = guest

    def confirm_migration(self, context, migration, instance, network_info):
        with self._lock:
            self.resize_sources.pop(instance.uuid, None)

    def finish_revert_migration(self, context, instance, network_info,
                                migration, block_device_info=None,
                                power_on=True):
        with self._lock:
            guest = self.resize_sources.pop(instance.uuid, None)
            if guest is None:
                raise exception.InstanceNotFound(instance_id=instance.uuid)
            guest.state = (power_state.RUNNING if power_on
                           else power_state.SHUTDOWN)
            guest.log('move reverted')
            self._guests[instance.uuid] = guest

    # -- live migration ----------------------------------------------------

    def live_migration(self, context, instance, dest, migration):
        error = self.fail_migration_for.get(instance.uuid)
        if error is not None:
            raise error
        if instance.uuid in self.hold_live_migration_for:
            self._hold(instance)
        with self._lock:
            guest = self._guests.pop(instance.uuid, None)
            if guest is None:
                raise exception.InstanceNotFound(instance_id=instance.uuid)
            guest.log('live migrating to %s' % dest)
            self.in_flight[instance.uuid] = guest

    def _hold(self, instance):
        """Wait, as a long copy would, for a force complete or abort."""
        done, decision = threading.Event(), []
        with self._lock:
            self._held[instance.uuid] = (done, decision)
        done.wait(LIVE_MIGRATION_HOLD_SECONDS)
        with self._lock:
            self._held.pop(instance.uuid, None)
        if decision == ['abort']:
            raise exception.LiveMigrationAborted(instance_uuid=instance.uuid)

    def _release(self, instance, decision):
        with self._lock:
            done, decisions = self._held.get(instance.uuid, (None, None))
            if done is None:
                return
            decisions.append(decision)
            done.set()

    def live_migration_force_complete(self, instance):
        self._release(instance, 'complete')

    def live_migration_abort(self, instance):
        self._release(instance, 'abort')

    def stop_holding_live_migrations(self):
        """Test hook: hold no more live migrations; those held go on."""
        self.hold_live_migration_for.clear()
        with self._lock:
            held = list(self._held.values())
        for done, decisions in held:
            decisions.append('complete')
            done.set()

    def is_live_migration_held(self, instance_uuid):
        """Test hook: whether the live migration of ``instance_uuid`` is
        waiting for a force complete or an abort."""
        with self._lock:
            return instance_uuid in self._held

    def post_live_migration_at_destination(self, context, instance,
                                           network_info, migration):
        with self._lock:
            guest = self.in_flight.pop(instance.uuid, None)
            if guest is None:
                raise exception.InstanceNotFound(instance_id=instance.uuid)
            guest.log('arrived from %s' % migration.source_compute)
            self._guests[instance.uuid] = guest

    # -- the host ------------------------------------------------------------

    def host_power_action(self, action):
        # A fake host comes back at once: its guests are as they were.
        LOG.info('Fake host %s: %s', self._nodename, action)
        return action

    def get_host_uptime(self):
        # What ``uptime`` prints, counted from this driver's start.
        seconds = int(time.monotonic() - self._started)
        return ' %s up %d days, %02d:%02d,  0 users,  load average: 0.00, '\
            '0.00, 0.00' % (time.strftime('%H:%M:%S'), seconds // 86400,
                            seconds % 86400 // 3600, seconds % 3600 // 60)

    def host_maintenance_mode(self, host, mode):
        self.in_maintenance = bool(mode)
        return 'on_maintenance' if mode else 'off_maintenance'

    # -- diagnostics ---------------------------------------------------------

    def get_diagnostics(self, instance):
        guest = self._guest(instance)
        return {'cpu0_time': 17300000000, 'memory': guest.memory_mb * 1024,
                'memory-actual': guest.memory_mb * 1024,
                'vda_read': 262144, 'vda_read_req': 112,
                'vda_write': 5778432, 'vda_write_req': 488,
                'vda_errors': -1}

    def get_instance_diagnostics(self, instance):
        guest = self._guest(instance)
        state = {power_state.RUNNING: 'running',
                 power_state.PAUSED: 'paused',
                 power_state.SUSPENDED: 'suspended'}.get(guest.state,
                                                         'shutdown')
        nics = [{'mac_address': vif.get('address'), 'rx_octets': 0,
                 'rx_errors': 0, 'rx_drop': 0, 'rx_packets': 0,
                 'rx_rate': None, 'tx_octets': 0, 'tx_errors': 0,
                 'tx_drop': 0, 'tx_packets': 0, 'tx_rate': None}
                for vif in instance.info_cache or []]
        return {
            'state': state, 'driver': 'libvirt', 'hypervisor': 'fake',
            'hypervisor_os': 'fake-os', 'uptime': 46664,
            'config_drive': bool(instance.config_drive),
            'num_cpus': guest.vcpus, 'num_nics': len(nics), 'num_disks': 1,
            'memory_details': {'maximum': guest.memory_mb, 'used': 0},
            'cpu_details': [{'id': n, 'time': 17300000000,
                             'utilisation': 15} for n in range(guest.vcpus)],
            'nic_details': nics,
            'disk_details': [{'read_bytes': 262144, 'read_requests': 112,
                              'write_bytes': 5778432,
                              'write_requests': 488, 'errors_count': 1}],
        }
