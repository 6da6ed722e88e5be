"""Handlers of version discovery and the ``/v3/auth`` routes.

Every handler takes ``(app, req, caller, **path_params)`` and returns a
``webob.Response`` or raises ``errors.IdentityError``; ``caller`` is a
``tokens.Caller``, or None on the routes anyone may call.
"""

from nova.builtin.identity import credentials
from nova.builtin.identity import errors
from nova.builtin.identity import rest
from nova.builtin.identity import tokens
from nova.builtin.identity import views


def versions_root(app, req, caller):
    # NOTE: Keystone answers the unversioned root with 300 Multiple
    # Choices; keystoneauth's discovery reads the body either way.
    return rest.json_response(views.versions(app.base_url(req)), status=300)


def version_v3(app, req, caller):
    return rest.json_response(views.version(app.base_url(req)))


def _catalog_wanted(req):
    return 'nocatalog' not in req.GET


def issue_token(app, req, caller):
    request = credentials.parse(rest.json_body(req))
    record = tokens.issue(app.store, request, app.token_ttl)
    scope = tokens.current_scope(app.store, record)
    catalog = app.catalog(req) if _catalog_wanted(req) else None
    return rest.json_response(tokens.document(record, scope, catalog),
                              status=201,
                              headers={'X-Subject-Token': record['id']})


def _validated_subject(app, req, caller):
    record, scope = tokens.subject(app.store, req)
    if not caller.is_admin and caller.user_id != scope.user['id']:
        raise errors.forbidden('identity:validate_token')
    return record, scope


def validate_token(app, req, caller):
    record, scope = _validated_subject(app, req, caller)
    catalog = app.catalog(req) if _catalog_wanted(req) else None
    return rest.json_response(tokens.document(record, scope, catalog),
                              headers={'X-Subject-Token': record['id']})


def check_token(app, req, caller):
    record, _scope = _validated_subject(app, req, caller)
    return rest.empty_response(
        status=200, headers={'X-Subject-Token': record['id']})


def revoke_token(app, req, caller):
    record, _scope = _validated_subject(app, req, caller)
    app.store.delete_token(record['id'])
    return rest.empty_response()


def auth_catalog(app, req, caller):
    if caller.project_id is None:
        raise errors.forbidden(
            'identity:get_auth_catalog with an unscoped token')
    doc = views.collection(app.base_url(req), '/v3/auth/catalog',
                           'catalog', app.catalog(req))
    return rest.json_response(doc)


def auth_projects(app, req, caller):
    base = app.base_url(req)
    projects = [views.project(base, record)
                for record in app.store.projects_of(caller.user_id)]
    return rest.json_response(
        views.collection(base, '/v3/auth/projects', 'projects', projects))
