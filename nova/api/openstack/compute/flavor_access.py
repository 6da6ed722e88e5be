"""Which projects may use a private flavor (admin):
GET /flavors/{flavor_id}/os-flavor-access and the ``addTenantAccess`` and
``removeTenantAccess`` actions of POST /flavors/{flavor_id}/action.

A private flavor (``os-flavor-access:is_public`` false) is listed, shown
and booted only by admins and the projects on its list; creating one
puts no project on it, as in Nova. Codes follow Nova's api-ref: 200 with
the access list; 404 for an unknown flavor, for the list of a public
flavor and for removing a project that is not on the list; 409 for
adding a project already on it or, from 2.7, for adding one to a public
flavor; 400 for a malformed body or an action Nova does not know.
"""

import webob.exc

from nova.api.openstack import api_version_request as avr
from nova.api.openstack.compute.schemas import flavor_access as schemas
from nova.api.openstack.compute import flavors
from nova.api.openstack.compute import server_actions
from nova.api.openstack import identity
from nova.api.openstack import wsgi
from nova.api import validation
from nova import exception
from nova.i18n import _
from nova.policies import flavor_access as policies


def _access_list(flavor):
    return {'flavor_access': [
        {'flavor_id': flavor.flavorid, 'tenant_id': project_id}
        for project_id in flavor.projects]}


@wsgi.expected_errors(404)
@wsgi.policies(policies.INDEX)
@validation.query_schema(schemas.no_query)
@validation.response_body_schema(schemas.access_response)
def index(req, flavor_id):
    ctx = req.context
    ctx.can(policies.INDEX)
    flavor = flavors.get(ctx, flavor_id)
    if flavor.is_public:
        raise webob.exc.HTTPNotFound(explanation=_(
            'Access list not available for public flavors.'))
    return _access_list(flavor)


@wsgi.expected_errors((400, 404, 409))
@wsgi.policies(policies.ADD_TENANT_ACCESS)
@validation.schema(schemas.add_tenant_access)
@validation.response_body_schema(schemas.access_response)
def add_tenant_access(req, flavor_id, body):
    ctx = req.context
    ctx.can(policies.ADD_TENANT_ACCESS, target={})
    flavor = flavors.get(ctx, flavor_id)
    identity.verify_project_id(ctx, body['addTenantAccess']['tenant'])
    if flavor.is_public and avr.refuse_access_to_public_flavor(req):
        raise webob.exc.HTTPConflict(
            explanation=_('Can not add access to a public flavor.'))
    try:
        flavor.add_access(body['addTenantAccess']['tenant'])
    except exception.FlavorNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    except exception.FlavorAccessExists as exc:
        raise webob.exc.HTTPConflict(explanation=exc.format_message())
    return _access_list(flavor)


@wsgi.expected_errors((400, 404))
@wsgi.policies(policies.REMOVE_TENANT_ACCESS)
@validation.schema(schemas.remove_tenant_access)
@validation.response_body_schema(schemas.access_response)
def remove_tenant_access(req, flavor_id, body):
    ctx = req.context
    ctx.can(policies.REMOVE_TENANT_ACCESS, target={})
    flavor = flavors.get(ctx, flavor_id)
    try:
        flavor.remove_access(body['removeTenantAccess']['tenant'])
    except (exception.FlavorNotFound,
            exception.FlavorAccessNotFound) as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    return _access_list(flavor)


ACTIONS = {'addTenantAccess': add_tenant_access,
           'removeTenantAccess': remove_tenant_access}


@wsgi.expected_errors((400, 404, 409))
@wsgi.policies(policies.ADD_TENANT_ACCESS, policies.REMOVE_TENANT_ACCESS)
@validation.schema(schemas.action)
@validation.response_body_schema(schemas.access_response)
def action(req, flavor_id, body):
    name = server_actions.action_name(body)
    func = ACTIONS.get(name)
    if func is None:
        raise webob.exc.HTTPBadRequest(
            explanation=_('There is no such action: %s') % name)
    return wsgi.call_action(func, req, {'flavor_id': flavor_id}, body)
