"""/servers/{server_id}/os-instance-actions[/{request_id}]: what was asked
of a server, and the steps (events) the services took.

The actions of a deleted server stay readable from 2.21. Paging (limit,
marker: a request id) and changes-since from 2.58, changes-before from
2.66 (a changes-since after it: 400). Events: always from 2.51, before
only with the events policy, which also shows tracebacks and (2.62)
hosts; ``hostId`` for everyone at 2.62; ``details`` at 2.84.
"""

from oslo_utils import timeutils
import webob.exc

from nova.api.openstack import api_version_request as avr
from nova.api.openstack import common
from nova.api.openstack.compute.schemas import instance_actions as schemas
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import api as compute_api
from nova import context as nova_context
from nova import exception
from nova.i18n import _
from nova import objects
from nova.policies import instance_actions as policies

_ACTION_KEYS = ('action', 'instance_uuid', 'message', 'project_id',
                'request_id', 'user_id')


def _instance_and_cell(req, server_id, rule):
    """``(instance, cell context)`` of the server, deleted ones too from
    2.21; 404 when it is not the caller's."""
    ctx = req.context
    read_deleted = 'yes' if avr.is_supported(req, '2.21') else 'no'
    try:
        mapping = objects.InstanceMapping.get_by_instance_uuid(ctx,
                                                               server_id)
    except exception.InstanceMappingNotFound:
        mapping = None
    if mapping is None or mapping.cell_mapping is None:
        # Not in a cell (yet): no action has been recorded.
        instance = _get(ctx, server_id)
        ctx.can(rule, target={'project_id': instance.project_id})
        return instance, None
    cctxt = nova_context.RequestContext.from_dict(ctx.to_dict())
    cctxt.read_deleted = read_deleted
    with nova_context.target_cell(cctxt, mapping.cell_mapping) as cctxt:
        try:
            instance = objects.Instance.get_by_uuid(cctxt, server_id)
        except exception.InstanceNotFound as exc:
            raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    if not ctx.is_admin and instance.project_id != ctx.project_id:
        raise webob.exc.HTTPNotFound(explanation=exception.InstanceNotFound(
            instance_id=server_id).format_message())
    ctx.can(rule, target={'project_id': instance.project_id})
    return instance, (cctxt, mapping.cell_mapping)


def _get(ctx, server_id):
    try:
        return compute_api.API().get(ctx, server_id)
    except exception.InstanceNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())


def _time(value):
    return value.isoformat() if value is not None else None


def _action_view(req, action):
    view = {key: getattr(action, key) for key in _ACTION_KEYS}
    view['start_time'] = _time(action.start_time)
    if avr.is_supported(req, '2.58'):
        view['updated_at'] = _time(action.updated_at)
    return view


def _event_view(req, event, project_id, can_see_events, can_see_details):
    view = {'event': event.event, 'start_time': _time(event.start_time),
            'finish_time': _time(event.finish_time), 'result': event.result}
    if can_see_events:
        view['traceback'] = event.traceback
    if avr.is_supported(req, '2.62'):
        view['hostId'] = common.host_id(event.host, project_id)
        if can_see_events:
            view['host'] = event.host or ''
    if avr.is_supported(req, '2.84') and can_see_details:
        view['details'] = event.details
    return view


def _parse_time(req, name):
    value = common.last_value(req, name)
    if value is None:
        return None
    try:
        return timeutils.normalize_time(timeutils.parse_isotime(value))
    except ValueError:
        raise webob.exc.HTTPBadRequest(
            explanation=_('Invalid %s value') % name)


@wsgi.expected_errors((400, 404))
@wsgi.policies(policies.LIST)
@validation.query_schema(schemas.index_query, '2.1', '2.57')
@validation.query_schema(schemas.index_query_v258, '2.58', '2.65')
@validation.query_schema(schemas.index_query_v266, '2.66')
@validation.response_body_schema(schemas.index_response)
def index(req, server_id):
    instance, cell = _instance_and_cell(req, server_id, policies.LIST)
    if cell is None:
        return {'instanceActions': []}
    limit = marker = since = before = None
    if avr.is_supported(req, '2.58'):
        limit, marker = common.get_limit_and_marker(req)
        since = _parse_time(req, 'changes-since')
    if avr.is_supported(req, '2.66'):
        before = _parse_time(req, 'changes-before')
        if since and before and since > before:
            raise webob.exc.HTTPBadRequest(explanation=_(
                'The value of changes-since must be less than or equal to '
                'changes-before.'))
    cctxt, cell_mapping = cell
    with nova_context.target_cell(cctxt, cell_mapping) as cctxt:
        try:
            actions = objects.InstanceActionList.get_by_instance_uuid(
                cctxt, instance.uuid, limit=limit, marker=marker,
                changes_since=since, changes_before=before)
        except exception.MarkerNotFound as exc:
            raise webob.exc.HTTPBadRequest(explanation=exc.format_message())
    body = {'instanceActions': [_action_view(req, a) for a in actions]}
    if limit and len(actions) == limit:
        body['links'] = [common.next_link(
            req, 'servers/%s/os-instance-actions' % server_id,
            actions[-1].request_id)]
    return body


@wsgi.expected_errors(404)
@wsgi.policies(policies.SHOW, policies.EVENTS, policies.EVENTS_DETAILS)
@validation.query_schema(schemas.show_query)
@validation.response_body_schema(schemas.show_response)
def show(req, server_id, request_id):
    ctx = req.context
    instance, cell = _instance_and_cell(req, server_id, policies.SHOW)
    action = None
    if cell is not None:
        cctxt, cell_mapping = cell
        with nova_context.target_cell(cctxt, cell_mapping) as cctxt:
            action = objects.InstanceAction.get_by_request_id(
                cctxt, instance.uuid, request_id)
            if action is not None:
                events = objects.InstanceActionEventList.get_by_action(
                    cctxt, action.id)
                # Read again: a step that finished meanwhile may have
                # changed the action's message with its result.
                action = objects.InstanceAction.get_by_request_id(
                    cctxt, instance.uuid, request_id)
    if action is None:
        raise webob.exc.HTTPNotFound(explanation=exception.
                                     InstanceActionNotFound(
                                         request_id=request_id,
                                         instance_uuid=server_id)
                                     .format_message())
    target = {'project_id': instance.project_id}
    can_see_events = ctx.can(policies.EVENTS, target=target, fatal=False)
    view = _action_view(req, action)
    if avr.is_supported(req, '2.51') or can_see_events:
        can_see_details = ctx.can(policies.EVENTS_DETAILS, target=target,
                                  fatal=False)
        view['events'] = [
            _event_view(req, event, instance.project_id, can_see_events,
                        can_see_details) for event in events]
    return {'instanceAction': view}
