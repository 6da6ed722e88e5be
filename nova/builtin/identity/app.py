"""The WSGI application of the built-in identity service and its routes.

All URLs live in ``ROUTES``; a path segment written ``{name}`` matches any
one non-empty segment and is passed to the handler as a keyword argument.
Handlers raise ``errors.IdentityError``, rendered in Keystone's JSON
error shape.
"""

import logging

import webob.dec

from nova.builtin import routing
from nova.builtin.identity import admin
from nova.builtin.identity import catalog as service_catalog
from nova.builtin.identity import errors
from nova.builtin.identity import handlers
from nova.builtin.identity import store as identity_store
from nova.builtin.identity import tokens

LOG = logging.getLogger(__name__)

DEFAULT_TOKEN_TTL = 3600

_PROJECT_GRANT = '/v3/projects/{project_id}/users/{user_id}/roles/{role_id}'
ROUTES = {
    '/': {'GET': handlers.versions_root},
    '/v3': {'GET': handlers.version_v3},
    '/v3/auth/tokens': {'POST': handlers.issue_token,
                        'GET': handlers.validate_token,
                        'HEAD': handlers.check_token,
                        'DELETE': handlers.revoke_token},
    '/v3/auth/catalog': {'GET': handlers.auth_catalog},
    '/v3/auth/projects': {'GET': handlers.auth_projects},
    '/v3/projects': {'GET': admin.list_projects,
                     'POST': admin.create_project},
    '/v3/projects/{project_id}': {'GET': admin.show_project},
    _PROJECT_GRANT: {'PUT': admin.grant_role},
    '/v3/users': {'GET': admin.list_users, 'POST': admin.create_user},
    '/v3/users/{user_id}': {'GET': admin.show_user},
    '/v3/roles': {'GET': admin.list_roles},
    '/v3/roles/{role_id}': {'GET': admin.show_role},
    '/v3/role_assignments': {'GET': admin.list_role_assignments},
    '/v3/domains': {'GET': admin.list_domains},
    '/v3/domains/{domain_id}': {'GET': admin.show_domain},
    '/v3/services': {'GET': admin.list_services},
    '/v3/endpoints': {'GET': admin.list_endpoints},
}
# (path, method) pairs anyone may call without a token.
ANONYMOUS = {('/', 'GET'), ('/v3', 'GET'), ('/v3/auth/tokens', 'POST')}


class IdentityApp:
    """WSGI callable serving the Keystone v3 subset from an IdentityStore.

    ``public_url`` and ``catalog_endpoints`` are plain attributes: a
    caller that learns its URL only after serving (port 0) may set them
    then. With ``public_url`` None the URL of each request is used.
    """

    def __init__(self, store, public_url=None, catalog_endpoints=None,
                 token_ttl=DEFAULT_TOKEN_TTL):
        self.store = store
        self.public_url = public_url
        self.catalog_endpoints = dict(catalog_endpoints or {})
        self.token_ttl = token_ttl
        self._routes = routing.compile_routes(ROUTES)

    def base_url(self, req):
        """The service's URL without a trailing slash."""
        return (self.public_url or req.application_url).rstrip('/')

    def endpoints(self, req):
        """Service type -> URL; identity defaults to this service."""
        endpoints = dict(self.catalog_endpoints)
        endpoints.setdefault('identity', self.base_url(req))
        return endpoints

    def catalog(self, req):
        return service_catalog.token_catalog(self.endpoints(req))

    @webob.dec.wsgify
    def __call__(self, req):
        try:
            return self._dispatch(req)
        except errors.IdentityError as e:
            return errors.render(e, self.base_url(req) + '/v3')
        except Exception:
            LOG.exception('Unexpected error serving %s %s', req.method,
                          req.path_info)
            return errors.render(
                errors.IdentityError(
                    500, 'An unexpected error prevented the server from '
                         'fulfilling your request.'),
                self.base_url(req) + '/v3')

    def _dispatch(self, req):
        found = routing.match(self._routes, req.path_info)
        if found is None:
            raise errors.not_found('The resource could not be found.')
        template, methods, params = found
        handler = methods.get(req.method)
        if handler is None:
            raise errors.IdentityError(
                405, 'The method %s is not allowed for this resource.'
                % req.method,
                headers={'Allow': ', '.join(sorted(methods))})
        caller = None
        if (template, req.method) not in ANONYMOUS:
            caller = tokens.authenticate(self.store, req)
        return handler(self, req, caller, **params)


def create_app(state_dir, public_url=None, catalog_endpoints=None,
               token_ttl=DEFAULT_TOKEN_TTL):
    """Build the WSGI app keeping its state in ``state_dir``.

    ``public_url`` is the service's own URL (the base of links and of the
    identity catalog entry); ``catalog_endpoints`` maps service type
    (compute, image, network, placement, identity) -> URL; ``token_ttl``
    is the lifetime of a new token in seconds.
    """
    return IdentityApp(identity_store.IdentityStore(state_dir),
                       public_url=public_url,
                       catalog_endpoints=catalog_endpoints,
                       token_ttl=token_ttl)
