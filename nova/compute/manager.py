"""nova-compute's RPC endpoint and periodic tasks.

It dispatches: builds go to ``nova.compute.build``, power operations to
``nova.compute.power``, capacity reporting to
``nova.compute.resource_tracker``, events from other services to the
waiters of ``nova.compute.external_events``. It never opens a database;
its objects go through the conductor.
"""

import datetime
import threading

from oslo_concurrency import lockutils
from oslo_log import log as logging
import oslo_messaging as messaging
from oslo_utils import timeutils

import nova.conf
from nova.compute import build
from nova.compute import consoles
from nova.compute import external_events
from nova.compute import instance_actions
from nova.compute import interfaces
from nova.compute import live_migration
from nova.compute import power_state
from nova.compute import power
from nova.compute import power_sync
from nova.compute import resource_tracker
from nova.compute import rebuild
from nova.compute import recovery
from nova.compute import resize
from nova.compute import rpcapi as compute_rpcapi
from nova.compute import shelve
from nova.compute import snapshot
from nova.compute import usage_audit
from nova.compute import states
from nova.compute import vm_states
from nova.conductor import rpcapi as conductor_rpcapi
from nova import exception
from nova.image import glance
from nova import manager
from nova import objects
from nova.network import neutron
from nova.scheduler.client import report
from nova import utils
from nova.virt import driver as virt_driver

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)


class ComputeManager(manager.Manager):
    """Manages the guests of one host."""

    target = messaging.Target(version='1.16')

    def __init__(self, compute_driver=None, *args, **kwargs):
        super().__init__(service_name='compute', *args, **kwargs)
        self.driver = virt_driver.load_compute_driver(
            compute_driver=compute_driver)
        self.report_client = report.SchedulerReportClient()
        self.rt = resource_tracker.ResourceTracker(
            self.host, self.driver, self.report_client)
        self._build_slots = threading.BoundedSemaphore(
            CONF.max_concurrent_builds)
        self._service_id = None
        self.network_api = neutron.API()
        self.instance_events = external_events.InstanceEvents()
        self.shelve_flows = shelve.ShelveFlows(
            self.host, self.driver, self.network_api, self.report_client)
        self.resize_flows = resize.ResizeFlows(
            self.host, self.driver, self.network_api, self.report_client,
            compute_rpcapi.ComputeAPI())
        self.interface_flows = interfaces.InterfaceFlows(
            self.host, self.driver, self.network_api)
        self.live_migration_flows = live_migration.LiveMigrationFlows(
            self.host, self.driver, self.network_api, self.report_client,
            self.resize_flows.compute_rpcapi)

    @property
    def compute_task_api(self):
        if not hasattr(self, '_compute_task_api'):
            self._compute_task_api = conductor_rpcapi.ComputeTaskAPI()
        return self._compute_task_api

    def init_host(self, service_ref=None):
        self.driver.init_host(host=self.host)

    def pre_start_hook(self, service_ref=None):
        from nova import context
        self._service_id = service_ref.id if service_ref else None
        self.rt.update_available_resource(context.get_admin_context(),
                                          self._service_id)

    def post_start_hook(self):
        """Finish or fail what the instances here were doing when this
        service last stopped (``nova.compute.recovery``)."""
        from nova import context
        recovery.recover_host(context.get_admin_context(), self)

    def cleanup_host(self):
        self.driver.cleanup_host(host=self.host)

    # -- RPC --------------------------------------------------------------

    def build_and_run_instance(self, context, instance, node, request_spec,
                               requested_networks=None, host_list=None,
                               admin_password=None):
        flow = build.BuildFlow(self.host, self.driver, self.report_client,
                               self.compute_task_api, self.network_api,
                               self.instance_events)

        @instance_actions.wrap_event('compute')
        def _do_build_and_run_instance(self, context, instance):
            with self._build_slots:
                return flow.run(context, instance, node, request_spec,
                                requested_networks, host_list,
                                admin_password)

        utils.spawn(_do_build_and_run_instance, self, context, instance)

    @messaging.expected_exceptions(exception.InstanceNotFound)
    @instance_actions.wrap_event('compute')
    def terminate_instance(self, context, instance):
        build.terminate(context, instance, self.driver, self.report_client,
                        self.network_api, self.instance_events)

    def _power(self, context, instance, operation, **params):
        return power.run(context, instance, operation, self.driver,
                         self.host, **params)

    @instance_actions.wrap_event('compute')
    def stop_instance(self, context, instance):
        return self._power(context, instance, 'stop')

    @instance_actions.wrap_event('compute')
    def start_instance(self, context, instance):
        return self._power(context, instance, 'start')

    @instance_actions.wrap_event('compute')
    def reboot_instance(self, context, instance, reboot_type):
        return self._power(context, instance, 'reboot_hard'
                           if reboot_type == 'HARD' else 'reboot_soft')

    @instance_actions.wrap_event('compute')
    def pause_instance(self, context, instance):
        return self._power(context, instance, 'pause')

    @instance_actions.wrap_event('compute')
    def unpause_instance(self, context, instance):
        return self._power(context, instance, 'unpause')

    @instance_actions.wrap_event('compute')
    def suspend_instance(self, context, instance):
        return self._power(context, instance, 'suspend')

    @instance_actions.wrap_event('compute')
    def resume_instance(self, context, instance):
        return self._power(context, instance, 'resume')

    @instance_actions.wrap_event('compute')
    def soft_delete_instance(self, context, instance):
        return self._power(context, instance, 'soft_delete')

    @instance_actions.wrap_event('compute')
    def restore_instance(self, context, instance):
        return self._power(context, instance, 'restore')

    @instance_actions.wrap_event('compute')
    def snapshot_instance(self, context, instance, image_id):
        return snapshot.run(context, instance, image_id, self.driver,
                            self.host)

    @instance_actions.wrap_event('compute')
    def backup_instance(self, context, instance, image_id, backup_type,
                        rotation):
        return snapshot.run(context, instance, image_id, self.driver,
                            self.host, backup_type=backup_type,
                            rotation=rotation)

    @instance_actions.wrap_event('compute')
    def rescue_instance(self, context, instance, rescue_password,
                        rescue_image_ref):
        try:
            image = glance.API().get(context, rescue_image_ref)
            image_meta = objects.ImageMeta.from_image_dict(image)
        except exception.NovaException as error:
            # The rescue cannot start: the guest is as it was.
            objects.InstanceFault.from_exception(
                context, instance.uuid, error, host=self.host).create()
            self._finish(instance, 'rescue', 'not_started')
            return error
        return self._power(context, instance, 'rescue',
                           image_meta=image_meta,
                           rescue_password=rescue_password)

    @instance_actions.wrap_event('compute')
    def rebuild_instance(self, context, instance, image_ref,
                         admin_password):
        return rebuild.run(context, instance, image_ref, admin_password,
                           self.driver, self.host)

    @instance_actions.wrap_event('compute')
    def shelve_instance(self, context, instance, image_id, offload):
        return self.shelve_flows.shelve(context, instance, image_id,
                                        offload)

    @instance_actions.wrap_event('compute')
    def shelve_offload_instance(self, context, instance):
        return self.shelve_flows.offload(context, instance)

    @instance_actions.wrap_event('compute')
    def unshelve_instance(self, context, instance):
        return self.shelve_flows.unshelve(context, instance)

    @instance_actions.wrap_event('compute')
    def resize_instance(self, context, instance, migration, flavor):
        return self.resize_flows.resize_instance(context, instance,
                                                 migration, flavor)

    @instance_actions.wrap_event('compute')
    def finish_resize(self, context, instance, migration, disk_info):
        return self.resize_flows.finish_resize(context, instance,
                                               migration, disk_info)

    @instance_actions.wrap_event('compute')
    def confirm_resize(self, context, instance, migration):
        return self.resize_flows.confirm_resize(context, instance,
                                                migration)

    @instance_actions.wrap_event('compute')
    def revert_resize(self, context, instance, migration):
        return self.resize_flows.revert_resize(context, instance,
                                               migration)

    @instance_actions.wrap_event('compute')
    def finish_revert_resize(self, context, instance, migration):
        return self.resize_flows.finish_revert_resize(context, instance,
                                                      migration)

    @instance_actions.wrap_event('compute')
    def live_migration(self, context, instance, migration):
        return self.live_migration_flows.live_migration(context, instance,
                                                        migration)

    @instance_actions.wrap_event('compute')
    def live_migration_force_complete(self, context, instance, migration):
        return self.live_migration_flows.force_complete(context, instance,
                                                        migration)

    @instance_actions.wrap_event('compute')
    def live_migration_abort(self, context, instance, migration):
        return self.live_migration_flows.abort(context, instance, migration)

    @instance_actions.wrap_event('compute')
    def post_live_migration_at_destination(self, context, instance,
                                           migration):
        return self.live_migration_flows.post_live_migration_at_destination(
            context, instance, migration)

    @instance_actions.wrap_event('compute')
    def evacuate_instance(self, context, instance, migration,
                          admin_password, stop):
        """Spawn here a server whose host is down; the migration's
        allocation (the old host's) is freed whatever happens, so the
        server holds one allocation, here."""
        migration.status = 'rebuilding'
        migration.save()
        instance.host = self.host
        instance.node = migration.dest_node
        instance.save()
        self.network_api.bind_ports_to_host(context, instance, self.host)
        error = rebuild.run(context, instance, instance.image_ref,
                            admin_password, self.driver, self.host,
                            operation='evacuate', stop=stop)
        migration.status = 'error' if error is not None else 'done'
        migration.save()
        self.report_client.delete_allocation_for_instance(context,
                                                          migration.uuid)
        return error

    @instance_actions.wrap_event('compute')
    def unrescue_instance(self, context, instance):
        return self._power(context, instance, 'unrescue')

    @messaging.expected_exceptions(
        exception.InstanceNotFound, exception.InstanceNotRunning,
        exception.SetAdminPasswdNotSupported,
        exception.InstancePasswordSetFailed)
    @instance_actions.wrap_event('compute')
    def set_admin_password(self, context, instance, new_pass):
        """Set the password in the running guest; the instance is in
        ``updating_password`` and leaves it whatever happens."""
        try:
            if instance.power_state != power_state.RUNNING:
                raise exception.InstanceNotRunning(instance_id=instance.uuid)
            try:
                self.driver.set_admin_password(instance, new_pass)
            except NotImplementedError:
                raise exception.SetAdminPasswdNotSupported()
            except exception.NovaException:
                raise
            except Exception as error:
                raise exception.InstancePasswordSetFailed(
                    instance=instance.uuid, reason=str(error))
        except Exception:
            self._finish(instance, 'set_password', 'failure')
            raise
        self._finish(instance, 'set_password', 'success')

    @staticmethod
    def _finish(instance, operation, result):
        """Record the table's outcome of ``operation`` on ``instance``
        (still in the operation's task_state)."""
        task_state = instance.task_state
        instance.vm_state, instance.task_state = states.outcome(
            operation, result, instance.vm_state)
        try:
            instance.save(expected_task_state=[task_state])
        except (exception.InstanceNotFound,
                exception.UnexpectedTaskStateError):
            LOG.info('Instance %s was deleted during %s', instance.uuid,
                     operation)

    @instance_actions.wrap_event('compute')
    def trigger_crash_dump(self, context, instance):
        try:
            self.driver.trigger_crash_dump(instance)
        except Exception as error:
            LOG.warning('Crash dump of instance %s failed: %s',
                        instance.uuid, error)
            objects.InstanceFault.from_exception(
                context, instance.uuid, error, host=self.host).create()
            return error
        return None

    # -- os-interface (1.16) ------------------------------------------------

    @staticmethod
    def _instance_lock(instance_uuid):
        """Serialise this process's changes of one instance's ports (two
        attaches must not both extend the same network info)."""
        return lockutils.lock('instance-ports-%s' % instance_uuid)

    @messaging.expected_exceptions(
        exception.InterfaceAttachFailedNoNetwork, exception.NetworkAmbiguous,
        exception.NetworkNotFound, exception.PortNotFound,
        exception.PortInUse, exception.PortNotUsable,
        exception.FixedIpAlreadyInUse, exception.NetworkBadRequest,
        exception.NetworkNotAuthorized, exception.NetworkServiceUnavailable,
        exception.AttachInterfaceNotSupported,
        exception.InterfaceAttachFailed, exception.InstanceNotFound)
    @instance_actions.wrap_event('compute')
    def attach_interface(self, context, instance, network_id, port_id,
                         requested_ip, tag=None):
        """Plug a port into the guest; returns the port (see
        ``InterfaceFlows.attach``)."""
        with self._instance_lock(instance.uuid):
            return self.interface_flows.attach(
                context, instance, network_id, port_id, requested_ip, tag)

    @instance_actions.wrap_event('compute')
    def detach_interface(self, context, instance, port_id):
        """Unplug port ``port_id``; a failure is recorded as a fault of
        the instance (the request was already answered)."""
        with self._instance_lock(instance.uuid):
            try:
                self.interface_flows.detach(context, instance, port_id)
            except Exception as error:
                LOG.warning('Detaching port %s from instance %s failed: %s',
                            port_id, instance.uuid, error)
                objects.InstanceFault.from_exception(
                    context, instance.uuid, error, host=self.host).create()
                raise

    @instance_actions.wrap_event('compute')
    def add_fixed_ip_to_instance(self, context, instance, network_id):
        with self._instance_lock(instance.uuid):
            self.interface_flows.add_fixed_ip(context, instance, network_id)

    @instance_actions.wrap_event('compute')
    def remove_fixed_ip_from_instance(self, context, instance, address):
        with self._instance_lock(instance.uuid):
            self.interface_flows.remove_fixed_ip(context, instance, address)

    @instance_actions.wrap_event('compute')
    def inject_network_info(self, context, instance):
        with self._instance_lock(instance.uuid):
            self.interface_flows.inject_network_info(context, instance)

    @messaging.expected_exceptions(exception.HostActionNotSupported)
    def host_power_action(self, context, action):
        try:
            return self.driver.host_power_action(action)
        except NotImplementedError:
            raise exception.HostActionNotSupported(action=action)

    @messaging.expected_exceptions(exception.HostActionNotSupported)
    def get_host_uptime(self, context):
        try:
            return self.driver.get_host_uptime()
        except NotImplementedError:
            raise exception.HostActionNotSupported(action='uptime')

    @messaging.expected_exceptions(exception.HostActionNotSupported)
    def host_maintenance_mode(self, context, host, mode):
        try:
            return self.driver.host_maintenance_mode(host, mode)
        except NotImplementedError:
            raise exception.HostActionNotSupported(
                action='maintenance mode')

    @messaging.expected_exceptions(exception.InstanceNotFound,
                                   exception.DiagnosticsNotSupported)
    def get_diagnostics(self, context, instance, standard):
        try:
            if standard:
                return self.driver.get_instance_diagnostics(instance)
            return self.driver.get_diagnostics(instance)
        except NotImplementedError:
            raise exception.DiagnosticsNotSupported()

    @messaging.expected_exceptions(exception.InstanceNotFound,
                                   exception.ConsoleNotAvailable)
    def get_console_output(self, context, instance, tail_length):
        output = self.driver.get_console_output(context, instance)
        if tail_length is None:
            return output
        lines = output.splitlines()
        return '\n'.join(lines[-tail_length:] if tail_length else [])

    # -- remote consoles (1.15): ``nova.compute.consoles``

    @messaging.expected_exceptions(*consoles.EXPECTED_ERRORS)
    def get_vnc_console(self, context, instance, console_type):
        return consoles.connect_info(context, instance, 'vnc', console_type,
                                     self.driver)

    @messaging.expected_exceptions(*consoles.EXPECTED_ERRORS)
    def get_spice_console(self, context, instance, console_type):
        return consoles.connect_info(context, instance, 'spice',
                                     console_type, self.driver)

    @messaging.expected_exceptions(*consoles.EXPECTED_ERRORS)
    def get_serial_console(self, context, instance, console_type):
        return consoles.connect_info(context, instance, 'serial',
                                     console_type, self.driver)

    @messaging.expected_exceptions(*consoles.EXPECTED_ERRORS)
    def get_mks_console(self, context, instance, console_type):
        return consoles.connect_info(context, instance, 'mks', console_type,
                                     self.driver)

    def external_instance_event(self, context, instances, events):
        """Wake whoever waits for each event; others are only logged."""
        for event in events:
            waiter = self.instance_events.pop_instance_event(
                event.instance_uuid, event.name, event.tag, event.status)
            LOG.info('Event %s of instance %s (%s)%s', event.key,
                     event.instance_uuid, event.status,
                     '' if waiter else ': nobody was waiting for it')

    # -- periodic tasks ---------------------------------------------------

    @manager.periodic_task_decorator(
        spacing=CONF.update_resources_interval, run_immediately=False)
    def update_available_resource(self, context):
        """Keep the compute node record and placement inventory current."""
        self.rt.update_available_resource(context, self._service_id)

    @manager.periodic_task_decorator(
        spacing=CONF.shelved_poll_interval, run_immediately=False)
    def _poll_shelved_instances(self, context):
        """Offload the servers shelved here longer than
        ``shelved_offload_time`` seconds (when that is positive)."""
        if CONF.shelved_offload_time <= 0:
            return
        oldest = utils.utcnow() - datetime.timedelta(
            seconds=CONF.shelved_offload_time)
        for instance in objects.InstanceList.get_by_host(
                context, self.host, expected_attrs=['system_metadata']):
            shelved_at = instance.system_metadata.get('shelved_at')
            if (instance.vm_state != vm_states.SHELVED or
                    instance.task_state is not None or not shelved_at or
                    timeutils.parse_isotime(shelved_at).replace(
                        tzinfo=None) > oldest):
                continue
            instance.task_state = states.check_idle(instance,
                                                    'shelve_offload')
            try:
                instance.save(expected_task_state=[None])
            except (exception.InstanceNotFound,
                    exception.UnexpectedTaskStateError):
                continue
            LOG.info('Offloading instance %s, shelved since %s',
                     instance.uuid, shelved_at)
            self.shelve_flows.offload(context, instance)

    @manager.periodic_task_decorator(
        spacing=CONF.sync_power_state_interval, run_immediately=False)
    def _sync_power_states(self, context):
        """Reconcile recorded power states with the driver's
        (``nova.compute.power_sync``)."""
        power_sync.sync_host(context, self.driver, self.host)

    @manager.periodic_task_decorator(spacing=60, run_immediately=False)
    def _instance_usage_audit(self, context):
        """Audit this host's instances of the last completed period
        (``nova.compute.usage_audit``) when ``instance_usage_audit``."""
        if CONF.instance_usage_audit:
            usage_audit.audit_host(context, self.host)

    @manager.periodic_task_decorator(spacing=60, run_immediately=False)
    def _poll_unconfirmed_resizes(self, context):
        """Confirm the moves to this host waiting in VERIFY_RESIZE longer
        than ``resize_confirm_window`` seconds (when that is positive)."""
        if CONF.resize_confirm_window <= 0:
            return
        oldest = utils.utcnow() - datetime.timedelta(
            seconds=CONF.resize_confirm_window)
        for migration in objects.MigrationList.get_by_filters(
                context, {'status': 'finished', 'host': self.host}):
            if (migration.dest_compute != self.host or
                    migration.updated_at.replace(tzinfo=None) > oldest):
                continue
            try:
                instance = objects.Instance.get_by_uuid(
                    context, migration.instance_uuid,
                    expected_attrs=['system_metadata'])
            except exception.InstanceNotFound:
                continue
            if (instance.vm_state != vm_states.RESIZED or
                    instance.task_state is not None):
                continue
            LOG.info('Confirming the move of instance %s (migration %s) '
                     'after %d s', instance.uuid, migration.uuid,
                     CONF.resize_confirm_window)
            migration.status = 'confirming'
            migration.save()
            self.resize_flows.compute_rpcapi.confirm_resize(
                context, instance, migration)

    @manager.periodic_task_decorator(
        spacing=CONF.reclaim_instance_interval or 60, run_immediately=False)
    def _reclaim_queued_deletes(self, context):
        """Delete the servers here SOFT_DELETED longer than
        ``reclaim_instance_interval`` seconds."""
        interval = CONF.reclaim_instance_interval
        if interval <= 0:
            return
        oldest = utils.utcnow() - datetime.timedelta(seconds=interval)
        for instance in objects.InstanceList.get_by_host(
                context, self.host, expected_attrs=['system_metadata']):
            if (instance.vm_state != vm_states.SOFT_DELETED or
                    instance.task_state is not None or
                    instance.updated_at.replace(tzinfo=None) > oldest):
                continue
            instance.task_state = states.check(instance, 'delete')
            try:
                instance.save(expected_task_state=[None])
            except (exception.InstanceNotFound,
                    exception.UnexpectedTaskStateError):
                continue
            LOG.info('Reclaiming soft-deleted instance %s', instance.uuid)
            build.terminate(context, instance, self.driver,
                            self.report_client, self.network_api,
                            self.instance_events)
