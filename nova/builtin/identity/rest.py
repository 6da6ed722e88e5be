"""Reading JSON request bodies and writing JSON responses."""

import json

import webob

from nova.api import safe_json
from nova.builtin.identity import errors

MAX_JSON_BODY = 64 * 1024


def json_response(doc, status=200, headers=None):
    response = webob.Response(status=status, charset='utf-8',
                              content_type='application/json')
    response.text = json.dumps(doc)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def empty_response(status=204, headers=None):
    response = webob.Response(status=status)
    # NOTE: a 204 must not carry a body or a Content-Type; webob would add
    # the default text/html one.
    del response.content_type
    response.body = b''
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def json_body(req):
    """The decoded JSON object of the request; 400 if not one."""
    if req.content_length and req.content_length > MAX_JSON_BODY:
        raise errors.IdentityError(413, 'The request body is too large.')
    try:
        body = safe_json.loads(req.body)
    except safe_json.BadJSON:
        raise errors.bad_request(
            'Malformed JSON in request body.')
    if not isinstance(body, dict):
        raise errors.bad_request(
            'The request body must be a JSON object.')
    return body
