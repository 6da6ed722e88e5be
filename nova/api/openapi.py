"""An OpenAPI 3.0 document of the Compute API, made from the route table.

``document(microversion)`` walks ``routes.ROUTE_TABLE`` and what each
handler declares (``handler.spec_of``): one operation per path and
method served at ``microversion`` (OpenAPI has no microversions, so the
document describes one of them; the default is the latest), with

- its path parameters (strings) and query parameters (the properties of
  its query schema; repeated parameters are arrays, ``?a=1&a=2``);
- its request body (the body schema; for an ``.../action`` dispatcher a
  ``oneOf`` of the bodies of the actions served at that microversion);
- its success response (code and response schema) and one response per
  expected error code (the OpenStack error body);
- the ``OpenStack-API-Version`` header fixed to that microversion and the
  ``X-Auth-Token`` security scheme.

Schemas are converted from JSON Schema draft 4 to OpenAPI's dialect by
``nova.api.openapi_schema``. ``tools/openapi.py`` prints the document;
the built-in services' documents are in ``nova.api.openapi_builtin``.
"""

import importlib

from nova.api.openstack import api_version_request as avr
from nova.api.openstack import handler
from nova.api import openapi_schema
from nova import exception
from nova import version as nova_version

OPENAPI_VERSION = '3.0.3'
VERSION_HEADER = 'OpenStack-API-Version'
TOKEN_HEADER = 'X-Auth-Token'
METHODS = ('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE')

# The OpenStack error body: {"<kind>": {"code": N, "message": "..."}}.
ERROR_SCHEMA = {
    'type': 'object',
    'minProperties': 1,
    'maxProperties': 1,
    'additionalProperties': {
        'type': 'object',
        'properties': {'code': {'type': 'integer'},
                       'message': {'type': 'string'}},
        'required': ['code', 'message'],
    },
}


def path_parameters(path):
    """The OpenAPI parameters of the ``{name}`` segments of ``path``."""
    return [{'name': segment[1:-1], 'in': 'path', 'required': True,
             'schema': {'type': 'string'}}
            for segment in path.strip('/').split('/')
            if segment.startswith('{') and segment.endswith('}')]


def query_parameters(schema):
    """The query parameters a query ``schema`` (an object schema) lets
    through, each with its converted schema; repeated values are
    ``form``-exploded arrays."""
    if not schema:
        return []
    params = []
    for name, sub in sorted(schema.get('properties', {}).items()):
        param = {'name': name, 'in': 'query', 'required': False,
                 'schema': openapi_schema.convert(sub)}
        if sub.get('type') == 'array':
            param.update(style='form', explode=True)
        params.append(param)
    return params


def actions_of(func):
    """The ``{action name: handler}`` table an ``.../action`` dispatcher
    serves, or None for any other handler."""
    if func.__name__ != 'action':
        return None
    return getattr(importlib.import_module(func.__module__), 'ACTIONS', None)


def operation_id(func):
    """``<module>.<function>`` of a handler, e.g. ``servers.index``."""
    return '%s.%s' % (func.__module__.rsplit('.', 1)[-1], func.__name__)


def _json(schema):
    return {'application/json': {'schema': schema}}


def _error_responses(codes):
    return {str(code): {'description': 'Error %d' % code,
                        'content': _json({'$ref': '#/components/schemas/'
                                                  'Error'})}
            for code in sorted(codes)}


def _request_body(func, version):
    spec = handler.spec_of(func)
    actions = actions_of(func)
    if actions is None:
        schema, found = spec.pick(spec.body_schemas, version)
        if not found or schema is None:
            return None
        return {'required': True,
                'content': _json(openapi_schema.convert(schema))}
    bodies = []
    for name in sorted(actions, key=str.lower):
        action_spec = handler.spec_of(actions[name])
        if not version.matches(action_spec.min_version,
                               action_spec.max_version):
            continue
        schema, found = action_spec.pick(action_spec.body_schemas, version)
        if found and schema is not None:
            bodies.append(openapi_schema.convert(schema))
    if not bodies:
        return None
    return {'required': True, 'content': _json({'oneOf': bodies})}


def operation(path, method, func, version):
    """The OpenAPI operation of ``method path`` served by ``func`` at
    ``version`` (an ``APIVersionRequest``)."""
    spec = handler.spec_of(func)
    query, _found = spec.pick(spec.query_schemas, version)
    response, _found = spec.pick(spec.response_schemas, version)
    success = {'description': 'Success'}
    if response is not None and spec.code != 204:
        success['content'] = _json(openapi_schema.convert(response))
    op = {
        'operationId': operation_id(func),
        'parameters': path_parameters(path) + query_parameters(query) + [
            {'$ref': '#/components/parameters/Microversion'}],
        'responses': dict(_error_responses(spec.expected_errors),
                          **{str(spec.code): success}),
        'x-policies': list(spec.policies),
    }
    summary = (func.__doc__ or '').strip().split('\n')[0]
    if summary:
        op['summary'] = summary
    body = _request_body(func, version)
    if body is not None:
        op['requestBody'] = body
    actions = actions_of(func)
    if actions is not None:
        op['x-actions'] = sorted(
            name for name, action in actions.items()
            if version.matches(handler.spec_of(action).min_version,
                               handler.spec_of(action).max_version))
    return op


def served(route_table, version):
    """``[(path, method, handler)]`` of the routes served at ``version``."""
    found = []
    for path, methods in route_table:
        for method, func in methods.items():
            spec = handler.spec_of(func)
            if version.matches(spec.min_version, spec.max_version):
                found.append((path, method, func))
    return found


def document(microversion=None, route_table=None, server_url='/v2.1'):
    """The OpenAPI 3.0 document (a dict) of the Compute API at
    ``microversion`` (a string such as ``'2.100'``; default the latest).
    Raises ValueError for a microversion outside 2.1 - latest."""
    try:
        version = avr.APIVersionRequest(
            microversion or avr.MAX_API_VERSION)
    except exception.InvalidAPIVersionString as e:
        raise ValueError(str(e))
    if not version.matches(avr.MIN_API_VERSION, avr.MAX_API_VERSION):
        raise ValueError('microversion %s is outside %s - %s' % (
            microversion, avr.MIN_API_VERSION, avr.MAX_API_VERSION))
    if route_table is None:
        from nova.api.openstack.compute import routes
        route_table = routes.ROUTE_TABLE
    paths = {}
    for path, method, func in served(route_table, version):
        paths.setdefault(path, {})[method.lower()] = operation(
            path, method, func, version)
    header = 'compute %s' % version.get_string()
    return {
        'openapi': OPENAPI_VERSION,
        'info': {
            'title': 'Compute API',
            'version': version.get_string(),
            'description': 'The OpenStack Compute API v2.1 at microversion '
                           '%s, as this cloud serves it (release %s). '
                           'Paths are relative to the versioned endpoint; '
                           'a /{project_id} segment may precede them.' % (
                               version.get_string(),
                               nova_version.version_string()),
        },
        'servers': [{'url': server_url}],
        'security': [{'token': []}],
        'paths': paths,
        'components': {
            'securitySchemes': {'token': {
                'type': 'apiKey', 'in': 'header', 'name': TOKEN_HEADER}},
            'parameters': {'Microversion': {
                'name': VERSION_HEADER, 'in': 'header', 'required': True,
                'schema': {'type': 'string', 'enum': [header]},
                'description': 'The microversion this document describes.',
            }},
            'schemas': {'Error': ERROR_SCHEMA},
        },
    }


def versions_covering(route_table=None):
    """The fewest microversions (strings) whose documents together hold
    every route and every action: the latest, then for anything not
    served there the highest microversion that serves it."""
    if route_table is None:
        from nova.api.openstack.compute import routes
        route_table = routes.ROUTE_TABLE
    latest = avr.APIVersionRequest(avr.MAX_API_VERSION)
    wanted = {latest.get_string()}
    funcs = [func for _path, methods in route_table
             for func in methods.values()]
    funcs += [action for func in funcs
              for action in (actions_of(func) or {}).values()]
    for func in funcs:
        spec = handler.spec_of(func)
        if not latest.matches(spec.min_version, spec.max_version):
            wanted.add(avr.APIVersionRequest(spec.max_version).get_string())
    return sorted(wanted, key=avr.APIVersionRequest)
