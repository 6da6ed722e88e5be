"""Names of instance actions, and the recording of compute hosts' steps
(events) of them.

An action is recorded by nova-api (or the conductor, for ``create``)
when a request starts one; each service step is an event named after the
RPC method doing it (``compute_stop_instance``), ``Success`` or ``Error``.
"""

import functools

from oslo_log import log as logging

from nova import exception
from nova import objects
from nova.objects import instance_action

LOG = logging.getLogger(__name__)

CREATE = 'create'
DELETE = 'delete'
LOCK = 'lock'
UNLOCK = 'unlock'

# Operation of ``nova.compute.states`` -> the action Nova names it.
BY_OPERATION = {
    'stop': 'stop', 'sync_power_off': 'stop',
    'start': 'start', 'reboot_soft': 'reboot',
    'reboot_hard': 'reboot', 'pause': 'pause', 'unpause': 'unpause',
    'suspend': 'suspend', 'resume': 'resume', 'rescue': 'rescue',
    'unrescue': 'unrescue', 'rebuild': 'rebuild',
    'snapshot': 'createImage', 'backup': 'createBackup',
    'set_password': 'changePassword',
    'trigger_crash_dump': 'trigger_crash_dump',
    'shelve': 'shelve', 'shelve_offload': 'shelveOffload',
    'unshelve': 'unshelve', 'resize': 'resize', 'migrate': 'migrate',
    'confirm_resize': 'confirmResize', 'revert_resize': 'revertResize',
    'soft_delete': 'delete', 'restore': 'restore',
    'live_migrate': 'live-migration', 'evacuate': 'evacuate',
    'attach_interface': 'attach_interface',
    'detach_interface': 'detach_interface',
    'inject_network_info': 'inject_network_info',
    'add_fixed_ip': 'addFixedIp', 'remove_fixed_ip': 'removeFixedIp',
}
FORCE_DELETE = 'forceDelete'
LIVE_MIGRATION_FORCE_COMPLETE = 'live_migration_force_complete'
LIVE_MIGRATION_CANCEL = 'live_migration_cancel'


def record(context, instance_uuid, action):
    """Record that ``context``'s request started ``action``."""
    return objects.InstanceAction.action_start(context, instance_uuid,
                                               action)


def _event_start(context, instance_uuid, name, host):
    try:
        objects.InstanceActionEvent.event_start(context, instance_uuid,
                                                name, host=host)
        return True
    except exception.InstanceActionNotFound:
        LOG.debug('No action of request %s on %s to record %s in',
                  context.request_id, instance_uuid, name)
        return False


def _event_finish(context, instance_uuid, name, error):
    try:
        if error is None:
            objects.InstanceActionEvent.event_finish(context, instance_uuid,
                                                     name)
        else:
            objects.InstanceActionEvent.event_finish(
                context, instance_uuid, name,
                error_message=getattr(error, 'format_message',
                                      lambda: str(error))(),
                error_traceback=instance_action.format_traceback(error))
    except exception.NotFound:
        LOG.debug('Event %s of %s vanished', name, instance_uuid)


def wrap_event(prefix):
    """Decorate a manager method ``f(self, context, instance, ...)``: its
    run is the event ``<prefix>_<f's name>`` of the request's action on
    ``instance``. The method fails the event by raising, or by returning
    the exception it handled (it then returns None to its caller)."""
    def decorator(func):
        name = '%s_%s' % (prefix, func.__name__)

        @functools.wraps(func)
        def wrapper(self, context, instance, *args, **kwargs):
            started = _event_start(context, instance.uuid, name,
                                   getattr(self, 'host', None))
            try:
                result = func(self, context, instance, *args, **kwargs)
            except Exception as error:
                if started:
                    _event_finish(context, instance.uuid, name, error)
                raise
            error = result if isinstance(result, BaseException) else None
            if started:
                _event_finish(context, instance.uuid, name, error)
            return None if error is not None else result
        return wrapper
    return decorator
