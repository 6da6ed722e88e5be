"""Errors of the built-in identity service, in Keystone's JSON shape.

Handlers raise ``IdentityError``; the app renders it as
``{"error": {"code": ..., "title": ..., "message": ...}}``.
"""

import json

import webob

TITLES = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    409: 'Conflict',
    413: 'Request Entity Too Large',
    500: 'Internal Server Error',
}
AUTH_REQUIRED = 'The request you have made requires authentication.'


class IdentityError(Exception):
    """An HTTP error with a message that is safe to show the caller."""

    def __init__(self, code, message, headers=None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.headers = dict(headers or {})


def bad_request(message):
    return IdentityError(400, message)


def unauthorized(message=AUTH_REQUIRED):
    return IdentityError(401, message)


def forbidden(action):
    return IdentityError(
        403, 'You are not authorized to perform the requested action: '
             '%s.' % action)


def not_found(message):
    return IdentityError(404, message)


def conflict(message):
    return IdentityError(409, message)


def render(error, www_authenticate_uri):
    """The webob response for ``error``.

    A 401 carries ``WWW-Authenticate: Keystone uri="..."`` so clients
    know where to get a token, as Keystone's responses do.
    """
    body = {'error': {'code': error.code,
                      'title': TITLES.get(error.code, 'Error'),
                      'message': error.message}}
    response = webob.Response(status=error.code, charset='utf-8',
                              content_type='application/json')
    response.text = json.dumps(body)
    for name, value in error.headers.items():
        response.headers[name] = value
    if error.code == 401:
        response.headers['WWW-Authenticate'] = (
            'Keystone uri="%s"' % www_authenticate_uri)
    return response
