"""OpenStack error bodies: ``{"<name>": {"code": N, "message": "..."}}``.

Every error leaving the API goes through ``error_response()``; unexpected
exceptions become a 500 ``computeFault`` without the traceback (which is
only logged).
"""

from oslo_log import log as logging
from oslo_serialization import jsonutils
import webob
import webob.exc

from nova import exception
from nova.i18n import _

LOG = logging.getLogger(__name__)

# HTTP status -> name of the error body's single key.
FAULT_NAMES = {
    400: 'badRequest',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'itemNotFound',
    405: 'badMethod',
    409: 'conflictingRequest',
    413: 'overLimit',
    415: 'badMediaType',
    429: 'overLimit',
    501: 'notImplemented',
    503: 'serviceUnavailable',
}
DEFAULT_FAULT_NAME = 'computeFault'

# 5xx answers that are deliberate (a path this cloud does not implement),
# not failures: they are not logged as errors.
_DELIBERATE_CODES = frozenset((501,))

# Status codes a NovaException may carry through to the user as is.
_PASS_THROUGH_CODES = frozenset((400, 403, 404, 406, 409, 413, 415, 429))


def fault_name(code):
    return FAULT_NAMES.get(code, DEFAULT_FAULT_NAME)


def error_body(code, message):
    return {fault_name(code): {'code': code, 'message': message}}


def error_response(code, message, headers=None):
    """A JSON error response with the OpenStack body for ``code``."""
    resp = webob.Response(status=code, content_type='application/json',
                          charset='UTF-8')
    resp.body = jsonutils.dump_as_bytes(error_body(code, message))
    for name, value in (headers or {}).items():
        resp.headers[name] = value
    return resp


def _http_error_response(exc):
    headers = {}
    for name in ('Retry-After', 'Location', 'Allow'):
        if name in exc.headers:
            headers[name] = exc.headers[name]
    message = exc.explanation or exc.title
    return error_response(exc.code, message, headers)


def exception_to_response(exc):
    """Turn any exception raised while serving a request into a response.

    webob HTTP errors keep their status and explanation; NovaExceptions
    with a client-side code keep it and their message; anything else is
    logged with its traceback and answered with a bare 500.
    """
    if isinstance(exc, webob.exc.HTTPException):
        if exc.code >= 500 and exc.code not in _DELIBERATE_CODES:
            LOG.error('Returning %s to user: %s', exc.code, exc.explanation)
        return _http_error_response(exc)
    if isinstance(exc, exception.ServiceError):
        LOG.warning('Returning %s to user: %s', exc.code,
                    exc.format_message())
        return error_response(exc.code, exc.format_message())
    if isinstance(exc, exception.NovaException):
        if exc.code in _PASS_THROUGH_CODES:
            return error_response(exc.code, exc.format_message(),
                                  dict(exc.headers or {}))
        LOG.error('Unexpected %s reached the API: %s',
                  type(exc).__name__, exc.format_message(), exc_info=exc)
        if exc.safe:
            return error_response(exc.code, exc.format_message())
        return error_response(500, unexpected_message())
    LOG.error('Unexpected error serving a request', exc_info=exc)
    return error_response(500, unexpected_message())


def unexpected_message():
    return _('Unexpected API Error. Please report this at '
             'http://bugs.launchpad.net/nova/ and attach the Nova API log '
             'if possible.')
