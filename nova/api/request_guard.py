"""Bad input stops here: the request layer in front of every listener.

``RequestGuard(app, service)`` is applied by ``nova.api.request_log.
RequestLog`` (which wraps the Compute API and each built-in service), so
every listener gets it from that one place. Before the app sees a request
it answers, in the service's own error format (see ``error_response``):

* 400 when the path or the query string, once percent-decoded, is not
  UTF-8 (WSGI hands them over as bytes; apps would fail decoding them);
* 413 at once, before reading any of it, when ``Content-Length`` exceeds
  ``[oslo_middleware] max_request_body_size`` (oslo.middleware's
  ``RequestBodySizeLimiter``, 112 KiB by default), and 413 as soon as a
  chunked body grows past it;
* 400 when the body ends before its ``Content-Length`` (the client went
  quiet for ``[wsgi] client_socket_timeout`` or hung up) or its chunked
  encoding is broken;
* for placement, whose JSON parser is the placement library's, 400 when a
  JSON body is not acceptable to ``nova.api.safe_json``, and 400 when its
  query holds an integer no database column can store (``resources=
  VCPU:18446744073709551616`` reached the database and failed there).

The body, at most the limit, is read in full here and handed to the app
as an in-memory stream, so apps never meet a socket error mid-body.

Exempt from the limit and the buffering: the image service's streamed
upload, ``PUT /v2/images/{image_id}/file``, which its handler reads in
chunks up to the image size quota.

Error messages never quote the input.
"""

import io
import json
import re
import urllib.parse

from oslo_middleware import sizelimit
import webob
import webob.exc

import nova.conf
from nova.api import safe_json

CONF = nova.conf.CONF

# Bodies that stream to storage rather than into memory, by service:
# (method, path pattern).
STREAMED = {
    'image': (('PUT', re.compile(r'^/v2/images/[^/]+/file/?$')),),
}

_PASSED_LIMIT = 'nova.request_guard.passed_limit'
_CHUNKED = 'nova.request_guard.chunked'
_READ_SIZE = 65536
_JSON_TYPES = ('application/json',)
TITLES = {400: 'Bad Request', 413: 'Request Entity Too Large'}
_NEUTRON_TYPES = {400: 'HTTPBadRequest', 413: 'HTTPRequestEntityTooLarge'}
_COMPUTE_NAMES = {400: 'badRequest', 413: 'overLimit'}

BAD_PATH = 'The request path or query string is not valid UTF-8.'
SHORT_BODY = 'The request body is shorter than its Content-Length.'
BAD_CHUNKS = 'The request body has a malformed chunked encoding.'
TOO_LARGE = 'Request is too large. Larger than max_request_body_size (%d).'


def error_response(service, code, message, request_id=None):
    """A webob response for ``code`` with ``message`` in ``service``'s
    error format: compute ``{"badRequest": {"code", "message"}}``,
    placement ``{"errors": [{"status", "title", "detail", "request_id"}]}``,
    network ``{"NeutronError": {"type", "message", "detail"}}``, image
    webob's (Glance's) negotiated error page, identity and anything else
    Keystone's ``{"error": {"code", "title", "message"}}``.
    """
    title = TITLES.get(code, 'Error')
    if service == 'image':
        return webob.exc.status_map[code](explanation=message)
    if service == 'compute':
        body = {_COMPUTE_NAMES.get(code, 'computeFault'): {
            'code': code, 'message': message}}
    elif service == 'placement':
        body = {'errors': [{'status': code, 'title': title,
                            'detail': message, 'request_id': request_id}]}
    elif service == 'network':
        body = {'NeutronError': {'type': _NEUTRON_TYPES.get(code, title),
                                 'message': message, 'detail': ''}}
    else:
        body = {'error': {'code': code, 'title': title, 'message': message}}
    response = webob.Response(status=code, charset='utf-8',
                              content_type='application/json')
    response.text = json.dumps(body)
    return response


def undecodable(environ):
    """Whether the path or the percent-decoded query is not UTF-8."""
    try:
        # PEP 3333: both are the request's bytes, as latin-1 strings.
        environ.get('SCRIPT_NAME', '').encode('latin-1').decode('utf-8')
        environ.get('PATH_INFO', '').encode('latin-1').decode('utf-8')
        raw_query = environ.get('QUERY_STRING', '').encode('latin-1')
        urllib.parse.unquote_to_bytes(raw_query).decode('utf-8')
    except UnicodeError:
        return True
    return False


class _BodyError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def _nothing_left(stream):
    # NOTE: before answering, cheroot reads what is left of the body the
    # app did not read (its KnownLengthRFile counts it in ``remaining``).
    # Of a body that ended early nothing more comes: reading would fail
    # on the timed-out socket and drop the answer.
    if getattr(stream, 'remaining', 0):
        stream.remaining = 0


class _StreamedBody:
    """The body stream of a streamed upload: its read() fails only with
    ``OSError`` (a timeout, a hang-up, a broken chunked encoding), after
    which the server answers at once rather than wait for the rest."""

    def __init__(self, stream):
        self._stream = stream

    def _guarded(self, method, size):
        try:
            return method(size)
        except (OSError, ValueError) as e:
            _nothing_left(self._stream)
            raise OSError('The request body could not be read.') from e

    def read(self, size=-1):
        return self._guarded(self._stream.read, size)

    def readline(self, size=-1):
        return self._guarded(self._stream.readline, size)

    def __iter__(self):
        return iter(self.readline, b'')

    def __getattr__(self, name):
        # Anything else the server's stream offers (seek, for webob's
        # blank requests in tests).
        return getattr(self._stream, name)


def _read_known(stream, length):
    parts = []
    while length > 0:
        try:
            chunk = stream.read(min(length, _READ_SIZE))
        except (OSError, ValueError):
            # A read timed out ([wsgi] client_socket_timeout) or the
            # client hung up.
            chunk = b''
        if not chunk:
            _nothing_left(stream)
            raise _BodyError(400, SHORT_BODY)
        parts.append(chunk)
        length -= len(chunk)
    return b''.join(parts)


def _read_chunked(stream, limit):
    parts = []
    while True:
        try:
            chunk = stream.read(_READ_SIZE)
        except webob.exc.HTTPRequestEntityTooLarge:
            # oslo.middleware's LimitingReader, past the limit.
            raise _BodyError(413, TOO_LARGE % limit)
        except (OSError, ValueError):
            raise _BodyError(400, BAD_CHUNKS)
        if not chunk:
            return b''.join(parts)
        parts.append(chunk)


# The largest integer a database column (BIGINT) stores; digit runs long
# enough to go past it.
_MAX_DB_INTEGER = 2 ** 63 - 1
_LONG_DIGITS = re.compile(r'\d{19,}')


class RequestGuard:
    """WSGI middleware refusing bad input with 4xx (see the module doc).

    ``service``: ``compute``, ``placement``, ``identity``, ``image`` or
    ``network``; it picks the error format and the exemptions.
    """

    def __init__(self, application, service):
        self.application = application
        self.service = service
        self.streamed = STREAMED.get(service, ())
        # NOTE: the limiter reads the option at each request, so a changed
        # value (tests' flags()) applies at once.
        self.limiter = sizelimit.RequestBodySizeLimiter(self._buffered,
                                                        conf=CONF)

    def __call__(self, environ, start_response):
        if self._is_streamed(environ):
            if undecodable(environ):
                return self._refuse(environ, start_response, 400, BAD_PATH)
            environ['wsgi.input'] = _StreamedBody(environ['wsgi.input'])
            return self.application(environ, start_response)

        # NOTE: a body of unknown length that the server ends (chunked):
        # noted before the limiter marks every body readable.
        environ[_CHUNKED] = bool(environ.get('wsgi.input_terminated') and
                                 not environ.get('CONTENT_LENGTH'))

        def limiter_start_response(status, headers, exc_info=None):
            if environ.get(_PASSED_LIMIT):
                return start_response(status, headers, exc_info)
            # The limiter's own (text) 413: replaced below.
            return lambda data: None

        app_iter = self.limiter(environ, limiter_start_response)
        if environ.get(_PASSED_LIMIT):
            return app_iter
        close = getattr(app_iter, 'close', None)
        if close is not None:
            close()
        return self._refuse(environ, start_response, 413,
                            TOO_LARGE % self._limit())

    def _limit(self):
        return CONF.oslo_middleware.max_request_body_size

    def _is_streamed(self, environ):
        method = environ.get('REQUEST_METHOD')
        path = environ.get('PATH_INFO', '')
        return any(method == m and pattern.match(path)
                   for m, pattern in self.streamed)

    def _refuse(self, environ, start_response, code, message):
        response = error_response(self.service, code, message,
                                  environ.get('openstack.request_id'))
        return response(environ, start_response)

    def _buffered(self, environ, start_response):
        """Within the limit: read the whole body, then call the app."""
        environ[_PASSED_LIMIT] = True
        req = webob.Request(environ)
        try:
            if req.content_length is not None:
                body = _read_known(environ['wsgi.input'], req.content_length)
            elif environ.get(_CHUNKED):
                # req.body_file is the limiter's LimitingReader here.
                body = _read_chunked(req.body_file, self._limit())
            else:
                body = None
            # NOTE: checked once the body is read: the server would
            # otherwise read (drain) it before sending the answer anyway.
            if undecodable(environ):
                raise _BodyError(400, BAD_PATH)
            if self.service == 'placement':
                self._check_query_integers(environ)
                if body is not None:
                    self._check_json(req, body)
        except _BodyError as e:
            return self._refuse(environ, start_response, e.code, e.message)
        # NOTE: the app reads memory, not the socket (nor the limiter's
        # reader it was wrapped in), from here on.
        environ['wsgi.input'] = io.BytesIO(body or b'')
        if body is not None:
            environ['CONTENT_LENGTH'] = str(len(body))
            environ.pop('HTTP_TRANSFER_ENCODING', None)
        return self.application(environ, start_response)

    @staticmethod
    def _check_query_integers(environ):
        query = urllib.parse.unquote(environ.get('QUERY_STRING', ''))
        for digits in _LONG_DIGITS.findall(query):
            if int(digits) > _MAX_DB_INTEGER:
                raise _BodyError(400, 'An integer in the query string is '
                                      'out of range.')

    @staticmethod
    def _check_json(req, body):
        if not body or req.content_type not in _JSON_TYPES:
            return
        try:
            safe_json.loads(body)
        except safe_json.BadJSON as e:
            raise _BodyError(400, 'Malformed JSON: %s' % e)
