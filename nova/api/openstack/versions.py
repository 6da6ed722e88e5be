"""Version documents: ``GET /`` (all versions) and ``GET /v2.1/``.

Neither needs authentication. ``GET /`` is outside microversion control;
``/v2.1`` without the trailing slash redirects (302) to ``/v2.1/``.
"""

import copy

from nova.api.openstack import api_version_request
from nova.api.openstack import common

DOCS_URL = 'https://docs.openstack.org/'

VERSIONS = {
    'v2.0': {
        'id': 'v2.0',
        'status': 'DEPRECATED',
        'version': '',
        'min_version': '',
        'updated': '2025-07-04T12:00:00Z',
        'media-types': [{
            'base': 'application/json',
            'type': 'application/vnd.openstack.compute+json;version=2',
        }],
    },
    'v2.1': {
        'id': 'v2.1',
        'status': 'CURRENT',
        'version': api_version_request.MAX_API_VERSION,
        'min_version': api_version_request.MIN_API_VERSION,
        'updated': '2013-07-23T11:33:21Z',
        'media-types': [{
            'base': 'application/json',
            'type': 'application/vnd.openstack.compute+json;version=2.1',
        }],
    },
}

_PATHS = {'v2.0': 'v2', 'v2.1': 'v2.1'}


def _self_href(root_url, version_id):
    return common.url_join(common.link_prefix(root_url), _PATHS[version_id],
                           '')


def versions_document(root_url):
    """Body of ``GET /``: every major version with its self link."""
    docs = []
    for version_id in sorted(VERSIONS):
        version = VERSIONS[version_id]
        docs.append({
            'id': version['id'],
            'status': version['status'],
            'version': version['version'],
            'min_version': version['min_version'],
            'updated': version['updated'],
            'links': [{'rel': 'self',
                       'href': _self_href(root_url, version_id)}],
        })
    return {'versions': docs}


def version_document(root_url, version_id='v2.1'):
    """Body of ``GET /v2.1/``: one version with media types and links."""
    doc = copy.deepcopy(VERSIONS[version_id])
    doc['links'] = [
        {'rel': 'self', 'href': _self_href(root_url, version_id)},
        {'rel': 'describedby', 'type': 'text/html', 'href': DOCS_URL},
    ]
    return {'version': doc}


_version_fields = {
    'id': {'type': 'string'},
    'status': {'enum': ['CURRENT', 'SUPPORTED', 'DEPRECATED']},
    'version': {'type': 'string'},
    'min_version': {'type': 'string'},
    'updated': {'type': 'string', 'format': 'date-time'},
    'links': {'type': 'array'},
}

versions_response = {
    'type': 'object',
    'properties': {'versions': {'type': 'array', 'items': {
        'type': 'object', 'properties': _version_fields,
        'required': list(_version_fields),
        'additionalProperties': False}}},
    'required': ['versions'],
    'additionalProperties': False,
}

version_response = {
    'type': 'object',
    'properties': {'version': {
        'type': 'object',
        'properties': dict(_version_fields, **{'media-types': {
            'type': 'array'}}),
        'required': list(_version_fields) + ['media-types'],
        'additionalProperties': False}},
    'required': ['version'],
    'additionalProperties': False,
}
