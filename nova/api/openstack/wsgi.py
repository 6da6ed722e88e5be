"""Handler decorators and the dispatcher that runs one handler.

A handler is a function ``handler(req, **path_params)``; when it declares
a body schema it also receives ``body=``. It returns the response body
(a dict, or None for an empty body) or a ``ResponseObject`` when headers
must be added. Decorators declare the rest (see ``HandlerSpec``)::

    @wsgi.response(202)
    @wsgi.expected_errors((400, 404))
    @wsgi.policies(servers_policies.CREATE)
    @validation.schema(schemas.create)
    @validation.response_body_schema(schemas.create_response)
    def create(req, body): ...
"""

from oslo_log import log as logging
from oslo_serialization import jsonutils
import webob
import webob.exc

import nova.conf
from nova.api.openstack import api_version_request
from nova.api.openstack import handler
from nova.api import safe_json
from nova.api.validation import validators
from nova import exception
from nova.i18n import _

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)

ENV_VERSION = 'nova.api_version_request'
ENV_CONTEXT = 'nova.context'
ENV_API_ROOT = 'nova.api_root'
ENV_PROJECT_IN_URL = 'nova.project_id_in_url'

_JSON_TYPES = ('application/json', 'application/vnd.openstack.compute+json')
_BODY_METHODS = ('POST', 'PUT', 'PATCH')


class Request(webob.Request):
    """A request with the negotiated microversion and the caller's context."""

    @property
    def api_version_request(self):
        version = self.environ.get(ENV_VERSION)
        if version is None:
            version = api_version_request.APIVersionRequest(
                api_version_request.DEFAULT_API_VERSION)
        return version

    @property
    def context(self):
        return self.environ[ENV_CONTEXT]

    @property
    def api_root(self):
        """URL of the API's root (scheme, host and mount point)."""
        return self.environ.get(ENV_API_ROOT) or self.application_url

    @property
    def project_id_in_url(self):
        return self.environ.get(ENV_PROJECT_IN_URL)


class ResponseObject:
    """A handler result that needs a non-default code or extra headers."""

    def __init__(self, body=None, code=None, headers=None):
        self.body = body
        self.code = code
        self.headers = dict(headers or {})


# -- decorators ----

def response(code):
    """The success status code of the handler."""
    def decorator(func):
        handler.spec_of(func).code = code
        return func
    return decorator


def expected_errors(codes):
    """HTTP error codes the handler may answer with; others become 500."""
    if isinstance(codes, int):
        codes = (codes,)

    def decorator(func):
        handler.spec_of(func).expected_errors = tuple(codes)
        return func
    return decorator


def policies(*rules):
    """Policy rules the handler checks (declared for the structural tests
    and the docs; the handler body still calls ``context.can``)."""
    def decorator(func):
        handler.spec_of(func).policies = tuple(rules)
        return func
    return decorator


def api_version(min_version, max_version=None):
    """The microversion range in which the handler exists (else 404)."""
    def decorator(func):
        spec = handler.spec_of(func)
        spec.min_version = min_version
        spec.max_version = max_version
        return func
    return decorator


# -- dispatch ----

def _query_dict(req):
    query = {}
    for key, value in req.GET.items():
        query.setdefault(key, []).append(value)
    return query


def _read_body(req):
    content_type = req.content_type
    if content_type and content_type != 'text/plain' and (
            content_type not in _JSON_TYPES):
        raise webob.exc.HTTPUnsupportedMediaType(
            explanation=_('Unsupported Content-Type'))
    if not req.body:
        return None
    try:
        return safe_json.loads(req.body)
    except safe_json.BadJSON:
        raise webob.exc.HTTPBadRequest(
            explanation=_('Malformed request body'))


def _validate_input(spec, req, version):
    schema, found = spec.pick(spec.query_schemas, version)
    if found:
        validators.validate_query(schema, _query_dict(req))
    if req.method not in _BODY_METHODS or not spec.body_schemas:
        return {}
    body = _read_body(req)
    schema, found = spec.pick(spec.body_schemas, version)
    if found:
        validators.validate_body(schema, body)
    return {'body': body}


class _HandlerFailed(webob.exc.HTTPInternalServerError):
    """The 500 of a handler that failed (already logged): an action
    dispatcher passes it on as it is."""


def _allowed_exception(exc, spec):
    if isinstance(exc, _HandlerFailed):
        return True
    if isinstance(exc, webob.exc.HTTPException):
        return exc.code in spec.expected_errors
    return isinstance(exc, (exception.Forbidden, exception.NotAuthorized,
                            exception.ValidationError,
                            exception.ServiceError))


def _check_response(spec, version, body, code):
    if not CONF.api.validate_responses:
        return
    schema, found = spec.pick(spec.response_schemas, version)
    if not found:
        return
    problem = validators.check_response(schema, body)
    if problem:
        LOG.error('Response of %s (%s) does not match its schema: %s',
                  code, version, problem)
        raise _HandlerFailed(
            explanation=_('Response body failed validation: %s') % problem)


def _check_version(spec, version):
    if not version.matches(spec.min_version, spec.max_version):
        # A method that does not exist at this version is "not found".
        raise webob.exc.HTTPNotFound(
            explanation=exception.VersionNotFoundForAPIMethod(
                version=version.get_string()).format_message())


def _run(func, spec, req, kwargs):
    """``func(req, **kwargs)`` as a ResponseObject with its code set."""
    try:
        result = func(req, **kwargs)
    except Exception as exc:
        if _allowed_exception(exc, spec):
            raise
        LOG.exception('Unexpected exception in API method %s',
                      func.__qualname__)
        raise _HandlerFailed(
            explanation=_('Unexpected API Error. Please report this at '
                          'http://bugs.launchpad.net/nova/ and attach the '
                          'Nova API log if possible.'))
    if not isinstance(result, ResponseObject):
        result = ResponseObject(result)
    result.code = result.code or spec.code
    _check_response(spec, req.api_version_request, result.body,
                    result.code)
    return result


def call_handler(func, req, path_params):
    """Validate, run ``func`` and build its response (or raise).

    Exceptions other than the handler's expected HTTP errors, policy
    denials, validation errors and errors of other services
    (``ServiceError``: 403 or 503) are logged and become a 500.
    """
    spec = handler.spec_of(func)
    version = req.api_version_request
    _check_version(spec, version)
    kwargs = _validate_input(spec, req, version)
    result = _run(func, spec, req, dict(path_params, **kwargs))
    return json_response(result.code, result.body, result.headers)


def call_action(func, req, path_params, body):
    """Run the handler of one action of an ``/action`` dispatcher.

    ``func`` is declared like any handler (version range, body and
    response schemas, expected errors, success code) and is called as
    ``func(req, **path_params, body=body)`` on the body the dispatcher
    already read. Returns a ``ResponseObject`` with its code set; raises
    like ``call_handler`` (404 outside the version range, 400 on a body
    that fails the schema, 500 on an unexpected exception).
    """
    spec = handler.spec_of(func)
    version = req.api_version_request
    _check_version(spec, version)
    schema, found = spec.pick(spec.body_schemas, version)
    if found:
        validators.validate_body(schema, body)
    return _run(func, spec, req, dict(path_params, body=body))


def json_response(code, body, headers=None):
    resp = webob.Response(status=code)
    if body is not None:
        resp.content_type = 'application/json'
        resp.charset = 'UTF-8'
        resp.body = jsonutils.dump_as_bytes(body)
    else:
        resp.content_type = None
        resp.body = b''
    for name, value in (headers or {}).items():
        resp.headers[name] = value
    return resp
