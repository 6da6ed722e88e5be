"""GET /os-console-auth-tokens/{console_token} (admins, 2.31): where the
console a token opens listens, as a console proxy needs it.

200 ``{"console": {"instance_uuid", "host", "port",
"internal_access_path"}}`` (and ``tls_port`` for ``spice-direct`` consoles
from 2.99); 404 for a token no cell knows or one that expired. Before 2.31
only ``rdp-html5`` tokens were shown, and those consoles are gone with the
Hyper-V driver: 400 for every token, as in Nova.
"""

import webob.exc

from nova.api.openstack import api_version_request as avr
from nova.api.openstack.compute.schemas import console_auth_tokens \
    as schemas
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import api as compute_api
from nova import exception
from nova.i18n import _
from nova.policies import console_auth_tokens as policies


def _view(console, with_tls_port):
    view = {'instance_uuid': console.instance_uuid, 'host': console.host,
            'port': console.port,
            'internal_access_path': console.internal_access_path}
    if with_tls_port and console.console_type == 'spice-direct':
        view['tls_port'] = console.tls_port
    return {'console': view}


@wsgi.expected_errors((400, 404))
@wsgi.policies(policies.SHOW)
@validation.per_version(validation.query_schema, [
    (schemas.show_query, '2.1', '2.98'),
    (schemas.show_query_v299, '2.99', None)])
@validation.response_body_schemas([
    (schemas.show_response, '2.1', '2.98'),
    (schemas.show_response_v299, '2.99', None)])
def show(req, console_token):
    if not avr.show_console_auth_tokens_of_every_type(req):
        raise webob.exc.HTTPBadRequest(explanation=_(
            'Before microversion 2.31 only the tokens of rdp-html5 '
            'consoles are shown, and those consoles are gone.'))
    ctx = req.context
    ctx.can(policies.SHOW, target={})
    try:
        console = compute_api.API().validate_console_token(ctx,
                                                           console_token)
    except exception.InvalidToken:
        raise webob.exc.HTTPNotFound(explanation=_('Token not found'))
    return _view(console, avr.show_console_tls_port(req))
