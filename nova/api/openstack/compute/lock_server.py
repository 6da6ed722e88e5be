"""The lock and unlock actions of POST /servers/{server_id}/action.

202 on success; 404: no such server; 403: unlocking a server an admin
locked without the unlock override rule; 409: the server has no host yet.
A locked server refuses non-admins' actions (``nova.compute.locking``).
"""

import webob.exc

from nova.api.openstack.compute.schemas import lock_server as schemas
from nova.api.openstack.compute import servers
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import locking
from nova import exception
from nova.policies import lock_server as policies


def _target(instance):
    return {'project_id': instance.project_id, 'user_id': instance.user_id}


@wsgi.response(202)
@wsgi.expected_errors((404, 409))
@wsgi.policies(policies.LOCK)
@validation.schema(schemas.lock, '2.1', '2.72')
@validation.schema(schemas.lock_v273, '2.73')
@validation.response_body_schema(schemas.no_body_response)
def lock(req, server_id, body):
    ctx = req.context
    instance = servers.get(ctx, server_id, None)
    ctx.can(policies.LOCK, target=_target(instance))
    reason = (body['lock'] or {}).get('locked_reason')
    try:
        locking.lock(ctx, instance, reason)
    except exception.InstanceNotReady as exc:
        raise webob.exc.HTTPConflict(explanation=exc.format_message())


@wsgi.response(202)
@wsgi.expected_errors((404, 409))
@wsgi.policies(policies.UNLOCK, policies.UNLOCK_OVERRIDE)
@validation.schema(schemas.unlock)
@validation.response_body_schema(schemas.no_body_response)
def unlock(req, server_id, body):
    ctx = req.context
    instance = servers.get(ctx, server_id, None)
    ctx.can(policies.UNLOCK, target=_target(instance))
    if instance.locked and instance.locked_by == 'admin':
        ctx.can(policies.UNLOCK_OVERRIDE, target=_target(instance))
    try:
        locking.unlock(ctx, instance)
    except exception.InstanceNotReady as exc:
        raise webob.exc.HTTPConflict(explanation=exc.format_message())
