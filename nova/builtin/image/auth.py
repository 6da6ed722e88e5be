"""Who is calling the built-in image service, and what they may touch.

``authenticate`` is the single place that turns a request into a
``Caller``; a deployment with real identity swaps it for one that
validates Keystone tokens (``create_app(..., authenticate=...)``).
"""

import dataclasses


@dataclasses.dataclass(frozen=True)
class Caller:
    user_id: str
    project_id: str
    is_admin: bool


def authenticate(request):
    """Development no-auth mode: the token is ``user:project``.

    The user ``admin`` has the admin role. Returns None when the token is
    missing or malformed; the caller then answers 401.
    """
    token = request.headers.get('X-Auth-Token', '')
    user, sep, project = token.partition(':')
    if not sep or not user or not project or ':' in project:
        return None
    return Caller(user_id=user, project_id=project, is_admin=user == 'admin')


def can_see(caller, record):
    """Public and community images are visible to all, others to owners.

    Shared images are treated like private ones: image members are not
    implemented by this service.
    """
    if caller.is_admin or record['visibility'] in ('public', 'community'):
        return True
    return record['owner'] == caller.project_id


def can_modify(caller, record):
    return caller.is_admin or record['owner'] == caller.project_id
