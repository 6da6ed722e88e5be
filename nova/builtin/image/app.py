"""The WSGI application of the built-in image service and its routes.

All URLs live in ``ROUTES``; a path segment written ``{name}`` matches any
one segment and is passed to the handler as a keyword argument. Handlers
raise ``webob.exc`` errors, which webob renders as JSON, HTML or plain
text following the request's Accept header, like Glance does.
"""

import logging

import webob.dec
from webob import exc

from nova.builtin import routing
from nova.builtin.image import auth
from nova.builtin.image import data
from nova.builtin.image import handlers
from nova.builtin.image import store as image_store

LOG = logging.getLogger(__name__)

DEFAULT_MAX_IMAGE_SIZE = 1024 ** 4

ROUTES = {
    '/': {'GET': handlers.versions_root},
    '/versions': {'GET': handlers.versions},
    '/v2': {'GET': handlers.versions},
    '/healthcheck': {'GET': handlers.healthcheck},
    '/v2/images': {'GET': handlers.list_images,
                   'POST': handlers.create_image},
    '/v2/images/{image_id}': {'GET': handlers.show_image,
                              'PATCH': handlers.update_image,
                              'DELETE': handlers.delete_image},
    '/v2/images/{image_id}/tasks': {'GET': handlers.show_image_tasks},
    '/v2/images/{image_id}/file': {'GET': data.download_file,
                                   'PUT': data.upload_file},
    '/v2/schemas/image': {'GET': handlers.show_image_schema},
    '/v2/schemas/images': {'GET': handlers.show_images_schema},
}
# Routes anyone may call without a token (discovery, health).
ANONYMOUS = ('/', '/versions', '/v2', '/healthcheck')


class ImageApp:
    """WSGI callable serving the Glance v2 subset from an ``ImageStore``."""

    def __init__(self, store, authenticate=auth.authenticate,
                 max_image_size=DEFAULT_MAX_IMAGE_SIZE):
        self.store = store
        self.authenticate = authenticate
        self.max_image_size = max_image_size
        self._routes = routing.compile_routes(ROUTES)

    @webob.dec.wsgify
    def __call__(self, req):
        try:
            return self._dispatch(req)
        except exc.HTTPException as e:
            return e
        except Exception:
            LOG.exception('Unexpected error serving %s %s', req.method,
                          req.path_info)
            return exc.HTTPInternalServerError(
                explanation='The image service hit an unexpected error.')

    def _dispatch(self, req):
        found = routing.match(self._routes, req.path_info)
        if found is None:
            raise exc.HTTPNotFound(
                explanation='The resource could not be found.')
        template, methods, params = found
        handler = methods.get(req.method)
        if handler is None:
            raise exc.HTTPMethodNotAllowed(
                headers=[('Allow', ', '.join(sorted(methods)))])
        caller = None
        if template not in ANONYMOUS:
            caller = self.authenticate(req)
            if caller is None:
                raise exc.HTTPUnauthorized(
                    explanation='This server could not verify that you '
                                'are authorized to access the document '
                                'you requested.')
        return handler(self, req, caller, **params)


def create_app(state_dir, authenticate=auth.authenticate,
               max_image_size=DEFAULT_MAX_IMAGE_SIZE):
    """Build the WSGI app keeping its state under ``state_dir``.

    ``authenticate(request) -> Caller | None`` decides who is calling; the
    default is the development no-auth mode of ``auth.authenticate``.
    """
    return ImageApp(image_store.ImageStore(state_dir),
                    authenticate=authenticate,
                    max_image_size=max_image_size)
