"""Operations on a server's guest, as nova-api starts them: snapshots and
backups, rescue, rebuild, the administrator password, crash dumps, state
resets, diagnostics and the console log.

``GuestAPI`` is a part of ``nova.compute.api.API`` (its methods use the
API's ``_task``, RPC clients and image API); the server's host does the
work.
"""

from nova.compute import disk_config
from nova.compute import metadata_limit
from nova.compute import power_state
from nova.compute import states
from nova.compute import vm_states
from nova import context as nova_context
from nova import exception
from nova import objects

# Properties of the boot image (kept in system metadata as image_*) a
# snapshot does not inherit: the snapshot states its own.
_NOT_INHERITED = frozenset(('base_image_ref', 'disk_format',
                            'container_format', 'min_ram', 'min_disk',
                            'instance_uuid', 'user_id', 'image_type',
                            'backup_type'))


def image_system_metadata(image):
    """The ``image_*`` system metadata an instance keeps of the image
    (a Glance v2 dict) it was built or rebuilt from."""
    system_metadata = {'image_%s' % k: str(v) for k, v in image.items()
                       if k in ('disk_format', 'container_format',
                                'min_ram', 'min_disk') and v is not None}
    system_metadata['image_base_image_ref'] = image['id']
    return system_metadata


class GuestAPI(object):
    """Guest operations (mixed into ``nova.compute.api.API``)."""

    # -- images, rescue, passwords ---------------------------------------

    def _snapshot_image(self, context, instance, name, image_type,
                        extra_properties):
        """Register (queued) the image a snapshot of ``instance`` fills:
        the properties of the image it was built from, then who and
        what it was taken from, then ``extra_properties``."""
        system_metadata = instance.system_metadata
        properties = {
            key[len('image_'):]: value
            for key, value in system_metadata.items()
            if key.startswith('image_') and key[len('image_'):] not in
            _NOT_INHERITED}
        properties.update({
            'instance_uuid': instance.uuid, 'user_id': context.user_id,
            'image_type': image_type,
            'base_image_ref': instance.image_ref or ''})
        properties.update(extra_properties or {})
        image_meta = {
            'name': name,
            'disk_format': system_metadata.get('image_disk_format', 'raw'),
            'container_format': system_metadata.get(
                'image_container_format', 'bare'),
            'min_ram': int(system_metadata.get('image_min_ram') or 0),
            'min_disk': max(int(system_metadata.get('image_min_disk') or 0),
                            instance.root_gb or 0),
            'properties': properties,
        }
        return self.image_api.create(context, image_meta)

    def snapshot(self, context, instance, name, extra_properties=None):
        """Start a snapshot of ``instance`` into a new image named
        ``name``; returns the image (queued; active once uploaded).
        Allowed while ACTIVE, SHUTOFF, PAUSED or SUSPENDED (else
        InstanceInvalidState)."""
        with self._task(context, instance, 'snapshot', check_lock=False,
                        expected_attrs=['system_metadata']) as (
                cctxt, instance):
            image = self._snapshot_image(context, instance, name,
                                         'snapshot', extra_properties)
            self.compute_rpcapi.snapshot_instance(cctxt, instance,
                                                  image['id'])
        return image

    def backup(self, context, instance, name, backup_type, rotation,
               extra_properties=None):
        """Like ``snapshot``; once uploaded, only the ``rotation`` newest
        backups of ``backup_type`` of the instance are kept."""
        properties = dict(extra_properties or {}, backup_type=backup_type)
        with self._task(context, instance, 'backup', check_lock=False,
                        expected_attrs=['system_metadata']) as (
                cctxt, instance):
            image = self._snapshot_image(context, instance, name, 'backup',
                                         properties)
            self.compute_rpcapi.backup_instance(
                cctxt, instance, image['id'], backup_type, rotation)
        return image

    def rescue(self, context, instance, rescue_password,
               rescue_image_ref=None):
        """Boot ``instance`` from ``rescue_image_ref`` (default: its own
        image). Raises ImageNotFound for a missing rescue image."""
        image_ref = rescue_image_ref or instance.image_ref
        self.image_api.get(context, image_ref)
        with self._task(context, instance, 'rescue') as (cctxt, instance):
            self.compute_rpcapi.rescue_instance(
                cctxt, instance, rescue_password, image_ref)

    def rebuild(self, context, instance, image_href, admin_password,
                changes=None):
        """Rebuild ``instance`` from ``image_href`` on its host, first
        writing ``changes`` (instance field -> value: display_name,
        metadata, access_ip_v4/v6, display_description, key_name (the
        caller's key pair, KeypairNotFound; None: no key), user_data,
        hostname, auto_disk_config) to it. Allowed while ACTIVE, SHUTOFF or
        ERROR with no task; raises ImageNotFound/ImageNotActive and
        FlavorDiskSmallerThanImage/FlavorMemoryTooSmall and
        AutoDiskConfigDisabledByImage (400),
        MetadataLimitExceeded (403) and what ``_task`` raises."""
        changes = dict(changes or {})
        if 'metadata' in changes:
            metadata_limit.check(context, instance.project_id,
                                 changes['metadata'])
        if 'key_name' in changes:
            # The caller's key pair, not the owner's: users own keys,
            # projects own servers (Nova does the same).
            changes['key_data'] = self._key_data(context,
                                                 changes['key_name'])
        with self._task(context, instance, 'rebuild',
                        expected_attrs=['system_metadata']) as (
                cctxt, instance):
            image = self._get_image(context, image_href)
            self._check_flavor_fits_image(instance.flavor, image)
            if changes.get('auto_disk_config'):
                disk_config.choose(image, disk_config.AUTO)
            for field, value in changes.items():
                setattr(instance, field, value)
            instance.image_ref = image['id']
            system_metadata = {
                key: value
                for key, value in instance.system_metadata.items()
                if not key.startswith('image_')}
            system_metadata.update(image_system_metadata(image))
            instance.system_metadata = system_metadata
            instance.progress = 0
            instance.save()
            self.compute_rpcapi.rebuild_instance(cctxt, instance,
                                                 image['id'], admin_password)

    def unrescue(self, context, instance):
        with self._task(context, instance, 'unrescue') as (cctxt, instance):
            self.compute_rpcapi.unrescue_instance(cctxt, instance)

    def set_admin_password(self, context, instance, password):
        """Set the administrator password in the running guest; returns
        once the host has. Raises what the host raised (InstanceNotRunning,
        SetAdminPasswdNotSupported, InstancePasswordSetFailed: all 409)."""
        with self._task(context, instance, 'set_password') as (
                cctxt, instance):
            self.compute_rpcapi.set_admin_password(cctxt, instance,
                                                   password)

    def trigger_crash_dump(self, context, instance):
        """Send the guest an NMI (it must be running: InstanceNotRunning)."""
        with self._task(context, instance, 'trigger_crash_dump') as (
                cctxt, instance):
            if instance.power_state != power_state.RUNNING:
                raise exception.InstanceNotRunning(instance_id=instance.uuid)
            self.compute_rpcapi.trigger_crash_dump(cctxt, instance)

    # -- ports (os-interface, addFixedIp, removeFixedIp, injectNetworkInfo)

    def attach_interface(self, context, instance, network_id, port_id,
                         requested_ip, tag=None):
        """Hot-plug a port into the server (ACTIVE, PAUSED or SHUTOFF, no
        task) and wait for its host; returns the port (a Networking API
        dict). Raises what ``_task`` raises and what the host raised
        (see ``ComputeManager.attach_interface``)."""
        with self._task(context, instance, 'attach_interface') as (
                cctxt, instance):
            return self.compute_rpcapi.attach_interface(
                cctxt, instance, network_id, port_id, requested_ip, tag=tag)

    def detach_interface(self, context, instance, port_id):
        """Start unplugging port ``port_id`` from the server (as for
        ``attach_interface``); PortNotFound when the server has no such
        port."""
        if port_id not in {vif['id'] for vif in instance.info_cache or ()}:
            raise exception.PortNotFound(port_id=port_id)
        with self._task(context, instance, 'detach_interface') as (
                cctxt, instance):
            self.compute_rpcapi.detach_interface(cctxt, instance, port_id)

    def add_fixed_ip(self, context, instance, network_id):
        """Start giving the server one more address on ``network_id``,
        where it has a port (NetworkNotFoundForInstance, 400, when it has
        none; NetworkNotFound when the network does not exist)."""
        if not any(vif['network']['id'] == network_id
                   for vif in instance.info_cache or ()):
            raise exception.NetworkNotFoundForInstance(
                instance_id=instance.uuid, network_id=network_id)
        with self._task(context, instance, 'add_fixed_ip') as (
                cctxt, instance):
            self._require_host(instance)
            self.compute_rpcapi.add_fixed_ip_to_instance(cctxt, instance,
                                                         network_id)

    def remove_fixed_ip(self, context, instance, address):
        """Start taking ``address`` off the server's ports
        (FixedIpNotFoundForInstance, 400, when it has no such address)."""
        if not any(ip['address'] == address
                   for vif in instance.info_cache or ()
                   for subnet in vif['network']['subnets']
                   for ip in subnet['ips']):
            raise exception.FixedIpNotFoundForInstance(
                instance_uuid=instance.uuid, ip=address)
        with self._task(context, instance, 'remove_fixed_ip') as (
                cctxt, instance):
            self._require_host(instance)
            self.compute_rpcapi.remove_fixed_ip_from_instance(
                cctxt, instance, address)

    @staticmethod
    def _require_host(instance):
        if not instance.host:
            raise exception.InstanceNotReady(instance_id=instance.uuid)

    def inject_network_info(self, context, instance):
        """Have the server's host refresh its network info and hand it to
        the guest (an admin action); InstanceIsLocked for a locked server,
        InstanceInvalidState while it has no host or is being built."""
        with self._task(context, instance, 'inject_network_info') as (
                cctxt, instance):
            self._require_host(instance)
            self.compute_rpcapi.inject_network_info(cctxt, instance)

    def reset_state(self, context, instance, vm_state):
        """Force ``instance`` into ``vm_state`` (``active`` or ``error``)
        with no task (os-resetState, for admins)."""
        mapping = objects.InstanceMapping.get_by_instance_uuid(
            context, instance.uuid)
        if mapping.cell_mapping is None:
            raise exception.InstanceNotReady(instance_id=instance.uuid)
        with nova_context.target_cell(context, mapping.cell_mapping) as cctxt:
            instance = objects.Instance.get_by_uuid(cctxt, instance.uuid)
            states.reset(instance, vm_state)

    def get_diagnostics(self, context, instance, standard):
        """The guest's diagnostics (see ``ComputeDriver``); raises
        InstanceInvalidState (409) while it is building, has no host or a
        task runs that changes the guest, DiagnosticsNotSupported (501)."""
        if not instance.host or instance.vm_state in (
                vm_states.BUILDING, vm_states.SHELVED_OFFLOADED,
                vm_states.SOFT_DELETED):
            raise exception.InstanceInvalidState(
                instance_uuid=instance.uuid, attr='vm_state',
                state=instance.vm_state, method='get diagnostics')
        return self.compute_rpcapi.get_diagnostics(context, instance,
                                                   standard)

    def get_console_output(self, context, instance, tail_length=None):
        """The last ``tail_length`` lines (all when None) of the server's
        console log, from its host.

        Raises InstanceNotReady (409) while the server has no host yet,
        ConsoleNotAvailable (404) when its driver keeps no log for it.
        """
        if not instance.host:
            raise exception.InstanceNotReady(instance_id=instance.uuid)
        return self.compute_rpcapi.get_console_output(
            context, instance, tail_length)
