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
migration is ``error`` and the instance gets a fault.
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

    def live_migration(self, context, instance, migration):
        """Source: move the running guest to ``migration.dest_compute``."""
        migration.status = 'running'
        migration.save()
        try:
            self.driver.live_migration(context, instance,
                                       migration.dest_compute, migration)
        except Exception as error:
            LOG.warning('Live migration of %s to %s failed: %s',
                        instance.uuid, migration.dest_compute, error)
            objects.InstanceFault.from_exception(
                context, instance.uuid, error, host=self.host).create()
            self.report_client.delete_allocation_for_instance(
                context, instance.uuid)
            self.report_client.move_allocations(context, migration.uuid,
                                                instance.uuid)
            migration.status = 'error'
            migration.save()
            self._end(instance, 'failure')
            return error
        self.compute_rpcapi.post_live_migration_at_destination(
            context, instance, migration)
        return None

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
