"""InstanceAction and InstanceActionEvent: what was asked of an instance
(one action per API request that changes it) and the steps each service
took for it, with their results. Shown by
``/servers/{server_id}/os-instance-actions``.

Services write them through the conductor like any object; the request
id of the user's context ties the events to their action.
"""

import traceback as traceback_mod

import sqlalchemy as sa

from nova.db.main import api as main_db_api
from nova.db.main import models
from nova import exception
from nova.objects import base
from nova.objects import fields
from nova import utils

SUCCESS = 'Success'
ERROR = 'Error'

_ACTION_FIELDS = ('id', 'action', 'instance_uuid', 'request_id', 'user_id',
                  'project_id', 'start_time', 'finish_time', 'message',
                  'created_at', 'updated_at')
_EVENT_FIELDS = ('id', 'event', 'action_id', 'start_time', 'finish_time',
                 'result', 'traceback', 'host', 'details')


def _live(model):
    return model.deleted == 0


@main_db_api.pick_context_manager_writer
def _action_start(context, values):
    row = models.InstanceAction(deleted=0, **values)
    context.session.add(row)
    context.session.flush()
    return {f: getattr(row, f) for f in _ACTION_FIELDS}


def _find_action(context, instance_uuid, request_id):
    return context.session.execute(
        sa.select(models.InstanceAction).where(
            models.InstanceAction.instance_uuid == instance_uuid,
            models.InstanceAction.request_id == request_id,
            _live(models.InstanceAction)).order_by(
            models.InstanceAction.id.desc())).scalars().first()


@main_db_api.pick_context_manager_reader
def _get_action(context, instance_uuid, request_id):
    row = _find_action(context, instance_uuid, request_id)
    if row is None:
        return None
    return {f: getattr(row, f) for f in _ACTION_FIELDS}


@main_db_api.pick_context_manager_reader
def _get_actions(context, instance_uuid, limit, marker, changes_since,
                 changes_before):
    model = models.InstanceAction
    query = sa.select(model).where(model.instance_uuid == instance_uuid,
                                   _live(model))
    if changes_since is not None:
        query = query.where(model.updated_at >= changes_since)
    if changes_before is not None:
        query = query.where(model.updated_at <= changes_before)
    if marker is not None:
        marker_row = _find_action(context, instance_uuid, marker)
        if marker_row is None:
            raise exception.MarkerNotFound(marker=marker)
        query = query.where(model.id < marker_row.id)
    query = query.order_by(model.created_at.desc(), model.id.desc())
    if limit is not None:
        query = query.limit(limit)
    return [{f: getattr(row, f) for f in _ACTION_FIELDS}
            for row in context.session.execute(query).scalars()]


@main_db_api.pick_context_manager_writer
def _event_start(context, instance_uuid, request_id, values):
    action = _find_action(context, instance_uuid, request_id)
    if action is None:
        raise exception.InstanceActionNotFound(request_id=request_id,
                                               instance_uuid=instance_uuid)
    row = models.InstanceActionEvent(deleted=0, action_id=action.id,
                                     **values)
    context.session.add(row)
    action.updated_at = values['start_time']
    context.session.flush()
    return {f: getattr(row, f) for f in _EVENT_FIELDS}


@main_db_api.pick_context_manager_writer
def _event_finish(context, instance_uuid, request_id, event_name, values):
    action = _find_action(context, instance_uuid, request_id)
    if action is None:
        raise exception.InstanceActionNotFound(request_id=request_id,
                                               instance_uuid=instance_uuid)
    row = context.session.execute(
        sa.select(models.InstanceActionEvent).where(
            models.InstanceActionEvent.action_id == action.id,
            models.InstanceActionEvent.event == event_name,
            _live(models.InstanceActionEvent)).order_by(
            models.InstanceActionEvent.id.desc())).scalars().first()
    if row is None:
        raise exception.InstanceActionEventNotFound(action_id=action.id,
                                                    event=event_name)
    for key, value in values.items():
        setattr(row, key, value)
    action.updated_at = values['finish_time']
    if values.get('result') == ERROR:
        action.message = ERROR
    context.session.flush()
    return {f: getattr(row, f) for f in _EVENT_FIELDS}


@main_db_api.pick_context_manager_reader
def _get_events(context, action_id):
    model = models.InstanceActionEvent
    rows = context.session.execute(sa.select(model).where(
        model.action_id == action_id, _live(model)).order_by(
        model.start_time.desc(), model.id.desc())).scalars()
    return [{f: getattr(row, f) for f in _EVENT_FIELDS} for row in rows]


def _filled(obj, values):
    for key, value in values.items():
        if key in obj.fields:
            setattr(obj, key, value)
    obj.obj_reset_changes()
    return obj


@base.NovaObjectRegistry.register
class InstanceAction(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'action': fields.StringField(nullable=True),
        'instance_uuid': fields.UUIDField(nullable=True),
        'request_id': fields.StringField(nullable=True),
        'user_id': fields.StringField(nullable=True),
        'project_id': fields.StringField(nullable=True),
        'start_time': fields.DateTimeField(nullable=True),
        'finish_time': fields.DateTimeField(nullable=True),
        'message': fields.StringField(nullable=True),
        'created_at': fields.DateTimeField(nullable=True),
        'updated_at': fields.DateTimeField(nullable=True),
    }

    @base.remotable_classmethod
    def action_start(cls, context, instance_uuid, action):
        """Record that the request of ``context`` started ``action``
        (e.g. ``stop``) on ``instance_uuid``; returns the record."""
        now = utils.utcnow()
        values = {'action': action, 'instance_uuid': instance_uuid,
                  'request_id': context.request_id,
                  'user_id': context.user_id,
                  'project_id': context.project_id, 'start_time': now,
                  'created_at': now, 'updated_at': now}
        return _filled(cls(context=context), _action_start(context, values))

    @base.remotable_classmethod
    def get_by_request_id(cls, context, instance_uuid, request_id):
        """The action of ``request_id`` on ``instance_uuid``, or None."""
        values = _get_action(context, instance_uuid, request_id)
        return None if values is None else _filled(cls(context=context),
                                                   values)


@base.NovaObjectRegistry.register
class InstanceActionList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {'objects': fields.ListOfObjectsField('InstanceAction')}

    @base.remotable_classmethod
    def get_by_instance_uuid(cls, context, instance_uuid, limit=None,
                             marker=None, changes_since=None,
                             changes_before=None):
        """Actions on ``instance_uuid``, newest first; ``marker`` is the
        request id of the last one seen (MarkerNotFound if unknown);
        ``changes_since``/``changes_before``: naive UTC datetimes bounding
        ``updated_at``."""
        rows = _get_actions(context, instance_uuid, limit, marker,
                            changes_since, changes_before)
        return cls(context=context, objects=[
            _filled(InstanceAction(context=context), row) for row in rows])


@base.NovaObjectRegistry.register
class InstanceActionEvent(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'event': fields.StringField(nullable=True),
        'action_id': fields.IntegerField(nullable=True),
        'start_time': fields.DateTimeField(nullable=True),
        'finish_time': fields.DateTimeField(nullable=True),
        'result': fields.StringField(nullable=True),
        'traceback': fields.StringField(nullable=True),
        'host': fields.StringField(nullable=True),
        'details': fields.StringField(nullable=True),
    }

    @base.remotable_classmethod
    def event_start(cls, context, instance_uuid, event_name, host=None):
        """Record that ``host`` started step ``event_name`` of the action
        of ``context``'s request (InstanceActionNotFound if none)."""
        values = {'event': event_name, 'start_time': utils.utcnow(),
                  'host': host}
        return _filled(cls(context=context), _event_start(
            context, instance_uuid, context.request_id, values))

    @base.remotable_classmethod
    def event_finish(cls, context, instance_uuid, event_name,
                     error_message=None, error_traceback=None):
        """Record the end of step ``event_name``: ``Success``, or
        ``Error`` (the action's message becomes ``Error``) when
        ``error_message`` is given."""
        values = {'finish_time': utils.utcnow(),
                  'result': ERROR if error_message else SUCCESS}
        if error_message:
            values['details'] = error_message
            values['traceback'] = error_traceback
        return _filled(cls(context=context), _event_finish(
            context, instance_uuid, context.request_id, event_name, values))


@base.NovaObjectRegistry.register
class InstanceActionEventList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {'objects': fields.ListOfObjectsField('InstanceActionEvent')}

    @base.remotable_classmethod
    def get_by_action(cls, context, action_id):
        """The events of action ``action_id``, newest first."""
        return cls(context=context, objects=[
            _filled(InstanceActionEvent(context=context), row)
            for row in _get_events(context, action_id)])


def format_traceback(error):
    """The traceback text of ``error`` (an exception)."""
    return ''.join(traceback_mod.format_exception(
        type(error), error, error.__traceback__))
