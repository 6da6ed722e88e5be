"""The rescue, unrescue, changePassword, trigger_crash_dump (2.17),
os-resetState and injectNetworkInfo (admin) actions of
POST /servers/{server_id}/action.

Each answers 202 once its host has the work (changePassword: once the
host has set the password). 400: bad body or rescue image; 404: no such
server; 409: the server's state does not allow the action, another task
is in progress or it is locked and the caller is not an admin
(``nova.compute.states``).
"""

import webob.exc

from nova.api.openstack.compute import action_runner
from nova.api.openstack.compute.schemas import server_tasks as schemas
from nova.api.openstack.compute import servers
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import api as compute_api
import nova.conf
from nova import exception
from nova.policies import server_tasks as policies
from nova import utils

CONF = nova.conf.CONF


def _run(req, server_id, rule, call):
    ctx = req.context
    instance = servers.get(ctx, server_id, None)
    ctx.can(rule, target=action_runner.target(instance))
    return action_runner.start(ctx, instance, call)


@wsgi.response(200)
@wsgi.expected_errors((400, 404, 409))
@wsgi.policies(policies.RESCUE)
@validation.schema(schemas.rescue)
@validation.response_body_schema(schemas.rescue_response)
def rescue(req, server_id, body):
    args = body['rescue'] or {}
    password = args.get('adminPass') or utils.generate_password()

    def start(ctx, instance):
        try:
            compute_api.API().rescue(ctx, instance, password,
                                     args.get('rescue_image_ref'))
        except exception.ImageNotFound as exc:
            raise webob.exc.HTTPBadRequest(explanation=exc.format_message())

    _run(req, server_id, policies.RESCUE, start)
    if CONF.api.enable_instance_password:
        return {'adminPass': password}
    return {}


@wsgi.response(202)
@wsgi.expected_errors((404, 409))
@wsgi.policies(policies.UNRESCUE)
@validation.schema(schemas.unrescue)
@validation.response_body_schema(schemas.no_body_response)
def unrescue(req, server_id, body):
    _run(req, server_id, policies.UNRESCUE,
         lambda ctx, instance: compute_api.API().unrescue(ctx, instance))


@wsgi.response(202)
@wsgi.expected_errors((404, 409))
@wsgi.policies(policies.ADMIN_PASSWORD)
@validation.schema(schemas.change_password)
@validation.response_body_schema(schemas.no_body_response)
def change_password(req, server_id, body):
    password = body['changePassword']['adminPass']
    _run(req, server_id, policies.ADMIN_PASSWORD,
         lambda ctx, instance: compute_api.API().set_admin_password(
             ctx, instance, password))


@wsgi.response(202)
@wsgi.expected_errors((404, 409))
@wsgi.api_version('2.17')
@wsgi.policies(policies.CRASH_DUMP)
@validation.schema(schemas.trigger_crash_dump)
@validation.response_body_schema(schemas.no_body_response)
def trigger_crash_dump(req, server_id, body):
    _run(req, server_id, policies.CRASH_DUMP,
         lambda ctx, instance: compute_api.API().trigger_crash_dump(
             ctx, instance))


@wsgi.response(202)
@wsgi.expected_errors((404, 409))
@wsgi.policies(policies.RESET_STATE)
@validation.schema(schemas.reset_state)
@validation.response_body_schema(schemas.no_body_response)
def reset_state(req, server_id, body):
    state = body['os-resetState']['state']
    _run(req, server_id, policies.RESET_STATE,
         lambda ctx, instance: compute_api.API().reset_state(
             ctx, instance, state))


@wsgi.response(202)
@wsgi.expected_errors((404, 409))
@wsgi.policies(policies.INJECT_NETWORK_INFO)
@validation.schema(schemas.inject_network_info)
@validation.response_body_schema(schemas.no_body_response)
def inject_network_info(req, server_id, body):
    _run(req, server_id, policies.INJECT_NETWORK_INFO,
         lambda ctx, instance: compute_api.API().inject_network_info(
             ctx, instance))
