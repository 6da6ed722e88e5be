"""/os-aggregates: host aggregates and the zones they make (admin).

List, create (name, optional ``availability_zone``), show, update (name
and/or zone), delete (only without hosts), and the actions ``add_host``,
``remove_host`` and ``set_metadata`` (a null value removes its key; the
``availability_zone`` key sets the zone). From 2.41 the views carry the
aggregate's ``uuid``, the UUID of its placement aggregate. From 2.81
``POST /os-aggregates/{aggregate_id}/images`` asks the aggregate's hosts
to cache images (202).

Codes follow Nova's api-ref: 200 for everything but images (202); 400
for a non-integer id, a zone its hosts cannot take (update,
set_metadata), an aggregate with hosts (delete) or an unknown image; 404
for an unknown aggregate or host, or a host not in the aggregate; 409
for a name taken, a host already in it, or a host that would change zone
(add_host, remove_host).
"""

from oslo_utils import strutils
import webob.exc

from nova.api.openstack import api_version_request as avr
from nova.api.openstack.compute.schemas import aggregates as schemas
from nova.api.openstack.compute import server_actions
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import aggregates as aggregate_api
from nova import exception
from nova.i18n import _
from nova.policies import aggregates as policies

_DB_INT = 2 ** 63


def _time(value):
    return (value.replace(tzinfo=None).strftime('%Y-%m-%dT%H:%M:%S.%f')
            if value else None)


def _view(req, aggregate, members=True):
    view = {'id': aggregate.id, 'name': aggregate.name,
            'availability_zone': aggregate.availability_zone,
            'created_at': _time(aggregate.created_at),
            'updated_at': _time(aggregate.updated_at),
            'deleted': False, 'deleted_at': None}
    if members:
        view['hosts'] = list(aggregate.hosts or [])
        view['metadata'] = dict(aggregate.metadata or {})
    if avr.is_supported(req, '2.41'):
        view['uuid'] = aggregate.uuid
    return view


def _aggregate_id(aggregate_id):
    """The integer id in the URL: 400 when it is not an integer, 404 when
    no row can have it."""
    try:
        value = strutils.validate_integer(aggregate_id, 'id')
    except ValueError as exc:
        raise webob.exc.HTTPBadRequest(explanation=exception.InvalidInput(
            reason=str(exc)).format_message())
    if not -_DB_INT <= value < _DB_INT:
        raise webob.exc.HTTPNotFound(explanation=exception.AggregateNotFound(
            aggregate_id=aggregate_id).format_message())
    return value


def _not_found(exc):
    return webob.exc.HTTPNotFound(explanation=exc.format_message())


def _response_schemas(func):
    """The responses of one aggregate with its hosts and metadata."""
    func = validation.response_body_schema(schemas.show_response, '2.1',
                                           '2.40')(func)
    return validation.response_body_schema(schemas.show_response_v241,
                                           '2.41')(func)


@wsgi.expected_errors(())
@wsgi.policies(policies.INDEX)
@validation.query_schema(schemas.query)
@validation.response_body_schema(schemas.index_response, '2.1', '2.40')
@validation.response_body_schema(schemas.index_response_v241, '2.41')
def index(req):
    ctx = req.context
    ctx.can(policies.INDEX, target={})
    aggregates = aggregate_api.AggregateAPI().get_aggregate_list(ctx)
    return {'aggregates': [_view(req, a) for a in aggregates]}


@wsgi.expected_errors((400, 409))
@wsgi.policies(policies.CREATE)
@validation.schema(schemas.create)
@validation.response_body_schema(schemas.create_response, '2.1', '2.40')
@validation.response_body_schema(schemas.create_response_v241, '2.41')
def create(req, body):
    ctx = req.context
    ctx.can(policies.CREATE, target={})
    params = body['aggregate']
    try:
        aggregate = aggregate_api.AggregateAPI().create_aggregate(
            ctx, params['name'], params.get('availability_zone'))
    except exception.AggregateNameExists as exc:
        raise webob.exc.HTTPConflict(explanation=exc.format_message())
    return {'aggregate': _view(req, aggregate, members=False)}


@wsgi.expected_errors((400, 404))
@wsgi.policies(policies.SHOW)
@validation.query_schema(schemas.query)
@_response_schemas
def show(req, aggregate_id):
    ctx = req.context
    ctx.can(policies.SHOW, target={})
    try:
        aggregate = aggregate_api.AggregateAPI().get_aggregate(
            ctx, _aggregate_id(aggregate_id))
    except exception.AggregateNotFound as exc:
        raise _not_found(exc)
    return {'aggregate': _view(req, aggregate)}


@wsgi.expected_errors((400, 404, 409))
@wsgi.policies(policies.UPDATE)
@validation.schema(schemas.update)
@_response_schemas
def update(req, aggregate_id, body):
    ctx = req.context
    ctx.can(policies.UPDATE, target={})
    values = dict(body['aggregate'])
    if 'name' in values:
        values['name'] = values['name'].strip()
    try:
        aggregate = aggregate_api.AggregateAPI().update_aggregate(
            ctx, _aggregate_id(aggregate_id), values)
    except exception.AggregateNotFound as exc:
        raise _not_found(exc)
    except exception.AggregateNameExists as exc:
        raise webob.exc.HTTPConflict(explanation=exc.format_message())
    except exception.InvalidAggregateAction as exc:
        raise webob.exc.HTTPBadRequest(explanation=exc.format_message())
    return {'aggregate': _view(req, aggregate)}


@wsgi.expected_errors((400, 404))
@wsgi.policies(policies.DELETE)
@validation.query_schema(schemas.query)
@validation.response_body_schema(schemas.delete_response)
def delete(req, aggregate_id):
    ctx = req.context
    ctx.can(policies.DELETE, target={})
    try:
        aggregate_api.AggregateAPI().delete_aggregate(
            ctx, _aggregate_id(aggregate_id))
    except exception.AggregateNotFound as exc:
        raise _not_found(exc)
    except exception.InvalidAggregateAction as exc:
        raise webob.exc.HTTPBadRequest(explanation=exc.format_message())
    return None


# -- actions ----

@wsgi.expected_errors((400, 404, 409))
@wsgi.policies(policies.ADD_HOST)
@validation.schema(schemas.add_host)
@_response_schemas
def add_host(req, aggregate_id, body):
    ctx = req.context
    ctx.can(policies.ADD_HOST, target={})
    host = body['add_host']['host']
    try:
        aggregate = aggregate_api.AggregateAPI().add_host_to_aggregate(
            ctx, _aggregate_id(aggregate_id), host)
    except (exception.AggregateNotFound, exception.HostMappingNotFound,
            exception.ComputeHostNotFound) as exc:
        raise _not_found(exc)
    except (exception.AggregateHostExists,
            exception.InvalidAggregateAction) as exc:
        raise webob.exc.HTTPConflict(explanation=exc.format_message())
    return {'aggregate': _view(req, aggregate)}


@wsgi.expected_errors((400, 404, 409))
@wsgi.policies(policies.REMOVE_HOST)
@validation.schema(schemas.remove_host)
@_response_schemas
def remove_host(req, aggregate_id, body):
    ctx = req.context
    ctx.can(policies.REMOVE_HOST, target={})
    host = body['remove_host']['host']
    try:
        aggregate = aggregate_api.AggregateAPI().remove_host_from_aggregate(
            ctx, _aggregate_id(aggregate_id), host)
    except (exception.AggregateNotFound, exception.AggregateHostNotFound,
            exception.HostMappingNotFound, exception.ComputeHostNotFound):
        raise webob.exc.HTTPNotFound(explanation=_(
            'Cannot remove host %(host)s in aggregate %(id)s') % {
                'host': host, 'id': aggregate_id})
    except (exception.InvalidAggregateAction,
            exception.ResourceProviderUpdateConflict) as exc:
        raise webob.exc.HTTPConflict(explanation=exc.format_message())
    return {'aggregate': _view(req, aggregate)}


@wsgi.expected_errors((400, 404))
@wsgi.policies(policies.SET_METADATA)
@validation.schema(schemas.set_metadata)
@_response_schemas
def set_metadata(req, aggregate_id, body):
    ctx = req.context
    ctx.can(policies.SET_METADATA, target={})
    metadata = body['set_metadata']['metadata']
    try:
        aggregate = aggregate_api.AggregateAPI().update_aggregate_metadata(
            ctx, _aggregate_id(aggregate_id), metadata)
    except exception.AggregateNotFound as exc:
        raise _not_found(exc)
    except exception.InvalidAggregateAction as exc:
        raise webob.exc.HTTPBadRequest(explanation=exc.format_message())
    return {'aggregate': _view(req, aggregate)}


ACTIONS = {'add_host': add_host, 'remove_host': remove_host,
           'set_metadata': set_metadata}


@wsgi.expected_errors((400, 404, 409))
@wsgi.policies(policies.ADD_HOST, policies.REMOVE_HOST,
               policies.SET_METADATA)
@validation.schema(schemas.action)
@validation.response_body_schema(schemas.action_response)
def action(req, aggregate_id, body):
    name = server_actions.action_name(body)
    func = ACTIONS.get(name)
    if func is None:
        raise webob.exc.HTTPBadRequest(
            explanation=_('There is no such action: %s') % name)
    return wsgi.call_action(func, req, {'aggregate_id': aggregate_id}, body)


@wsgi.response(202)
@wsgi.expected_errors((400, 404))
@wsgi.api_version('2.81')
@wsgi.policies(policies.IMAGES)
@validation.schema(schemas.images)
@validation.response_body_schema(schemas.images_response)
def images(req, aggregate_id, body):
    ctx = req.context
    ctx.can(policies.IMAGES, target={})
    image_ids = [item['id'] for item in body['cache']]
    if len(set(image_ids)) != len(image_ids):
        raise webob.exc.HTTPBadRequest(
            explanation=_('Duplicate images in request'))
    api = aggregate_api.AggregateAPI()
    try:
        aggregate = api.get_aggregate(ctx, _aggregate_id(aggregate_id))
    except exception.AggregateNotFound as exc:
        raise _not_found(exc)
    try:
        api.cache_images(ctx, aggregate, image_ids)
    except exception.ImageNotFound as exc:
        raise webob.exc.HTTPBadRequest(explanation=exc.format_message())
    return None
