"""WSGI middleware of the Compute API, outermost first.

* ``RequestIdMiddleware`` - a ``req-<uuid>`` id per request (the one
  ``nova.api.request_log.RequestLog`` gave it, when it wraps the app),
  echoed in ``x-openstack-request-id`` and ``x-compute-request-id``.
* ``MicroversionMiddleware`` - negotiates the microversion (400/406 on bad
  headers) and echoes it, with ``Vary``, on every response.
* ``NoAuthMiddleware`` / ``KeystoneContextMiddleware`` - build the
  ``RequestContext`` (401 when there is no identity).
* ``FaultWrapper`` - turns any exception into an OpenStack error body.
* ``IdentityFailureGuard`` - 503 when keystonemiddleware cannot validate
  tokens (identity unreachable, or refusing the service credentials).
"""

from keystonemiddleware import auth_token
import microversion_parse
from oslo_log import log as logging
from oslo_serialization import jsonutils
from oslo_utils import uuidutils
import webob
import webob.dec
import webob.exc

from nova.api.openstack import api_version_request
from nova.api.openstack import faults
from nova.api.openstack import wsgi
from nova.api import request_log
from nova import context as nova_context
from nova import exception
from nova.i18n import _
from nova import ksa

LOG = logging.getLogger(__name__)

ENV_REQUEST_ID = 'openstack.request_id'
ENV_GLOBAL_REQUEST_ID = 'openstack.global_request_id'
REQUEST_ID_HEADER = 'x-openstack-request-id'
COMPUTE_REQUEST_ID_HEADER = 'x-compute-request-id'
VERSION_HEADER = 'OpenStack-API-Version'
LEGACY_VERSION_HEADER = 'X-OpenStack-Nova-API-Version'
VARY_VALUE = '%s, %s' % (VERSION_HEADER, LEGACY_VERSION_HEADER)
SERVICE_TYPE = 'compute'


class Middleware:
    """A WSGI middleware around ``self.application``."""

    def __init__(self, application):
        self.application = application

    @webob.dec.wsgify(RequestClass=wsgi.Request)
    def __call__(self, req):
        return self.process(req)

    def process(self, req):
        raise NotImplementedError()


class FaultWrapper(Middleware):
    """Runs a request callable (the router); any exception it raises
    becomes a JSON OpenStack error body.

    NOTE: it wraps a plain ``callable(req) -> response`` rather than a WSGI
    app, because ``webob.dec.wsgify`` would turn a raised HTTP error into
    webob's own HTML/plain-text page before we could see it.
    """

    def process(self, req):
        try:
            return self.application(req)
        except Exception as exc:
            return faults.exception_to_response(exc)


class RequestIdMiddleware(Middleware):
    def process(self, req):
        # request_log.RequestLog, outside, already gave the request its id
        # (and made it the thread's logging context).
        request_id = req.environ.get(ENV_REQUEST_ID)
        if not request_id:
            request_id = 'req-' + uuidutils.generate_uuid()
            req.environ[ENV_REQUEST_ID] = request_id
        inbound = req.headers.get(REQUEST_ID_HEADER)
        if request_log.valid_request_id(inbound):
            req.environ[ENV_GLOBAL_REQUEST_ID] = inbound
        try:
            resp = req.get_response(self.application)
        except Exception as exc:
            resp = faults.exception_to_response(exc)
        resp.headers[REQUEST_ID_HEADER] = request_id
        resp.headers[COMPUTE_REQUEST_ID_HEADER] = request_id
        return resp


class MicroversionMiddleware(Middleware):
    """Sets ``req.api_version_request`` and echoes it on the response."""

    def process(self, req):
        try:
            raw = microversion_parse.get_version(
                req.headers, service_type=SERVICE_TYPE,
                legacy_headers=[LEGACY_VERSION_HEADER])
            version = api_version_request.negotiate(raw)
        except ValueError as exc:
            resp = faults.error_response(400, str(exc))
        except exception.InvalidAPIVersionString as exc:
            resp = faults.error_response(400, exc.format_message())
        except exception.InvalidGlobalAPIVersion as exc:
            resp = faults.error_response(406, exc.format_message())
        else:
            req.environ[wsgi.ENV_VERSION] = version
            try:
                resp = req.get_response(self.application)
            except Exception as exc:
                resp = faults.exception_to_response(exc)
            text = version.get_string()
            resp.headers[VERSION_HEADER] = '%s %s' % (SERVICE_TYPE, text)
            resp.headers[LEGACY_VERSION_HEADER] = text
        resp.headers['Vary'] = VARY_VALUE
        return resp


def _context_kwargs(req):
    return {
        'request_id': req.environ.get(ENV_REQUEST_ID),
        'global_request_id': req.environ.get(ENV_GLOBAL_REQUEST_ID),
        'remote_address': req.remote_addr,
    }


def _unauthorized():
    return faults.error_response(
        401, _('Authentication required'),
        {'WWW-Authenticate': 'Keystone uri="unknown"'})


class NoAuthMiddleware(Middleware):
    """Development auth: ``X-Auth-Token: user:project`` is trusted as is.

    The user ``admin`` gets the admin, member and reader roles, the user
    ``reader`` only the reader role (as the built-in identity seeds them);
    everyone else member and reader. No token gives 401.
    """

    def process(self, req):
        token = req.headers.get('X-Auth-Token')
        if not token:
            return _unauthorized()
        user_id, _sep, project_id = token.partition(':')
        project_id = req.headers.get('X-Auth-Project-Id',
                                     project_id or user_id)
        roles = ['member', 'reader']
        if user_id == 'admin':
            roles.insert(0, 'admin')
        elif user_id == 'reader':
            roles = ['reader']
        req.environ[wsgi.ENV_CONTEXT] = nova_context.RequestContext(
            user_id=user_id, project_id=project_id, roles=roles,
            auth_token=token, **_context_kwargs(req))
        return req.get_response(self.application)


def _service_catalog(req):
    raw = req.headers.get('X-Service-Catalog')
    if not raw:
        return []
    try:
        return jsonutils.loads(raw)
    except ValueError:
        raise webob.exc.HTTPInternalServerError(
            explanation=_('Invalid service catalog json.'))


class KeystoneContextMiddleware(Middleware):
    """Builds the context from the headers keystonemiddleware sets."""

    def process(self, req):
        if req.headers.get('X-Identity-Status', 'Confirmed') != 'Confirmed':
            return _unauthorized()
        user_id = req.headers.get('X-User-Id') or req.headers.get('X-User')
        project_id = (req.headers.get('X-Project-Id') or
                      req.headers.get('X-Tenant-Id'))
        if not user_id:
            return _unauthorized()
        roles = [r.strip() for r in req.headers.get('X-Roles', '').split(',')
                 if r.strip()]
        req.environ[wsgi.ENV_CONTEXT] = nova_context.RequestContext(
            user_id=user_id, project_id=project_id, roles=roles,
            auth_token=req.headers.get('X-Auth-Token'),
            user_name=req.headers.get('X-User-Name'),
            project_name=req.headers.get('X-Project-Name'),
            service_catalog=_service_catalog(req),
            user_auth_plugin=req.environ.get('keystone.token_auth'),
            **_context_kwargs(req))
        return req.get_response(self.application)


class IdentityFailureGuard(Middleware):
    """503 when validating a token failed on the identity side.

    keystonemiddleware raises keystoneauth's errors when the identity
    service cannot be reached, times out, or refuses the service
    credentials it validates tokens with; that is the identity service
    being unavailable to this service, not an error of the request.
    """

    def process(self, req):
        try:
            resp = req.get_response(self.application)
        except ksa.REQUEST_ERRORS as exc:
            LOG.error('Token validation failed: %s', exc)
            return faults.error_response(503, _(
                'The identity service is unavailable: %s') % exc)
        if resp.status_int == 503 and resp.content_type != 'application/json':
            # keystonemiddleware's own page when the identity service
            # answered token validation with an error.
            return faults.error_response(503, _(
                'The identity service is unavailable: it could not '
                'validate the token.'))
        return resp


def keystone_pipeline(application, conf):
    """``application`` behind keystonemiddleware's token validation."""
    inner = KeystoneContextMiddleware(application)
    return IdentityFailureGuard(
        auth_token.AuthProtocol(inner, {'oslo_config_config': conf}))
