"""/os-hosts (deprecated, up to microversion 2.42; admins): the hosts of
the cloud's services, the resources of a compute host, enabling or
disabling it, its maintenance mode and its power actions.

A host lists once per service on it (``service``: compute, conductor,
scheduler...) with its availability zone. A compute host's resources
read, as Nova shows them: its totals (``(total)``), what its node
reports in use (``(used_now)``), what its servers' flavors add up to
(``(used_max)``), then per project. ``status`` enables or disables the
host's nova-compute service (as os-services does); maintenance mode and
the power actions go to the host's driver, 501 when it has none.
"""

import collections

import webob.exc

from nova.api.openstack import common
from nova.api.openstack.compute.schemas import hosts as schemas
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import api as compute_api
from nova.compute import rpcapi as compute_rpcapi
from nova import context as nova_context
from nova import exception
from nova import objects
from nova.policies import hosts as policies

_MAX = '2.42'


def _service_name(binary):
    return binary[len('nova-'):] if binary.startswith('nova-') else binary


@wsgi.expected_errors(())
@wsgi.api_version('2.1', _MAX)
@wsgi.policies(policies.LIST)
@validation.query_schema(schemas.index_query)
@validation.response_body_schema(schemas.index_response)
def index(req):
    ctx = req.context
    ctx.can(policies.LIST, target={})
    zone = common.last_value(req, 'zone')
    services = compute_api.HostAPI().service_get_all(ctx, set_zones=True)
    hosts = [{'host_name': s.host, 'service': _service_name(s.binary),
              'zone': s.availability_zone} for s in services]
    # A blank zone is no filter, as in Nova.
    if zone:
        hosts = [h for h in hosts if h['zone'] == zone]
    return {'hosts': hosts}


def _compute_service(ctx, host_name):
    """The nova-compute service of ``host_name`` (404 when none) and its
    cell's context."""
    try:
        mapping = objects.HostMapping.get_by_host(ctx, host_name)
    except exception.NotFound:
        mapping = None
    if mapping is None:
        raise webob.exc.HTTPNotFound(explanation=exception.ComputeHostNotFound(
            host=host_name).format_message())
    cell = mapping.cell_mapping
    with nova_context.target_cell(ctx, cell) as cctxt:
        try:
            return objects.Service.get_by_compute_host(cctxt, host_name), cell
        except exception.ComputeHostNotFound as exc:
            raise webob.exc.HTTPNotFound(explanation=exc.format_message())


def _row(host, project, cpu, memory_mb, disk_gb):
    return {'resource': {'host': host, 'project': project, 'cpu': cpu,
                         'memory_mb': memory_mb, 'disk_gb': disk_gb}}


@wsgi.expected_errors(404)
@wsgi.api_version('2.1', _MAX)
@wsgi.policies(policies.SHOW)
@validation.query_schema(schemas.no_query)
@validation.response_body_schema(schemas.show_response)
def show(req, host_name):
    ctx = req.context
    ctx.can(policies.SHOW, target={})
    _service, cell = _compute_service(ctx, host_name)
    with nova_context.target_cell(ctx, cell) as cctxt:
        nodes = objects.ComputeNodeList.get_all_by_host(cctxt, host_name)
        instances = objects.InstanceList.get_by_host(cctxt, host_name)
    rows = [
        _row(host_name, '(total)', sum(n.vcpus for n in nodes),
             sum(n.memory_mb for n in nodes),
             sum(n.local_gb for n in nodes)),
        _row(host_name, '(used_now)', sum(n.vcpus_used for n in nodes),
             sum(n.memory_mb_used for n in nodes),
             sum(n.local_gb_used for n in nodes)),
    ]
    per_project = collections.defaultdict(lambda: [0, 0, 0])
    for instance in instances:
        used = per_project[instance.project_id]
        used[0] += instance.vcpus or 0
        used[1] += instance.memory_mb or 0
        used[2] += (instance.root_gb or 0) + (instance.ephemeral_gb or 0)
    rows.append(_row(host_name, '(used_max)',
                     *[sum(u[i] for u in per_project.values())
                       for i in range(3)]))
    rows.extend(_row(host_name, project, *used)
                for project, used in sorted(per_project.items()))
    return {'host': rows}


@wsgi.expected_errors((400, 404, 501))
@wsgi.api_version('2.1', _MAX)
@wsgi.policies(policies.UPDATE)
@validation.schema(schemas.update)
@validation.response_body_schema(schemas.update_response)
def update(req, host_name, body):
    ctx = req.context
    ctx.can(policies.UPDATE, target={})
    service, cell = _compute_service(ctx, host_name)
    result = {'host': host_name}
    if 'maintenance_mode' in body:
        mode = body['maintenance_mode'].lower() == 'enable'
        try:
            result['maintenance_mode'] = (
                compute_rpcapi.ComputeAPI().host_maintenance_mode(
                    ctx, host_name, mode))
        except exception.HostActionNotSupported as exc:
            raise webob.exc.HTTPNotImplemented(
                explanation=exc.format_message())
    if 'status' in body:
        enabled = body['status'].lower() == 'enable'
        with nova_context.target_cell(ctx, cell) as cctxt:
            service = objects.Service.get_by_compute_host(cctxt, host_name)
            service.disabled = not enabled
            service.disabled_reason = None if enabled else 'os-hosts'
            service.save()
        result['status'] = 'enabled' if enabled else 'disabled'
    return result


def _power_action(req, host_name, action):
    ctx = req.context
    _compute_service(ctx, host_name)
    try:
        done = compute_rpcapi.ComputeAPI().host_power_action(
            ctx, host_name, action)
    except exception.HostActionNotSupported as exc:
        raise webob.exc.HTTPNotImplemented(explanation=exc.format_message())
    return {'host': host_name, 'power_action': done}


def _power_handler(rule):
    def decorator(func):
        for wrap in (validation.response_body_schema(schemas.power_response),
                     validation.query_schema(schemas.no_query),
                     wsgi.policies(rule), wsgi.api_version('2.1', _MAX),
                     wsgi.expected_errors((404, 501))):
            func = wrap(func)
        return func
    return decorator


@_power_handler(policies.REBOOT)
def reboot(req, host_name):
    req.context.can(policies.REBOOT, target={})
    return _power_action(req, host_name, 'reboot')


@_power_handler(policies.SHUTDOWN)
def shutdown(req, host_name):
    req.context.can(policies.SHUTDOWN, target={})
    return _power_action(req, host_name, 'shutdown')


@_power_handler(policies.START)
def startup(req, host_name):
    req.context.can(policies.START, target={})
    return _power_action(req, host_name, 'startup')
