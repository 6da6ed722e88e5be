"""The Compute API v2.1 WSGI application.

``build_app(conf)`` assembles, outermost first: the request line and id
(``nova.api.request_log``) -> request id headers -> root
dispatch (``GET /`` version list; ``/v2.1`` redirect) -> microversion
negotiation -> ``GET /v2.1/`` version document -> authentication ->
fault wrapper -> router over ``routes.ROUTE_TABLE`` and, for the paths Nova
serves and this cloud does not, ``not_implemented.ROUTE_TABLE`` (501/410).
"""

import webob
import webob.dec
import webob.exc

import nova.conf
from nova.api.openstack import faults
from nova.api.openstack import middleware
from nova.api.openstack import router as api_router
from nova.api.openstack import versions
from nova.api.openstack import wsgi
from nova.api import request_log
from nova.i18n import _

CONF = nova.conf.CONF
VERSION_PATH = '/v2.1'
LEGACY_PATH = '/v2'


class _RootDispatcher:
    """Routes ``/``, ``/v2/`` (the v2.0 version document) and
    ``/v2.1...``; everything else is 404."""

    def __init__(self, v21_app):
        self.v21_app = v21_app

    @webob.dec.wsgify(RequestClass=wsgi.Request)
    def __call__(self, req):
        req.environ[wsgi.ENV_API_ROOT] = req.application_url
        path = req.path_info
        if path in ('', '/'):
            if req.method not in ('GET', 'HEAD'):
                return faults.error_response(
                    405, _('Method not allowed.'), {'Allow': 'GET'})
            return wsgi.json_response(
                200, versions.versions_document(req.application_url))
        if path in (VERSION_PATH, LEGACY_PATH):
            return webob.exc.HTTPFound(location=req.path_url + '/')
        if path == LEGACY_PATH + '/' and req.method in ('GET', 'HEAD'):
            # The v2.0 version document, which GET / links to; the v2.0
            # API itself is not served.
            return wsgi.json_response(200, versions.version_document(
                req.application_url, 'v2.0'))
        if path.startswith(VERSION_PATH + '/'):
            req.path_info_pop()
            return req.get_response(self.v21_app)
        return faults.error_response(
            404, _('The resource could not be found.'))


class _V21Dispatcher:
    """Inside /v2.1: the version document, else the authenticated API."""

    def __init__(self, api_app):
        self.api_app = api_app

    @webob.dec.wsgify(RequestClass=wsgi.Request)
    def __call__(self, req):
        if req.path_info in ('', '/'):
            return wsgi.json_response(
                200, versions.version_document(req.api_root))
        return req.get_response(self.api_app)


def auth_strategy(conf):
    """The configured strategy, or the one the configuration implies:
    Keystone as soon as ``[keystone_authtoken]`` is configured."""
    if conf.api.auth_strategy:
        return conf.api.auth_strategy
    if 'keystone_authtoken' in conf.list_all_sections():
        return 'keystone'
    return 'noauth2'


def _auth(app, conf):
    if auth_strategy(conf) == 'keystone':
        return middleware.keystone_pipeline(app, conf)
    return middleware.NoAuthMiddleware(app)


def build_app(conf=None, route_table=None):
    """The full Compute API WSGI app for ``conf`` (default ``CONF``).

    ``route_table`` replaces the resource routes (tests use a tiny one).
    """
    conf = conf or CONF
    tables = [route_table]
    if route_table is None:
        # NOTE: imported here so the framework (and its tests) load without
        # the resource modules and the compute services they import.
        from nova.api.openstack.compute import not_implemented
        from nova.api.openstack.compute import routes
        from nova import objects
        objects.register_all()
        tables = [routes.ROUTE_TABLE, not_implemented.ROUTE_TABLE]
    router = api_router.Router(*tables)
    api = _auth(middleware.FaultWrapper(router), conf)
    v21 = middleware.MicroversionMiddleware(_V21Dispatcher(api))
    return request_log.RequestLog(
        middleware.RequestIdMiddleware(_RootDispatcher(v21)), 'compute')


def app_factory(global_config=None, **local_conf):
    """paste.deploy-style factory; ignores its arguments, uses ``CONF``."""
    return build_app(CONF)
