"""/servers/{server_id}/ips: a server's fixed and floating addresses,
by network label, from its cached network info."""

import webob.exc

from nova.api.openstack.compute.schemas import ips as schemas
from nova.api.openstack.compute.views import servers as server_views
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import api as compute_api
from nova import exception
from nova.i18n import _
from nova.policies import ips as policies


def _load(req, server_id, rule):
    ctx = req.context
    try:
        instance = compute_api.API().get(ctx, server_id,
                                         expected_attrs=['info_cache'])
    except exception.InstanceNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    ctx.can(rule, target={'project_id': instance.project_id})
    return instance


def addresses(instance):
    """{label: [{'version', 'addr'}]}: the servers view, trimmed."""
    return {label: [{'version': entry['version'], 'addr': entry['addr']}
                    for entry in entries]
            for label, entries in server_views.addresses(instance).items()}


@wsgi.expected_errors(404)
@wsgi.policies(policies.INDEX)
@validation.query_schema(schemas.index_query, '2.1', '2.74')
@validation.query_schema(schemas.index_query_v275, '2.75')
@validation.response_body_schema(schemas.index_response)
def index(req, server_id):
    instance = _load(req, server_id, policies.INDEX)
    return {'addresses': addresses(instance)}


@wsgi.expected_errors(404)
@wsgi.policies(policies.SHOW)
@validation.query_schema(schemas.show_query, '2.1', '2.74')
@validation.query_schema(schemas.show_query_v275, '2.75')
@validation.response_body_schema(schemas.show_response)
def show(req, server_id, network_label):
    instance = _load(req, server_id, policies.SHOW)
    found = addresses(instance)
    if network_label not in found:
        raise webob.exc.HTTPNotFound(
            explanation=_('Instance is not a member of specified network'))
    return {network_label: found[network_label]}
