"""/flavors/{flavor_id}/os-extra_specs: the extra specs of a flavor.

Project readers list them and show one key; admins create or update
several (POST), update one (PUT, the body holding exactly the key of the
URL) and delete one. Codes follow Nova's api-ref: 200 for everything
(also DELETE, without a body); 400 for a bad key or value (keys of at
most 255 letters, digits and ``-_:. ``, values of at most 255
characters, strings or numbers kept as strings) and, from 2.86, for a
key or value ``nova.api.validation.extra_specs`` refuses; 404 for a
flavor the caller cannot see or a key it does not have; 409 when another
writer keeps creating the same key.
"""

import webob.exc

from nova.api.openstack import api_version_request as avr
from nova.api.openstack.compute import flavors
from nova.api.openstack.compute.schemas import flavor_extra_specs as schemas
from nova.api.openstack import wsgi
from nova.api import validation
from nova.api.validation import extra_specs as extra_spec_rules
from nova import exception
from nova.i18n import _
from nova.policies import flavor_extra_specs as policies

_MAX_VALUE_LENGTH = 255


def _checked(req, specs):
    """``specs`` with number values as strings; 400 for a value too long
    or, from 2.86, one Nova's extra spec rules refuse."""
    checked = {}
    for key, value in specs.items():
        value = value if isinstance(value, str) else str(value)
        if len(value) > _MAX_VALUE_LENGTH:
            raise webob.exc.HTTPBadRequest(explanation=exception.InvalidInput(
                reason=_('extra_specs value has more than %d characters')
                % _MAX_VALUE_LENGTH).format_message())
        if avr.validate_flavor_extra_specs(req):
            try:
                extra_spec_rules.validate(key, value)
            except exception.ValidationError as exc:
                raise webob.exc.HTTPBadRequest(
                    explanation=exc.format_message())
        checked[key] = value
    return checked


def _no_such_key(flavor_id, key):
    missing = exception.FlavorExtraSpecsNotFound(flavor_id=flavor_id,
                                                 extra_specs_key=key)
    return webob.exc.HTTPNotFound(explanation=missing.format_message())


def _merge(ctx, flavor_id, specs):
    """Write ``specs`` over the flavor's extra specs."""
    flavor = flavors.get(ctx, flavor_id)
    flavor.extra_specs = dict(flavor.extra_specs, **specs)
    try:
        flavor.save()
    except exception.FlavorNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    except exception.FlavorExtraSpecUpdateCreateFailed as exc:
        raise webob.exc.HTTPConflict(explanation=exc.format_message())


@wsgi.expected_errors(404)
@wsgi.policies(policies.INDEX)
@validation.query_schema(schemas.no_query)
@validation.response_body_schema(schemas.index_response)
def index(req, flavor_id):
    ctx = req.context
    ctx.can(policies.INDEX, target={'project_id': ctx.project_id})
    return {'extra_specs': dict(flavors.get(ctx, flavor_id).extra_specs)}


@wsgi.expected_errors((400, 404, 409))
@wsgi.policies(policies.CREATE)
@validation.schema(schemas.create)
@validation.response_body_schema(schemas.create_response)
def create(req, flavor_id, body):
    ctx = req.context
    ctx.can(policies.CREATE, target={})
    _merge(ctx, flavor_id, _checked(req, body['extra_specs']))
    return body


@wsgi.expected_errors(404)
@wsgi.policies(policies.SHOW)
@validation.query_schema(schemas.no_query)
@validation.response_body_schema(schemas.show_response)
def show(req, flavor_id, flavor_extra_spec_key):
    ctx = req.context
    ctx.can(policies.SHOW, target={'project_id': ctx.project_id})
    specs = flavors.get(ctx, flavor_id).extra_specs
    if flavor_extra_spec_key not in specs:
        raise _no_such_key(flavor_id, flavor_extra_spec_key)
    return {flavor_extra_spec_key: specs[flavor_extra_spec_key]}


@wsgi.expected_errors((400, 404, 409))
@wsgi.policies(policies.UPDATE)
@validation.schema(schemas.update)
@validation.response_body_schema(schemas.update_response)
def update(req, flavor_id, flavor_extra_spec_key, body):
    ctx = req.context
    ctx.can(policies.UPDATE, target={})
    specs = _checked(req, body)
    if flavor_extra_spec_key not in specs:
        raise webob.exc.HTTPBadRequest(
            explanation=_('Request body and URI mismatch'))
    _merge(ctx, flavor_id, specs)
    return body


@wsgi.expected_errors(404)
@wsgi.policies(policies.DELETE)
@validation.query_schema(schemas.no_query)
@validation.response_body_schema(schemas.delete_response)
def delete(req, flavor_id, flavor_extra_spec_key):
    ctx = req.context
    ctx.can(policies.DELETE, target={})
    flavor = flavors.get(ctx, flavor_id)
    if flavor_extra_spec_key not in flavor.extra_specs:
        raise _no_such_key(flavor_id, flavor_extra_spec_key)
    flavor.extra_specs = {key: value
                          for key, value in flavor.extra_specs.items()
                          if key != flavor_extra_spec_key}
    try:
        flavor.save()
    except exception.FlavorNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    return None
