"""/os-simple-tenant-usage[/{tenant_id}]: what projects' servers used in
a period: hours, and vCPU-, MiB- and GiB-hours, per project and (when
``detailed=1``, always for one project) per server.

The period is ``start`` .. ``end`` (naive UTC, ``%Y-%m-%dT%H:%M:%S`` with
optional microseconds; each defaults to now, and ``end`` is cut at now);
a start not before the end: 400. A server counts for the hours it was
running within the period, from its launch to its deletion. From 2.40
the servers are paged (``limit``, ``marker``: a server UUID) and a next
link follows a full page, as Nova's api-ref says.
"""

import collections
import datetime

from oslo_utils import timeutils
import webob.exc

from nova.api.openstack import api_version_request as avr
from nova.api.openstack import common
from nova.api.openstack.compute.schemas import simple_tenant_usage as schemas
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import api as compute_api
import nova.conf
from nova import context as nova_context
from nova import exception
from nova.i18n import _
from nova import objects
from nova.policies import simple_tenant_usage as policies

CONF = nova.conf.CONF
_FORMATS = ('%Y-%m-%dT%H:%M:%S', '%Y-%m-%dT%H:%M:%S.%f',
            '%Y-%m-%d %H:%M:%S.%f')


def _parse_time(value, now):
    if not value:
        return now
    for fmt in _FORMATS:
        try:
            return datetime.datetime.strptime(value, fmt)
        except ValueError:
            continue
    raise webob.exc.HTTPBadRequest(explanation=_(
        'Invalid input received: Datetime is in invalid format'))


def _period(req):
    now = timeutils.utcnow().replace(tzinfo=None)
    start = _parse_time(common.last_value(req, 'start'), now)
    stop = _parse_time(common.last_value(req, 'end'), now)
    if not start < stop:
        raise webob.exc.HTTPBadRequest(explanation=_(
            'Invalid start time. The start time cannot occur after the end '
            'time.'))
    return start, min(stop, now), now


def _instances(ctx, start, stop, tenant_id, limit, marker):
    """The servers running at some time of the period (deleted ones too),
    oldest first, the page after ``marker``."""
    filters = {'include_deleted': True, 'launched-before': stop,
               'active-after': start}
    if tenant_id:
        filters['project_id'] = tenant_id
    found = []
    for cell in compute_api.CELLS.all(ctx):
        with nova_context.target_cell(ctx, cell) as cctxt:
            found.extend(objects.InstanceList.get_by_filters(
                cctxt, filters, sort_keys=['created_at', 'uuid'],
                sort_dirs=['asc', 'asc']))
    found.sort(key=lambda i: (i.created_at, i.uuid))
    if marker is not None:
        uuids = [i.uuid for i in found]
        if marker not in uuids:
            raise webob.exc.HTTPBadRequest(
                explanation=exception.MarkerNotFound(
                    marker=marker).format_message())
        found = found[uuids.index(marker) + 1:]
    return found[:limit] if limit is not None else found


def _naive(value):
    return value.replace(tzinfo=None) if value else None


def _server_usage(instance, start, stop, now):
    launched = _naive(instance.launched_at)
    ended = _naive(instance.terminated_at)
    running_from = max(launched, start)
    running_to = min(stop, ended) if ended else stop
    hours = max((running_to - running_from).total_seconds(), 0) / 3600.0
    flavor = instance.flavor
    return {
        'instance_id': instance.uuid, 'name': instance.display_name or '',
        'tenant_id': instance.project_id, 'hours': hours,
        'flavor': flavor.name, 'memory_mb': flavor.memory_mb,
        'local_gb': flavor.root_gb + flavor.ephemeral_gb,
        'vcpus': flavor.vcpus,
        'started_at': common.isotime(launched),
        'ended_at': common.isotime(ended) if ended else None,
        'state': 'terminated' if ended else instance.vm_state,
        'uptime': int(((ended or now) - launched).total_seconds()),
    }


def _usages(instances, start, stop, now, detailed):
    """One summary per project, in the order projects first appear."""
    summaries = collections.OrderedDict()
    for instance in instances:
        usage = _server_usage(instance, start, stop, now)
        summary = summaries.get(usage['tenant_id'])
        if summary is None:
            summary = summaries[usage['tenant_id']] = {
                'tenant_id': usage['tenant_id'], 'total_hours': 0,
                'total_vcpus_usage': 0, 'total_memory_mb_usage': 0,
                'total_local_gb_usage': 0,
                'start': common.isotime(start), 'stop': common.isotime(stop)}
            if detailed:
                summary['server_usages'] = []
        summary['total_hours'] += usage['hours']
        summary['total_vcpus_usage'] += usage['vcpus'] * usage['hours']
        summary['total_memory_mb_usage'] += (usage['memory_mb'] *
                                             usage['hours'])
        summary['total_local_gb_usage'] += usage['local_gb'] * usage['hours']
        if detailed:
            summary['server_usages'].append(usage)
    return list(summaries.values())


def _paging(req):
    if avr.is_supported(req, '2.40'):
        return common.get_limit_and_marker(req)
    return CONF.api.max_limit, None


def _links(req, instances, collection):
    if not avr.is_supported(req, '2.40') or not instances:
        return None
    links = common.collection_links(req, instances, collection,
                                    instances[-1].uuid)
    return links or None


@wsgi.expected_errors(400)
@wsgi.policies(policies.LIST)
@validation.query_schema(schemas.index_query, '2.1', '2.39')
@validation.query_schema(schemas.index_query_v240, '2.40', '2.74')
@validation.query_schema(schemas.index_query_v275, '2.75')
@validation.response_body_schema(schemas.index_response, '2.1', '2.39')
@validation.response_body_schema(schemas.index_response_v240, '2.40')
def index(req):
    ctx = req.context
    ctx.can(policies.LIST, target={})
    start, stop, now = _period(req)
    limit, marker = _paging(req)
    instances = _instances(ctx, start, stop, None, limit, marker)
    detailed = common.last_value(req, 'detailed') == '1'
    body = {'tenant_usages': _usages(instances, start, stop, now, detailed)}
    links = _links(req, instances, 'os-simple-tenant-usage')
    if links:
        body['tenant_usages_links'] = links
    return body


@wsgi.expected_errors(400)
@wsgi.policies(policies.SHOW)
@validation.query_schema(schemas.show_query, '2.1', '2.39')
@validation.query_schema(schemas.show_query_v240, '2.40', '2.74')
@validation.query_schema(schemas.show_query_v275, '2.75')
@validation.response_body_schema(schemas.show_response, '2.1', '2.39')
@validation.response_body_schema(schemas.show_response_v240, '2.40')
def show(req, tenant_id):
    ctx = req.context
    ctx.can(policies.SHOW, target={'project_id': tenant_id})
    start, stop, now = _period(req)
    limit, marker = _paging(req)
    instances = _instances(ctx, start, stop, tenant_id, limit, marker)
    usages = _usages(instances, start, stop, now, True)
    body = {'tenant_usage': usages[0] if usages else {}}
    links = _links(req, instances,
                   'os-simple-tenant-usage/%s' % tenant_id)
    if links:
        body['tenant_usage_links'] = links
    return body
