"""Declaring the JSON schemas of a handler, per microversion range.

Usage on a handler (several of each, one per version range)::

    @validation.schema(schemas.create, '2.1', '2.18')
    @validation.schema(schemas.create_v219, '2.19')
    @validation.query_schema(schemas.show_query)
    @validation.response_body_schema(schemas.show_response)

Schemas are checked by the dispatcher in ``nova.api.openstack.wsgi``.
"""

from nova.api.openstack import handler


def _add(kind, schema, min_version, max_version):
    def decorator(func):
        spec = handler.spec_of(func)
        getattr(spec, kind).append((schema, min_version, max_version))
        return func
    return decorator


def schema(request_body_schema, min_version='2.1', max_version=None):
    """Validate the JSON request body against ``request_body_schema``."""
    return _add('body_schemas', request_body_schema, min_version,
                max_version)


def query_schema(query_params_schema, min_version='2.1', max_version=None):
    """Validate the query string (a dict of value lists)."""
    return _add('query_schemas', query_params_schema, min_version,
                max_version)


def response_body_schema(response_schema, min_version='2.1',
                         max_version=None):
    """Declare the response body; checked when ``[api]
    validate_responses`` is on (always in tests)."""
    return _add('response_schemas', response_schema, min_version,
                max_version)


def per_version(declare, versions):
    """Apply ``declare(schema, low, high)`` (``schema``,
    ``query_schema`` or ``response_body_schema``) for each ``(schema, low,
    high)`` of ``versions``: one schema per microversion range."""
    def decorator(func):
        for one_schema, low, high in versions:
            func = declare(one_schema, low, high)(func)
        return func
    return decorator


def response_body_schemas(versions):
    """``response_body_schema`` for each ``(schema, low, high)``."""
    return per_version(response_body_schema, versions)


def schemas(versions):
    """``schema`` (request bodies) for each ``(schema, low, high)``."""
    return per_version(schema, versions)
