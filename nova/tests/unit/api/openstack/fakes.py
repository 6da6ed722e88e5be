"""A tiny resource and route table for testing the API framework."""

import webob.exc

from nova.api import validation
from nova.api.openstack import wsgi
from nova.api.validation import parameter_types

RULE = 'os_compute_api:servers:index'

widget = {
    'type': 'object',
    'properties': {
        'widget': {
            'type': 'object',
            'properties': {
                'name': parameter_types.name,
                'size': parameter_types.positive_integer,
            },
            'required': ['name'],
            'additionalProperties': False,
        },
    },
    'required': ['widget'],
    'additionalProperties': False,
}

widget_v230 = {
    'type': 'object',
    'properties': {'widget': {
        'type': 'object',
        'properties': {'name': parameter_types.name,
                       'colour': {'type': 'string'}},
        'required': ['name', 'colour'],
        'additionalProperties': False}},
    'required': ['widget'],
    'additionalProperties': False,
}

index_query = {
    'type': 'object',
    'properties': {'limit': parameter_types.limit_param},
    'additionalProperties': True,
}

index_query_v275 = dict(index_query, additionalProperties=False)

widget_response = {
    'type': 'object',
    'properties': {'widget': {'type': 'object'}},
    'required': ['widget'],
    'additionalProperties': False,
}


@wsgi.expected_errors(())
@wsgi.policies(RULE)
@validation.query_schema(index_query, '2.1', '2.74')
@validation.query_schema(index_query_v275, '2.75')
@validation.response_body_schema({'type': 'object'})
def index(req):
    return {'version': req.api_version_request.get_string(),
            'project': req.context.project_id,
            'request_id': req.context.request_id}


@wsgi.response(201)
@wsgi.expected_errors(400)
@wsgi.policies(RULE)
@validation.schema(widget, '2.1', '2.29')
@validation.schema(widget_v230, '2.30')
@validation.response_body_schema(widget_response)
def create(req, body):
    return {'widget': body['widget']}


@wsgi.expected_errors(404)
@wsgi.policies(RULE)
@validation.query_schema({'type': 'object'})
@validation.response_body_schema(widget_response)
def show(req, widget_id):
    if widget_id == 'missing':
        raise webob.exc.HTTPNotFound(explanation='Widget missing not found')
    if widget_id == 'boom':
        raise RuntimeError('secret traceback detail')
    if widget_id == 'bad-view':
        return {'unexpected': True}
    return {'widget': {'id': widget_id}}


@wsgi.response(204)
@wsgi.expected_errors(())
@wsgi.policies(RULE)
@wsgi.api_version('2.50')
@validation.query_schema({'type': 'object'})
@validation.response_body_schema(parameter_types.empty_response)
def delete(req, widget_id):
    return None


ROUTE_TABLE = (
    ('/widgets', {'GET': index, 'POST': create}),
    ('/widgets/detail', {'GET': index}),
    ('/widgets/{widget_id}', {'GET': show, 'DELETE': delete}),
)
