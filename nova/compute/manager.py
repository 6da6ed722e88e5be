"""nova-compute's RPC endpoint and periodic tasks.

It dispatches: builds go to ``nova.compute.build``, power operations to
``nova.compute.power``, capacity reporting to
``nova.compute.resource_tracker``, events from other services to the
waiters of ``nova.compute.external_events``. It never opens a database;
its objects go through the conductor.
"""

import threading

from oslo_log import log as logging
import oslo_messaging as messaging

import nova.conf
from nova.compute import build
from nova.compute import external_events
from nova.compute import power
from nova.compute import resource_tracker
from nova.conductor import rpcapi as conductor_rpcapi
from nova import exception
from nova import manager
from nova.network import neutron
from nova.scheduler.client import report
from nova import utils
from nova.virt import driver as virt_driver

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)


class ComputeManager(manager.Manager):
    """Manages the guests of one host."""

    target = messaging.Target(version='1.3')

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

    def cleanup_host(self):
        self.driver.cleanup_host(host=self.host)

    # -- RPC --------------------------------------------------------------

    def build_and_run_instance(self, context, instance, node, request_spec,
                               requested_networks=None, host_list=None):
        flow = build.BuildFlow(self.host, self.driver, self.report_client,
                               self.compute_task_api, self.network_api,
                               self.instance_events)

        def _build():
            with self._build_slots:
                flow.run(context, instance, node, request_spec,
                         requested_networks, host_list)

        utils.spawn(_build)

    @messaging.expected_exceptions(exception.InstanceNotFound)
    def terminate_instance(self, context, instance):
        build.terminate(context, instance, self.driver, self.report_client,
                        self.network_api, self.instance_events)

    def _power(self, context, instance, operation):
        power.run(context, instance, operation, self.driver, self.host)

    def stop_instance(self, context, instance):
        self._power(context, instance, 'stop')

    def start_instance(self, context, instance):
        self._power(context, instance, 'start')

    def reboot_instance(self, context, instance, reboot_type):
        self._power(context, instance,
                    'reboot_hard' if reboot_type == 'HARD' else 'reboot_soft')

    def pause_instance(self, context, instance):
        self._power(context, instance, 'pause')

    def unpause_instance(self, context, instance):
        self._power(context, instance, 'unpause')

    def suspend_instance(self, context, instance):
        self._power(context, instance, 'suspend')

    def resume_instance(self, context, instance):
        self._power(context, instance, 'resume')

    @messaging.expected_exceptions(exception.InstanceNotFound,
                                   exception.ConsoleNotAvailable)
    def get_console_output(self, context, instance, tail_length):
        output = self.driver.get_console_output(context, instance)
        if tail_length is None:
            return output
        lines = output.splitlines()
        return '\n'.join(lines[-tail_length:] if tail_length else [])

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
