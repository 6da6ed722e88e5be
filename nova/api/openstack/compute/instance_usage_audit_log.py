"""/os-instance_usage_audit_log[/{before_timestamp}] (admins): how far the
compute hosts got with the instance usage audit (``[DEFAULT]
instance_usage_audit``) of the last completed audit period, or of the last
one completed before ``before_timestamp`` (``YYYY-MM-DD HH:MM:SS[.ffffff]``;
anything else: 400)."""

import datetime

import webob.exc

from nova.api.openstack.compute.schemas import instance_usage_audit_log \
    as schemas
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import api as compute_api
from nova.compute import audit_period
from nova.compute import usage_audit
from nova import context as nova_context
from nova.i18n import _
from nova import objects
from nova.policies import instance_usage_audit_log as policies


def _report(ctx, before=None):
    begin, end = audit_period.last_completed(before=before)
    logs = []
    for cell in compute_api.CELLS.all(ctx):
        with nova_context.target_cell(ctx, cell) as cctxt:
            logs.extend(objects.TaskLogList.get_all(
                cctxt, usage_audit.TASK_NAME, begin, end))
    hosts = {s.host for s in compute_api.HostAPI().service_get_all(
        ctx, filters={'binary': 'nova-compute'})}
    done = {log.host for log in logs if log.state == 'DONE'}
    running = {log.host for log in logs if log.state == 'RUNNING'}
    errors = sum(log.errors or 0 for log in logs)
    return {
        'period_beginning': str(begin), 'period_ending': str(end),
        'num_hosts': len(hosts), 'num_hosts_done': len(done),
        'num_hosts_running': len(running),
        'num_hosts_not_run': len(hosts - {log.host for log in logs}),
        'hosts_not_run': sorted(hosts - {log.host for log in logs}),
        'total_instances': sum(log.task_items or 0 for log in logs),
        'total_errors': errors,
        'overall_status': '%s hosts done. %d errors.' % (
            'ALL' if len(done) == len(hosts) else '%d of %d' % (
                len(done), len(hosts)), errors),
        'log': {log.host: {'state': log.state,
                           'instances': log.task_items,
                           'errors': log.errors, 'message': log.message}
                for log in logs},
    }


@wsgi.expected_errors(())
@wsgi.policies(policies.LIST)
@validation.query_schema(schemas.no_query)
@validation.response_body_schema(schemas.index_response)
def index(req):
    req.context.can(policies.LIST, target={})
    return {'instance_usage_audit_logs': _report(req.context)}


@wsgi.expected_errors(400)
@wsgi.policies(policies.SHOW)
@validation.query_schema(schemas.no_query)
@validation.response_body_schema(schemas.show_response)
def show(req, before_timestamp):
    req.context.can(policies.SHOW, target={})
    fmt = ('%Y-%m-%d %H:%M:%S.%f' if '.' in before_timestamp
           else '%Y-%m-%d %H:%M:%S')
    try:
        before = datetime.datetime.strptime(before_timestamp, fmt)
    except ValueError:
        raise webob.exc.HTTPBadRequest(explanation=_(
            'Invalid timestamp for date %s') % before_timestamp)
    return {'instance_usage_audit_log': _report(req.context, before)}
