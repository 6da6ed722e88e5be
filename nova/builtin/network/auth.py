"""Who is calling the built-in network service and what they may touch.

Callers are made by the same pluggable ``authenticate(request)`` as the
image service (default: the development mode where the token is
``user:project`` and the user ``admin`` is an admin). The predicates
below take database rows and follow Neutron's default policy for the
resources served here.
"""

from nova.builtin.image.auth import authenticate  # noqa: F401
from nova.builtin.image.auth import Caller  # noqa: F401
from nova.builtin.network import errors


def owns(caller, row):
    return caller.is_admin or row.project_id == caller.project_id


def can_see_network(caller, network):
    """Own, shared and external networks are visible; admin sees all."""
    return owns(caller, network) or network.shared or network.router_external


def can_see_port(caller, port, network):
    """A port is visible to its project and to its network's owner."""
    return owns(caller, port) or network.project_id == caller.project_id


def can_use_network(caller, network):
    """Whether the caller may put a port on ``network``."""
    return owns(caller, network) or network.shared


def check_project(caller, values):
    """Default ``project_id`` to the caller's; only admins pick another."""
    project_id = values.setdefault('project_id', caller.project_id)
    if project_id != caller.project_id and not caller.is_admin:
        raise errors.forbidden(
            "Specifying 'project_id' or 'tenant_id' other than the "
            "authenticated project in request requires admin privileges")
    return project_id


def check_admin_attrs(caller, names):
    if names and not caller.is_admin:
        raise errors.forbidden(
            '(rule:%s) is disallowed by policy' % names[0])
