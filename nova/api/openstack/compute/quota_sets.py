"""/os-quota-sets/{tenant_id}[/detail|/defaults] and
/os-quota-class-sets/{quota_class}: quota limits of projects (and of
users within them, ``?user_id=``) and of quota classes (``nova.quota``).

PUT takes new limits (-1: unlimited); unless ``force`` is true each must
be at least what is in use (and, for a project, what its users' limits
add up to) and, for a user, at most what the project has not given to
its other users: else 400, as Nova's api-ref says. A project the
identity service does not know: 400 (except DELETE). DELETE (202) reverts
to the defaults. Which resources are shown depends on the microversion:
nova-network's go at 2.36, the personality ones at 2.57; quota classes
show the server group ones from 2.50.
"""

from oslo_utils import strutils
import webob.exc

from nova.api.openstack import common
from nova.api.openstack import identity
from nova.api.openstack.compute.schemas import quota_sets as schemas
from nova.api.openstack import wsgi
from nova.api import validation
from nova.i18n import _
from nova.policies import quota_sets as policies
from nova import quota


def _user_query(func):
    func = validation.query_schema(schemas.user_query, '2.1', '2.74')(func)
    return validation.query_schema(schemas.user_query_v275, '2.75')(func)


def _body(req, key, values, versions, project_id=None):
    names = schemas.shown(versions, req)
    body = {name: values[name] for name in names}
    if project_id is not None:
        body['id'] = project_id
    return {key: body}


def _check(req, rule, tenant_id, verify=True):
    """Check ``rule``, then (``verify``) that the project exists (400
    when the identity service says it does not); returns the
    ``user_id`` query parameter (or None)."""
    req.context.can(rule, target={'project_id': tenant_id})
    if verify:
        identity.verify_project_id(req.context, tenant_id)
    return common.last_value(req, 'user_id')


@wsgi.expected_errors(400)
@wsgi.policies(policies.SHOW)
@_user_query
@validation.response_body_schemas(schemas.show_responses)
def show(req, tenant_id):
    user_id = _check(req, policies.SHOW, tenant_id)
    limits = quota.limits_for(req.context, tenant_id, user_id)
    return _body(req, 'quota_set', limits, schemas.SET_VERSIONS, tenant_id)


@wsgi.expected_errors(400)
@wsgi.policies(policies.DETAIL)
@_user_query
@validation.response_body_schemas(schemas.detail_responses)
def detail(req, tenant_id):
    user_id = _check(req, policies.DETAIL, tenant_id)
    limits = quota.limits_for(req.context, tenant_id, user_id)
    used = quota.usages(req.context, tenant_id, user_id)
    values = {name: {'limit': limits[name], 'in_use': used.get(name, 0),
                     'reserved': 0} for name in limits}
    return _body(req, 'quota_set', values, schemas.SET_VERSIONS, tenant_id)


@wsgi.expected_errors(400)
@wsgi.policies(policies.DEFAULTS)
@validation.query_schema(schemas.no_query)
@validation.response_body_schemas(schemas.show_responses)
def defaults(req, tenant_id):
    req.context.can(policies.DEFAULTS, target={'project_id': tenant_id})
    identity.verify_project_id(req.context, tenant_id)
    return _body(req, 'quota_set', quota.defaults(req.context),
                 schemas.SET_VERSIONS, tenant_id)


def _checked(resource, limit, minimum, maximum):
    unlimited = float('inf')

    def value(x):
        return unlimited if x == -1 else x

    if value(limit) < value(minimum):
        raise webob.exc.HTTPBadRequest(explanation=_(
            'Quota limit %(limit)s for %(resource)s must be greater than or '
            'equal to already used and reserved %(minimum)s.') % {
            'limit': limit, 'resource': resource, 'minimum': minimum})
    if value(limit) > value(maximum):
        raise webob.exc.HTTPBadRequest(explanation=_(
            'Quota limit %(limit)s for %(resource)s must be less than or '
            'equal to %(maximum)s.') % {
            'limit': limit, 'resource': resource, 'maximum': maximum})
    return limit


def _as_limit(resource, value):
    """The integer limit of a quota value the schema let through (a JSON
    integer or a numeric string); 400 outside -1 to 2**31-1, which the
    schema checks for integers only, as Nova's validator does for
    strings too (a bigger number does not fit the database column)."""
    limit = int(value)
    if not schemas.MIN_LIMIT <= limit <= schemas.MAX_LIMIT:
        raise webob.exc.HTTPBadRequest(explanation=_(
            'Invalid input for field/attribute %(resource)s. The value must '
            'be between %(low)d and %(high)d.') % {
            'resource': resource, 'low': schemas.MIN_LIMIT,
            'high': schemas.MAX_LIMIT})
    return limit


@wsgi.expected_errors(400)
@wsgi.policies(policies.UPDATE)
@validation.schemas(schemas.set_updates)
@_user_query
@validation.response_body_schemas(schemas.update_responses)
def update(req, tenant_id, body):
    ctx = req.context
    user_id = _check(req, policies.UPDATE, tenant_id)
    requested = dict(body['quota_set'])
    force = strutils.bool_from_string(requested.pop('force', False))
    bounds = {} if force else quota.settable(ctx, tenant_id, user_id)
    limits = {}
    for resource, value in requested.items():
        limit = _as_limit(resource, value)
        if not force:
            limit = _checked(resource, limit, *bounds[resource])
        limits[resource] = limit
    for resource, limit in limits.items():
        quota.set_limit(ctx, tenant_id, resource, limit, user_id=user_id)
    return _body(req, 'quota_set', quota.limits_for(ctx, tenant_id, user_id),
                 schemas.SET_VERSIONS)


@wsgi.response(202)
@wsgi.expected_errors(())
@wsgi.policies(policies.DELETE)
@_user_query
@validation.response_body_schema(schemas.no_body_response)
def delete(req, tenant_id):
    user_id = _check(req, policies.DELETE, tenant_id, verify=False)
    quota.delete_limits(req.context, tenant_id, user_id)


# -- quota classes ----

@wsgi.expected_errors(())
@wsgi.policies(policies.CLASS_SHOW)
@validation.query_schema(schemas.no_query)
@validation.response_body_schemas(schemas.class_show_responses)
def class_show(req, quota_class):
    req.context.can(policies.CLASS_SHOW, target={})
    return _body(req, 'quota_class_set',
                 quota.class_limits(req.context, quota_class),
                 schemas.CLASS_VERSIONS, quota_class)


@wsgi.expected_errors(400)
@wsgi.policies(policies.CLASS_UPDATE)
@validation.schemas(schemas.class_updates)
@validation.response_body_schemas(schemas.class_update_responses)
def class_update(req, quota_class, body):
    ctx = req.context
    ctx.can(policies.CLASS_UPDATE, target={})
    for resource, value in body['quota_class_set'].items():
        quota.set_class_limit(ctx, quota_class, resource,
                              _as_limit(resource, value))
    return _body(req, 'quota_class_set', quota.class_limits(ctx, quota_class),
                 schemas.CLASS_VERSIONS)
