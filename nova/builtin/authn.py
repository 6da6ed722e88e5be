"""Who is calling a built-in stand-in (image, network): one choice for all.

The stand-ins validate tokens the way nova-api does, so that any mix of
built-in and real services works from configuration alone:

* the built-in identity runs: its token store is asked directly (same
  process, no HTTP round trip);
* otherwise, when nova-api validates tokens with keystonemiddleware
  (``[keystone_authtoken]`` configured or ``[api] auth_strategy =
  keystone``): the stand-in's WSGI app is put behind keystonemiddleware
  with the same options, and the caller is read from the headers it sets;
* otherwise: the development mode, where the token is ``user:project``.

``for_conf(conf, identity_store)`` returns a ``StandInAuth`` holding the
``authenticate(request) -> Caller | None`` callable a stand-in app takes
and the ``wrap(app) -> app`` to serve it with.
"""

import dataclasses
import typing

from nova.builtin.identity import validation as identity_validation
from nova.builtin.image import auth as dev_auth

AUTHTOKEN_GROUP = 'keystone_authtoken'


@dataclasses.dataclass(frozen=True)
class StandInAuth:
    """How a stand-in authenticates: ``mode`` is ``identity``,
    ``keystone`` or ``development``."""

    mode: str
    authenticate: typing.Callable
    wrap: typing.Callable


def _unwrapped(app):
    return app


def keystone_configured(conf):
    """Whether nova-api validates tokens with keystonemiddleware."""
    # NOTE: imported here: the compute API package pulls in the whole API.
    from nova.api.openstack import compute as compute_api
    return compute_api.auth_strategy(conf) == 'keystone'


def caller_from_headers(request):
    """The caller keystonemiddleware confirmed, or None (then 401).

    keystonemiddleware strips these headers from what the client sent, so
    only a token it validated can set them.
    """
    headers = request.headers
    if headers.get('X-Identity-Status') != 'Confirmed':
        return None
    user_id = headers.get('X-User-Id')
    project_id = headers.get('X-Project-Id')
    if not user_id or not project_id:
        return None
    roles = {r.strip() for r in headers.get('X-Roles', '').split(',')}
    return dev_auth.Caller(user_id=user_id, project_id=project_id,
                           is_admin='admin' in roles)


def keystone_wrapper(conf):
    """``wrap(app)``: ``app`` behind keystonemiddleware, configured from
    ``conf``'s ``[keystone_authtoken]``.

    ``delay_auth_decision`` lets anonymous routes (version discovery)
    through; the stand-in answers 401 itself where a caller is needed.
    """
    from keystonemiddleware import auth_token

    from nova.api.openstack import middleware

    def wrap(app):
        return middleware.IdentityFailureGuard(auth_token.AuthProtocol(app, {
            'oslo_config_config': conf, 'delay_auth_decision': 'true'}))
    return wrap


def for_conf(conf, identity_store=None):
    """The ``StandInAuth`` the stand-ins of this deployment use.

    ``identity_store``: the built-in identity's store when it runs.
    """
    if identity_store is not None:
        return StandInAuth(
            'identity',
            identity_validation.token_authenticator(identity_store),
            _unwrapped)
    if keystone_configured(conf):
        return StandInAuth('keystone', caller_from_headers,
                           keystone_wrapper(conf))
    return StandInAuth('development', dev_auth.authenticate, _unwrapped)


def register_authtoken_opts(conf, auth_type=None):
    """Register keystonemiddleware's ``[keystone_authtoken]`` options on
    ``conf`` and those of the ``auth_type`` plugin (as keystonemiddleware
    itself does when it loads the plugin)."""
    from keystoneauth1 import loading as ks_loading
    from keystonemiddleware import auth_token
    for group, opts in auth_token.list_opts():
        conf.register_opts(opts, group=group)
    ks_loading.register_auth_conf_options(conf, AUTHTOKEN_GROUP)
    auth_type = auth_type or conf[AUTHTOKEN_GROUP].auth_type
    if auth_type:
        conf.register_opts(
            ks_loading.get_auth_plugin_conf_options(auth_type),
            group=AUTHTOKEN_GROUP)


def authtoken_values(conf):
    """``{option: value}`` of ``conf``'s ``[keystone_authtoken]`` that are
    set (not None), plugin options included: what another configuration
    object needs to validate tokens the same way."""
    register_authtoken_opts(conf)
    group = conf[AUTHTOKEN_GROUP]
    return {name: group[name] for name in group if group[name] is not None}
