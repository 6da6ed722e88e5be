"""OpenAPI 3.0 documents of the built-in services (network, image,
identity) and of placement, made from their route tables.

They are simpler than the Compute API's (``nova.api.openapi``): every
path and method with its path parameters, and request bodies where the
service has a schema for them: the network service's attribute tables
(``network.schema.RESOURCES``: the attributes POST and PUT accept, typed
by their converters), the image service's fields (``image.schema``),
JSON-Patch for image updates and a JSON object elsewhere. Placement is the
openstack-placement library: its paths and methods only
(``placement.handler.ROUTE_DECLARATIONS``), bodies as JSON objects.
Responses are not described (``default``).
"""

from nova.api import openapi
from nova.api import openapi_schema

SERVICES = ('network', 'image', 'identity', 'placement')
_BODY_METHODS = ('POST', 'PUT', 'PATCH')
_ANY_OBJECT = {'type': 'object'}
_NETWORK_RESOURCES = {
    'networks': 'network', 'subnets': 'subnet', 'ports': 'port',
    'security-groups': 'security_group',
    'security-group-rules': 'security_group_rule',
    'floatingips': 'floatingip',
}
# Network converter (by function name) -> the JSON type it accepts.
_NETWORK_TYPES = {
    'string': {'type': 'string', 'maxLength': 255},
    'boolean': {'type': 'boolean'},
    'uuid_string': {'type': 'string', 'format': 'uuid'},
    'uuid_or_none': {'type': 'string', 'format': 'uuid', 'nullable': True},
    'mtu': {'type': 'integer'},
    'ip_version': {'type': 'integer', 'enum': [4, 6]},
    'uuid_list': {'type': 'array', 'items': {'type': 'string',
                                             'format': 'uuid'}},
    'profile': {'type': 'object'},
    'port': {'type': 'integer', 'nullable': True},
    'direction': {'type': 'string', 'enum': ['ingress', 'egress']},
    'ethertype': {'type': 'string', 'enum': ['IPv4', 'IPv6']},
    'protocol': {'type': 'string', 'nullable': True},
    'cidr': {'type': 'string'},
    'ip_prefix': {'type': 'string', 'nullable': True},
    'ip_or_none': {'type': 'string', 'nullable': True},
    'group_id': {'type': 'string', 'format': 'uuid', 'nullable': True},
    'mac_address': {'type': 'string'},
    'host_id': {'type': 'string'},
    'vnic_type': {'type': 'string'},
    'fixed_ips': {'type': 'array', 'items': {'type': 'object'}},
    'allocation_pools': {'type': 'array', 'items': {'type': 'object'}},
    'host_routes': {'type': 'array', 'items': {'type': 'object'}},
    'nameservers': {'type': 'array', 'items': {'type': 'string'}},
}
_JSON_PATCH = {
    'type': 'array',
    'items': {'type': 'object', 'required': ['op', 'path'],
              'properties': {
                  'op': {'type': 'string',
                         'enum': ['add', 'remove', 'replace']},
                  'path': {'type': 'string'},
                  'value': {}}},
}
JSON_PATCH_TYPE = 'application/openstack-images-v2.1-json-patch'


def _network_body(path, method):
    parts = path.strip('/').split('/')
    resource = _NETWORK_RESOURCES.get(parts[1] if len(parts) > 1 else '')
    if resource is None:
        return None
    from nova.builtin.network import schema
    action = method.lower()
    attrs = {name: _NETWORK_TYPES.get(attr.convert.__name__, {})
             for name, attr in schema.RESOURCES[resource].items()
             if getattr(attr, action)}
    return {'application/json': {'schema': {
        'type': 'object', 'required': [resource],
        'properties': {resource: {'type': 'object', 'properties': attrs,
                                  'additionalProperties': False}},
        'additionalProperties': False}}}


def _image_body(path, method):
    from nova.builtin.image import schema
    if path == '/v2/images' and method == 'POST':
        body = {'type': 'object', 'properties': schema.FIELDS,
                'additionalProperties': schema.EXTRA_PROPERTY}
        return {'application/json': {
            'schema': openapi_schema.convert(body)}}
    if method == 'PATCH':
        return {JSON_PATCH_TYPE: {'schema': _JSON_PATCH}}
    if path.endswith('/file'):
        return {'application/octet-stream': {
            'schema': {'type': 'string', 'format': 'binary'}}}
    return None


def _generic_body(path, method):
    return {'application/json': {'schema': _ANY_OBJECT}}


def _routes(service):
    """``([(path, {METHOD: handler})], body maker, version header)``."""
    if service == 'network':
        from nova.builtin.network import app
        return sorted(app.ROUTES.items()), _network_body, None
    if service == 'image':
        from nova.builtin.image import app
        return sorted(app.ROUTES.items()), _image_body, None
    if service == 'identity':
        from nova.builtin.identity import app
        return sorted(app.ROUTES.items()), _generic_body, None
    if service == 'placement':
        from placement import handler as placement_handler
        routes = [(path, methods) for path, methods
                  in placement_handler.ROUTE_DECLARATIONS.items() if path]
        return routes, _generic_body, 'placement latest'
    raise ValueError('no such service: %s (one of %s)' % (
        service, ', '.join(SERVICES)))


def _operation_id(service, path, method, func, taken):
    name = getattr(func, '__name__', None)
    module = getattr(func, '__module__', '') or ''
    wanted = '%s.%s.%s' % (service, module.rsplit('.', 1)[-1], name)
    if not name or name.startswith('<') or wanted in taken:
        wanted = '%s.%s_%s' % (service, method.lower(), path.strip('/')
                               .replace('/', '_').replace('{', '')
                               .replace('}', '') or 'root')
    taken.add(wanted)
    return wanted


def document(service):
    """The OpenAPI 3.0 document (a dict) of the built-in ``service``
    (one of ``SERVICES``); ValueError for another name."""
    routes, body_of, version_header = _routes(service)
    taken = set()
    paths = {}
    for path, methods in routes:
        for method in sorted(methods):
            func = methods[method]
            params = openapi.path_parameters(path)
            if version_header:
                params.append({
                    'name': openapi.VERSION_HEADER, 'in': 'header',
                    'required': True,
                    'schema': {'type': 'string', 'enum': [version_header]}})
            op = {'operationId': _operation_id(service, path, method, func,
                                               taken),
                  'parameters': params,
                  'responses': {'default': {'description': 'Any'}}}
            content = body_of(path, method) if (
                method in _BODY_METHODS) else None
            if content:
                op['requestBody'] = {'required': True, 'content': content}
            paths.setdefault(path, {})[method.lower()] = op
    return {
        'openapi': openapi.OPENAPI_VERSION,
        'info': {'title': 'Built-in %s service' % service,
                 'version': '1'},
        'servers': [{'url': '/'}],
        'security': [{'token': []}],
        'paths': paths,
        'components': {'securitySchemes': {'token': {
            'type': 'apiKey', 'in': 'header',
            'name': openapi.TOKEN_HEADER}}},
    }
