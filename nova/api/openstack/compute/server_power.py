"""The power actions of POST /servers/{server_id}/action: os-stop,
os-start, reboot, pause, unpause, suspend and resume.

Each answers 202 once the server is in the action's task_state; its host
finishes it. 404: no such server (or another project's); 409: the server's
state does not allow the action, another task is in progress (the message
names the state), or it is locked and the caller is not an admin. States:
``nova.compute.states``.
"""

import webob.exc

from nova.api.openstack.compute.schemas import server_power as schemas
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import api as compute_api
from nova import exception
from nova.policies import server_power as policies


def _act(req, server_id, rule, operation):
    ctx = req.context
    api = compute_api.API()
    try:
        instance = api.get(ctx, server_id)
        ctx.can(rule, target={'project_id': instance.project_id,
                              'user_id': instance.user_id})
        api.power_action(ctx, instance, operation)
    except exception.InstanceNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    except (exception.InstanceInvalidState, exception.InstanceIsLocked,
            exception.ComputeServiceTooOld) as exc:
        raise webob.exc.HTTPConflict(explanation=exc.format_message())


@wsgi.response(202)
@wsgi.expected_errors((404, 409))
@wsgi.policies(policies.STOP)
@validation.schema(schemas.stop)
@validation.response_body_schema(schemas.no_body_response)
def stop(req, server_id, body):
    _act(req, server_id, policies.STOP, 'stop')


@wsgi.response(202)
@wsgi.expected_errors((404, 409))
@wsgi.policies(policies.START)
@validation.schema(schemas.start)
@validation.response_body_schema(schemas.no_body_response)
def start(req, server_id, body):
    _act(req, server_id, policies.START, 'start')


@wsgi.response(202)
@wsgi.expected_errors((404, 409))
@wsgi.policies(policies.PAUSE)
@validation.schema(schemas.pause)
@validation.response_body_schema(schemas.no_body_response)
def pause(req, server_id, body):
    _act(req, server_id, policies.PAUSE, 'pause')


@wsgi.response(202)
@wsgi.expected_errors((404, 409))
@wsgi.policies(policies.UNPAUSE)
@validation.schema(schemas.unpause)
@validation.response_body_schema(schemas.no_body_response)
def unpause(req, server_id, body):
    _act(req, server_id, policies.UNPAUSE, 'unpause')


@wsgi.response(202)
@wsgi.expected_errors((404, 409))
@wsgi.policies(policies.SUSPEND)
@validation.schema(schemas.suspend)
@validation.response_body_schema(schemas.no_body_response)
def suspend(req, server_id, body):
    _act(req, server_id, policies.SUSPEND, 'suspend')


@wsgi.response(202)
@wsgi.expected_errors((404, 409))
@wsgi.policies(policies.RESUME)
@validation.schema(schemas.resume)
@validation.response_body_schema(schemas.no_body_response)
def resume(req, server_id, body):
    _act(req, server_id, policies.RESUME, 'resume')


@wsgi.response(202)
@wsgi.expected_errors((404, 409))
@wsgi.policies(policies.REBOOT)
@validation.schema(schemas.reboot)
@validation.response_body_schema(schemas.no_body_response)
def reboot(req, server_id, body):
    hard = body['reboot']['type'].upper() == 'HARD'
    _act(req, server_id, policies.REBOOT,
         'reboot_hard' if hard else 'reboot_soft')
