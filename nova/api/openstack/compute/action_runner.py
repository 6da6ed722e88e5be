"""The common part of a server action handler: start the action on the
server the handler found and checked its policy on, and answer the
compute API's errors with Nova's codes.

409: the server's state, lock or task (or a host or conductor too old,
or a host outside the server's zone);
400: the request names something unusable (flavor, host, zone) or cannot
be placed; 404: the server went away meanwhile. Each handler declares the
codes its own action can produce.
"""

import webob.exc

from nova import exception
from nova.i18n import _

CONFLICTS = (exception.InstanceInvalidState, exception.InstanceIsLocked,
             exception.InstanceNotReady, exception.InstanceNotRunning,
             exception.ComputeServiceTooOld, exception.ConductorTooOld,
             exception.InstancePasswordSetFailed,
             exception.SetAdminPasswdNotSupported,
             exception.UnshelveHostNotInAZ)
BAD_REQUESTS = (exception.InvalidRequest, exception.ComputeHostNotFound,
                exception.ComputeServiceInUse, exception.FlavorNotFound,
                exception.CannotResizeToSameFlavor,
                exception.CannotResizeDisk, exception.NoValidHost)


def target(instance):
    """The policy target of an action on ``instance``."""
    return {'project_id': instance.project_id, 'user_id': instance.user_id}


def start(ctx, instance, call):
    """``call(ctx, instance)``, its errors turned into HTTP ones."""
    try:
        return call(ctx, instance)
    except exception.InstanceNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    except exception.MigrationNotFoundByStatus:
        raise webob.exc.HTTPBadRequest(
            explanation=_('Instance has not been resized.'))
    except CONFLICTS as exc:
        raise webob.exc.HTTPConflict(explanation=exc.format_message())
    except BAD_REQUESTS as exc:
        raise webob.exc.HTTPBadRequest(explanation=exc.format_message())
