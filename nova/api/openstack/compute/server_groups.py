"""/os-server-groups[/{server_group_id}]: groups of servers placed by one
policy. Servers join a group when booted with the ``group`` scheduler
hint; the scheduler keeps them on one host (affinity), on different hosts
(anti-affinity, at most ``max_server_per_host`` per host from 2.64), or
prefers so (the soft policies, 2.15).

Views follow the microversion: ``policies`` and an empty ``metadata``
before 2.64, ``policy`` and ``rules`` from it; ``project_id`` and
``user_id`` from 2.13. Members are the servers not deleted. Creating one
more group than the ``server_groups`` quota allows: 403.
"""

import webob.exc

from nova.api.openstack import api_version_request as avr
from nova.api.openstack import common
from nova.api.openstack.compute.schemas import server_groups as schemas
from nova.api.openstack import wsgi
from nova.api import validation
from nova import exception
from nova.i18n import _
from nova import objects
from nova.policies import server_groups as policies
from nova import quota


def _view(req, group):
    view = {'id': group.uuid, 'name': group.name,
            'members': list(group.members)}
    if avr.is_supported(req, '2.64'):
        view['policy'] = group.policy
        view['rules'] = dict(group.rules or {})
    else:
        view['policies'] = [group.policy]
        view['metadata'] = {}
    if avr.is_supported(req, '2.13'):
        view['project_id'] = group.project_id
        view['user_id'] = group.user_id
    return view


def _load(req, server_group_id, rule):
    ctx = req.context
    try:
        group = objects.InstanceGroup.get_by_uuid(ctx, server_group_id)
    except exception.InstanceGroupNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    ctx.can(rule, target={'project_id': group.project_id})
    return group


@wsgi.expected_errors(())
@wsgi.policies(policies.INDEX, policies.INDEX_ALL_PROJECTS)
@validation.query_schema(schemas.index_query, '2.1', '2.74')
@validation.query_schema(schemas.index_query_v275, '2.75')
@validation.response_body_schemas(schemas.index_responses)
def index(req):
    ctx = req.context
    ctx.can(policies.INDEX, target={'project_id': ctx.project_id})
    if 'all_projects' in req.GET and ctx.can(
            policies.INDEX_ALL_PROJECTS,
            target={'project_id': ctx.project_id}, fatal=False):
        groups = objects.InstanceGroupList.get_all(ctx)
    else:
        groups = objects.InstanceGroupList.get_by_project_id(
            ctx, ctx.project_id)
    offset = int(common.last_value(req, 'offset', 0))
    limit = common.last_value(req, 'limit')
    groups = list(groups)[offset:]
    if limit is not None:
        groups = groups[:int(limit)]
    return {'server_groups': [_view(req, g) for g in groups]}


@wsgi.expected_errors(404)
@wsgi.policies(policies.SHOW)
@validation.query_schema(schemas.show_query)
@validation.response_body_schemas(schemas.show_responses)
def show(req, server_group_id):
    return {'server_group': _view(req, _load(req, server_group_id,
                                             policies.SHOW))}


@wsgi.response(204)
@wsgi.expected_errors(404)
@wsgi.policies(policies.DELETE)
@validation.query_schema(schemas.show_query)
@validation.response_body_schema(schemas.delete_response)
def delete(req, server_group_id):
    group = _load(req, server_group_id, policies.DELETE)
    try:
        group.destroy()
    except exception.InstanceGroupNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())


def _over_quota(ctx, adding):
    allowed = quota.project_limits(ctx, ctx.project_id)['server_groups']
    used = objects.InstanceGroupList.get_counts(ctx, ctx.project_id)
    return 0 <= allowed < used + adding


@wsgi.expected_errors((400, 403))
@wsgi.policies(policies.CREATE)
@validation.schema(schemas.create, '2.1', '2.14')
@validation.schema(schemas.create_v215, '2.15', '2.63')
@validation.schema(schemas.create_v264, '2.64')
@validation.response_body_schemas(schemas.show_responses)
def create(req, body):
    ctx = req.context
    ctx.can(policies.CREATE, target={'project_id': ctx.project_id})
    params = body['server_group']
    over = webob.exc.HTTPForbidden(
        explanation=_('Quota exceeded, too many server groups.'))
    if _over_quota(ctx, 1):
        raise over
    if avr.is_supported(req, '2.64'):
        policy, rules = params['policy'], params.get('rules') or {}
        if rules and policy != 'anti-affinity':
            raise webob.exc.HTTPBadRequest(
                explanation=_('Only anti-affinity policy supports rules.'))
        rules = {key: int(value) for key, value in rules.items()}
    else:
        policy, rules = params['policies'][0], {}
    group = objects.InstanceGroup(
        context=ctx, name=params['name'], policy=policy, rules=rules,
        project_id=ctx.project_id, user_id=ctx.user_id)
    group.create()
    # Checked again now that it exists: concurrent creates cannot both
    # take the last one.
    if _over_quota(ctx, 0):
        group.destroy()
        raise over
    return {'server_group': _view(req, group)}
