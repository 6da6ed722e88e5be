"""Starting a resize or cold migration: record the migration, hand the
source host's allocation to it, have the scheduler pick (and claim) a
destination for the instance, and tell the source host to move the guest.

Called synchronously by nova-api: when no host fits, the allocation goes
back to the instance, the migration is ``error``, the server keeps its
state (with a fault) and NoValidHost reaches the caller (400).
"""

from oslo_log import log as logging

from nova import availability_zones
import nova.conf
from nova.compute import instance_actions
from nova.compute import resize
from nova.compute import rpcapi as compute_rpcapi
from nova.compute import states
from nova import context as nova_context
from nova import exception
from nova import objects
from nova.scheduler.client import report
from nova.scheduler import rpcapi as scheduler_rpcapi

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)


class MigrateTask(object):

    def __init__(self):
        self.scheduler = scheduler_rpcapi.SchedulerAPI()
        self.compute_rpcapi = compute_rpcapi.ComputeAPI()
        self._report_client = None

    @property
    def report_client(self):
        if self._report_client is None:
            self._report_client = report.SchedulerReportClient()
        return self._report_client

    def migrate_server(self, context, instance, flavor, request_spec, host):
        """Start moving ``instance`` (in ``resize_prep``) to ``flavor``
        (its own: a cold migration), onto ``host`` when given. Raises
        NoValidHost when no host fits."""
        mapping = objects.InstanceMapping.get_by_instance_uuid(
            context, instance.uuid)
        with nova_context.target_cell(context,
                                      mapping.cell_mapping) as cctxt:
            instance = objects.Instance.get_by_uuid(
                cctxt, instance.uuid, expected_attrs=['system_metadata'])
            self._migrate(cctxt, instance, flavor, request_spec, host)

    @instance_actions.wrap_event('conductor')
    def _migrate(self, context, instance, flavor, request_spec, host):
        resizing = flavor.flavorid != instance.flavor.flavorid
        operation = 'resize' if resizing else 'migrate'
        migration = objects.Migration(
            context=context, instance_uuid=instance.uuid,
            source_compute=instance.host, source_node=instance.node,
            old_instance_type_id=instance.flavor.id,
            new_instance_type_id=flavor.id,
            migration_type='resize' if resizing else 'migration',
            status='pre-migrating', user_id=context.user_id,
            project_id=context.project_id)
        migration.create()
        if not self.report_client.move_allocations(context, instance.uuid,
                                                   migration.uuid):
            return self._not_started(context, instance, migration,
                                     operation, exception.NoValidHost(
                                         reason='the source allocation '
                                                'could not be moved'))
        request_spec.flavor = flavor
        request_spec.num_instances = 1
        request_spec.force_hosts = [host] if host else None
        request_spec.force_nodes = None
        # A cold migration always leaves its host (the drivers here
        # cannot migrate to the same host); a resize may stay when
        # allow_resize_to_same_host says so.
        request_spec.ignore_hosts = (
            None if host or (resizing and CONF.allow_resize_to_same_host)
            else [instance.host])
        try:
            selection = self.scheduler.select_destinations(
                context, request_spec, [instance.uuid])[0][0]
        except exception.NoValidHost as error:
            self._not_started(context, instance, migration, operation,
                              error)
            raise
        migration.dest_compute = selection.service_host
        migration.dest_node = selection.nodename
        migration.dest_host = selection.service_host
        migration.save()
        instance.new_flavor = flavor
        instance.old_flavor = instance.flavor
        instance.availability_zone = (
            availability_zones.get_host_availability_zone(
                context, selection.service_host))
        instance.system_metadata = dict(
            instance.system_metadata,
            **{resize.OLD_VM_STATE: instance.vm_state})
        instance.save()
        LOG.info('%s of instance %s: %s -> %s', operation, instance.uuid,
                 migration.source_compute, migration.dest_compute)
        self.compute_rpcapi.resize_instance(context, instance, migration,
                                            flavor)
        return None

    def _not_started(self, context, instance, migration, operation, error):
        LOG.warning('%s of instance %s found no host: %s', operation,
                    instance.uuid, error)
        self.report_client.move_allocations(context, migration.uuid,
                                            instance.uuid)
        migration.status = 'error'
        migration.save()
        objects.InstanceFault.from_exception(context, instance.uuid,
                                             error).create()
        step = instance.task_state
        result = ('not_started' if (operation, 'not_started') in
                  states.OUTCOMES else 'failure')
        instance.vm_state, instance.task_state = states.outcome(
            operation, result, instance.vm_state)
        try:
            instance.save(expected_task_state=[step])
        except (exception.InstanceNotFound,
                exception.UnexpectedTaskStateError):
            pass
        return error

    # -- live migration ------------------------------------------------------

    def live_migrate_instance(self, context, instance, request_spec, host):
        """Start moving the running ``instance`` (in ``migrating``) to
        ``host``, or where the scheduler puts it. Failures end the move
        (migration ``error``, the server as it was, with a fault)."""
        mapping = objects.InstanceMapping.get_by_instance_uuid(
            context, instance.uuid)
        with nova_context.target_cell(context,
                                      mapping.cell_mapping) as cctxt:
            instance = objects.Instance.get_by_uuid(cctxt, instance.uuid)
            self._live_migrate(cctxt, instance, request_spec, host)

    @instance_actions.wrap_event('conductor')
    def _live_migrate(self, context, instance, request_spec, host):
        migration, error = self._place_move(
            context, instance, request_spec, host, 'live_migrate',
            'live-migration', 'preparing')
        if error is not None:
            return error
        LOG.info('Live migration of instance %s: %s -> %s', instance.uuid,
                 migration.source_compute, migration.dest_compute)
        self.compute_rpcapi.live_migration(context, instance, migration)
        return None

    def _place_move(self, context, instance, request_spec, host,
                    operation, migration_type, placing_status):
        """Record a move of ``instance`` (same flavor) off its host, hand
        its allocation to the migration and have the scheduler claim a
        destination (``host`` when given). Returns ``(migration, None)``,
        or ``(migration, error)`` once the move ended unstarted."""
        migration = objects.Migration(
            context=context, instance_uuid=instance.uuid,
            source_compute=instance.host, source_node=instance.node,
            old_instance_type_id=instance.flavor.id,
            new_instance_type_id=instance.flavor.id,
            migration_type=migration_type, status='accepted',
            user_id=context.user_id, project_id=context.project_id)
        migration.create()
        if not self.report_client.move_allocations(context, instance.uuid,
                                                   migration.uuid):
            return migration, self._not_started(
                context, instance, migration, operation,
                exception.NoValidHost(reason='the source allocation could '
                                             'not be moved'))
        migration.status = placing_status
        migration.save()
        request_spec.flavor = instance.flavor
        request_spec.num_instances = 1
        request_spec.force_hosts = [host] if host else None
        request_spec.force_nodes = None
        request_spec.ignore_hosts = [instance.host]
        try:
            selection = self.scheduler.select_destinations(
                context, request_spec, [instance.uuid])[0][0]
        except exception.NoValidHost as error:
            return migration, self._not_started(context, instance,
                                                migration, operation, error)
        migration.dest_compute = selection.service_host
        migration.dest_node = selection.nodename
        migration.dest_host = selection.service_host
        migration.save()
        instance.availability_zone = (
            availability_zones.get_host_availability_zone(
                context, selection.service_host))
        instance.save()
        return migration, None

    # -- evacuation ----------------------------------------------------------

    def evacuate_instance(self, context, instance, request_spec, host,
                          admin_password, stop):
        """Rebuild ``instance`` (in ``rebuilding``, its host down) on
        ``host`` or where the scheduler puts it."""
        mapping = objects.InstanceMapping.get_by_instance_uuid(
            context, instance.uuid)
        with nova_context.target_cell(context,
                                      mapping.cell_mapping) as cctxt:
            instance = objects.Instance.get_by_uuid(cctxt, instance.uuid)
            self._evacuate(cctxt, instance, request_spec, host,
                           admin_password, stop)

    @instance_actions.wrap_event('conductor')
    def _evacuate(self, context, instance, request_spec, host,
                  admin_password, stop):
        migration, error = self._place_move(
            context, instance, request_spec, host, 'evacuate',
            'evacuation', 'pre-migrating')
        if error is not None:
            return error
        LOG.info('Evacuating instance %s: %s -> %s', instance.uuid,
                 migration.source_compute, migration.dest_compute)
        self.compute_rpcapi.evacuate_instance(context, instance, migration,
                                              admin_password, stop)
        return None
