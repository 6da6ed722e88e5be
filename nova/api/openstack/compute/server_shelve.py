"""The shelve, shelveOffload (admin) and unshelve actions of POST
/servers/{server_id}/action.

202 once the server is in the action's task_state. 400: bad body, unknown
availability zone or host; 403: unshelving to a host without the
``unshelve_to_host`` rule; 404: no such server; 409: its state does not
allow the action (shelve: ACTIVE, SHUTOFF, PAUSED or SUSPENDED;
shelveOffload: SHELVED; unshelve: SHELVED or SHELVED_OFFLOADED, and only
the latter with a zone or host), or it is locked and the caller is not an
admin.
"""

from nova.api.openstack import api_version_request as avr
from nova.api.openstack.compute import action_runner
from nova.api.openstack.compute.schemas import shelve as schemas
from nova.api.openstack.compute import servers
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import api as compute_api
from nova.policies import shelve as policies


def _run(req, server_id, rule, call):
    ctx = req.context
    instance = servers.get(ctx, server_id, None)
    ctx.can(rule, target=action_runner.target(instance))
    return action_runner.start(ctx, instance, call)


@wsgi.response(202)
@wsgi.expected_errors((404, 409))
@wsgi.policies(policies.SHELVE)
@validation.schema(schemas.shelve)
@validation.response_body_schema(schemas.no_body_response)
def shelve(req, server_id, body):
    _run(req, server_id, policies.SHELVE,
         lambda ctx, instance: compute_api.API().shelve(ctx, instance))


@wsgi.response(202)
@wsgi.expected_errors((404, 409))
@wsgi.policies(policies.SHELVE_OFFLOAD)
@validation.schema(schemas.shelve_offload)
@validation.response_body_schema(schemas.no_body_response)
def shelve_offload(req, server_id, body):
    _run(req, server_id, policies.SHELVE_OFFLOAD,
         lambda ctx, instance: compute_api.API().shelve_offload(
             ctx, instance))


@wsgi.response(202)
@wsgi.expected_errors((400, 404, 409))
@wsgi.policies(policies.UNSHELVE, policies.UNSHELVE_TO_HOST)
@validation.schema(schemas.unshelve, '2.1', '2.76')
@validation.schema(schemas.unshelve_v277, '2.77', '2.90')
@validation.schema(schemas.unshelve_v291, '2.91')
@validation.response_body_schema(schemas.no_body_response)
def unshelve(req, server_id, body):
    args = body['unshelve'] or {}
    host = args.get('host')
    zone = args.get('availability_zone')
    unpin = (avr.is_supported(req, '2.91') and
             'availability_zone' in args and zone is None)
    if host is not None:
        req.context.can(policies.UNSHELVE_TO_HOST)
    _run(req, server_id, policies.UNSHELVE,
         lambda ctx, instance: compute_api.API().unshelve(
             ctx, instance, availability_zone=zone, host=host,
             unpin_az=unpin))
