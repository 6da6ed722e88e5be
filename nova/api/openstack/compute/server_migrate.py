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

from nova.api.openstack import api_version_request as avr
from nova.api.openstack.compute import action_runner
from nova.api.openstack.compute.schemas import server_migrate as schemas
from nova.api.openstack.compute import servers
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import api as compute_api
from nova.compute import disk_config
import nova.conf
from nova import exception
from nova.policies import servers as policies
from nova import utils

CONF = nova.conf.CONF


def _run(req, server_id, rule, call):
    ctx = req.context
    instance = servers.get(ctx, server_id, None)
    ctx.can(rule, target=action_runner.target(instance))
    return action_runner.start(ctx, instance, call)


@wsgi.response(202)
@wsgi.expected_errors((400, 403, 404, 409))
@wsgi.policies(policies.RESIZE)
@validation.schema(schemas.resize)
@validation.response_body_schema(schemas.no_body_response)
def resize(req, server_id, body):
    flavor_id = str(body['resize']['flavorRef']).rstrip('/').rsplit(
        '/', 1)[-1]
    requested = body['resize'].get('OS-DCF:diskConfig')
    auto_disk_config = (None if requested is None
                        else disk_config.from_api(requested))
    try:
        _run(req, server_id, policies.RESIZE,
             lambda ctx, instance: compute_api.API().resize(
                 ctx, instance, flavor_id, auto_disk_config))
    except exception.OverQuota as exc:
        raise webob.exc.HTTPForbidden(explanation=exc.format_message())


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


@wsgi.response(200)
@wsgi.expected_errors((400, 404, 409))
@wsgi.policies(policies.EVACUATE)
@validation.schema(schemas.evacuate, '2.1', '2.13')
@validation.schema(schemas.evacuate_v214, '2.14', '2.28')
@validation.schema(schemas.evacuate_v229, '2.29', '2.67')
@validation.schema(schemas.evacuate_v214, '2.68')
@validation.response_body_schema(schemas.evacuate_response, '2.1', '2.13')
@validation.response_body_schema(schemas.no_body_response, '2.14')
def evacuate(req, server_id, body):
    args = body['evacuate']
    password = args.get('adminPass') or utils.generate_password()
    # 2.95: the server is left stopped on its new host.
    stop = avr.is_supported(req, '2.95')
    _run(req, server_id, policies.EVACUATE,
         lambda ctx, instance: compute_api.API().evacuate(
             ctx, instance, args.get('host'), password, stop))
    if avr.is_supported(req, '2.14'):
        return None
    if CONF.api.enable_instance_password:
        return {'adminPass': password}
    return {}
