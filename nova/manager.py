"""Base class of the service managers (the RPC endpoints of a service).

A manager only dispatches: it receives RPC calls and runs periodic tasks,
and hands the work to flow modules named after their job.
"""

from oslo_log import log as logging
from oslo_service import periodic_task

import nova.conf

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)

periodic_task_decorator = periodic_task.periodic_task


class PeriodicTasks(periodic_task.PeriodicTasks):
    def __init__(self):
        super().__init__(CONF)


class Manager(PeriodicTasks):
    """Common behaviour of all managers."""

    # Each manager sets its own messaging Target (topic, version).
    target = None
    service_name = None

    def __init__(self, host=None, service_name='undefined'):
        if not host:
            host = CONF.host
        self.host = host
        self.service_name = service_name
        super().__init__()

    def periodic_tasks(self, context, raise_on_error=False):
        """Run due periodic tasks; returns seconds until the next one."""
        return self.run_periodic_tasks(context, raise_on_error=raise_on_error)

    def init_host(self, service_ref=None):
        """Called once before the service starts serving RPC."""

    def cleanup_host(self):
        """Called when the service stops."""

    def pre_start_hook(self, service_ref=None):
        """Called after the service record exists, before RPC serves."""

    def post_start_hook(self):
        """Called once RPC is serving."""

    def reset(self):
        """Called on SIGHUP."""
