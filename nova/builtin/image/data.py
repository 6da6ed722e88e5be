"""Handlers moving image bits: ``PUT`` and ``GET /v2/images/{id}/file``."""

import webob
from webob import exc

from nova.builtin.image import handlers
from nova.builtin.image import store as image_store

UPLOAD_TYPE = 'application/octet-stream'
CHUNK_SIZE = image_store.CHUNK_SIZE


def _body_chunks(req):
    """Yield the request body in chunks without holding it in memory."""
    stream = req.environ['wsgi.input']
    remaining = req.content_length
    if remaining is None:
        if 'chunked' not in req.headers.get('Transfer-Encoding', ''):
            return
        # The server decodes chunked bodies; read until it runs dry.
        while True:
            try:
                chunk = stream.read(CHUNK_SIZE)
            except OSError:
                raise exc.HTTPBadRequest(
                    explanation='The chunked request body is malformed or '
                                'ended early.')
            if not chunk:
                return
            yield chunk
    while remaining > 0:
        try:
            chunk = stream.read(min(CHUNK_SIZE, remaining))
        except OSError:
            # The client went quiet or hung up mid-body.
            chunk = b''
        if not chunk:
            raise exc.HTTPBadRequest(
                explanation='The request body ended before Content-Length '
                            'bytes were read.')
        remaining -= len(chunk)
        yield chunk


def upload_file(app, req, caller, image_id):
    if req.content_type != UPLOAD_TYPE:
        raise exc.HTTPUnsupportedMediaType(
            explanation='Unsupported Content-Type; use %s' % UPLOAD_TYPE)
    record = handlers.load_modifiable(app, caller, image_id)
    if not record['disk_format'] or not record['container_format']:
        raise exc.HTTPBadRequest(
            explanation='Properties disk_format, container_format must be '
                        'set prior to saving data.')
    if record['status'] != 'queued':
        raise exc.HTTPConflict(
            explanation='Image status transition from %s to saving is not '
                        'allowed' % record['status'])
    if req.content_length and req.content_length > app.max_image_size:
        raise exc.HTTPRequestEntityTooLarge(
            explanation='Image exceeds the storage quota of %d bytes.'
            % app.max_image_size)
    try:
        app.store.upload(image_id, _body_chunks(req), app.max_image_size)
    except image_store.ImageTooLarge as e:
        raise exc.HTTPRequestEntityTooLarge(explanation=str(e))
    except image_store.ImageConflict as e:
        raise exc.HTTPConflict(explanation=str(e))
    except image_store.ImageMissing as e:
        raise exc.HTTPNotFound(explanation=str(e))
    return webob.Response(status=204)


def _file_iter(handle):
    try:
        while True:
            chunk = handle.read(CHUNK_SIZE)
            if not chunk:
                return
            yield chunk
    finally:
        handle.close()


def download_file(app, req, caller, image_id):
    record = handlers.load_visible(app, caller, image_id)
    if record['status'] == 'deactivated' and not caller.is_admin:
        raise exc.HTTPForbidden(
            explanation='The requested image has been deactivated. Image '
                        'data download is forbidden.')
    handle = None
    if record['status'] == 'active':
        handle = app.store.open_data(image_id)
    if handle is None:
        return webob.Response(status=204)
    response = webob.Response(status=200, content_type=UPLOAD_TYPE,
                              app_iter=_file_iter(handle))
    response.content_length = record['size']
    if record['checksum']:
        response.headers['Content-MD5'] = record['checksum']
    return response
