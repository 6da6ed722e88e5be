"""Token validation for the other built-in services of the all-in-one.

The built-in image and network services run in the same process as the
identity service; they check a caller's token against its store directly
(a real deployment's Glance and Neutron ask Keystone over HTTP).
"""

from nova.builtin.identity import tokens
from nova.builtin.image import auth as image_auth


def token_authenticator(store):
    """An ``authenticate(request) -> Caller | None`` for the image and
    network services: the project-scoped caller of ``X-Auth-Token``."""

    def authenticate(request):
        record = store.get_token(request.headers.get('X-Auth-Token'))
        scope = tokens.current_scope(store, record) if record else None
        if scope is None or scope.project is None:
            return None
        names = {role['name'] for role in scope.roles}
        return image_auth.Caller(user_id=scope.user['id'],
                                 project_id=scope.project['id'],
                                 is_admin='admin' in names)

    return authenticate
