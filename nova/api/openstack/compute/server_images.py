"""The createImage and createBackup actions of POST
/servers/{server_id}/action: a snapshot of the server's disk, uploaded to
the image service by its host.

202 once the image is registered (queued) and the server is in
``image_snapshot``/``image_backup``; the image turns active when the
upload ends. Before 2.45 the image is named by the ``Location`` header,
from 2.45 on by ``{"image_id": ...}`` in the body. 400: bad body; 403:
too many metadata items; 404: no such server; 409: the server's state
does not allow it (ACTIVE, SHUTOFF, PAUSED or SUSPENDED, no task).
"""

import webob.exc

from nova.api.openstack import api_version_request as avr
from nova.api.openstack import common
from nova.api.openstack.compute.schemas import server_tasks as schemas
from nova.api.openstack.compute import servers
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import api as compute_api
from nova.compute import metadata_limit
from nova import exception
from nova.policies import server_tasks as policies


def _start(req, server_id, rule, body_key, start):
    ctx = req.context
    instance = servers.get(ctx, server_id, None)
    ctx.can(rule, target={'project_id': instance.project_id,
                          'user_id': instance.user_id})
    try:
        metadata_limit.check(ctx, instance.project_id,
                             body_key.get('metadata') or {})
        return start(ctx, instance)
    except exception.MetadataLimitExceeded as exc:
        raise webob.exc.HTTPForbidden(explanation=exc.format_message())
    except exception.InstanceNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    except (exception.InstanceInvalidState, exception.InstanceNotReady,
            exception.ComputeServiceTooOld) as exc:
        raise webob.exc.HTTPConflict(explanation=exc.format_message())
    except (exception.ImageBadRequest, exception.ImageConflict) as exc:
        raise webob.exc.HTTPBadRequest(explanation=exc.format_message())


def _answer(req, image_id):
    """The 202 naming the new image as the microversion asks."""
    if avr.image_id_in_body(req):
        return {'image_id': image_id}
    location = common.self_href(req, 'images', image_id)
    return wsgi.ResponseObject(None, headers={'Location': location})


@wsgi.response(202)
@wsgi.expected_errors((400, 403, 404, 409))
@wsgi.policies(policies.CREATE_IMAGE)
@validation.schema(schemas.create_image)
@validation.response_body_schema(schemas.no_body_response, '2.1', '2.44')
@validation.response_body_schema(schemas.image_id_response, '2.45')
def create_image(req, server_id, body):
    args = body['createImage']
    image = _start(req, server_id, policies.CREATE_IMAGE, args,
                   lambda ctx, instance: compute_api.API().snapshot(
                       ctx, instance, args['name'], args.get('metadata')))
    return _answer(req, image['id'])


@wsgi.response(202)
@wsgi.expected_errors((400, 403, 404, 409))
@wsgi.policies(policies.CREATE_BACKUP)
@validation.schema(schemas.create_backup)
@validation.response_body_schema(schemas.no_body_response, '2.1', '2.44')
@validation.response_body_schema(schemas.backup_response_v245, '2.45')
def create_backup(req, server_id, body):
    args = body['createBackup']
    rotation = int(args['rotation'])
    image = _start(req, server_id, policies.CREATE_BACKUP, args,
                   lambda ctx, instance: compute_api.API().backup(
                       ctx, instance, args['name'], args['backup_type'],
                       rotation, args.get('metadata')))
    # A rotation of 0 keeps no backup: there is no image to name.
    if rotation == 0:
        return None
    return _answer(req, image['id'])
