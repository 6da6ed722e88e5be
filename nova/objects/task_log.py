"""TaskLog: one run of a periodic task over a period on one host, kept in
its cell's ``task_log`` table (the instance usage audit reports them)."""

import sqlalchemy as sa

from nova.db.main import api as main_db_api
from nova.db.main import models
from nova.objects import base
from nova.objects import fields

_COLUMNS = ('id', 'task_name', 'state', 'host', 'period_beginning',
            'period_ending', 'message', 'task_items', 'errors',
            'created_at', 'updated_at')


def _where(task_name, host, begin, end):
    log = models.TaskLog
    return (log.task_name == task_name, log.host == host,
            log.period_beginning == begin, log.period_ending == end)


@main_db_api.pick_context_manager_writer
def _begin(context, task_name, host, begin, end, task_items, message):
    row = context.session.execute(sa.select(models.TaskLog).where(
        *_where(task_name, host, begin, end))).scalars().first()
    if row is None:
        row = models.TaskLog(task_name=task_name, host=host,
                             period_beginning=begin, period_ending=end)
        context.session.add(row)
    row.state, row.task_items, row.message, row.errors = (
        'RUNNING', task_items, message, 0)


@main_db_api.pick_context_manager_writer
def _end(context, task_name, host, begin, end, errors, message):
    context.session.execute(sa.update(models.TaskLog).where(
        *_where(task_name, host, begin, end)).values(
        state='DONE', errors=errors, message=message))


@main_db_api.pick_context_manager_reader
def _get_all(context, task_name, begin, end, host):
    log = models.TaskLog
    query = sa.select(log).where(log.task_name == task_name,
                                 log.period_beginning == begin,
                                 log.period_ending == end)
    if host is not None:
        query = query.where(log.host == host)
    return [{c: getattr(row, c) for c in _COLUMNS}
            for row in context.session.execute(query).scalars()]


@base.NovaObjectRegistry.register
class TaskLog(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'task_name': fields.StringField(),
        'state': fields.StringField(),
        'host': fields.StringField(),
        'period_beginning': fields.DateTimeField(),
        'period_ending': fields.DateTimeField(),
        'message': fields.StringField(),
        'task_items': fields.IntegerField(nullable=True),
        'errors': fields.IntegerField(nullable=True),
        'created_at': fields.DateTimeField(nullable=True),
        'updated_at': fields.DateTimeField(nullable=True),
    }

    @base.remotable_classmethod
    def begin_task(cls, context, task_name, host, begin, end, task_items,
                   message):
        """Record that ``host`` started ``task_name`` over ``begin`` ..
        ``end`` (naive UTC) on ``task_items`` items (state RUNNING)."""
        _begin(context, task_name, host, begin, end, task_items, message)

    @base.remotable_classmethod
    def end_task(cls, context, task_name, host, begin, end, errors,
                 message):
        """Record that the run finished (state DONE) with ``errors``."""
        _end(context, task_name, host, begin, end, errors, message)


@base.NovaObjectRegistry.register
class TaskLogList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {'objects': fields.ListOfObjectsField('TaskLog')}

    @base.remotable_classmethod
    def get_all(cls, context, task_name, begin, end, host=None):
        """The runs of ``task_name`` over ``begin`` .. ``end`` (of
        ``host`` only when given)."""
        logs = []
        for values in _get_all(context, task_name, begin, end, host):
            log = TaskLog(context=context, **values)
            log.obj_reset_changes()
            logs.append(log)
        return cls(context=context, objects=logs)
