"""Issuing, validating and revoking tokens, and who a caller is.

Tokens are random opaque strings kept in the store with their user,
project, methods, audit ids and expiry. Roles and the catalog are looked
up whenever a token is shown or used, so a revoked role assignment or a
disabled user invalidates existing tokens at once.
"""

import dataclasses
import datetime
import secrets

from nova.builtin.identity import errors
from nova.builtin.identity import passwords
from nova.builtin.identity import store as identity_store
from nova.builtin.identity import views
from nova import utils


@dataclasses.dataclass(frozen=True)
class Caller:
    """Who presented a valid token in ``X-Auth-Token``."""

    token_id: str
    user_id: str
    project_id: str
    role_names: tuple

    @property
    def is_admin(self):
        return 'admin' in self.role_names


@dataclasses.dataclass(frozen=True)
class Scope:
    """A token's user, project (or None) and roles, all still valid."""

    user: dict
    project: dict
    roles: list


def _find_user(store, ref):
    if 'id' in ref:
        try:
            return store.get_user(ref['id'])
        except identity_store.NotFound:
            return None
    if not ref['in_domain']:
        return None
    found = store.list_users(name=ref['name'])
    return found[0] if found else None


def _find_project(store, ref):
    if 'id' in ref:
        try:
            return store.get_project(ref['id'])
        except identity_store.NotFound:
            return None
    if not ref['in_domain']:
        return None
    found = store.list_projects(name=ref['name'])
    return found[0] if found else None


def current_scope(store, record):
    """The ``Scope`` of a stored token, or None if it no longer holds.

    A token stops holding when its user is gone or disabled, or when it
    is project scoped and the project is gone, disabled, or the user has
    no role left on it.
    """
    try:
        user = store.get_user(record['user_id'])
    except identity_store.NotFound:
        return None
    if not user['enabled']:
        return None
    if record['project_id'] is None:
        return Scope(user, None, [])
    try:
        project = store.get_project(record['project_id'])
    except identity_store.NotFound:
        return None
    roles = store.roles_on(user['id'], project['id'])
    if not project['enabled'] or not roles:
        return None
    return Scope(user, project, roles)


def _authenticated_user(store, request):
    """The user the methods of ``request`` prove, and the parent token."""
    users, parent = [], None
    if 'password' in request.methods:
        user = _find_user(store, request.user)
        if user is None or not passwords.check_password(
                request.password, user['password_hash']):
            raise errors.unauthorized()
        users.append(user)
    if 'token' in request.methods:
        parent = store.get_token(request.token_id)
        scope = current_scope(store, parent) if parent else None
        if scope is None:
            raise errors.unauthorized()
        users.append(scope.user)
    if len({user['id'] for user in users}) != 1:
        raise errors.unauthorized()
    if not users[0]['enabled']:
        raise errors.unauthorized()
    return users[0], parent


def issue(store, request, ttl):
    """Check an ``AuthRequest`` and store a new token for it.

    Returns the stored token dict. Raises 401 for a wrong password, an
    unknown or expired token, a disabled user, or a project the user
    has no role on. A token made with the ``token`` method keeps the
    expiry of the token it came from and joins its audit chain.
    """
    user, parent = _authenticated_user(store, request)
    project_id = None
    if request.project is not None:
        project = _find_project(store, request.project)
        if project is None or not project['enabled']:
            raise errors.unauthorized(
                'Could not find the project to scope to, or it is '
                'disabled.')
        if not store.roles_on(user['id'], project['id']):
            raise errors.unauthorized(
                'User %s has no access to project %s.'
                % (user['id'], project['id']))
        project_id = project['id']
    methods = list(request.methods)
    audit_ids = [secrets.token_urlsafe(16)]
    expires_at = utils.utcnow() + datetime.timedelta(seconds=ttl)
    if parent is not None:
        methods += [m for m in parent['methods'] if m not in methods]
        audit_ids.append(parent['audit_ids'][-1])
        expires_at = parent['expires_at']
    return store.create_token(secrets.token_urlsafe(32), user['id'],
                              project_id, methods, audit_ids, expires_at)


def authenticate(store, req):
    """The ``Caller`` of ``X-Auth-Token``; raises 401 if it is not valid."""
    record = store.get_token(req.headers.get('X-Auth-Token'))
    scope = current_scope(store, record) if record else None
    if scope is None:
        raise errors.unauthorized()
    return Caller(token_id=record['id'], user_id=scope.user['id'],
                  project_id=record['project_id'],
                  role_names=tuple(r['name'] for r in scope.roles))


def subject(store, req):
    """The stored token and ``Scope`` of ``X-Subject-Token``; 404 if bad."""
    record = store.get_token(req.headers.get('X-Subject-Token'))
    scope = current_scope(store, record) if record else None
    if scope is None:
        raise errors.not_found('Could not find token.')
    return record, scope


def document(record, scope, catalog):
    """The ``{"token": ...}`` body; ``catalog`` None leaves it out."""
    return views.token(record, scope.user, scope.project, scope.roles,
                       catalog if scope.project is not None else None)
