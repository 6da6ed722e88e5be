"""The addFixedIp and removeFixedIp server actions (2.1 - 2.43): one more
address for the server's port on a network, or one address less.

202 once the server's host has the work. 400: the server has no port on
that network, or no such address; 404: no such server; 409: the server's
state or lock.
"""

import webob.exc

from nova.api.openstack.compute import action_runner
from nova.api.openstack.compute.schemas import multinic as schemas
from nova.api.openstack.compute import servers
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import api as compute_api
from nova import exception
from nova.policies import multinic as policies

_BAD_REQUESTS = (exception.NetworkNotFoundForInstance,
                 exception.FixedIpNotFoundForInstance)


def _run(req, server_id, rule, call):
    ctx = req.context
    instance = servers.get(ctx, server_id, None)
    ctx.can(rule, target={'project_id': instance.project_id})

    def start(ctx, instance):
        try:
            call(ctx, instance)
        except _BAD_REQUESTS as exc:
            raise webob.exc.HTTPBadRequest(explanation=exc.format_message())

    action_runner.start(ctx, instance, start)


@wsgi.response(202)
@wsgi.expected_errors((400, 404, 409))
@wsgi.api_version('2.1', '2.43')
@wsgi.policies(policies.ADD)
@validation.schema(schemas.add_fixed_ip)
@validation.response_body_schema(schemas.no_body_response)
def add_fixed_ip(req, server_id, body):
    network_id = str(body['addFixedIp']['networkId'])
    _run(req, server_id, policies.ADD,
         lambda ctx, instance: compute_api.API().add_fixed_ip(
             ctx, instance, network_id))


@wsgi.response(202)
@wsgi.expected_errors((400, 404, 409))
@wsgi.api_version('2.1', '2.43')
@wsgi.policies(policies.REMOVE)
@validation.schema(schemas.remove_fixed_ip)
@validation.response_body_schema(schemas.no_body_response)
def remove_fixed_ip(req, server_id, body):
    address = body['removeFixedIp']['address']
    _run(req, server_id, policies.REMOVE,
         lambda ctx, instance: compute_api.API().remove_fixed_ip(
             ctx, instance, address))
