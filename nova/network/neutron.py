"""Client of the network service (Neutron v2.0 API) for Nova: the ports
of instances.

``API`` chooses networks for a boot request, creates, claims, binds and
releases ports, builds an instance's network info (``nova.network.model``)
and hot-plugs ports (os-interface, addFixedIp, removeFixedIp). Security
groups (``nova.network.security_groups``) and floating IPs
(``nova.network.floating_ips``) are its other parts; HTTP, authentication
and error translation are ``nova.network.client``'s.

When networking is not configured (``is_configured``) every method
behaves as if the server asked for ``networks: none``.
"""

from oslo_log import log as logging
from oslo_utils import excutils
from oslo_utils import uuidutils

from nova import exception
from nova.network import client
from nova.network import floating_ips
from nova.network import model
from nova.network import security_groups

LOG = logging.getLogger(__name__)

DEVICE_OWNER = 'compute:nova'

# The names callers use.
is_configured = client.is_configured
reset = client.reset


class _Plan(object):
    """One VIF to set up: an existing port, or a new one on a network."""

    def __init__(self, port=None, network=None, address=None):
        self.port = port
        self.network = network
        self.address = address


class API(security_groups.SecurityGroupAPI, floating_ips.FloatingIPAPI):
    """Ports of instances, as the caller of a context may handle them."""

    def _show_network(self, context, network_id):
        def missing():
            return exception.NetworkNotFound(network_id=network_id)
        if not uuidutils.is_uuid_like(network_id):
            raise missing()
        return self._request(context, 'GET', '/v2.0/networks/%s' % network_id,
                             not_found=missing).json()['network']

    def get_all(self, context):
        """The networks ``context`` may see (Networking API dicts)."""
        return self._list(context, 'networks')

    def get(self, context, network_id):
        """One network ``context`` may see; NetworkNotFound."""
        return self._show_network(context, network_id)

    def list_subnets(self, context, **filters):
        """The subnets ``context`` may see that match ``filters``
        (Networking API query parameters, e.g. a list of ``id``)."""
        return self._list(context, 'subnets', **filters)

    def _show_port(self, context, port_id):
        def missing():
            return exception.PortNotFound(port_id=port_id)
        if not uuidutils.is_uuid_like(port_id):
            raise missing()
        return self._request(context, 'GET', '/v2.0/ports/%s' % port_id,
                             not_found=missing).json()['port']

    def _update_port(self, context, port_id, values, admin=False):
        return self._request(
            context, 'PUT', '/v2.0/ports/%s' % port_id, admin=admin,
            json={'port': values},
            not_found=lambda: exception.PortNotFound(port_id=port_id),
        ).json()['port']

    def _delete_port(self, context, port_id):
        try:
            self._request(context, 'DELETE', '/v2.0/ports/%s' % port_id,
                          admin=True, not_found=lambda: exception.PortNotFound(
                              port_id=port_id))
        except exception.PortNotFound:
            pass

    # -- choosing networks ----------------------------------------------------

    def _auto_network(self, context, project_id):
        """The one network ``auto`` means: the project's own networks and
        the shared ones, external ones excluded. None when there is none;
        NetworkAmbiguous when there are several."""
        found = {}
        for filters in ({'project_id': project_id}, {'shared': 'true'}):
            for network in self._list(context, 'networks', **filters):
                if not network.get('router:external'):
                    found.setdefault(network['id'], network)
        if len(found) > 1:
            raise exception.NetworkAmbiguous()
        return next(iter(found.values()), None)

    def _check_free(self, port):
        if port.get('device_id'):
            raise exception.PortInUse(port_id=port['id'])

    def _plan(self, context, project_id, requested_networks):
        """What to set up, in the requested order (raises on bad input)."""
        if requested_networks is None or (
                requested_networks.is_single_unspecified):
            network = self._auto_network(context, project_id)
            return [_Plan(network=network)] if network else []
        plan = []
        for request in requested_networks:
            if request.port_id:
                port = self._show_port(context, request.port_id)
                self._check_free(port)
                plan.append(_Plan(port=port))
            else:
                plan.append(_Plan(
                    network=self._show_network(context, request.network_id),
                    address=request.address and str(request.address)))
        return plan

    # -- public API -----------------------------------------------------------

    def validate_networks(self, context, requested_networks, num_instances=1):
        """Check a boot request's networks before anything is created.

        ``requested_networks``: a NetworkRequestList or None (None and
        ``auto`` both mean the project's one usable network). Raises
        NetworkNotFound / PortNotFound for unknown ids, PortInUse for a
        port attached elsewhere, NetworkAmbiguous when ``auto`` has
        several candidates, MultiplePortsNotApplicable when one port is
        asked for several servers. No-op when networking is not configured
        or ``none`` was asked for.
        """
        if not is_configured(context) or (
                requested_networks is not None and
                requested_networks.no_allocate):
            return
        plan = self._plan(context, context.project_id, requested_networks)
        if num_instances > 1 and any(item.port for item in plan):
            raise exception.MultiplePortsNotApplicable(
                reason='Unable to launch multiple instances with a single '
                       'configured port ID. Please launch your instance one '
                       'by one with different ports.')

    def allocate_for_instance(self, context, instance, requested_networks,
                              before_bind=None, security_groups=None):
        """Give ``instance`` its ports on ``instance.host``; return its
        network info (a list of VIF dicts, see ``nova.network.model``).

        New ports are created with ``device_id`` = the instance and
        ``device_owner`` = ``compute:nova``; requested existing ports are
        claimed the same way and marked ``preserve_on_delete``. Then every
        port is bound to the host. ``before_bind(port_ids)`` is called
        between the two steps, so a caller can listen for the service's
        ``network-vif-plugged`` events before they can be sent. New ports
        go in ``security_groups`` (names or IDs of groups of the
        instance's project; None: the service's default group); ports the
        user brought keep theirs.

        On any error, ports created here are deleted and claimed ones
        released before the exception propagates. Returns [] when
        networking is not configured or ``none`` was asked for.
        """
        if not is_configured(context) or (
                requested_networks is not None and
                requested_networks.no_allocate):
            return []
        plan = self._plan(context, instance.project_id, requested_networks)
        group_ids = None
        if security_groups is not None:
            group_ids = [self._find_group(context, instance.project_id,
                                          name)['id']
                         for name in security_groups]
        created, claimed = [], []
        try:
            ports = []
            for item in plan:
                if item.port is not None:
                    ports.append(self._claim_port(context, instance,
                                                  item.port))
                    claimed.append(item.port['id'])
                else:
                    ports.append(self._create_port(context, instance,
                                                   item.network,
                                                   item.address, group_ids))
                    created.append(ports[-1]['id'])
            if before_bind is not None:
                before_bind([port['id'] for port in ports])
            bound = [self._update_port(context, port['id'],
                                       {'binding:host_id': instance.host},
                                       admin=True)
                     for port in ports]
        except Exception:
            with excutils.save_and_reraise_exception():
                self._undo(context, created, claimed)
        return self._network_info(context, bound, set(claimed))

    def _claim_port(self, context, instance, port):
        return self._update_port(context, port['id'], {
            'device_id': instance.uuid, 'device_owner': DEVICE_OWNER})

    def _create_port(self, context, instance, network, address,
                     group_ids=None):
        # NOTE: the port is the server's project's, as in Nova, also when
        # an admin attaches it to another project's server.
        values = {'network_id': network['id'], 'device_id': instance.uuid,
                  'device_owner': DEVICE_OWNER,
                  'project_id': instance.project_id}
        if group_ids is not None:
            values['security_groups'] = group_ids
        if address:
            values['fixed_ips'] = [{'ip_address': address}]
        return self._request(
            context, 'POST', '/v2.0/ports', json={'port': values},
            not_found=lambda: exception.NetworkNotFound(
                network_id=network['id']),
            conflict=lambda: exception.FixedIpAlreadyInUse(
                address=address, network_id=network['id']),
        ).json()['port']

    def _undo(self, context, created, claimed):
        for port_id in created:
            try:
                self._delete_port(context, port_id)
            except Exception:
                LOG.exception('Could not delete port %s', port_id)
        for port_id in claimed:
            try:
                self._release_port(context, port_id)
            except Exception:
                LOG.exception('Could not release port %s', port_id)

    def _release_port(self, context, port_id):
        try:
            self._update_port(context, port_id, {
                'device_id': '', 'device_owner': '',
                'binding:host_id': None}, admin=True)
        except exception.PortNotFound:
            pass

    def _network_info(self, context, ports, preserved):
        networks, subnets = {}, {}
        for network_id in {port['network_id'] for port in ports}:
            try:
                networks[network_id] = self._show_network(context,
                                                          network_id)
            except exception.NetworkNotFound:
                networks[network_id] = None
            subnets[network_id] = self._list(context, 'subnets',
                                             network_id=network_id)
        floating = {}
        if ports:
            for fip in self._list_floating_ips(
                    context, admin=True,
                    port_id=sorted(port['id'] for port in ports)):
                floating.setdefault(fip['port_id'], []).append(fip)
        return [model.vif(port, networks[port['network_id']],
                          subnets[port['network_id']],
                          preserve_on_delete=port['id'] in preserved,
                          floating_ips=floating.get(port['id'], ()))
                for port in ports]

    def _cached(self, instance):
        if not instance.obj_attr_is_set('info_cache'):
            return []
        return instance.info_cache or []

    def get_instance_nw_info(self, context, instance):
        """The network info of ``instance`` as the service has it now:
        its ports (``device_id`` = the instance), in the order of the
        instance's cached network info, then any others. [] when
        networking is not configured."""
        if not is_configured(context):
            return []
        cached = self._cached(instance)
        order = model.port_ids(cached)
        ports = self._list(context, 'ports', admin=True,
                           device_id=instance.uuid)
        ports.sort(key=lambda p: (order.index(p['id']) if p['id'] in order
                                  else len(order)))
        return self._network_info(context, ports,
                                  model.preserved_port_ids(cached))

    def deallocate_for_instance(self, context, instance):
        """Let go of the ports of ``instance``: delete those Nova created,
        release (unbind, clear the device) those the user brought, as told
        by the instance's cached network info. Idempotent; a no-op when
        networking is not configured."""
        if not is_configured(context):
            return
        preserved = model.preserved_port_ids(self._cached(instance))
        for port in self._list(context, 'ports', admin=True,
                               device_id=instance.uuid):
            if port['id'] in preserved:
                self._release_port(context, port['id'])
            else:
                self._delete_port(context, port['id'])
        LOG.debug('Ports of instance %s released', instance.uuid)

    def bind_ports_to_host(self, context, instance, host):
        """Bind the ports of ``instance`` (its cached network info) to
        ``host``, or unbind them with None (a shelved-offloaded server
        keeps its ports but no host). A no-op when networking is not
        configured."""
        if not is_configured(context):
            return
        for port_id in model.port_ids(self._cached(instance)):
            try:
                self._update_port(context, port_id,
                                  {'binding:host_id': host}, admin=True)
            except exception.PortNotFound:
                LOG.warning('Port %s of instance %s is gone', port_id,
                            instance.uuid)

    # -- interfaces of servers (os-interface) --------------------------------

    def list_ports(self, context, **filters):
        """The ports ``context`` may see that match ``filters``
        (Networking API query parameters, e.g. ``device_id``)."""
        return self._list(context, 'ports', **filters)

    def show_port(self, context, port_id):
        """One port ``context`` may see; PortNotFound."""
        return self._show_port(context, port_id)

    def allocate_port_for_instance(self, context, instance, network_id,
                                   port_id, requested_ip):
        """Give ``instance`` (on ``instance.host``) one more port and bind
        it: the user's port ``port_id``, a new one on ``network_id`` (at
        ``requested_ip`` when given), or a new one on the project's one
        network when neither is given.

        Returns ``(port, vif)``: the bound port (a Networking API dict)
        and its VIF dict (``nova.network.model``). Raises
        InterfaceAttachFailedNoNetwork (no network to pick, or networking
        not configured), NetworkAmbiguous, NetworkNotFound, PortNotFound,
        PortInUse (attached elsewhere), PortNotUsable (another project's
        port), FixedIpAlreadyInUse; nothing is left allocated then.
        """
        if not is_configured(context):
            raise exception.InterfaceAttachFailedNoNetwork(
                project_id=instance.project_id)
        if port_id:
            port = self._show_port(context, port_id)
            self._check_free(port)
            if port.get('project_id', instance.project_id) != (
                    instance.project_id) and not context.is_admin:
                raise exception.PortNotUsable(port_id=port_id,
                                              instance=instance.uuid)
            plan = _Plan(port=port)
        elif network_id:
            plan = _Plan(network=self._show_network(context, network_id),
                         address=requested_ip and str(requested_ip))
        else:
            network = self._auto_network(context, instance.project_id)
            if network is None:
                raise exception.InterfaceAttachFailedNoNetwork(
                    project_id=instance.project_id)
            plan = _Plan(network=network)
        if plan.port is not None:
            port = self._claim_port(context, instance, plan.port)
            created, claimed = [], [port['id']]
        else:
            port = self._create_port(context, instance, plan.network,
                                     plan.address)
            created, claimed = [port['id']], []
        try:
            port = self._update_port(context, port['id'],
                                     {'binding:host_id': instance.host},
                                     admin=True)
        except Exception:
            with excutils.save_and_reraise_exception():
                self._undo(context, created, claimed)
        vif = self._network_info(context, [port], set(claimed))[0]
        return port, vif

    def add_fixed_ip_to_instance(self, context, instance, network_id):
        """Give the instance's port on ``network_id`` one more address,
        from the first of the network's subnets that has one free.
        Raises NetworkNotFoundForInstance when the instance has no port
        there, NetworkBadRequest when no subnet has a free address."""
        ports = self._list(context, 'ports', admin=True,
                           device_id=instance.uuid, network_id=network_id)
        if not ports:
            raise exception.NetworkNotFoundForInstance(
                instance_id=instance.uuid, network_id=network_id)
        port = ports[0]
        error = None
        for subnet in self._list(context, 'subnets', network_id=network_id):
            fixed_ips = list(port['fixed_ips']) + [
                {'subnet_id': subnet['id']}]
            try:
                self._update_port(context, port['id'],
                                  {'fixed_ips': fixed_ips}, admin=True)
                return
            except exception.NetworkBadRequest as exc:
                error = exc
        raise error or exception.NetworkNotFoundForInstance(
            instance_id=instance.uuid, network_id=network_id)

    def remove_fixed_ip_from_instance(self, context, instance, address):
        """Take ``address`` off the instance's port that has it; raises
        FixedIpNotFoundForInstance when none has."""
        for port in self._list(context, 'ports', admin=True,
                               device_id=instance.uuid):
            kept = [ip for ip in port['fixed_ips']
                    if ip['ip_address'] != address]
            if len(kept) < len(port['fixed_ips']):
                self._update_port(context, port['id'], {'fixed_ips': kept},
                                  admin=True)
                return
        raise exception.FixedIpNotFoundForInstance(
            instance_uuid=instance.uuid, ip=address)

    def deallocate_port_for_instance(self, context, instance, port_id,
                                     preserve):
        """Let go of one port of ``instance``: release it (unbind, clear
        its device) when ``preserve`` (the user brought it), else delete
        it. A port already gone is ignored; a no-op when networking is not
        configured."""
        if not is_configured(context):
            return
        if preserve:
            self._release_port(context, port_id)
        else:
            self._delete_port(context, port_id)
