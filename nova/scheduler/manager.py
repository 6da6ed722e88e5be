"""nova-scheduler's RPC endpoint."""

from oslo_log import log as logging
import oslo_messaging as messaging

from nova import cells
import nova.conf
from nova import exception
from nova import manager
from nova.scheduler.client import report
from nova.scheduler import destinations
from nova.scheduler import host_manager

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)


class SchedulerManager(manager.Manager):
    """Chooses hosts for instances."""

    target = messaging.Target(version='1.0')

    def __init__(self, *args, **kwargs):
        super().__init__(service_name='scheduler', *args, **kwargs)
        self.host_manager = host_manager.HostManager()
        self.report_client = report.SchedulerReportClient()
        self.selector = destinations.DestinationSelector(
            self.host_manager, self.report_client)

    @messaging.expected_exceptions(exception.NoValidHost)
    def select_destinations(self, context, spec_obj, instance_uuids,
                            return_alternates=False):
        return self.selector.select(context, spec_obj, instance_uuids,
                                    return_alternates)

    # NOTE: the spacing is read when this module is imported, which the
    # service commands do after parsing the configuration.
    @manager.periodic_task_decorator(
        spacing=CONF.scheduler.discover_hosts_in_cells_interval,
        run_immediately=True)
    def _discover_hosts_in_cells(self, context):
        """Map new compute hosts to their cells without an operator."""
        if cells.discover_hosts(context):
            self.host_manager.forget_cells()

    def reset(self):
        self.host_manager.forget_cells()
