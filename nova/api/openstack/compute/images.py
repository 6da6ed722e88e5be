"""The image proxy: /images, /images/detail, /images/{image_id}
(microversions 2.1-2.35, deprecated in favour of the image service's own
API) and /images/{image_id}/metadata[/{key}] (2.1-2.38).

Every call goes to the image service as the caller; its answers are shown
in Nova's image view (``views/images.py``). 404: no such image (or not
visible to the caller); 403: the image service refused.
"""

from oslo_utils import timeutils
import webob.exc

from nova.api.openstack import common
from nova.api.openstack.compute.schemas import images as schemas
from nova.api.openstack.compute.views import images as views
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import metadata_limit
from nova import exception
from nova.i18n import _
from nova.image import glance
from nova.policies import images as policies

IMAGES_MAX = '2.35'
METADATA_MAX = '2.38'

# Query parameter -> image service filter, passed on as they are.
_PASSED_FILTERS = {'name': 'name', 'server': 'instance_uuid',
                   'type': 'image_type'}


def _check(req, rule):
    ctx = req.context
    ctx.can(rule, target={'project_id': ctx.project_id})
    return ctx


def _get(ctx, image_id):
    try:
        return glance.API().get(ctx, image_id)
    except exception.ImageNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())


def _int_param(req, name):
    value = common.last_value(req, name)
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise webob.exc.HTTPBadRequest(
            explanation=_('%s must be an integer') % name)


def _local_filters(req):
    """Filters the image service does not apply itself: predicates on a
    Glance image document."""
    checks = []
    since = common.last_value(req, 'changes-since')
    if since is not None:
        try:
            since = timeutils.normalize_time(timeutils.parse_isotime(since))
        except ValueError:
            raise webob.exc.HTTPBadRequest(
                explanation=_('Invalid changes-since value'))
        checks.append(lambda image: timeutils.normalize_time(
            timeutils.parse_isotime(image['updated_at'])) >= since)
    for param, attribute in (('minRam', 'min_ram'), ('minDisk', 'min_disk')):
        minimum = _int_param(req, param)
        if minimum is not None:
            checks.append(lambda image, a=attribute, m=minimum:
                          int(image.get(a) or 0) >= m)
    return checks


def _list(req, detail):
    ctx = req.context
    filters = {}
    for param, attribute in _PASSED_FILTERS.items():
        value = common.last_value(req, param)
        if value is not None:
            # A server may be given as its URL, as in the image views.
            filters[attribute] = (value.rstrip('/').rsplit('/', 1)[-1]
                                  if param == 'server' else value)
    status = common.last_value(req, 'status')
    if status is not None:
        filters['status'] = status.lower()
    limit, marker = common.get_limit_and_marker(req)
    if 'limit' not in req.GET:
        limit = None
    local = _local_filters(req)
    try:
        images = glance.API().get_all(
            ctx, filters=filters, marker=marker,
            limit=None if local else limit)
    except exception.ImageNotFound as exc:
        # The marker names no image.
        raise webob.exc.HTTPBadRequest(explanation=exc.format_message())
    except exception.ImageBadRequest as exc:
        raise webob.exc.HTTPBadRequest(explanation=exc.format_message())
    images = [i for i in images if all(check(i) for check in local)]
    if limit is not None:
        images = images[:limit]
    return views.list_view(req, images, detail, limit)


@wsgi.expected_errors(400)
@wsgi.api_version('2.1', IMAGES_MAX)
@wsgi.policies(policies.INDEX)
@validation.query_schema(schemas.index_query)
@validation.response_body_schema(schemas.index_response)
def index(req):
    _check(req, policies.INDEX)
    return _list(req, detail=False)


@wsgi.expected_errors(400)
@wsgi.api_version('2.1', IMAGES_MAX)
@wsgi.policies(policies.DETAIL)
@validation.query_schema(schemas.index_query)
@validation.response_body_schema(schemas.detail_response)
def detail(req):
    _check(req, policies.DETAIL)
    return _list(req, detail=True)


@wsgi.expected_errors(404)
@wsgi.api_version('2.1', IMAGES_MAX)
@wsgi.policies(policies.SHOW)
@validation.query_schema(schemas.show_query)
@validation.response_body_schema(schemas.show_response)
def show(req, image_id):
    ctx = _check(req, policies.SHOW)
    return {'image': views.show(req, _get(ctx, image_id))}


@wsgi.response(204)
@wsgi.expected_errors((403, 404))
@wsgi.api_version('2.1', IMAGES_MAX)
@wsgi.policies(policies.DELETE)
@validation.query_schema(schemas.show_query)
@validation.response_body_schema(schemas.delete_response)
def delete(req, image_id):
    ctx = _check(req, policies.DELETE)
    try:
        glance.API().delete(ctx, image_id)
    except exception.ImageNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    except exception.ImageNotAuthorized as exc:
        raise webob.exc.HTTPForbidden(explanation=exc.format_message())
    return None


# -- /images/{image_id}/metadata ----

def _set_properties(ctx, image, wanted, replace):
    """Make the image's properties ``wanted`` (merged into the current
    ones, or replacing them); returns the properties after the change."""
    current = views.properties(image)
    result = dict(wanted) if replace else dict(current, **wanted)
    try:
        metadata_limit.check(ctx, ctx.project_id, result)
    except exception.MetadataLimitExceeded as exc:
        raise webob.exc.HTTPForbidden(explanation=exc.format_message())
    remove = [key for key in current if key not in result]
    changes = {key: value for key, value in result.items()
               if current.get(key) != value}
    if not changes and not remove:
        return current
    try:
        updated = glance.API().update(ctx, image['id'], changes, remove)
    except exception.ImageNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    except (exception.ImageBadRequest, exception.ImageConflict) as exc:
        raise webob.exc.HTTPBadRequest(explanation=exc.format_message())
    except exception.ImageNotAuthorized as exc:
        raise webob.exc.HTTPForbidden(explanation=exc.format_message())
    return views.properties(updated)


@wsgi.expected_errors(404)
@wsgi.api_version('2.1', METADATA_MAX)
@wsgi.policies(policies.METADATA_SHOW)
@validation.query_schema(schemas.show_query)
@validation.response_body_schema(schemas.metadata_response)
def metadata_index(req, image_id):
    ctx = _check(req, policies.METADATA_SHOW)
    return {'metadata': views.properties(_get(ctx, image_id))}


@wsgi.expected_errors(404)
@wsgi.api_version('2.1', METADATA_MAX)
@wsgi.policies(policies.METADATA_SHOW)
@validation.query_schema(schemas.show_query)
@validation.response_body_schema(schemas.meta_item_response)
def metadata_show(req, image_id, key):
    ctx = _check(req, policies.METADATA_SHOW)
    metadata = views.properties(_get(ctx, image_id))
    if key not in metadata:
        raise webob.exc.HTTPNotFound(
            explanation=_('Image %(id)s has no metadata item %(key)s') %
            {'id': image_id, 'key': key})
    return {'meta': {key: metadata[key]}}


@wsgi.expected_errors((400, 403, 404))
@wsgi.api_version('2.1', METADATA_MAX)
@wsgi.policies(policies.METADATA_UPDATE)
@validation.schema(schemas.metadata_body)
@validation.response_body_schema(schemas.metadata_response)
def metadata_create(req, image_id, body):
    ctx = _check(req, policies.METADATA_UPDATE)
    image = _get(ctx, image_id)
    return {'metadata': _set_properties(ctx, image, body['metadata'],
                                        replace=False)}


@wsgi.expected_errors((400, 403, 404))
@wsgi.api_version('2.1', METADATA_MAX)
@wsgi.policies(policies.METADATA_UPDATE)
@validation.schema(schemas.metadata_body)
@validation.response_body_schema(schemas.metadata_response)
def metadata_update_all(req, image_id, body):
    ctx = _check(req, policies.METADATA_UPDATE)
    image = _get(ctx, image_id)
    return {'metadata': _set_properties(ctx, image, body['metadata'],
                                        replace=True)}


@wsgi.expected_errors((400, 403, 404))
@wsgi.api_version('2.1', METADATA_MAX)
@wsgi.policies(policies.METADATA_UPDATE)
@validation.schema(schemas.meta_item_body)
@validation.response_body_schema(schemas.meta_item_response)
def metadata_update(req, image_id, key, body):
    ctx = _check(req, policies.METADATA_UPDATE)
    meta = body['meta']
    if key not in meta:
        raise webob.exc.HTTPBadRequest(
            explanation=_('Request body and URI mismatch'))
    image = _get(ctx, image_id)
    _set_properties(ctx, image, meta, replace=False)
    return {'meta': meta}


@wsgi.response(204)
@wsgi.expected_errors((403, 404))
@wsgi.api_version('2.1', METADATA_MAX)
@wsgi.policies(policies.METADATA_UPDATE)
@validation.query_schema(schemas.show_query)
@validation.response_body_schema(schemas.delete_response)
def metadata_delete(req, image_id, key):
    ctx = _check(req, policies.METADATA_UPDATE)
    image = _get(ctx, image_id)
    metadata = views.properties(image)
    if key not in metadata:
        raise webob.exc.HTTPNotFound(
            explanation=_('Image %(id)s has no metadata item %(key)s') %
            {'id': image_id, 'key': key})
    metadata.pop(key)
    _set_properties(ctx, image, metadata, replace=True)
    return None
