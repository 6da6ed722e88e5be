"""/servers/{server_id}/tags[/{tag}] (2.26): a server's tags.

GET lists (``{"tags": [...]}``) or checks one (204, or 404); PUT replaces
all (200 with the new list) or adds one (201 with a Location when new,
204 when it was there); DELETE removes one or all (204). 400: a tag of
more than 60 characters or with ``,`` or ``/``, or more than 50 tags;
404: no such server or tag; 409: the server is building or in a state
that does not allow changes (``nova.compute.states.RECORD_CHANGES``).
"""

from urllib import parse

import webob.exc

from nova.api.openstack import common
from nova.api.openstack.compute.schemas import server_records as schemas
from nova.api.openstack.compute import servers
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import records
from nova import exception
from nova.i18n import _
from nova.objects import tag as tag_obj
from nova.policies import server_records as policies

MIN_VERSION = '2.26'


def _load(req, server_id, rule):
    ctx = req.context
    instance = servers.get(ctx, server_id, ['tags'])
    ctx.can(rule, target={'project_id': instance.project_id,
                          'user_id': instance.user_id})
    return instance


def _check_tag(tag):
    if not 1 <= len(tag) <= 60 or ',' in tag or '/' in tag:
        raise webob.exc.HTTPBadRequest(explanation=_(
            "Tag '%s' is invalid: it must have 1 to 60 characters and no "
            "',' or '/'.") % tag)


def _change(call, *args):
    try:
        return call(*args)
    except (exception.InstanceNotFound, exception.TagNotFound) as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    except exception.TooManyTags as exc:
        raise webob.exc.HTTPBadRequest(explanation=exc.format_message())
    except (exception.InstanceInvalidState,
            exception.InstanceNotReady) as exc:
        raise webob.exc.HTTPConflict(explanation=exc.format_message())


@wsgi.expected_errors(404)
@wsgi.api_version(MIN_VERSION)
@wsgi.policies(policies.TAGS_INDEX)
@validation.query_schema(schemas.no_query)
@validation.response_body_schema(schemas.tags_response)
def index(req, server_id):
    instance = _load(req, server_id, policies.TAGS_INDEX)
    return {'tags': _change(records.get_tags, req.context, instance)}


@wsgi.response(204)
@wsgi.expected_errors(404)
@wsgi.api_version(MIN_VERSION)
@wsgi.policies(policies.TAGS_SHOW)
@validation.query_schema(schemas.no_query)
@validation.response_body_schema(schemas.no_body_response)
def show(req, server_id, tag):
    instance = _load(req, server_id, policies.TAGS_SHOW)
    if tag not in _change(records.get_tags, req.context, instance):
        raise webob.exc.HTTPNotFound(explanation=_(
            'Server %(id)s has no tag %(tag)s') % {
                'id': server_id, 'tag': tag})
    return None


@wsgi.expected_errors((400, 404, 409))
@wsgi.api_version(MIN_VERSION)
@wsgi.policies(policies.TAGS_UPDATE_ALL)
@validation.schema(schemas.tags_body)
@validation.response_body_schema(schemas.tags_response)
def update_all(req, server_id, body):
    tags = body['tags']
    if len(set(tags)) > tag_obj.MAX_TAG_COUNT:
        raise webob.exc.HTTPBadRequest(explanation=exception.TooManyTags(
            max_tags=tag_obj.MAX_TAG_COUNT).format_message())
    instance = _load(req, server_id, policies.TAGS_UPDATE_ALL)
    return {'tags': _change(records.set_tags, req.context, instance, tags)}


@wsgi.response(201)
@wsgi.expected_errors((400, 404, 409))
@wsgi.api_version(MIN_VERSION)
@wsgi.policies(policies.TAGS_UPDATE)
@validation.schema(schemas.no_body)
@validation.response_body_schema(schemas.no_body_response)
def update(req, server_id, tag, body=None):
    _check_tag(tag)
    instance = _load(req, server_id, policies.TAGS_UPDATE)
    if not _change(records.add_tag, req.context, instance, tag):
        return wsgi.ResponseObject(None, code=204)
    location = '%s/tags/%s' % (common.self_href(req, 'servers', server_id),
                               parse.quote(tag))
    return wsgi.ResponseObject(None, code=201,
                               headers={'Location': location})


@wsgi.response(204)
@wsgi.expected_errors((404, 409))
@wsgi.api_version(MIN_VERSION)
@wsgi.policies(policies.TAGS_DELETE)
@validation.query_schema(schemas.no_query)
@validation.response_body_schema(schemas.no_body_response)
def delete(req, server_id, tag):
    instance = _load(req, server_id, policies.TAGS_DELETE)
    _change(records.delete_tag, req.context, instance, tag)
    return None


@wsgi.response(204)
@wsgi.expected_errors((404, 409))
@wsgi.api_version(MIN_VERSION)
@wsgi.policies(policies.TAGS_DELETE_ALL)
@validation.query_schema(schemas.no_query)
@validation.response_body_schema(schemas.no_body_response)
def delete_all(req, server_id):
    instance = _load(req, server_id, policies.TAGS_DELETE_ALL)
    _change(records.delete_tags, req.context, instance)
    return None
