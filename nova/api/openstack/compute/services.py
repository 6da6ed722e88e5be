"""/os-services (admins): list the services; enable, disable (with a
reason) or force down one (by action before 2.53, by UUID from it); delete
one, a compute service with its compute nodes and resource providers."""

from oslo_utils import strutils
from oslo_utils import uuidutils
import webob.exc

from nova.api.openstack import api_version_request as avr
from nova.api.openstack import common
from nova.api.openstack.compute.schemas import services as schemas
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import api as compute_api
from nova import context as nova_context
from nova import exception
from nova.i18n import _
from nova import objects
from nova.policies import services as policies
from nova.scheduler.client import report

_TIME_FORMAT = '%Y-%m-%dT%H:%M:%S.%f'


def service_view(req, service, is_up):
    updated = (common.field(service, 'updated_at') or
               common.field(service, 'created_at'))
    view = {
        'id': service.uuid if avr.use_uuid_ids_for_services(req)
        else service.id,
        'binary': service.binary,
        'host': service.host,
        'zone': common.field(service, 'availability_zone'),
        'status': 'disabled' if service.disabled else 'enabled',
        'state': 'up' if is_up else 'down',
        'updated_at': (updated.replace(tzinfo=None).strftime(_TIME_FORMAT)
                       if updated else None),
        'disabled_reason': common.field(service, 'disabled_reason'),
    }
    if avr.allow_service_forced_down(req):
        view['forced_down'] = bool(common.field(service, 'forced_down'))
    return view


@wsgi.expected_errors(())
@wsgi.policies(policies.LIST)
@validation.query_schema(schemas.index_query, '2.1', '2.74')
@validation.query_schema(schemas.index_query_v275, '2.75')
@validation.response_body_schema(schemas.index_response, '2.1', '2.10')
@validation.response_body_schema(schemas.index_response_v211, '2.11')
def index(req):
    ctx = req.context
    ctx.can(policies.LIST, target={})
    filters = {}
    for name in ('host', 'binary'):
        value = common.last_value(req, name)
        if value:
            filters[name] = value
    host_api = compute_api.HostAPI()
    services = host_api.service_get_all(ctx, filters=filters or None,
                                        set_zones=True)
    return {'services': [service_view(req, svc, host_api.service_is_up(svc))
                         for svc in services]}


# -- update and delete ----

def _find(ctx, **where):
    """``(service, cell)`` of the one service matching ``where`` (``id``
    or ``uuid``, or ``host`` and ``binary``), in any cell; 404 if none."""
    for cell in compute_api.CELLS.all(ctx):
        if cell.is_cell0():
            continue
        with nova_context.target_cell(ctx, cell) as cctxt:
            try:
                if 'uuid' in where:
                    return objects.Service.get_by_uuid(
                        cctxt, where['uuid']), cell
                if 'id' in where:
                    return objects.Service.get_by_id(
                        cctxt, where['id']), cell
            except exception.ServiceNotFound:
                continue
            service = objects.Service.get_by_host_and_binary(
                cctxt, where['host'], where['binary'])
            if service is not None:
                return service, cell
    raise webob.exc.HTTPNotFound(explanation=_('Service not found.'))


def _save(ctx, cell, service):
    with nova_context.target_cell(ctx, cell) as cctxt:
        service._context = cctxt
        service.save()


def _update_by_action(req, action, body):
    """Before 2.53: ``enable``, ``disable``, ``disable-log-reason`` and
    (2.11) ``force-down`` on the service ``host``/``binary``."""
    ctx = req.context
    actions = ('enable', 'disable', 'disable-log-reason')
    if avr.allow_service_forced_down(req):
        actions += ('force-down',)
    if action not in actions:
        raise webob.exc.HTTPNotFound(
            explanation=_('Unknown action %s') % action)
    service, cell = _find(ctx, host=body['host'], binary=body['binary'])
    view = {'host': service.host, 'binary': service.binary}
    if action == 'force-down':
        if 'forced_down' not in body:
            raise webob.exc.HTTPBadRequest(
                explanation=_('Missing forced_down field'))
        service.forced_down = strutils.bool_from_string(body['forced_down'])
        view['forced_down'] = service.forced_down
    else:
        if action == 'disable-log-reason' and not body.get(
                'disabled_reason'):
            raise webob.exc.HTTPBadRequest(
                explanation=_('Missing disabled reason field'))
        service.disabled = action != 'enable'
        service.disabled_reason = body.get('disabled_reason')
        view['status'] = 'disabled' if service.disabled else 'enabled'
        if action == 'disable-log-reason':
            view['disabled_reason'] = service.disabled_reason
    _save(ctx, cell, service)
    return {'service': view}


def _update_by_uuid(req, service_id, body):
    """From 2.53: ``status``, ``disabled_reason`` and ``forced_down`` of
    the service ``service_id`` (a UUID); the whole service back."""
    ctx = req.context
    if not uuidutils.is_uuid_like(service_id):
        raise webob.exc.HTTPBadRequest(
            explanation=_('Invalid uuid %s') % service_id)
    if not body:
        raise webob.exc.HTTPBadRequest(explanation=_(
            'At least one of status or forced_down must be specified.'))
    status = body.get('status')
    if 'disabled_reason' in body and status != 'disabled':
        raise webob.exc.HTTPBadRequest(explanation=_(
            'Specifying a disabled_reason is only supported when the '
            'status is disabled.'))
    service, cell = _find(ctx, uuid=service_id)
    if 'forced_down' in body and service.binary != 'nova-compute':
        raise webob.exc.HTTPBadRequest(explanation=_(
            'Updating a %s service is not supported. Only nova-compute '
            'services can be updated.') % service.binary)
    if status is not None:
        service.disabled = status == 'disabled'
        service.disabled_reason = body.get('disabled_reason')
    if 'forced_down' in body:
        service.forced_down = strutils.bool_from_string(body['forced_down'])
    _save(ctx, cell, service)
    services = compute_api.HostAPI().service_get_all(
        ctx, filters={'host': service.host, 'binary': service.binary},
        set_zones=True)
    return {'service': service_view(
        req, services[0], compute_api.HostAPI().service_is_up(services[0]))}


@wsgi.expected_errors((400, 404))
@wsgi.policies(policies.UPDATE)
@validation.schema(schemas.update_action, '2.1', '2.10')
@validation.schema(schemas.update_action_v211, '2.11', '2.52')
@validation.schema(schemas.update_v253, '2.53')
@validation.response_body_schema(schemas.update_action_response, '2.1',
                                 '2.52')
@validation.response_body_schema(schemas.update_response_v253, '2.53')
def update(req, service_id, body):
    req.context.can(policies.UPDATE, target={})
    if avr.use_uuid_ids_for_services(req):
        return _update_by_uuid(req, service_id, body)
    return _update_by_action(req, service_id, body)


@wsgi.response(204)
@wsgi.expected_errors((400, 404, 409))
@wsgi.policies(policies.DELETE)
@validation.query_schema(schemas.no_query)
@validation.response_body_schema(schemas.delete_response)
def delete(req, service_id):
    """Delete a service; a compute service takes its compute nodes, their
    resource providers and its host mapping with it, and is refused (409)
    while servers are on its host."""
    ctx = req.context
    ctx.can(policies.DELETE, target={})
    if avr.use_uuid_ids_for_services(req):
        if not uuidutils.is_uuid_like(service_id):
            raise webob.exc.HTTPBadRequest(
                explanation=_('Invalid uuid %s') % service_id)
        service, cell = _find(ctx, uuid=service_id)
    else:
        try:
            service, cell = _find(ctx, id=int(service_id))
        except ValueError:
            raise webob.exc.HTTPBadRequest(
                explanation=_('Invalid service id %s') % service_id)
    with nova_context.target_cell(ctx, cell) as cctxt:
        if service.binary == 'nova-compute':
            _delete_compute_host(ctx, cctxt, service.host)
        service._context = cctxt
        service.destroy()


def _delete_compute_host(ctx, cctxt, host):
    if objects.InstanceList.get_by_host(cctxt, host):
        raise webob.exc.HTTPConflict(explanation=_(
            'Unable to delete compute service that is hosting instances. '
            'Migrate or delete the instances first.'))
    report_client = report.SchedulerReportClient()
    for node in objects.ComputeNodeList.get_all_by_host(cctxt, host):
        try:
            report_client.delete_resource_provider(ctx, node.uuid)
        except exception.ResourceProviderInUse:
            raise webob.exc.HTTPConflict(explanation=_(
                'Unable to delete compute service that has in-progress '
                'migrations or allocations.'))
        node.destroy()
    objects.HostMapping.destroy_by_host(ctx, host)
