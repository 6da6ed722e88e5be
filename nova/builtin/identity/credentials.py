"""Reading the body of ``POST /v3/auth/tokens`` into an ``AuthRequest``.

Only the shape is checked here (anything malformed is a 400); whether the
user, password, token and scope are right is decided by ``tokens``.
"""

import dataclasses

from nova.builtin.identity import errors

SUPPORTED_METHODS = ('password', 'token')
DEFAULT_DOMAIN_ID = 'default'
DEFAULT_DOMAIN_NAME = 'Default'


@dataclasses.dataclass(frozen=True)
class AuthRequest:
    methods: tuple
    # {'id': ...} or {'name': ...} (the domain is checked while parsing).
    user: dict = None
    password: str = None
    token_id: str = None
    # {'id': ...} or {'name': ...} of the project to scope to, or None.
    project: dict = None


def _object(parent, key, where, required=True):
    value = parent.get(key) if isinstance(parent, dict) else None
    if value is None and not required:
        return None
    if not isinstance(value, dict):
        raise errors.bad_request(
            "Invalid input for field '%s': expected an object in %s."
            % (key, where))
    return value


def _string(parent, key, where):
    value = parent.get(key)
    if not isinstance(value, str) or not value:
        raise errors.bad_request(
            "Invalid input for field '%s': expected a non-empty string in "
            "%s." % (key, where))
    return value


def is_default_domain(ref):
    """True if a ``domain`` reference names the one domain there is."""
    if 'id' in ref:
        return ref['id'] == DEFAULT_DOMAIN_ID
    return ref.get('name') in (DEFAULT_DOMAIN_NAME, DEFAULT_DOMAIN_ID)


def _named_ref(obj, where):
    """``{'id': ...}`` or ``{'name': ..., 'in_domain': bool}``."""
    if 'id' in obj:
        return {'id': _string(obj, 'id', where)}
    if 'name' not in obj:
        raise errors.bad_request(
            'Expecting to find id or name in %s.' % where)
    name = _string(obj, 'name', where)
    domain = _object(obj, 'domain', where)
    if 'id' in domain:
        _string(domain, 'id', where + '.domain')
    else:
        _string(domain, 'name', where + '.domain')
    return {'name': name, 'in_domain': is_default_domain(domain)}


def _methods(identity):
    methods = identity.get('methods')
    if (not isinstance(methods, list) or not methods
            or not all(isinstance(m, str) for m in methods)):
        raise errors.bad_request(
            "Invalid input for field 'identity.methods': expected a "
            "non-empty list of strings.")
    for method in methods:
        if method not in SUPPORTED_METHODS:
            raise errors.unauthorized(
                'Attempted to authenticate with an unsupported method.')
    return tuple(dict.fromkeys(methods))


def _scope(auth):
    scope = auth.get('scope')
    if scope is None or scope == 'unscoped':
        return None
    if not isinstance(scope, dict):
        raise errors.bad_request(
            "Invalid input for field 'scope': expected an object.")
    if 'project' not in scope:
        # NOTE: there is one domain and no system scope to speak of.
        raise errors.bad_request(
            'Only project scope is supported by this identity service.')
    return _named_ref(_object(scope, 'project', 'scope'), 'scope.project')


def parse(body):
    """Turn the decoded JSON body into an ``AuthRequest``; 400 if bad."""
    auth = _object(body, 'auth', 'the request body')
    identity = _object(auth, 'identity', 'auth')
    methods = _methods(identity)
    values = {'methods': methods, 'project': _scope(auth)}
    if 'password' in methods:
        password = _object(identity, 'password', 'auth.identity')
        user = _object(password, 'user', 'auth.identity.password')
        values['user'] = _named_ref(user, 'auth.identity.password.user')
        secret = user.get('password')
        if not isinstance(secret, str):
            raise errors.bad_request(
                "Invalid input for field 'password': expected a string in "
                "auth.identity.password.user.")
        values['password'] = secret
    if 'token' in methods:
        token = _object(identity, 'token', 'auth.identity')
        values['token_id'] = _string(token, 'id', 'auth.identity.token')
    return AuthRequest(**values)
