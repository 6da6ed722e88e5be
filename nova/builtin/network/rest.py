"""Request and response helpers shared by the resource handlers."""

import json
import urllib.parse

import webob

from nova.api import safe_json
from nova.builtin.network import errors
from nova.builtin.network import listing

MAX_JSON_BODY = 1024 * 1024


def json_response(doc, status=200):
    response = webob.Response(status=status, charset='utf-8',
                              content_type='application/json')
    response.text = json.dumps(doc)
    return response


def no_content():
    return webob.Response(status=204)


def json_body(req):
    """The decoded JSON body of ``req``; 400 when it is not JSON."""
    if req.content_length and req.content_length > MAX_JSON_BODY:
        raise errors.NeutronError(413, errors.REQUEST_TOO_LARGE,
                                  'Request body is too large.')
    try:
        return safe_json.loads(req.body)
    except safe_json.BadJSON:
        raise errors.bad_request('Malformed request body')


def list_response(req, plural, docs, resource):
    """Filter, sort, page and trim ``docs`` following the query string."""
    page, next_marker = listing.select(docs, req.GET, resource)
    body = {plural: page}
    if next_marker is not None:
        query = [(k, v) for k, v in req.GET.items() if k != 'marker']
        query.append(('marker', next_marker))
        body[plural + '_links'] = [{
            'rel': 'next',
            'href': '%s%s?%s' % (req.host_url, req.path,
                                 urllib.parse.urlencode(query)),
        }]
    return json_response(body)


def show_response(req, singular, doc):
    return json_response({singular: listing.trim(doc, req.GET)})
