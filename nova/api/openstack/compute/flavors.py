"""/flavors: list, show, create (admin), describe (admin, 2.55) and
delete (admin) flavors.

Everyone lists and shows the public flavors and the private ones their
project was given access to (``flavor_access``); admins see them all.
Create follows Nova: ``id`` is a string or a number, a UUID when absent,
null (or 0); the sizes must fit the database (ram above 2147483647: 400);
a name or id already taken is a 409. PUT changes the description only.
From 2.61 flavor views embed the extra specs when
``os_compute_api:os-flavor-extra-specs:index`` allows.
"""

from oslo_utils import strutils
from oslo_utils import uuidutils
import webob.exc

from nova.api import echo
from nova.api.openstack import api_version_request as avr
from nova.api.openstack import common
from nova.api.openstack.compute.schemas import flavors as schemas
from nova.api.openstack.compute.views import flavors as views
from nova.api.openstack import wsgi
from nova.api import validation
from nova.api.validation import parameter_types as types
from nova import exception
from nova.i18n import _
from nova import objects
from nova.policies import flavor_extra_specs as extra_specs_policies
from nova.policies import flavors as policies

# Body key, name in messages and minimum of each size of a new flavor.
_SIZES = (('ram', 'ram', 1), ('vcpus', 'vcpus', 1), ('disk', 'disk', 0),
          ('OS-FLV-EXT-DATA:ephemeral', 'ephemeral', 0), ('swap', 'swap', 0))


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
        value = int(raw)
    except ValueError:
        value = None
    # NOTE: a value the database's integer columns cannot hold would fail
    # the query (a 500): refused like any other invalid one.
    if value is None or abs(value) > types.DB_MAX_INT:
        raise webob.exc.HTTPBadRequest(
            explanation=_('Invalid %(name)s filter [%(value)s]') % {
                'name': name, 'value': echo.clip(raw)})
    return value


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
        extra_specs_policies.INDEX, fatal=False,
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
@wsgi.policies(policies.INDEX, extra_specs_policies.INDEX)
@validation.query_schema(schemas.index_query, '2.1', '2.74')
@validation.query_schema(schemas.index_query_v275, '2.75')
@_detail_schemas(schemas.list_of)
def detail(req):
    return views.list_view(req, _list(req), detail=True,
                           include_extra_specs=_extra_specs_allowed(req))


def get(ctx, flavor_id):
    """The flavor ``flavor_id`` as ``ctx`` may see it; 404 when it does not
    exist or is private to other projects."""
    try:
        return objects.Flavor.get_by_flavor_id(ctx, flavor_id)
    except exception.FlavorNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())


@wsgi.expected_errors(404)
@wsgi.policies(policies.INDEX, extra_specs_policies.INDEX)
@validation.query_schema(schemas.show_query)
@_detail_schemas(schemas.one_of)
def show(req, flavor_id):
    ctx = req.context
    ctx.can(policies.INDEX, target={'project_id': ctx.project_id})
    flavor = get(ctx, flavor_id)
    return {'flavor': views.show(req, flavor, _extra_specs_allowed(req))}


def _bad_input(reason):
    return webob.exc.HTTPBadRequest(
        explanation=exception.InvalidInput(reason=reason).format_message())


def _sizes(body):
    """{body key: int}; 400 for a number out of the database's range
    (the schema bounds JSON integers, not strings of digits)."""
    sizes = {}
    for key, name, minimum in _SIZES:
        try:
            sizes[key] = strutils.validate_integer(
                body.get(key, 0), name, minimum, types.DB_MAX_INT)
        except ValueError as exc:
            raise _bad_input(str(exc))
    return sizes


def _rxtx_factor(body):
    try:
        value = float(body.get('rxtx_factor', 1.0))
    except ValueError:
        value = None
    if value is None or not 0 < value <= schemas.RXTX_FACTOR_MAX:
        raise _bad_input(_("'rxtx_factor' argument must be a float between "
                           "0 and %g") % schemas.RXTX_FACTOR_MAX)
    return value


def _new_flavor(ctx, body):
    # NOTE: as in Nova, any false id (absent, null, 0) gets a UUID.
    flavor_id = body.get('id') or uuidutils.generate_uuid()
    sizes = _sizes(body)
    return objects.Flavor(
        context=ctx, name=body['name'].strip(), memory_mb=sizes['ram'],
        vcpus=sizes['vcpus'], root_gb=sizes['disk'],
        ephemeral_gb=sizes['OS-FLV-EXT-DATA:ephemeral'],
        flavorid=str(flavor_id), swap=sizes['swap'],
        rxtx_factor=_rxtx_factor(body),
        is_public=strutils.bool_from_string(
            body.get('os-flavor-access:is_public', True), strict=True),
        description=body.get('description'))


@wsgi.expected_errors((400, 409))
@wsgi.policies(policies.CREATE, extra_specs_policies.INDEX)
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


@wsgi.expected_errors((400, 404))
@wsgi.api_version('2.55')
@wsgi.policies(policies.UPDATE, extra_specs_policies.INDEX)
@validation.schema(schemas.update, '2.55')
@_detail_schemas(schemas.one_of)
def update(req, flavor_id, body):
    ctx = req.context
    ctx.can(policies.UPDATE, target={})
    flavor = get(ctx, flavor_id)
    flavor.description = body['flavor']['description']
    try:
        flavor.save()
    except exception.FlavorNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    return {'flavor': views.show(req, flavor, _extra_specs_allowed(req))}


@wsgi.response(202)
@wsgi.expected_errors(404)
@wsgi.policies(policies.DELETE)
@validation.query_schema(schemas.show_query)
@validation.response_body_schema(schemas.delete_response)
def delete(req, flavor_id):
    ctx = req.context
    ctx.can(policies.DELETE, target={})
    flavor = get(ctx, flavor_id)
    try:
        flavor.destroy()
    except exception.FlavorNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    return None
