"""/flavors: list, show, create (admin) and delete (admin) flavors."""

from oslo_utils import strutils
from oslo_utils import uuidutils
import webob.exc

from nova.api.openstack import api_version_request as avr
from nova.api.openstack import common
from nova.api.openstack.compute.schemas import flavors as schemas
from nova.api.openstack.compute.views import flavors as views
from nova.api.openstack import wsgi
from nova.api import validation
from nova import exception
from nova.i18n import _
from nova import objects
from nova.policies import flavors as policies


def _detail_schemas(wrap):
    def decorator(func):
        for schema, low, high in schemas.FLAVOR_VERSIONS:
            func = validation.response_body_schema(
                wrap(schema), low, high)(func)
        return func
    return decorator


def _is_public_filter(req):
    """True/False/None (all) for admins; non-admins see public only."""
    if not req.context.is_admin:
        return True
    raw = common.last_value(req, 'is_public')
    if raw is None:
        return True
    if raw.lower() == 'none':
        return None
    try:
        return strutils.bool_from_string(raw, strict=True)
    except ValueError:
        raise webob.exc.HTTPBadRequest(
            explanation=_('Invalid is_public filter [%s]') % raw)


def _int_filter(req, name):
    raw = common.last_value(req, name)
    if raw is None:
        return None
    try:
        return int(raw)
    except ValueError:
        raise webob.exc.HTTPBadRequest(
            explanation=_('Invalid %(name)s filter [%(value)s]') % {
                'name': name, 'value': raw})


def _filters(req):
    filters = {}
    is_public = _is_public_filter(req)
    if is_public is not None:
        filters['is_public'] = is_public
    for param, key in (('minRam', 'min_memory_mb'),
                       ('minDisk', 'min_root_gb')):
        value = _int_filter(req, param)
        if value is not None:
            filters[key] = value
    return filters


def _list(req):
    ctx = req.context
    ctx.can(policies.INDEX, target={'project_id': ctx.project_id})
    limit, marker = common.get_limit_and_marker(req)
    try:
        return list(objects.FlavorList.get_all(
            ctx, inactive=False, filters=_filters(req),
            sort_key=common.last_value(req, 'sort_key', 'flavorid'),
            sort_dir=common.last_value(req, 'sort_dir', 'asc'),
            limit=limit, marker=marker))
    except exception.MarkerNotFound as exc:
        raise webob.exc.HTTPBadRequest(explanation=exc.format_message())


def _extra_specs_allowed(req):
    return avr.embed_extra_specs_in_flavor(req) and req.context.can(
        policies.EXTRA_SPECS_INDEX, fatal=False,
        target={'project_id': req.context.project_id})


@wsgi.expected_errors(400)
@wsgi.policies(policies.INDEX)
@validation.query_schema(schemas.index_query, '2.1', '2.74')
@validation.query_schema(schemas.index_query_v275, '2.75')
@validation.response_body_schema(schemas.index_response, '2.1', '2.54')
@validation.response_body_schema(schemas.index_response_v255, '2.55')
def index(req):
    return views.list_view(req, _list(req), detail=False)


@wsgi.expected_errors(400)
@wsgi.policies(policies.INDEX, policies.EXTRA_SPECS_INDEX)
@validation.query_schema(schemas.index_query, '2.1', '2.74')
@validation.query_schema(schemas.index_query_v275, '2.75')
@_detail_schemas(schemas.list_of)
def detail(req):
    return views.list_view(req, _list(req), detail=True,
                           include_extra_specs=_extra_specs_allowed(req))


def _get(ctx, flavor_id):
    try:
        return objects.Flavor.get_by_flavor_id(ctx, flavor_id)
    except exception.FlavorNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())


@wsgi.expected_errors(404)
@wsgi.policies(policies.INDEX, policies.EXTRA_SPECS_INDEX)
@validation.query_schema(schemas.show_query)
@_detail_schemas(schemas.one_of)
def show(req, flavor_id):
    ctx = req.context
    ctx.can(policies.INDEX, target={'project_id': ctx.project_id})
    flavor = _get(ctx, flavor_id)
    return {'flavor': views.show(req, flavor, _extra_specs_allowed(req))}


def _new_flavor(ctx, body):
    flavor_id = body.get('id')
    if flavor_id is None:
        flavor_id = uuidutils.generate_uuid()
    return objects.Flavor(
        context=ctx, name=body['name'], memory_mb=int(body['ram']),
        vcpus=int(body['vcpus']), root_gb=int(body['disk']),
        ephemeral_gb=int(body.get('OS-FLV-EXT-DATA:ephemeral', 0)),
        flavorid=str(flavor_id), swap=int(body.get('swap', 0)),
        rxtx_factor=float(body.get('rxtx_factor', 1.0)),
        is_public=strutils.bool_from_string(
            body.get('os-flavor-access:is_public', True), default=True),
        description=body.get('description'))


@wsgi.expected_errors((400, 409))
@wsgi.policies(policies.CREATE)
@validation.schema(schemas.create, '2.1', '2.54')
@validation.schema(schemas.create_v255, '2.55')
@_detail_schemas(schemas.one_of)
def create(req, body):
    ctx = req.context
    ctx.can(policies.CREATE, target={})
    flavor = _new_flavor(ctx, body['flavor'])
    try:
        flavor.create()
    except (exception.FlavorExists, exception.FlavorIdExists) as exc:
        raise webob.exc.HTTPConflict(explanation=exc.format_message())
    return {'flavor': views.show(req, flavor, _extra_specs_allowed(req))}


@wsgi.response(202)
@wsgi.expected_errors(404)
@wsgi.policies(policies.DELETE)
@validation.query_schema(schemas.show_query)
@validation.response_body_schema(schemas.delete_response)
def delete(req, flavor_id):
    ctx = req.context
    ctx.can(policies.DELETE, target={})
    flavor = _get(ctx, flavor_id)
    try:
        flavor.destroy()
    except exception.FlavorNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    return None
