"""Request handlers of the built-in image service, one per route method.

Every handler takes ``(app, req, caller, **path_params)`` and returns a
``webob.Response`` or raises a ``webob.exc`` error; ``app`` is the
``ImageApp`` holding the store.
"""

import json
import uuid

import webob
from webob import exc

from nova.api import safe_json
from nova.builtin.image import auth
from nova.builtin.image import listing
from nova.builtin.image import schema
from nova.builtin.image import store as image_store
from nova.builtin.image import views

PATCH_TYPE = 'application/openstack-images-v2.1-json-patch'
# Glance's first patch format: ``{"<op>": "/<path>", "value": ...}``.
OLD_PATCH_TYPE = 'application/openstack-images-v2.0-json-patch'
MAX_JSON_BODY = 1024 * 1024


def _json_response(doc, status=200):
    response = webob.Response(status=status, charset='utf-8',
                              content_type='application/json')
    response.text = json.dumps(doc)
    return response


def _json_body(req):
    if req.content_length and req.content_length > MAX_JSON_BODY:
        raise exc.HTTPRequestEntityTooLarge(
            explanation='The request body is too large.')
    try:
        return safe_json.loads(req.body)
    except safe_json.BadJSON:
        raise exc.HTTPBadRequest(
            explanation='Malformed JSON in request body.')


def _not_found(image_id):
    return exc.HTTPNotFound(
        explanation='No image found with ID %s' % image_id)


def load_visible(app, caller, image_id):
    """The record of ``image_id`` if the caller may see it, else 404."""
    try:
        record = app.store.get(image_id)
    except image_store.ImageMissing:
        raise _not_found(image_id)
    if not auth.can_see(caller, record):
        raise _not_found(image_id)
    return record


def load_modifiable(app, caller, image_id):
    record = load_visible(app, caller, image_id)
    if not auth.can_modify(caller, record):
        raise exc.HTTPForbidden(
            explanation='You are not permitted to modify image %s.'
            % image_id)
    return record


def _check_publicize(caller, columns):
    if columns.get('visibility') == 'public' and not caller.is_admin:
        raise exc.HTTPForbidden(
            explanation='You are not authorized to complete '
                        'publicize_image action.')


def _check_owner(caller, columns):
    owner = columns.get('owner')
    if 'owner' in columns and owner != caller.project_id and (
            not caller.is_admin):
        raise exc.HTTPForbidden(
            explanation='Only admins may set the owner of an image to '
                        'another project.')


# -- discovery ---------------------------------------------------------------

def versions_root(app, req, caller):
    return _json_response(views.versions(req.host_url), status=300)


def versions(app, req, caller):
    return _json_response(views.versions(req.host_url))


def healthcheck(app, req, caller):
    app.store.list(id='')
    return webob.Response(status=200, content_type='text/plain',
                          body=b'OK')


def show_image_schema(app, req, caller):
    return _json_response(schema.image_schema())


def show_images_schema(app, req, caller):
    return _json_response(schema.images_schema())


# -- images ------------------------------------------------------------------

def list_images(app, req, caller):
    query = listing.parse_query(req.GET)
    marker = None
    if query.marker is not None:
        try:
            marker = load_visible(app, caller, query.marker)
        except exc.HTTPNotFound:
            raise exc.HTTPBadRequest(
                explanation='Invalid marker. Image %s could not be found.'
                % query.marker)
    page, next_marker = listing.select(caller, app.store.list(), query,
                                       marker)
    return _json_response(
        views.image_list(page, list(req.GET.items()), next_marker))


def create_image(app, req, caller):
    columns, properties = schema.parse_create(_json_body(req))
    _check_publicize(caller, columns)
    _check_owner(caller, columns)
    columns.setdefault('owner', caller.project_id)
    columns.setdefault('id', str(uuid.uuid4()))
    columns.update(status='queued', properties=properties)
    try:
        record = app.store.create(columns)
    except image_store.ImageConflict as e:
        raise exc.HTTPConflict(explanation=str(e))
    response = _json_response(views.image(record), status=201)
    response.location = '%s/v2/images/%s' % (req.host_url, record['id'])
    return response


def show_image(app, req, caller, image_id):
    return _json_response(views.image(load_visible(app, caller, image_id)))


def show_image_tasks(app, req, caller, image_id):
    """``GET /v2/images/{image_id}/tasks`` (Images API 2.12): the
    asynchronous tasks that worked on the image. This service runs none
    (data is uploaded synchronously, there is no import), so the list of
    a visible image is empty; 404 for an image the caller cannot see."""
    load_visible(app, caller, image_id)
    return _json_response({'tasks': []})


def update_image(app, req, caller, image_id):
    if req.content_type not in (PATCH_TYPE, OLD_PATCH_TYPE):
        raise exc.HTTPUnsupportedMediaType(
            explanation='Unsupported Content-Type; use %s' % PATCH_TYPE)
    body = _json_body(req)
    if req.content_type == OLD_PATCH_TYPE:
        body = schema.from_old_patch(body)
    changes = schema.parse_patch(body)
    record = load_modifiable(app, caller, image_id)
    columns = schema.apply_patch(record, changes)
    _check_publicize(caller, columns)
    _check_owner(caller, columns)
    if columns:
        try:
            record = app.store.update(image_id, columns)
        except image_store.ImageMissing:
            raise _not_found(image_id)
    return _json_response(views.image(record))


def delete_image(app, req, caller, image_id):
    record = load_modifiable(app, caller, image_id)
    if record['protected']:
        raise exc.HTTPForbidden(
            explanation='Image %s is protected and cannot be deleted.'
            % image_id)
    try:
        app.store.delete(image_id)
    except image_store.ImageMissing:
        raise _not_found(image_id)
    return webob.Response(status=204)
