"""/os-security-groups[/{security_group_id}] and
/os-security-group-rules[/{security_group_rule_id}] (2.1 - 2.35; 404
after, as in Nova): proxies to the network service's security groups.

Groups are shown with their ingress rules only, in the Compute API's
shape (``security_groups.group_views``). As in Nova: a group id that is
not a UUID is a 400; deleting a group the service refuses to delete (on
a port, the project's ``default`` group) is a 400; creating a group or
rule the service refuses with a conflict (over quota, a duplicate, the
name ``default``) is a 403; a rule the group already has is a 400.
Deletes answer 202.
"""

import webob.exc

from nova.api.openstack import api_version_request as avr
from nova.api.openstack import common
from nova.api.openstack.compute.schemas import security_group_proxy \
    as schemas
from nova.api.openstack.compute import security_groups
from nova.api.openstack import wsgi
from nova.api import validation
import nova.conf
from nova import exception
from nova.i18n import _
from nova.network import neutron
from nova.network import security_group_rules as rules
from nova.policies import security_group_proxy as policies

CONF = nova.conf.CONF
PROXY_MAX = avr.MAX_PROXY_API_SUPPORT_VERSION


def _can(req, rule):
    ctx = req.context
    ctx.can(rule, target={'project_id': ctx.project_id})
    return ctx


def _limited(req, items):
    """``items[offset:offset + limit]`` (``limit`` at most ``[api]
    max_limit``; 0 or none means that maximum), as Nova pages them."""
    offset = int(common.last_value(req, 'offset', 0))
    limit = int(common.last_value(req, 'limit', 0)) or CONF.api.max_limit
    limit = min(limit, CONF.api.max_limit)
    return items[offset:offset + limit]


def _show(ctx, group_id):
    """The group, or 400 (not a UUID) / 404 (not found)."""
    try:
        return neutron.API().show_security_group(
            ctx, rules.validate_id(group_id))
    except exception.SecurityGroupNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    except exception.Invalid as exc:
        raise webob.exc.HTTPBadRequest(explanation=exc.format_message())


def _one(ctx, group):
    return {'security_group': security_groups.group_views(ctx, [group])[0]}


@wsgi.expected_errors(())
@wsgi.api_version('2.1', PROXY_MAX)
@wsgi.policies(policies.INDEX)
@validation.query_schema(schemas.index_query)
@validation.response_body_schema(schemas.index_response)
def index(req):
    ctx = _can(req, policies.INDEX)
    filters = {}
    if not (ctx.is_admin and 'all_tenants' in req.GET):
        filters['project_id'] = ctx.project_id
    groups = neutron.API().list_security_groups(ctx, **filters)
    return {'security_groups': security_groups.group_views(
        ctx, _limited(req, groups))}


@wsgi.expected_errors((400, 403))
@wsgi.api_version('2.1', PROXY_MAX)
@wsgi.policies(policies.CREATE)
@validation.schema(schemas.create)
@validation.response_body_schema(schemas.show_response)
def create(req, body):
    ctx = _can(req, policies.CREATE)
    values = body['security_group']
    try:
        group = neutron.API().create_security_group(
            ctx, values['name'], values['description'])
    except exception.Invalid as exc:
        raise webob.exc.HTTPBadRequest(explanation=exc.format_message())
    except exception.SecurityGroupLimitExceeded as exc:
        raise webob.exc.HTTPForbidden(explanation=exc.format_message())
    return _one(ctx, group)


@wsgi.expected_errors((400, 404))
@wsgi.api_version('2.1', PROXY_MAX)
@wsgi.policies(policies.SHOW)
@validation.query_schema(schemas.no_query)
@validation.response_body_schema(schemas.show_response)
def show(req, security_group_id):
    ctx = _can(req, policies.SHOW)
    return _one(ctx, _show(ctx, security_group_id))


@wsgi.expected_errors((400, 404))
@wsgi.api_version('2.1', PROXY_MAX)
@wsgi.policies(policies.UPDATE)
@validation.schema(schemas.update)
@validation.response_body_schema(schemas.show_response)
def update(req, security_group_id, body):
    ctx = _can(req, policies.UPDATE)
    group = _show(ctx, security_group_id)
    values = body['security_group']
    try:
        group = neutron.API().update_security_group(
            ctx, group['id'], values['name'], values['description'])
    except exception.SecurityGroupNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    except exception.Invalid as exc:
        raise webob.exc.HTTPBadRequest(explanation=exc.format_message())
    return _one(ctx, group)


@wsgi.response(202)
@wsgi.expected_errors((400, 404))
@wsgi.api_version('2.1', PROXY_MAX)
@wsgi.policies(policies.DELETE)
@validation.query_schema(schemas.no_query)
@validation.response_body_schema(schemas.no_body_response)
def delete(req, security_group_id):
    ctx = _can(req, policies.DELETE)
    group = _show(ctx, security_group_id)
    try:
        neutron.API().delete_security_group(ctx, group['id'])
    except exception.SecurityGroupNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    except exception.Invalid as exc:
        raise webob.exc.HTTPBadRequest(explanation=exc.format_message())


def _new_rule(values):
    """The Compute API rule a request asks for; 400 when it is not one."""
    try:
        cidr = None
        if values.get('group_id') is None:
            cidr = rules.parse_cidr(values.get('cidr'))
        rule = rules.new_ingress_rule(
            values.get('ip_protocol'), values.get('from_port'),
            values.get('to_port'), cidr=cidr, group_id=values.get('group_id'))
        if rule is None:
            raise exception.Invalid(
                _('Not enough parameters to build a valid rule.'))
        if 'cidr' in rule:
            rules.check_prefix(rule['cidr'])
    except exception.Invalid as exc:
        raise webob.exc.HTTPBadRequest(explanation=exc.format_message())
    return rule


def _add_rule(ctx, group, rule):
    """Create ``rule`` in ``group``; the created rule (Compute API form)."""
    if rules.find_duplicate(rules.ingress_rules(group), rule):
        raise webob.exc.HTTPBadRequest(explanation=_(
            'This rule already exists in group %s') % group['id'])
    try:
        created = neutron.API().create_security_group_rule(
            ctx, rules.to_neutron(rule, group['id']))
    except exception.SecurityGroupNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    except exception.SecurityGroupLimitExceeded as exc:
        raise webob.exc.HTTPForbidden(explanation=exc.format_message())
    except exception.Invalid as exc:
        raise webob.exc.HTTPBadRequest(explanation=exc.format_message())
    return rules.from_neutron(created)


@wsgi.expected_errors((400, 403, 404))
@wsgi.api_version('2.1', PROXY_MAX)
@wsgi.policies(policies.RULE_CREATE)
@validation.schema(schemas.create_rule)
@validation.response_body_schema(schemas.create_rule_response)
def create_rule(req, body):
    ctx = _can(req, policies.RULE_CREATE)
    values = body['security_group_rule']
    group = _show(ctx, values['parent_group_id'])
    remotes = {}
    if values.get('group_id') is not None:
        source = _show(ctx, values['group_id'])
        remotes = security_groups.remote_groups(ctx, [source])
    created = _add_rule(ctx, group, _new_rule(values))
    return {'security_group_rule': security_groups.rule_view(created,
                                                             remotes)}


@wsgi.response(202)
@wsgi.expected_errors((400, 404))
@wsgi.api_version('2.1', PROXY_MAX)
@wsgi.policies(policies.RULE_DELETE)
@validation.query_schema(schemas.no_query)
@validation.response_body_schema(schemas.no_body_response)
def delete_rule(req, security_group_rule_id):
    ctx = _can(req, policies.RULE_DELETE)
    api = neutron.API()
    try:
        rule_id = rules.validate_id(security_group_rule_id)
        api.delete_security_group_rule(
            ctx, api.show_security_group_rule(ctx, rule_id)['id'])
    except exception.SecurityGroupRuleNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    except exception.Invalid as exc:
        raise webob.exc.HTTPBadRequest(explanation=exc.format_message())
