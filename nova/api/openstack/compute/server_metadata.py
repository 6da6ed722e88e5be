"""/servers/{server_id}/metadata[/{key}]: a server's metadata items.

GET answers ``{"metadata": {...}}`` or ``{"meta": {key: value}}``; POST
merges, PUT replaces all, PUT on a key sets that one item (the body names
the same single key, else 400), DELETE removes it (204). 403: more items
than ``[quota] metadata_items``; 404: no such server or item; 409: the
server is building, busy, locked (non-admins) or in a state that does not
allow changes (``nova.compute.states.RECORD_CHANGES``).
"""

import webob.exc

from nova.api.openstack.compute.schemas import server_records as schemas
from nova.api.openstack.compute import servers
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import records
from nova import exception
from nova.i18n import _
from nova.policies import server_records as policies


def _load(req, server_id, rule, attrs=('metadata',)):
    ctx = req.context
    instance = servers.get(ctx, server_id, list(attrs))
    ctx.can(rule, target={'project_id': instance.project_id,
                          'user_id': instance.user_id})
    return instance


def _change(call, *args):
    try:
        return call(*args)
    except (exception.InstanceNotFound,
            exception.MetadataItemNotFound) as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    except exception.MetadataLimitExceeded as exc:
        raise webob.exc.HTTPForbidden(explanation=exc.format_message())
    except (exception.InstanceInvalidState, exception.InstanceIsLocked,
            exception.InstanceNotReady) as exc:
        raise webob.exc.HTTPConflict(explanation=exc.format_message())


@wsgi.expected_errors(404)
@wsgi.policies(policies.METADATA_INDEX)
@validation.query_schema(schemas.no_query)
@validation.response_body_schema(schemas.metadata_response)
def index(req, server_id):
    instance = _load(req, server_id, policies.METADATA_INDEX)
    return {'metadata': dict(instance.metadata)}


@wsgi.expected_errors(404)
@wsgi.policies(policies.METADATA_SHOW)
@validation.query_schema(schemas.no_query)
@validation.response_body_schema(schemas.meta_item_response)
def show(req, server_id, key):
    instance = _load(req, server_id, policies.METADATA_SHOW)
    if key not in instance.metadata:
        raise webob.exc.HTTPNotFound(explanation=_(
            'Metadata item was not found'))
    return {'meta': {key: instance.metadata[key]}}


@wsgi.expected_errors((400, 403, 404, 409))
@wsgi.policies(policies.METADATA_CREATE)
@validation.schema(schemas.metadata_body)
@validation.response_body_schema(schemas.metadata_response)
def create(req, server_id, body):
    instance = _load(req, server_id, policies.METADATA_CREATE)
    return {'metadata': _change(records.update_metadata, req.context,
                                instance, body['metadata'])}


@wsgi.expected_errors((400, 403, 404, 409))
@wsgi.policies(policies.METADATA_UPDATE_ALL)
@validation.schema(schemas.metadata_body)
@validation.response_body_schema(schemas.metadata_response)
def update_all(req, server_id, body):
    instance = _load(req, server_id, policies.METADATA_UPDATE_ALL)
    return {'metadata': _change(records.update_metadata, req.context,
                                instance, body['metadata'], True)}


@wsgi.expected_errors((400, 403, 404, 409))
@wsgi.policies(policies.METADATA_UPDATE)
@validation.schema(schemas.meta_item_body)
@validation.response_body_schema(schemas.meta_item_response)
def update(req, server_id, key, body):
    meta = body['meta']
    if key not in meta:
        raise webob.exc.HTTPBadRequest(
            explanation=_('Request body and URI mismatch'))
    instance = _load(req, server_id, policies.METADATA_UPDATE)
    _change(records.update_metadata, req.context, instance, meta)
    return {'meta': meta}


@wsgi.response(204)
@wsgi.expected_errors((404, 409))
@wsgi.policies(policies.METADATA_DELETE)
@validation.query_schema(schemas.no_query)
@validation.response_body_schema(schemas.no_body_response)
def delete(req, server_id, key):
    instance = _load(req, server_id, policies.METADATA_DELETE)
    _change(records.delete_metadata_item, req.context, instance, key)
    return None
