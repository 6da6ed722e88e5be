"""The URL of a remote console of a server.

``POST /servers/{server_id}/remote-consoles`` (2.6) with
``{"remote_console": {"protocol", "type"}}`` answers 200
``{"remote_console": {"protocol", "type", "url"}}``; before 2.6 the
``os-getVNCConsole``, ``os-getSPICEConsole`` and ``os-getSerialConsole``
server actions (``{"type": ...}``) answer ``{"console": {"type", "url"}}``.

400: the protocol's consoles are disabled on the server's host, a type the
protocol does not have, or a console Nova removed (rdp, xvpvnc); 404: no
such server; 409: the server has no host or its guest does not run; 501:
its hypervisor has no such console.
"""

import webob.exc

from nova.api.openstack.compute.schemas import remote_consoles as schemas
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import api as compute_api
from nova import exception
from nova.i18n import _
from nova.policies import remote_consoles as policies

# Protocols Nova removed with their driver (Hyper-V): still valid input,
# refused once the server is found.
_REMOVED_PROTOCOLS = ('rdp',)


def _load(req, server_id):
    """The server, when the caller may have its consoles (404, 403)."""
    try:
        instance = compute_api.API().get(req.context, server_id)
    except exception.InstanceNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    req.context.can(policies.REMOTE_CONSOLES,
                    target={'project_id': instance.project_id})
    return instance


def _console_url(req, instance, protocol, console_type):
    """The URL of a new console, with Nova's answers for what goes
    wrong."""
    try:
        return compute_api.API().get_remote_console(
            req.context, instance, protocol, console_type)
    except exception.InstanceNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    except (exception.InstanceNotReady, exception.InstanceInvalidState,
            exception.ComputeServiceTooOld) as exc:
        raise webob.exc.HTTPConflict(explanation=exc.format_message())
    except (exception.ConsoleTypeInvalid,
            exception.ConsoleTypeUnavailable) as exc:
        raise webob.exc.HTTPBadRequest(explanation=exc.format_message())
    except exception.ConsoleTypeNotSupported as exc:
        raise webob.exc.HTTPNotImplemented(explanation=exc.format_message())


@wsgi.response(200)
@wsgi.expected_errors((400, 404, 409, 501))
@wsgi.policies(policies.REMOTE_CONSOLES)
@wsgi.api_version('2.6')
@validation.schemas([(schemas.create, '2.6', '2.7'),
                     (schemas.create_v28, '2.8', '2.98'),
                     (schemas.create_v299, '2.99', None)])
@validation.response_body_schemas([
    (schemas.create_response, '2.6', '2.7'),
    (schemas.create_response_v28, '2.8', '2.98'),
    (schemas.create_response_v299, '2.99', None)])
def create(req, server_id, body):
    protocol = body['remote_console']['protocol']
    console_type = body['remote_console']['type']
    instance = _load(req, server_id)
    if protocol in _REMOVED_PROTOCOLS:
        raise webob.exc.HTTPBadRequest(
            explanation=_('Unavailable console type %s.') % protocol)
    url = _console_url(req, instance, protocol, console_type)
    return {'remote_console': {'protocol': protocol, 'type': console_type,
                               'url': url}}


# -- the actions of 2.1 - 2.5 (POST /servers/{server_id}/action)

def _legacy_action(action, protocol, body_schema, response_schema):
    """The handler of ``action`` (``os-getVNCConsole``, ...): a console
    of ``protocol``, answered as ``{"console": {"type", "url"}}``."""

    @wsgi.response(200)
    @wsgi.expected_errors((400, 404, 409, 501))
    @wsgi.policies(policies.REMOTE_CONSOLES)
    @wsgi.api_version('2.1', '2.5')
    @validation.schema(body_schema)
    @validation.response_body_schema(response_schema)
    def handler(req, server_id, body):
        console_type = body[action]['type']
        url = _console_url(req, _load(req, server_id), protocol,
                           console_type)
        return {'console': {'type': console_type, 'url': url}}

    handler.__qualname__ = handler.__name__ = 'get_%s_console' % protocol
    return handler


get_vnc_console = _legacy_action('os-getVNCConsole', 'vnc',
                                 schemas.get_vnc_console,
                                 schemas.get_vnc_console_response)
get_spice_console = _legacy_action('os-getSPICEConsole', 'spice',
                                   schemas.get_spice_console,
                                   schemas.get_spice_console_response)
get_serial_console = _legacy_action('os-getSerialConsole', 'serial',
                                    schemas.get_serial_console,
                                    schemas.get_serial_console_response)
