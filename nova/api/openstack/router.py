"""Matching request paths against the route table.

Templates are plain paths whose ``{name}`` segments capture one path
segment each (no regexes). Literal segments win over captures, so
``/servers/detail`` is never read as ``/servers/{server_id}``. A leading
``/{project_id}`` segment is accepted when the path does not match as is.

Several tables may be given (the served routes, then the paths answered
501/410 by ``compute/not_implemented.py``): the methods of one path are
merged, so a method is found wherever it is declared.
"""

import webob.exc

from nova.api.openstack import wsgi
from nova.i18n import _


class Route:
    def __init__(self, template, methods):
        self.template = template
        self.methods = dict(methods)
        self.segments = tuple(template.strip('/').split('/'))
        self.literal_count = sum(1 for s in self.segments if not _is_var(s))

    def match(self, parts):
        if len(parts) != len(self.segments):
            return None
        params = {}
        for segment, part in zip(self.segments, parts):
            if _is_var(segment):
                if not part:
                    return None
                params[segment[1:-1]] = part
            elif segment != part:
                return None
        return params


def _is_var(segment):
    return segment.startswith('{') and segment.endswith('}')


def _split(path):
    path = path.strip('/')
    return path.split('/') if path else []


def _shape(template):
    """The template with its capture names blanked: ``/a/{}/b``."""
    return '/'.join('{}' if _is_var(s) else s
                    for s in template.strip('/').split('/'))


def merge_tables(*tables):
    """[(path, {METHOD: handler})] with each path once.

    Raises ValueError when a method of a path is declared twice, or one
    path is spelled with two different capture names (the handlers would
    not agree on their keyword arguments).
    """
    merged = {}
    templates = {}
    for table in tables:
        for path, methods in table:
            seen = templates.setdefault(_shape(path), path)
            if seen != path:
                raise ValueError('%s and %s are the same path' % (seen, path))
            into = merged.setdefault(path, {})
            for method, func in methods.items():
                if method in into:
                    raise ValueError('%s %s is declared twice'
                                     % (method, path))
                into[method] = func
    return list(merged.items())


class Router:
    """Finds the handler of a (method, path) pair in route tables."""

    def __init__(self, *tables):
        self.routes = [Route(path, methods)
                       for path, methods in merge_tables(*tables)]
        # Most literal segments first, so literals beat captures.
        self.routes.sort(key=lambda r: -r.literal_count)

    def _find(self, parts):
        for route in self.routes:
            params = route.match(parts)
            if params is not None:
                return route, params
        return None, None

    def resolve(self, path):
        """(route, path params, project id from the URL or None)."""
        parts = _split(path)
        route, params = self._find(parts)
        if route is not None:
            return route, params, None
        if len(parts) > 1:
            route, params = self._find(parts[1:])
            if route is not None:
                return route, params, parts[0]
        return None, None, None

    def __call__(self, req):
        """Dispatch ``req`` (a ``wsgi.Request``) and return a response."""
        route, params, project_id = self.resolve(req.path_info)
        if route is None:
            raise webob.exc.HTTPNotFound(
                explanation=_('The resource could not be found.'))
        func = route.methods.get(req.method)
        if req.path_info.endswith('/') and req.path_info.strip('/'):
            # An empty last segment is an empty id: no such resource (as
            # Nova's router, which matches no path ending in a slash).
            raise webob.exc.HTTPNotFound(
                explanation=_('The resource could not be found.'))
        if func is None:
            allowed = ', '.join(sorted(route.methods))
            raise webob.exc.HTTPMethodNotAllowed(
                explanation=_('Method %s is not allowed for this resource.')
                % req.method, headers=[('Allow', allowed)])
        if project_id is not None:
            _check_project_id(req, project_id)
            req.environ[wsgi.ENV_PROJECT_IN_URL] = project_id
        return wsgi.call_handler(func, req, params)


def _check_project_id(req, project_id):
    context = req.environ.get(wsgi.ENV_CONTEXT)
    if context is not None and context.project_id != project_id:
        raise webob.exc.HTTPBadRequest(
            explanation=_("Malformed request URL: URL's project_id '%(url)s'"
                          " doesn't match Context's project_id "
                          "'%(ctx)s'") % {'url': project_id,
                                          'ctx': context.project_id})
