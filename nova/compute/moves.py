"""Moves of a server and its shelving, as nova-api starts them: resize,
cold and live migration, evacuation, the confirm and revert of a move,
shelve, shelveOffload and unshelve.

``MoveAPI`` is a part of ``nova.compute.api.API`` (its methods use the
API's ``_task``, RPC clients and checks); the work is done by the
conductor (``nova.conductor.tasks``) and the hosts (``nova.compute``).
"""

from nova import availability_zones
import nova.conf
from nova.compute import instance_actions
from nova.compute import locking
from nova.compute import states
from nova.compute import vm_states
from nova import context as nova_context
from nova import exception
from nova import objects
from nova import quota

CONF = nova.conf.CONF


class MoveAPI(object):
    """Server moves and shelving (mixed into ``nova.compute.api.API``)."""

    # -- resize and cold migration --------------------------------------

    def resize(self, context, instance, flavor_id, auto_disk_config=None):
        """Move ``instance`` to the flavor ``flavor_id`` (on a host the
        scheduler picks); it waits in VERIFY_RESIZE to be confirmed or
        reverted; ``auto_disk_config`` (bool, OS-DCF:diskConfig) when
        given is kept for the resized guest. Raises FlavorNotFound,
        CannotResizeToSameFlavor, CannotResizeDisk, NoValidHost (400),
        TooManyInstances (403) when a bigger flavor goes past the cores
        or ram quota, and what ``_task`` raises."""
        flavor = objects.Flavor.get_by_flavor_id(context, flavor_id)
        current = instance.flavor
        if flavor.flavorid == current.flavorid:
            raise exception.CannotResizeToSameFlavor()
        if flavor.root_gb < current.root_gb:
            raise exception.CannotResizeDisk(
                reason='Resizing to a smaller disk flavor is not allowed.')
        quota.check_upsize(context, instance.project_id, instance.user_id,
                           flavor.vcpus - current.vcpus,
                           flavor.memory_mb - current.memory_mb)
        self._move(context, instance, 'resize', flavor, None,
                   auto_disk_config)

    def migrate(self, context, instance, host=None):
        """Move ``instance`` to another host (``host``, 2.56, when
        given; ComputeHostNotFound if unknown), keeping its flavor."""
        if host is not None:
            self._check_requested_destination(context, host, None)
            if host == instance.host:
                raise exception.InvalidRequest(
                    'The target host is the server\'s own host.')
        self._move(context, instance, 'migrate', None, host)

    def live_migrate(self, context, instance, host=None):
        """Move the running ``instance`` (ACTIVE or PAUSED) to ``host``
        (ComputeHostNotFound if unknown, InvalidRequest if its own) or
        where the scheduler puts it; asynchronous: a move that finds no
        host leaves the server as it was, with a fault."""
        if host is not None:
            self._check_requested_destination(context, host, None)
            if host == instance.host:
                raise exception.InvalidRequest(
                    'The target host is the server\'s own host.')
        with self._task(context, instance, 'live_migrate') as (
                cctxt, instance):
            spec = objects.RequestSpec.get_by_instance_uuid(
                context, instance.uuid)
            self.compute_task_api.live_migrate_instance(context, instance,
                                                        spec, host)

    def _live_migration_in_progress(self, context, instance, request,
                                    migration_id):
        """``(cell context, instance, migration)`` of the live migration
        ``migration_id`` of ``instance``, after the checks of ``request``
        (``states.DURING``): InstanceIsLocked, InstanceInvalidState (409),
        MigrationNotFoundForInstance."""
        mapping = objects.InstanceMapping.get_by_instance_uuid(
            context, instance.uuid)
        if mapping.cell_mapping is None:
            raise exception.MigrationNotFoundForInstance(
                migration_id=migration_id, instance_id=instance.uuid)
        with nova_context.target_cell(context,
                                      mapping.cell_mapping) as cctxt:
            instance = objects.Instance.get_by_uuid(cctxt, instance.uuid)
            locking.check(context, instance)
            states.check_during(instance, request)
            try:
                migration = objects.Migration.get_by_id(cctxt,
                                                        int(migration_id))
            except (exception.MigrationNotFound, ValueError):
                migration = None
            if (migration is None or
                    migration.instance_uuid != instance.uuid or
                    migration.migration_type != 'live-migration'):
                raise exception.MigrationNotFoundForInstance(
                    migration_id=migration_id, instance_id=instance.uuid)
            return cctxt, instance, migration

    def live_migrate_force_complete(self, context, instance, migration_id):
        """Have the running live migration ``migration_id`` finish now
        (2.22); InvalidMigrationState unless it is ``running``."""
        request = instance_actions.LIVE_MIGRATION_FORCE_COMPLETE
        cctxt, instance, migration = self._live_migration_in_progress(
            context, instance, request, migration_id)
        if migration.status != 'running':
            raise exception.InvalidMigrationState(
                migration_id=migration_id, instance_uuid=instance.uuid,
                state=migration.status, method='force complete')
        instance_actions.record(cctxt, instance.uuid, request)
        self.compute_rpcapi.live_migration_force_complete(
            cctxt, instance, migration)

    def live_migrate_abort(self, context, instance, migration_id,
                           abort_queued=False):
        """Stop the live migration ``migration_id`` (2.24): it must be
        ``running``, or (``abort_queued``, 2.65) ``queued`` or
        ``preparing``; else InvalidMigrationState."""
        request = 'live_migration_abort'
        cctxt, instance, migration = self._live_migration_in_progress(
            context, instance, request, migration_id)
        allowed = ('running', 'queued', 'preparing') if abort_queued else (
            'running',)
        if migration.status not in allowed:
            raise exception.InvalidMigrationState(
                migration_id=migration_id, instance_uuid=instance.uuid,
                state=migration.status, method='abort live migration')
        instance_actions.record(cctxt, instance.uuid,
                                instance_actions.LIVE_MIGRATION_CANCEL)
        self.compute_rpcapi.live_migration_abort(cctxt, instance, migration)

    def evacuate(self, context, instance, host=None, admin_password=None,
                 stop=False):
        """Rebuild ``instance`` on ``host`` (or the scheduler's choice)
        because its own host is down; ``stop`` (2.95): leave it stopped.
        Raises ComputeServiceInUse (400) while its host is up,
        ComputeHostNotFound / InvalidRequest (400) for an unknown host or
        its own, and what ``_task`` raises."""
        if host is not None:
            self._check_requested_destination(context, host, None)
            if host == instance.host:
                raise exception.InvalidRequest(
                    'The target host is the server\'s own host.')
        mapping = objects.InstanceMapping.get_by_instance_uuid(
            context, instance.uuid)
        if mapping.cell_mapping is not None and instance.host:
            with nova_context.target_cell(context,
                                          mapping.cell_mapping) as cctxt:
                if self._host_is_up(cctxt, instance.host):
                    raise exception.ComputeServiceInUse(
                        host=instance.host)
        with self._task(context, instance, 'evacuate') as (cctxt, instance):
            spec = objects.RequestSpec.get_by_instance_uuid(
                context, instance.uuid)
            self.compute_task_api.evacuate_instance(
                context, instance, spec, host, admin_password, stop)

    def _move(self, context, instance, operation, flavor, host,
              auto_disk_config=None):
        with self._task(context, instance, operation) as (cctxt, instance):
            if auto_disk_config is not None:
                instance.auto_disk_config = auto_disk_config
                instance.save()
            spec = objects.RequestSpec.get_by_instance_uuid(
                context, instance.uuid)
            self.compute_task_api.migrate_server(
                cctxt, instance, flavor or instance.flavor, spec, host)

    @staticmethod
    def _finished_migration(cctxt, instance):
        """The move waiting for a confirmation; MigrationNotFoundByStatus
        (400: "not resized") when there is none."""
        return objects.Migration.get_by_instance_and_status(
            cctxt, instance.uuid, 'finished')

    def confirm_resize(self, context, instance):
        """Keep a resized server where it is now; its source host lets
        go of the old guest and allocation."""
        with self._task(context, instance, 'confirm_resize',
                        expected_attrs=['system_metadata']) as (
                cctxt, instance):
            migration = self._finished_migration(cctxt, instance)
            migration.status = 'confirming'
            migration.save()
            self.compute_rpcapi.confirm_resize(cctxt, instance, migration)

    def revert_resize(self, context, instance):
        """Take a resized server back to its old flavor and host."""
        with self._task(context, instance, 'revert_resize',
                        expected_attrs=['system_metadata']) as (
                cctxt, instance):
            migration = self._finished_migration(cctxt, instance)
            migration.status = 'reverting'
            migration.save()
            self.compute_rpcapi.revert_resize(cctxt, instance, migration)

    def _confirm_before_delete(self, cctxt, instance):
        """A server deleted while waiting in VERIFY_RESIZE has its move
        confirmed first, so its source host lets go of the old guest."""
        if instance.vm_state != vm_states.RESIZED:
            return
        try:
            migration = objects.Migration.get_by_instance_and_status(
                cctxt, instance.uuid, 'finished')
        except exception.MigrationNotFoundByStatus:
            return
        migration.status = 'confirming'
        migration.save()
        self.compute_rpcapi.confirm_resize(cctxt, instance, migration)

    # -- shelve ------------------------------------------------------------

    def shelve(self, context, instance):
        """Stop ``instance`` and save it into a new image named
        ``<name>-shelved``; offloaded at once when ``shelved_offload_time``
        is 0. Allowed while ACTIVE, SHUTOFF, PAUSED or SUSPENDED."""
        with self._task(context, instance, 'shelve',
                        expected_attrs=['system_metadata']) as (
                cctxt, instance):
            image = self._snapshot_image(
                context, instance, '%s-shelved' % instance.display_name,
                'snapshot', {})
            self.compute_rpcapi.shelve_instance(
                cctxt, instance, image['id'],
                offload=CONF.shelved_offload_time == 0)

    def shelve_offload(self, context, instance):
        """Let go of the guest and host of a SHELVED ``instance``."""
        with self._task(context, instance, 'shelve_offload') as (
                cctxt, instance):
            self.compute_rpcapi.shelve_offload_instance(cctxt, instance)

    def unshelve(self, context, instance, availability_zone=None,
                 host=None, unpin_az=False):
        """Bring a shelved ``instance`` back: on its host when it was not
        offloaded, else where the scheduler puts it, limited to
        ``availability_zone`` (2.77) and/or ``host`` (2.91, admins);
        ``unpin_az`` (2.91, ``"availability_zone": null``) lets it go to
        any zone. Raises InvalidRequest (400) for an unknown zone and
        InstanceInvalidState (409) for a zone or host while it was not
        offloaded, ComputeHostNotFound (400) for an unknown host and
        UnshelveHostNotInAZ (409) for a host outside the zone the server
        is to be in."""
        if availability_zone is not None:
            self._check_availability_zone(context, availability_zone)
        if host is not None:
            self._check_requested_destination(context, host, None)
        with self._task(context, instance, 'unshelve',
                        expected_attrs=['system_metadata']) as (
                cctxt, instance):
            if instance.vm_state == vm_states.SHELVED:
                if availability_zone or host:
                    raise exception.InstanceInvalidState(
                        instance_uuid=instance.uuid, attr='vm_state',
                        state=instance.vm_state,
                        method='unshelve to a zone or host')
                self.compute_rpcapi.unshelve_instance(cctxt, instance,
                                                      instance.host)
                return
            spec = objects.RequestSpec.get_by_instance_uuid(
                context, instance.uuid)
            zone = (availability_zone if availability_zone is not None
                    or unpin_az else spec.availability_zone)
            if host and zone and zone != (
                    availability_zones.get_host_availability_zone(
                        context, host)):
                raise exception.UnshelveHostNotInAZ(
                    host=host, availability_zone=zone)
            if availability_zone is not None or unpin_az:
                # The server is pinned to the new zone (or to none) from
                # now on: later moves and the 2.96 view keep to it.
                spec.availability_zone = availability_zone
                spec.save()
                instance.availability_zone = availability_zone
                instance.save()
            spec.force_hosts = [host] if host else None
            spec.force_nodes = None
            spec.ignore_hosts = None
            self.compute_task_api.unshelve_instance(context, instance, spec)
