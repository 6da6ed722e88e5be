"""/os-hypervisors: list compute nodes (admin)."""

from oslo_utils import strutils
import webob.exc

from nova.api.openstack import api_version_request as avr
from nova.api.openstack import common
from nova.api.openstack.compute.schemas import hypervisors as schemas
from nova.api.openstack.compute.views import hypervisors as views
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import api as compute_api
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
