"""The WSGI application of the built-in network service and its routes.

All URLs live in ``ROUTES``; a path segment written ``{name}`` matches any
one segment and is passed to the handler as a keyword argument (the
matcher is the image service's). Handlers raise ``errors.NeutronError``,
rendered as Neutron's ``{"NeutronError": {...}}`` document. A trailing
``.json`` on the path, which older clients send, is ignored.
"""

import logging

import webob.dec

from nova.builtin import routing
from nova.builtin.network import auth
from nova.builtin.network import discovery
from nova.builtin.network import errors
from nova.builtin.network import floating_ips
from nova.builtin.network import networks
from nova.builtin.network import notifier as nova_notifier
from nova.builtin.network import ports
from nova.builtin.network import security_group_rules
from nova.builtin.network import security_groups
from nova.builtin.network import store as network_store
from nova.builtin.network import subnets

LOG = logging.getLogger(__name__)

ROUTES = {
    '/': {'GET': discovery.versions},
    '/v2.0': {'GET': discovery.resources},
    '/v2.0/extensions': {'GET': discovery.list_extensions},
    '/v2.0/extensions/{alias}': {'GET': discovery.show_extension},
    '/v2.0/networks': {'GET': networks.list_networks,
                       'POST': networks.create},
    '/v2.0/networks/{network_id}': {'GET': networks.show,
                                    'PUT': networks.update,
                                    'DELETE': networks.delete},
    '/v2.0/subnets': {'GET': subnets.list_subnets, 'POST': subnets.create},
    '/v2.0/subnets/{subnet_id}': {'GET': subnets.show,
                                  'PUT': subnets.update,
                                  'DELETE': subnets.delete},
    '/v2.0/ports': {'GET': ports.list_ports, 'POST': ports.create},
    '/v2.0/ports/{port_id}': {'GET': ports.show, 'PUT': ports.update,
                              'DELETE': ports.delete},
    '/v2.0/security-groups': {'GET': security_groups.list_groups,
                              'POST': security_groups.create_group},
    '/v2.0/security-groups/{group_id}': {
        'GET': security_groups.show_group,
        'PUT': security_groups.update_group,
        'DELETE': security_groups.delete_group},
    '/v2.0/security-group-rules': {'GET': security_group_rules.list_rules,
                                   'POST': security_group_rules.create},
    '/v2.0/security-group-rules/{rule_id}': {
        'GET': security_group_rules.show_rule,
        'DELETE': security_group_rules.delete},
    '/v2.0/quotas/{project_id}': {'GET': discovery.show_quota},
    '/v2.0/floatingips': {'GET': floating_ips.list_floatingips,
                          'POST': floating_ips.create},
    '/v2.0/floatingips/{floatingip_id}': {'GET': floating_ips.show,
                                          'PUT': floating_ips.update,
                                          'DELETE': floating_ips.delete},
    '/v2.0/routers': {'GET': discovery.empty_list('routers')},
}
# Routes anyone may call without a token (version discovery).
ANONYMOUS = ('/',)

DEFAULT_VIF_TYPE = 'ovs'


class NetworkApp:
    """WSGI callable serving the Neutron v2.0 subset from a store.

    ``notifier`` (or None) gets ``vif_plugged(server_uuid, port_id)`` when
    a port of a device is bound; ``vif_type`` is the ``binding:vif_type``
    of bound ports.
    """

    def __init__(self, store, authenticate=auth.authenticate, notifier=None,
                 vif_type=DEFAULT_VIF_TYPE):
        self.store = store
        self.authenticate = authenticate
        self.notifier = notifier
        self.vif_type = vif_type
        self._routes = routing.compile_routes(ROUTES)

    @webob.dec.wsgify
    def __call__(self, req):
        try:
            return self._dispatch(req)
        except errors.NeutronError as e:
            return e.response(getattr(e, 'headers', ()))
        except Exception:
            LOG.exception('Unexpected error serving %s %s', req.method,
                          req.path_info)
            return errors.NeutronError(
                500, errors.INTERNAL,
                'Request Failed: internal server error while processing '
                'your request.').response()

    def _dispatch(self, req):
        path = req.path_info
        if path.endswith('.json'):
            path = path[:-len('.json')]
        found = routing.match(self._routes, path)
        if found is None:
            raise errors.not_found(errors.NOT_FOUND,
                                   'The resource could not be found.')
        template, methods, params = found
        handler = methods.get(req.method)
        if handler is None:
            error = errors.NeutronError(
                405, errors.METHOD_NOT_ALLOWED,
                'The method %s is not allowed for this resource.'
                % req.method)
            error.headers = [('Allow', ', '.join(sorted(methods)))]
            raise error
        caller = None
        if template not in ANONYMOUS:
            caller = self.authenticate(req)
            if caller is None:
                raise errors.NeutronError(
                    401, errors.NOT_AUTHORIZED,
                    'Authentication required: send a valid X-Auth-Token.')
        return handler(self, req, caller, **params)


def create_app(state_dir, authenticate=auth.authenticate, nova_url=None,
               nova_token=nova_notifier.ADMIN_TOKEN,
               vif_type=DEFAULT_VIF_TYPE):
    """Build the WSGI app keeping its state in ``state_dir/network.sqlite``.

    ``authenticate(request) -> Caller | None`` decides who is calling; the
    default is the development no-auth mode (token ``user:project``).
    ``nova_url``: the compute endpoint (``http://host:port/v2.1``) or a
    callable returning it, to which ``network-vif-plugged`` events are
    sent (with ``nova_token``, a token or a callable returning one); None
    sends nothing.
    """
    notifier = None
    if nova_url is not None:
        notifier = nova_notifier.NovaNotifier(nova_url, token=nova_token)
    return NetworkApp(network_store.NetworkStore(state_dir),
                      authenticate=authenticate, notifier=notifier,
                      vif_type=vif_type)
