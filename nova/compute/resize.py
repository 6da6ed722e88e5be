"""Resize and cold migration on the hosts involved.

The conductor has chosen the destination: the instance's allocation
there is held by the instance, the source's by the migration's UUID.

1. ``resize_instance`` (source): ``resize_migrating``, the driver stops
   the guest and moves its disk, ``resize_migrated``; then the
   destination is told to finish.
2. ``finish_resize`` (destination): ``resize_finish``, the instance takes
   its new flavor and host, the ports are bound here, the driver creates
   the guest; RESIZED (``VERIFY_RESIZE``), migration ``finished``.
3. ``confirm_resize`` (source): its copy and the migration's allocation
   go; the server is back in the vm_state it had before the move.
   ``revert_resize`` (destination) drops the new guest and allocation and
   has the source ``finish_revert_resize``: the allocation goes back to
   the instance, the old flavor and host return, the kept copy starts.

A failure on a host leaves the server in ERROR with a fault, the
migration in ``error`` and its source allocation given back to the
instance, so placement holds exactly one allocation for it.
"""

from oslo_log import log as logging

from nova.compute import states
from nova.compute import task_states
from nova.compute import vm_states
from nova import exception
from nova import objects

LOG = logging.getLogger(__name__)

# system_metadata: the vm_state before the move, to return to.
OLD_VM_STATE = 'old_vm_state'


def take_flavor(instance, flavor):
    """Make ``flavor`` the instance's current one (sizes included)."""
    instance.flavor = flavor
    instance.instance_type_id = flavor.id
    instance.memory_mb = flavor.memory_mb
    instance.vcpus = flavor.vcpus
    instance.root_gb = flavor.root_gb
    instance.ephemeral_gb = flavor.ephemeral_gb


def _gone(error, instance):
    return isinstance(error, (exception.InstanceNotFound,
                              exception.UnexpectedTaskStateError)) and (
        states.abandoned(instance))


def _before_move(instance):
    return instance.system_metadata.get(OLD_VM_STATE, vm_states.ACTIVE)


class ResizeFlows(object):
    """The resize and cold migration steps of one compute host."""

    def __init__(self, host, driver, network_api, report_client,
                 compute_rpcapi):
        self.host = host
        self.driver = driver
        self.network_api = network_api
        self.report_client = report_client
        self.compute_rpcapi = compute_rpcapi

    def _operation(self, migration):
        return 'migrate' if migration.migration_type == 'migration' else (
            'resize')

    def _fail(self, context, instance, migration, operation, error):
        """ERROR with a fault; the instance holds its source allocation
        again and nothing on the destination."""
        LOG.warning('%s of instance %s failed on %s: %s', operation,
                    instance.uuid, self.host, error)
        objects.InstanceFault.from_exception(
            context, instance.uuid, error, host=self.host).create()
        migration.status = 'error'
        migration.save()
        self.report_client.delete_allocation_for_instance(context,
                                                          instance.uuid)
        self.report_client.move_allocations(context, migration.uuid,
                                            instance.uuid)
        step = instance.task_state
        instance.vm_state, instance.task_state = states.outcome(
            operation, 'failure', instance.vm_state)
        try:
            instance.save(expected_task_state=[step])
        except (exception.InstanceNotFound,
                exception.UnexpectedTaskStateError):
            pass
        return error

    # -- source -------------------------------------------------------------

    def resize_instance(self, context, instance, migration, flavor):
        """Stop the guest and move its disk to the destination."""
        operation = self._operation(migration)
        try:
            states.advance(instance, operation,
                           task_states.RESIZE_MIGRATING)
            migration.status = 'migrating'
            migration.save()
            disk_info = self.driver.migrate_disk_and_power_off(
                context, instance, migration.dest_host, flavor,
                instance.info_cache)
            states.advance(instance, operation, task_states.RESIZE_MIGRATED)
            migration.status = 'post-migrating'
            migration.save()
        except Exception as error:
            if _gone(error, instance):
                LOG.info('Instance %s went away during its %s',
                         instance.uuid, operation)
                return None
            return self._fail(context, instance, migration, operation,
                              error)
        self.compute_rpcapi.finish_resize(context, instance, migration,
                                          disk_info)
        return None

    def confirm_resize(self, context, instance, migration):
        """Drop the kept copy and the migration's allocation."""
        try:
            self.driver.confirm_migration(context, migration, instance,
                                          instance.info_cache)
        except Exception as error:
            LOG.warning('Confirming the move of %s failed: %s',
                        instance.uuid, error)
            objects.InstanceFault.from_exception(
                context, instance.uuid, error, host=self.host).create()
            return error
        finally:
            self.report_client.delete_allocation_for_instance(
                context, migration.uuid)
            migration.status = 'confirmed'
            migration.save()
        instance.vm_state, instance.task_state = states.outcome(
            'confirm_resize', 'success', _before_move(instance))
        instance.old_flavor = None
        instance.new_flavor = None
        instance.system_metadata = {
            key: value for key, value in instance.system_metadata.items()
            if key != OLD_VM_STATE}
        try:
            instance.save(expected_vm_state=[vm_states.RESIZED],
                          expected_task_state=[None])
        except (exception.InstanceNotFound,
                exception.UnexpectedTaskStateError):
            LOG.info('Instance %s changed while its move was confirmed',
                     instance.uuid)
        return None

    def finish_revert_resize(self, context, instance, migration):
        """Bring the server back here, on its old flavor."""
        try:
            self.report_client.move_allocations(context, migration.uuid,
                                                instance.uuid)
            take_flavor(instance, instance.old_flavor)
            instance.host = migration.source_compute
            instance.node = migration.source_node
            self.network_api.bind_ports_to_host(context, instance,
                                                self.host)
            self.driver.finish_revert_migration(
                context, instance, instance.info_cache, migration,
                power_on=_before_move(instance) != vm_states.STOPPED)
        except Exception as error:
            return self._fail(context, instance, migration, 'revert_resize',
                              error)
        migration.status = 'reverted'
        migration.save()
        instance.old_flavor = None
        instance.new_flavor = None
        instance.power_state = self.driver.get_info(instance).state
        instance.vm_state, instance.task_state = states.outcome(
            'revert_resize', 'success', _before_move(instance))
        instance.system_metadata = {
            key: value for key, value in instance.system_metadata.items()
            if key != OLD_VM_STATE}
        try:
            instance.save(
                expected_task_state=[task_states.RESIZE_REVERTING])
        except (exception.InstanceNotFound,
                exception.UnexpectedTaskStateError):
            LOG.info('Instance %s changed during its revert', instance.uuid)
        return None

    # -- destination -------------------------------------------------------

    def finish_resize(self, context, instance, migration, disk_info):
        """Create the guest here with the new flavor: RESIZED."""
        operation = self._operation(migration)
        try:
            states.advance(instance, operation, task_states.RESIZE_FINISH)
            take_flavor(instance, instance.new_flavor)
            instance.host = migration.dest_compute
            instance.node = migration.dest_node
            self.network_api.bind_ports_to_host(context, instance,
                                                self.host)
            self.driver.finish_migration(
                context, migration, instance, disk_info,
                instance.info_cache, None, True, None,
                power_on=_before_move(instance) != vm_states.STOPPED)
        except Exception as error:
            if _gone(error, instance):
                LOG.info('Instance %s went away during its %s',
                         instance.uuid, operation)
                return None
            take_flavor(instance, instance.old_flavor)
            instance.host = migration.source_compute
            instance.node = migration.source_node
            return self._fail(context, instance, migration, operation,
                              error)
        migration.status = 'finished'
        migration.save()
        instance.power_state = self.driver.get_info(instance).state
        step = instance.task_state
        instance.vm_state, instance.task_state = states.outcome(
            operation, 'success')
        try:
            instance.save(expected_task_state=[step])
        except (exception.InstanceNotFound,
                exception.UnexpectedTaskStateError):
            LOG.info('Instance %s was deleted during its %s', instance.uuid,
                     operation)
        return None

    def revert_resize(self, context, instance, migration):
        """Drop the new guest and its allocation; the source takes over."""
        try:
            self.driver.destroy(context, instance)
        except Exception as error:
            return self._fail(context, instance, migration, 'revert_resize',
                              error)
        self.report_client.delete_allocation_for_instance(context,
                                                          instance.uuid)
        self.compute_rpcapi.finish_revert_resize(context, instance,
                                                 migration)
        return None
