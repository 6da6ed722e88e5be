"""One INFO line per HTTP request, for every listener of this cloud.

``RequestLog(app, service)`` wraps a WSGI app (the Compute API, placement,
the built-in identity, image and network services) and, once the response
body has been produced, logs on the logger ``nova.api.request_log`` (the
Compute API) or ``nova.builtin.<service>.request_log``::

    127.0.0.1 "GET /v2.1/servers?limit=1 HTTP/1.1" status: 200 len: 15
    microversion: 2.1 time: 0.012345 request_id: req-... service: compute

(one line): client address, method, path with query, HTTP version, status,
bytes of body sent, the negotiated microversion (``-`` when the service
has none), seconds from the call to the end of the body, the request id
the client saw (the ``x-openstack-request-id`` response header) and the
service. Headers and bodies, tokens included, are never logged.

It also gives each request its id, as oslo.middleware's ``RequestId``
does for Keystone, Glance, Neutron and Placement: a fresh ``req-<uuid>``
in ``environ['openstack.request_id']`` (the Compute API and placement use
it as theirs), a valid inbound ``X-OpenStack-Request-ID`` kept as the
global request id, the ``x-openstack-request-id`` response header added
when the app set none, and an oslo.context ``RequestContext`` holding both
made current for the thread, so that every record logged while serving
(a traceback of an unexpected error included) carries the request id.

Bad input (undecodable paths, oversized or truncated bodies) is refused
before the app sees it by ``nova.api.request_guard.RequestGuard``, which
``RequestLog`` puts in front of every app it wraps.

An exception escaping the app is logged with its traceback and answered
with a JSON 500 carrying the request id header.
"""

import logging
import sys
import time

from oslo_context import context as oslo_context
from oslo_serialization import jsonutils
from oslo_utils import uuidutils

from nova.api import request_guard

ENV_REQUEST_ID = 'openstack.request_id'
ENV_GLOBAL_REQUEST_ID = 'openstack.global_request_id'
REQUEST_ID_HEADER = 'x-openstack-request-id'
_INBOUND_REQUEST_ID = 'HTTP_X_OPENSTACK_REQUEST_ID'
_VERSION_HEADER = 'openstack-api-version'
COMPUTE_LOGGER = 'nova.api.request_log'

LINE = ('%s "%s %s %s" status: %s len: %d microversion: %s time: %.6f '
        'request_id: %s service: %s')


def logger_name(service):
    """The logger of ``service``'s request lines."""
    if service == 'compute':
        return COMPUTE_LOGGER
    return 'nova.builtin.%s.request_log' % service


def valid_request_id(value):
    """Whether ``value`` has the ``req-<uuid>`` form of a request id."""
    return bool(value) and value.startswith('req-') and \
        uuidutils.is_uuid_like(value[4:])


class RequestLog:
    """WSGI middleware: request id, request line, last-resort 500.

    ``service`` names the service in the line and, unless ``logger`` is
    given, the logger (see ``logger_name``).
    """

    def __init__(self, application, service, logger=None):
        self.application = request_guard.RequestGuard(application, service)
        self.service = service
        self.log = logging.getLogger(logger or logger_name(service))

    def __call__(self, environ, start_response):
        started = time.monotonic()
        request_id = environ.get(ENV_REQUEST_ID)
        if not request_id:
            request_id = 'req-' + uuidutils.generate_uuid()
            environ[ENV_REQUEST_ID] = request_id
        global_id = environ.get(ENV_GLOBAL_REQUEST_ID)
        if global_id is None:
            inbound = environ.get(_INBOUND_REQUEST_ID)
            if valid_request_id(inbound):
                global_id = environ[ENV_GLOBAL_REQUEST_ID] = inbound
        # NOTE: overwrite=True (the default) makes it the thread's current
        # context: records logged while serving carry these ids.
        context = oslo_context.RequestContext(
            request_id=request_id, global_request_id=global_id)
        exchange = _Exchange(self, environ, start_response, context,
                             started)
        try:
            body = self.application(environ, exchange.start_response)
        except Exception:
            return exchange.fail()
        return exchange.respond(body)


class _Exchange:
    """One request going through ``RequestLog``: its start_response, and
    the body iterable when the body is produced while being sent."""

    __slots__ = ('owner', 'environ', 'server_start_response', 'context',
                 'started', 'status', 'request_id', 'microversion', 'sent',
                 'app_iter', 'logged')

    def __init__(self, owner, environ, start_response, context, started):
        self.owner = owner
        self.environ = environ
        self.server_start_response = start_response
        self.context = context
        self.started = started
        self.status = None
        self.request_id = context.request_id
        self.microversion = None
        self.sent = 0
        self.app_iter = None
        self.logged = False

    def start_response(self, status, headers, exc_info=None):
        self.status = status
        has_id = False
        for name, value in headers:
            lowered = name.lower()
            if lowered == REQUEST_ID_HEADER:
                has_id = True
                self.request_id = value
            elif lowered == _VERSION_HEADER:
                # "compute 2.1" -> "2.1"
                self.microversion = value.rpartition(' ')[2]
        if not has_id:
            headers = headers + [(REQUEST_ID_HEADER, self.request_id)]
        return self.server_start_response(status, headers, exc_info)

    def respond(self, app_iter):
        """What to give the server for the app's body ``app_iter``."""
        if type(app_iter) is list:
            # Produced already (webob's usual body): nothing to wait for.
            for chunk in app_iter:
                self.sent += len(chunk)
            self.finish()
            return app_iter
        self.app_iter = app_iter
        return self

    def __iter__(self):
        try:
            for chunk in self.app_iter:
                self.sent += len(chunk)
                yield chunk
        except Exception:
            self.owner.log.error(
                'Unexpected error sending the body of %s %s',
                self.environ.get('REQUEST_METHOD'), _path(self.environ),
                exc_info=True, extra={'context': self._log_context()})
            raise

    def close(self):
        # The server calls this once the body was sent, or on failure.
        try:
            close = getattr(self.app_iter, 'close', None)
            if close is not None:
                close()
        finally:
            self.finish()

    def fail(self):
        """Log the exception being handled; answer a JSON 500."""
        environ = self.environ
        self.owner.log.error(
            'Unexpected error serving %s %s',
            environ.get('REQUEST_METHOD'), _path(environ),
            exc_info=True, extra={'context': self._log_context()})
        body = jsonutils.dump_as_bytes({'error': {
            'code': 500, 'title': 'Internal Server Error',
            'message': 'An unexpected error prevented the server from '
                       'fulfilling your request (request id %s).'
                       % self.request_id}})
        # NOTE: a second start_response must carry exc_info (PEP 3333),
        # and a first one must not: some servers re-raise when given it.
        exc_info = sys.exc_info() if self.status is not None else None
        try:
            self.start_response(
                '500 Internal Server Error',
                [('Content-Type', 'application/json'),
                 ('Content-Length', str(len(body))),
                 (REQUEST_ID_HEADER, self.request_id)], exc_info)
        except Exception:
            # The server had sent the app's headers: it re-raised.
            self.finish()
            raise
        return self.respond([body])

    def finish(self):
        if self.logged:
            return
        self.logged = True
        log = self.owner.log
        if not log.isEnabledFor(logging.INFO):
            return
        environ = self.environ
        status = self.status[:3] if self.status else '-'
        log.info(LINE, environ.get('REMOTE_ADDR', '-'),
                 environ.get('REQUEST_METHOD', '-'), _path(environ),
                 environ.get('SERVER_PROTOCOL', '-'), status, self.sent,
                 self.microversion or '-', time.monotonic() - self.started,
                 self.request_id, self.owner.service,
                 extra={'context': self._log_context()})

    def _log_context(self):
        # The app's own context when it made one for this request (the
        # Compute API's names the user and project), else ours.
        current = oslo_context.get_current()
        if current is not None and \
                current.request_id == self.context.request_id:
            return current
        return self.context


def _path(environ):
    path = environ.get('SCRIPT_NAME', '') + environ.get('PATH_INFO', '')
    query = environ.get('QUERY_STRING')
    if query:
        path += '?' + query
    return path
