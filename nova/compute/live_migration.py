"""Live migration on the hosts involved: the guest keeps running while it
moves from the source to the destination the conductor claimed.

1. ``live_migration`` (source): migration ``running``; the driver moves
   the guest; the destination is told to take it over.
2. ``post_live_migration_at_destination`` (destination): the ports are
   bound here, the driver adopts the guest, the instance takes its new
   host with no task, the source allocation (held by the migration) is
   freed; migration ``completed``.

A failure on the source leaves the guest running there: the instance
holds its source allocation again, the destination's is freed, the
migration is ``error`` and the instance gets a fault. An abort (2.24)
ends the same way without a fault, the migration ``cancelled``; a force
complete (2.22) asks the driver to finish the copy now.
"""

from oslo_log import log as logging

from nova.compute import states
from nova import exception
from nova import objects

LOG = logging.getLogger(__name__)


class LiveMigrationFlows(object):

    def __init__(self, host, driver, network_api, report_client,
                 compute_rpcapi):
        self.host = host
        self.driver = driver
        self.network_api = network_api
        self.report_client = report_client
        self.compute_rpcapi = compute_rpcapi

    def _end(self, instance, result):
        step = instance.task_state
        instance.vm_state, instance.task_state = states.outcome(
            'live_migrate', result, instance.vm_state)
        try:
            instance.save(expected_task_state=[step])
        except (exception.InstanceNotFound,
                exception.UnexpectedTaskStateError):
            LOG.info('Instance %s changed during its live migration',
                     instance.uuid)

    def _roll_back(self, context, instance, migration, status):
        """The guest stays here: the instance holds its source allocation
        again (the destination's is freed) and no task."""
        self.report_client.delete_allocation_for_instance(
            context, instance.uuid)
        self.report_client.move_allocations(context, migration.uuid,
                                            instance.uuid)
        migration.status = status
        migration.save()
        self._end(instance, 'failure')

    def live_migration(self, context, instance, migration):
        """Source: move the running guest to ``migration.dest_compute``."""
        if objects.Migration.get_by_id(context,
                                       migration.id).status == 'cancelled':
            LOG.info('Live migration of %s aborted before it started',
                     instance.uuid)
            self._roll_back(context, instance, migration, 'cancelled')
            return None
        migration.status = 'running'
        migration.save()
        try:
            self.driver.live_migration(context, instance,
                                       migration.dest_compute, migration)
        except exception.LiveMigrationAborted:
            LOG.info('Live migration of %s to %s aborted', instance.uuid,
                     migration.dest_compute)
            self._roll_back(context, instance, migration, 'cancelled')
            return None
        except Exception as error:
            LOG.warning('Live migration of %s to %s failed: %s',
                        instance.uuid, migration.dest_compute, error)
            objects.InstanceFault.from_exception(
                context, instance.uuid, error, host=self.host).create()
            self._roll_back(context, instance, migration, 'error')
            return error
        # The consoles handed out pointed at the guest here, now gone.
        objects.ConsoleAuthToken.clean_console_auths_for_instance(
            context, instance.uuid)
        self.compute_rpcapi.post_live_migration_at_destination(
            context, instance, migration)
        return None

    def force_complete(self, context, instance, migration):
        """Source: have the driver finish the running copy now."""
        LOG.info('Forcing the live migration of %s to complete',
                 instance.uuid)
        self.driver.live_migration_force_complete(instance)

    def abort(self, context, instance, migration):
        """Source: stop the live migration. One not started yet is
        marked ``cancelled`` and ends when its start comes; a running one
        is stopped by the driver (``live_migration`` then rolls back)."""
        migration = objects.Migration.get_by_id(context, migration.id)
        if migration.status in ('queued', 'preparing'):
            migration.status = 'cancelled'
            migration.save()
            return
        LOG.info('Aborting the live migration of %s', instance.uuid)
        self.driver.live_migration_abort(instance)

    def post_live_migration_at_destination(self, context, instance,
                                           migration):
        """Destination: take the guest over; the move is complete."""
        self.network_api.bind_ports_to_host(context, instance, self.host)
        self.driver.post_live_migration_at_destination(
            context, instance, instance.info_cache, migration)
        self.report_client.delete_allocation_for_instance(context,
                                                          migration.uuid)
        instance.host = migration.dest_compute
        instance.node = migration.dest_node
        instance.power_state = self.driver.get_info(instance).state
        self._end(instance, 'success')
        migration.status = 'completed'
        migration.save()
        LOG.info('Instance %s live migrated %s -> %s', instance.uuid,
                 migration.source_compute, migration.dest_compute)
        return None
