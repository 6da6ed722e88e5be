"""POST /servers/{server_id}/action {"os-getConsoleOutput": {...}}: the
end of the server's serial console log, read from its host.

200 ``{"output": "..."}``; 404: no such server, or its driver keeps no
log; 409: the server has no host yet.
"""

import webob.exc

from nova.api.openstack.compute.schemas import console_output as schemas
from nova.api import echo
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import api as compute_api
from nova import exception
from nova.policies import console_output as policies


def _tail_length(body):
    """Lines wanted from the end; None for all (no length, or -1)."""
    length = body['os-getConsoleOutput'].get('length')
    if length is None or int(length) == -1:
        return None
    if int(length) < 0:
        # The schema's minimum only applies to numbers, not strings.
        raise webob.exc.HTTPBadRequest(explanation=(
            "Invalid input for field/attribute length. Value: %s. "
            "%s is less than the minimum of -1" % (
                echo.clip(length), echo.clip(length))))
    return int(length)


@wsgi.response(200)
@wsgi.expected_errors((400, 404, 409))
@wsgi.policies(policies.CONSOLE_OUTPUT)
@validation.schema(schemas.get_console_output)
@validation.response_body_schema(schemas.get_console_output_response)
def get_console_output(req, server_id, body):
    ctx = req.context
    api = compute_api.API()
    try:
        instance = api.get(ctx, server_id)
        ctx.can(policies.CONSOLE_OUTPUT,
                target={'project_id': instance.project_id})
        output = api.get_console_output(ctx, instance, _tail_length(body))
    except (exception.InstanceNotFound,
            exception.ConsoleNotAvailable) as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    except (exception.InstanceNotReady,
            exception.ComputeServiceTooOld) as exc:
        raise webob.exc.HTTPConflict(explanation=exc.format_message())
    return {'output': output}
