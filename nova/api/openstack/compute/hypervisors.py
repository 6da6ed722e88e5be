"""/os-hypervisors: the compute nodes (admins): list, detail, show (with
its servers from 2.53), and until 2.87 the statistics summed over all and
one's uptime (from its host's driver; shown in the view from 2.88), and
until 2.52 the search by host name and the servers of the hypervisors
found. Ids are integers before 2.53 and UUIDs from it."""

from oslo_utils import strutils
from oslo_utils import uuidutils
import webob.exc

from nova.api.openstack import api_version_request as avr
from nova.api.openstack import common
from nova.api.openstack.compute.schemas import hypervisors as schemas
from nova.api.openstack.compute.views import hypervisors as views
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import api as compute_api
from nova.compute import rpcapi as compute_rpcapi
from nova import exception
from nova.i18n import _
from nova.policies import hypervisors as policies


def _paging(req):
    if not avr.is_supported(req, '2.33'):
        return None, None
    return common.get_limit_and_marker(req)


def _query(req):
    """(hostname pattern, with_servers) from 2.53 on."""
    if not avr.use_uuid_ids_for_services(req):
        return None, False
    pattern = common.last_value(req, 'hypervisor_hostname_pattern')
    with_servers = strutils.bool_from_string(
        common.last_value(req, 'with_servers', False))
    if pattern is not None and ('limit' in req.GET or 'marker' in req.GET):
        raise webob.exc.HTTPBadRequest(explanation=_(
            'Paging over hypervisors with the hypervisor_hostname_pattern '
            'query parameter is not supported.'))
    return pattern, with_servers


def _servers_on(ctx, host):
    return list(compute_api.API().get_all(
        ctx, search_opts={'host': host}, expected_attrs=[]))


def _list(req, detail, rule):
    ctx = req.context
    ctx.can(rule, target={})
    pattern, with_servers = _query(req)
    limit, marker = _paging(req)
    host_api = compute_api.HostAPI()
    try:
        nodes = list(host_api.compute_node_get_all(ctx, limit=limit,
                                                   marker=marker))
    except exception.MarkerNotFound as exc:
        raise webob.exc.HTTPBadRequest(explanation=exc.format_message())
    if pattern is not None:
        nodes = [n for n in nodes if pattern in n.hypervisor_hostname]
        if not nodes:
            raise webob.exc.HTTPNotFound(explanation=_(
                "No hypervisor matching '%s' could be found.") % pattern)
    views_list = []
    for node in nodes:
        service = host_api.service_get_by_compute_host(ctx, node.host)
        servers = _servers_on(ctx, node.host) if with_servers else None
        if servers == [] and not avr.strict_query_params(req):
            servers = None
        views_list.append(views.hypervisor(
            req, node, service, host_api.service_is_up(service), detail,
            servers))
    body = {'hypervisors': views_list}
    if limit is not None and views_list:
        collection = 'os-hypervisors/detail' if detail else 'os-hypervisors'
        links = common.collection_links(req, views_list, collection,
                                        views_list[-1]['id'])
        if links:
            body['hypervisors_links'] = links
    return body


def _query_schemas(func):
    func = validation.query_schema(schemas.index_query, '2.1', '2.32')(func)
    func = validation.query_schema(schemas.index_query_v233, '2.33',
                                   '2.52')(func)
    func = validation.query_schema(schemas.index_query_v253, '2.53',
                                   '2.74')(func)
    return validation.query_schema(schemas.index_query_v275, '2.75')(func)


@wsgi.expected_errors((400, 404))
@wsgi.policies(policies.LIST)
@_query_schemas
@validation.response_body_schema(schemas.index_response)
def index(req):
    return _list(req, False, policies.LIST)


@wsgi.expected_errors((400, 404))
@wsgi.policies(policies.LIST_DETAIL)
@_query_schemas
@validation.response_body_schema(schemas.detail_response, '2.1', '2.87')
@validation.response_body_schema(schemas.detail_response_v288, '2.88')
def detail(req):
    return _list(req, True, policies.LIST_DETAIL)


# -- one hypervisor, statistics, uptime, search ----

def _find(req, hypervisor_id):
    """The compute node ``hypervisor_id`` names: an integer id before
    2.53 (anything else: 404), a UUID from 2.53 (anything else: 400)."""
    ctx = req.context
    if avr.use_uuid_ids_for_services(req):
        if not uuidutils.is_uuid_like(hypervisor_id):
            raise webob.exc.HTTPBadRequest(
                explanation=_('Invalid uuid %s') % hypervisor_id)
        key = 'uuid'
    else:
        try:
            hypervisor_id = int(hypervisor_id)
        except ValueError:
            hypervisor_id = None
        key = 'id'
    for node in compute_api.HostAPI().compute_node_get_all(ctx):
        if hypervisor_id is not None and getattr(node, key) == hypervisor_id:
            return node
    raise webob.exc.HTTPNotFound(explanation=_(
        'Hypervisor with ID %s could not be found.') % hypervisor_id)


def _view(req, node, detail, servers=None):
    host_api = compute_api.HostAPI()
    service = host_api.service_get_by_compute_host(req.context, node.host)
    return views.hypervisor(req, node, service,
                            host_api.service_is_up(service), detail, servers)


def _uptime(ctx, node):
    try:
        return compute_rpcapi.ComputeAPI().get_host_uptime(ctx, node.host)
    except exception.HostActionNotSupported as exc:
        raise webob.exc.HTTPNotImplemented(explanation=exc.format_message())


@wsgi.expected_errors((400, 404, 501))
@wsgi.policies(policies.SHOW)
@validation.query_schema(schemas.show_query, '2.1', '2.52')
@validation.query_schema(schemas.show_query_v253, '2.53', '2.74')
@validation.query_schema(schemas.show_query_v275, '2.75')
@validation.response_body_schema(schemas.show_response, '2.1', '2.87')
@validation.response_body_schema(schemas.show_response_v288, '2.88')
def show(req, hypervisor_id):
    ctx = req.context
    ctx.can(policies.SHOW, target={})
    node = _find(req, hypervisor_id)
    servers = None
    if avr.use_uuid_ids_for_services(req) and strutils.bool_from_string(
            common.last_value(req, 'with_servers', False)):
        servers = _servers_on(ctx, node.host)
    view = _view(req, node, True, servers)
    if avr.hide_hypervisor_stats(req):
        view['uptime'] = _uptime(ctx, node)
    return {'hypervisor': view}


@wsgi.expected_errors((400, 404, 501))
@wsgi.api_version('2.1', '2.87')
@wsgi.policies(policies.UPTIME)
@validation.query_schema(schemas.show_query)
@validation.response_body_schema(schemas.uptime_response)
def uptime(req, hypervisor_id):
    ctx = req.context
    ctx.can(policies.UPTIME, target={})
    node = _find(req, hypervisor_id)
    view = _view(req, node, False)
    view['uptime'] = _uptime(ctx, node)
    return {'hypervisor': view}


@wsgi.expected_errors(())
@wsgi.api_version('2.1', '2.87')
@wsgi.policies(policies.STATISTICS)
@validation.query_schema(schemas.show_query)
@validation.response_body_schema(schemas.statistics_response)
def statistics(req):
    ctx = req.context
    ctx.can(policies.STATISTICS, target={})
    nodes = compute_api.HostAPI().compute_node_get_all(ctx)
    totals = {name: sum(common.field(n, name) or 0 for n in nodes)
              for name in views.STAT_FIELDS}
    totals['count'] = len(nodes)
    return {'hypervisor_statistics': totals}


def _matching(req, pattern):
    nodes = [n for n in compute_api.HostAPI().compute_node_get_all(
        req.context) if pattern in n.hypervisor_hostname]
    if not nodes:
        raise webob.exc.HTTPNotFound(explanation=_(
            "No hypervisor matching '%s' could be found.") % pattern)
    return nodes


@wsgi.expected_errors(404)
@wsgi.api_version('2.1', '2.52')
@wsgi.policies(policies.SEARCH)
@validation.query_schema(schemas.show_query)
@validation.response_body_schema(schemas.search_response)
def search(req, hypervisor_hostname_pattern):
    req.context.can(policies.SEARCH, target={})
    return {'hypervisors': [
        _view(req, n, False)
        for n in _matching(req, hypervisor_hostname_pattern)]}


@wsgi.expected_errors(404)
@wsgi.api_version('2.1', '2.52')
@wsgi.policies(policies.SERVERS)
@validation.query_schema(schemas.show_query)
@validation.response_body_schema(schemas.search_response)
def servers(req, hypervisor_hostname_pattern):
    ctx = req.context
    ctx.can(policies.SERVERS, target={})
    views_list = []
    for node in _matching(req, hypervisor_hostname_pattern):
        # Nova shows the key only for hypervisors running servers.
        views_list.append(_view(req, node, False,
                                _servers_on(ctx, node.host) or None))
    return {'hypervisors': views_list}
