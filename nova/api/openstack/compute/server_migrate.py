"""The resize, confirmResize, revertResize, migrate (admin; a host at
2.56) and os-migrateLive (admin) actions of POST
/servers/{server_id}/action.

202 once a destination is claimed (resize, migrate) or the hosts are told
(confirm, revert). 400: bad body, unknown or same flavor, a smaller disk,
no valid host, an unknown host, nothing to confirm or revert; 403: policy;
404: no such server; 409: the server's state does not allow the action
(resize and migrate: ACTIVE or SHUTOFF; confirm and revert:
VERIFY_RESIZE), or it is locked and the caller is not an admin.
"""

import webob.exc

from nova.api.openstack.compute.schemas import server_migrate as schemas
from nova.api.openstack.compute import servers
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import api as compute_api
from nova import exception
from nova.i18n import _
from nova.policies import servers as policies


def _run(req, server_id, rule, call):
    ctx = req.context
    instance = servers.get(ctx, server_id, None)
    ctx.can(rule, target={'project_id': instance.project_id,
                          'user_id': instance.user_id})
    try:
        call(ctx, instance)
    except exception.InstanceNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    except exception.MigrationNotFoundByStatus:
        raise webob.exc.HTTPBadRequest(
            explanation=_('Instance has not been resized.'))
    except (exception.FlavorNotFound, exception.CannotResizeToSameFlavor,
            exception.CannotResizeDisk, exception.NoValidHost,
            exception.ComputeHostNotFound,
            exception.InvalidRequest) as exc:
        raise webob.exc.HTTPBadRequest(explanation=exc.format_message())
    except (exception.InstanceInvalidState, exception.InstanceIsLocked,
            exception.InstanceNotReady, exception.ComputeServiceTooOld,
            exception.ConductorTooOld) as exc:
        raise webob.exc.HTTPConflict(explanation=exc.format_message())


@wsgi.response(202)
@wsgi.expected_errors((400, 404, 409))
@wsgi.policies(policies.RESIZE)
@validation.schema(schemas.resize)
@validation.response_body_schema(schemas.no_body_response)
def resize(req, server_id, body):
    flavor_id = str(body['resize']['flavorRef']).rstrip('/').rsplit(
        '/', 1)[-1]
    _run(req, server_id, policies.RESIZE,
         lambda ctx, instance: compute_api.API().resize(ctx, instance,
                                                        flavor_id))


@wsgi.response(204)
@wsgi.expected_errors((400, 404, 409))
@wsgi.policies(policies.CONFIRM_RESIZE)
@validation.schema(schemas.confirm_resize)
@validation.response_body_schema(schemas.no_body_response)
def confirm_resize(req, server_id, body):
    _run(req, server_id, policies.CONFIRM_RESIZE,
         lambda ctx, instance: compute_api.API().confirm_resize(ctx,
                                                                instance))


@wsgi.response(202)
@wsgi.expected_errors((400, 404, 409))
@wsgi.policies(policies.REVERT_RESIZE)
@validation.schema(schemas.revert_resize)
@validation.response_body_schema(schemas.no_body_response)
def revert_resize(req, server_id, body):
    _run(req, server_id, policies.REVERT_RESIZE,
         lambda ctx, instance: compute_api.API().revert_resize(ctx,
                                                               instance))


@wsgi.response(202)
@wsgi.expected_errors((400, 404, 409))
@wsgi.policies(policies.MIGRATE, policies.MIGRATE_HOST)
@validation.schema(schemas.migrate, '2.1', '2.55')
@validation.schema(schemas.migrate_v256, '2.56')
@validation.response_body_schema(schemas.no_body_response)
def migrate(req, server_id, body):
    host = (body['migrate'] or {}).get('host')
    if host is not None:
        req.context.can(policies.MIGRATE_HOST)
    _run(req, server_id, policies.MIGRATE,
         lambda ctx, instance: compute_api.API().migrate(ctx, instance,
                                                         host))


@wsgi.response(202)
@wsgi.expected_errors((400, 404, 409))
@wsgi.policies(policies.MIGRATE_LIVE)
@validation.schema(schemas.migrate_live, '2.1', '2.24')
@validation.schema(schemas.migrate_live_v225, '2.25', '2.29')
@validation.schema(schemas.migrate_live_v230, '2.30', '2.67')
@validation.schema(schemas.migrate_live_v225, '2.68')
@validation.response_body_schema(schemas.no_body_response)
def migrate_live(req, server_id, body):
    host = body['os-migrateLive'].get('host')
    _run(req, server_id, policies.MIGRATE_LIVE,
         lambda ctx, instance: compute_api.API().live_migrate(ctx, instance,
                                                              host))
