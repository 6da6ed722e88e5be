"""/os-keypairs[/{keypair_name}]: a user's key pairs.

POST generates a key pair (the private key is returned once and not
kept) or imports a public key (``public_key``); from 2.92 only imports.
Key types ``ssh`` and ``x509`` from 2.2; from 2.10 an admin may name the
user (``user_id`` in the body or the query) whose key pairs are meant.
Listing pages by name from 2.35 (``limit``, ``marker``). Codes follow
Nova's api-ref: create 200 (201 from 2.2), delete 202 (204 from 2.2);
400 for a key that does not parse, 403 over the ``key_pairs`` quota,
404 for an unknown name, 409 for a name the user already has.
"""

import webob.exc

from nova.api.openstack import api_version_request as avr
from nova.api.openstack import common
from nova.api.openstack.compute.schemas import keypairs as schemas
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import keypairs as keypair_api
from nova import exception
from nova.objects import keypair as keypair_obj
from nova.policies import keypairs as policies

_SHOWN = ('name', 'public_key', 'fingerprint')


def _time(value):
    return value.strftime('%Y-%m-%dT%H:%M:%S.%f') if value else None


def _view(req, keypair, fields):
    view = {field: getattr(keypair, field) for field in fields}
    if avr.is_supported(req, '2.2'):
        view['type'] = keypair.type
    return view


def _user_id(req, body_user_id=None):
    """Whose key pairs: the caller's, or (2.10) the one named."""
    if avr.is_supported(req, '2.10'):
        named = body_user_id or common.last_value(req, 'user_id')
        if named:
            return named
    return req.context.user_id


@wsgi.expected_errors(400)
@wsgi.policies(policies.INDEX)
@validation.query_schema(schemas.query, '2.1', '2.9')
@validation.query_schema(schemas.query_v210, '2.10', '2.34')
@validation.query_schema(schemas.index_query_v235, '2.35', '2.74')
@validation.query_schema(schemas.index_query_v275, '2.75')
@validation.response_body_schema(schemas.index_response, '2.1', '2.1')
@validation.response_body_schema(schemas.index_response_v22, '2.2', '2.34')
@validation.response_body_schema(schemas.index_response_v235, '2.35')
def index(req):
    ctx = req.context
    user_id = _user_id(req)
    ctx.can(policies.INDEX, target={'user_id': user_id})
    limit = marker = None
    if avr.is_supported(req, '2.35'):
        limit, marker = common.get_limit_and_marker(req)
    try:
        keypairs = keypair_api.KeypairAPI().get_key_pairs(
            ctx, user_id, limit=limit, marker=marker)
    except exception.MarkerNotFound as exc:
        raise webob.exc.HTTPBadRequest(explanation=exc.format_message())
    body = {'keypairs': [{'keypair': _view(req, k, _SHOWN)}
                         for k in keypairs]}
    if avr.is_supported(req, '2.35') and keypairs:
        links = common.collection_links(req, keypairs, 'os-keypairs',
                                        keypairs[-1].name)
        if links:
            body['keypairs_links'] = links
    return body


@wsgi.expected_errors((400, 403, 409))
@wsgi.policies(policies.CREATE)
@validation.schema(schemas.create, '2.1', '2.1')
@validation.schema(schemas.create_v22, '2.2', '2.9')
@validation.schema(schemas.create_v210, '2.10', '2.91')
@validation.schema(schemas.create_v292, '2.92')
@validation.response_body_schema(schemas.create_response, '2.1', '2.1')
@validation.response_body_schema(schemas.create_response_v22, '2.2', '2.91')
@validation.response_body_schema(schemas.create_response_v292, '2.92')
def create(req, body):
    ctx = req.context
    params = body['keypair']
    user_id = _user_id(req, params.get('user_id'))
    ctx.can(policies.CREATE, target={'user_id': user_id})
    key_type = params.get('type', keypair_obj.KEYPAIR_TYPE_SSH)
    api = keypair_api.KeypairAPI()
    private_key = None
    try:
        if 'public_key' in params:
            keypair = api.import_key_pair(ctx, user_id, params['name'],
                                          params['public_key'], key_type)
        else:
            keypair, private_key = api.create_key_pair(
                ctx, user_id, params['name'], key_type)
    except exception.KeypairLimitExceeded as exc:
        raise webob.exc.HTTPForbidden(explanation=exc.format_message())
    except exception.InvalidKeypair as exc:
        raise webob.exc.HTTPBadRequest(explanation=exc.format_message())
    except exception.KeyPairExists as exc:
        raise webob.exc.HTTPConflict(explanation=exc.format_message())
    view = _view(req, keypair, _SHOWN + ('user_id',))
    if private_key is not None:
        view['private_key'] = private_key
    code = 201 if avr.is_supported(req, '2.2') else 200
    return wsgi.ResponseObject({'keypair': view}, code=code)


@wsgi.expected_errors(404)
@wsgi.policies(policies.SHOW)
@validation.query_schema(schemas.query, '2.1', '2.9')
@validation.query_schema(schemas.query_v210, '2.10', '2.74')
@validation.query_schema(schemas.query_v275, '2.75')
@validation.response_body_schema(schemas.show_response, '2.1', '2.1')
@validation.response_body_schema(schemas.show_response_v22, '2.2')
def show(req, keypair_name):
    ctx = req.context
    user_id = _user_id(req)
    ctx.can(policies.SHOW, target={'user_id': user_id})
    try:
        keypair = keypair_api.KeypairAPI().get_key_pair(ctx, user_id,
                                                        keypair_name)
    except exception.KeypairNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    view = _view(req, keypair, _SHOWN + ('user_id', 'id', 'deleted'))
    view.update(created_at=_time(keypair.created_at),
                updated_at=_time(keypair.updated_at),
                deleted_at=None)
    return {'keypair': view}


@wsgi.expected_errors(404)
@wsgi.policies(policies.DELETE)
@validation.query_schema(schemas.query, '2.1', '2.9')
@validation.query_schema(schemas.query_v210, '2.10', '2.74')
@validation.query_schema(schemas.query_v275, '2.75')
@validation.response_body_schema(schemas.delete_response)
def delete(req, keypair_name):
    ctx = req.context
    user_id = _user_id(req)
    ctx.can(policies.DELETE, target={'user_id': user_id})
    try:
        keypair_api.KeypairAPI().delete_key_pair(ctx, user_id, keypair_name)
    except exception.KeypairNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    return wsgi.ResponseObject(
        None, code=204 if avr.is_supported(req, '2.2') else 202)
