"""The instance usage audit a compute host runs once per audit period
(``[DEFAULT] instance_usage_audit``): it counts the instances that ran
on it during the last completed period and records the run as a task log
(RUNNING, then DONE) that ``/os-instance_usage_audit_log`` reports.
"""

import time

from oslo_log import log as logging

from nova.compute import audit_period
from nova import objects

LOG = logging.getLogger(__name__)

TASK_NAME = 'instance_usage_audit'


def audit_host(context, host):
    """Audit ``host`` for the last completed period, unless already done;
    returns how many instances ran on it then (None when skipped)."""
    begin, end = audit_period.last_completed()
    if objects.TaskLogList.get_all(context, TASK_NAME, begin, end,
                                   host=host):
        return None
    started = time.monotonic()
    instances = objects.InstanceList.get_by_filters(
        context, {'host': host, 'include_deleted': True,
                  'launched-before': end, 'active-after': begin})
    objects.TaskLog.begin_task(
        context, TASK_NAME, host, begin, end, len(instances),
        'Instance usage audit started...')
    message = ('Instance usage audit ran for host %s, %d instances in '
               '%.2f seconds.' % (host, len(instances),
                                  time.monotonic() - started))
    objects.TaskLog.end_task(context, TASK_NAME, host, begin, end, 0,
                             message)
    LOG.info(message)
    return len(instances)
