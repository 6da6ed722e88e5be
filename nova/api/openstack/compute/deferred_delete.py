"""The restore and forceDelete actions of POST /servers/{server_id}/action
(deferred delete, ``reclaim_instance_interval``).

restore: 202, a SOFT_DELETED server becomes ACTIVE again (409 in any other
state); forceDelete: 202, the server is deleted at once, soft-deleted or
not (409 while locked for a non-admin). 404: no such server.
"""

from nova.api.openstack.compute import action_runner
from nova.api.openstack.compute.schemas import server_migrate as schemas
from nova.api.openstack.compute import servers
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import api as compute_api
from nova.policies import deferred_delete as policies


def _run(req, server_id, rule, call):
    ctx = req.context
    instance = servers.get(ctx, server_id, None)
    ctx.can(rule, target=action_runner.target(instance))
    return action_runner.start(ctx, instance, call)


@wsgi.response(202)
@wsgi.expected_errors((404, 409))
@wsgi.policies(policies.RESTORE)
@validation.schema(schemas.restore)
@validation.response_body_schema(schemas.no_body_response)
def restore(req, server_id, body):
    _run(req, server_id, policies.RESTORE,
         lambda ctx, instance: compute_api.API().restore(ctx, instance))


@wsgi.response(202)
@wsgi.expected_errors((404, 409))
@wsgi.policies(policies.FORCE)
@validation.schema(schemas.force_delete)
@validation.response_body_schema(schemas.no_body_response)
def force_delete(req, server_id, body):
    _run(req, server_id, policies.FORCE,
         lambda ctx, instance: compute_api.API().force_delete(ctx,
                                                              instance))
