"""Client of the network service (Neutron v2.0 API) for Nova.

``API`` talks HTTP through one keystoneauth1 adapter built from the
``[neutron]`` options and shared by all threads. Requests made for a user
carry the user's token (``context.auth_token``) and find the endpoint in
the user's catalog unless ``endpoint_override`` is set. Binding ports to
hosts is an admin operation: it uses the ``[neutron]`` auth plugin
(service credentials) or, without one, ``[neutron] admin_token`` (the
development no-auth mode).

Networking is *configured* when ``[neutron] endpoint_override`` is set or
the caller's catalog has a ``network`` endpoint; otherwise every method
behaves as if the server asked for ``networks: none``.

Errors become Nova exceptions: ``NetworkNotFound``/``PortNotFound`` (404),
``NetworkNotAuthorized`` (401/403), ``FixedIpAlreadyInUse`` (an address
taken), ``NetworkConflict`` (another 409, a ``NetworkBadRequest``),
``NetworkBadRequest`` (other 4xx) and ``NetworkServiceUnavailable`` (5xx
or no connection).
"""


from oslo_log import log as logging
from oslo_utils import excutils
from oslo_utils import uuidutils

import nova.conf
from nova import exception
from nova import ksa
from nova.network import model

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)

DEVICE_OWNER = 'compute:nova'
SERVICE_TYPE = 'network'


_ADAPTER = ksa.SharedAdapter('neutron')
_get_adapter = _ADAPTER.get
reset = _ADAPTER.reset


def is_configured(context):
    """Whether Nova can reach a network service for this caller."""
    if CONF.neutron.endpoint_override:
        return True
    catalog = getattr(context, 'service_catalog', None) or []
    return any(entry.get('type') == SERVICE_TYPE for entry in catalog)


def _error(response):
    """(type, message) of a Neutron error document."""
    try:
        body = response.json()
    except ValueError:
        return None, response.text[:500]
    if isinstance(body, dict) and isinstance(body.get('NeutronError'), dict):
        error = body['NeutronError']
        return error.get('type'), str(error.get('message', ''))[:500]
    return None, str(body)[:500]


def _translate(response, not_found=None, conflict=None, errors=None):
    """Raise the Nova exception matching an error response.

    ``not_found``/``conflict``: callables returning the exception for a
    404 / a 409 about an address in use. ``errors``: {(status, Neutron
    error type, or None for any): callable(message) returning the
    exception}, looked at first.
    """
    code = response.status_code
    if code < 400:
        return
    kind, message = _error(response)
    for key in ((code, kind), (code, None)):
        if errors and key in errors:
            raise errors[key](message)
    if code == 404 and not_found is not None:
        raise not_found()
    if code in (401, 403):
        raise exception.NetworkNotAuthorized(reason=message)
    if code == 409 and conflict is not None and kind in (
            'IpAddressAlreadyAllocated', 'IpAddressInUse'):
        raise conflict()
    if code == 409:
        raise exception.NetworkConflict(reason=message)
    if code >= 500:
        raise exception.NetworkServiceUnavailable(reason=message)
    raise exception.NetworkBadRequest(reason=message)


class _NoFloatingIps(Exception):
    """The service has no floating IPs at all (no L3 API: 404)."""


class _Plan(object):
    """One VIF to set up: an existing port, or a new one on a network."""

    def __init__(self, port=None, network=None, address=None):
        self.port = port
        self.network = network
        self.address = address


class API(object):
    """Ports of instances, as the caller of a context may handle them."""

    # -- HTTP ---------------------------------------------------------------

    def _auth(self, adapter, context, admin):
        if admin:
            if adapter.auth is not None:
                return adapter.auth
            return ksa.UserTokenAuth(
                CONF.neutron.admin_token,
                getattr(context, 'service_catalog', None))
        if context is not None and context.auth_token:
            return ksa.UserTokenAuth(
                context.auth_token, getattr(context, 'service_catalog', None),
                fallback=adapter.auth)
        return self._auth(adapter, context, True)

    def _request(self, context, method, path, admin=False, not_found=None,
                 conflict=None, errors=None, **kwargs):
        adapter = _get_adapter()
        headers = kwargs.pop('headers', {})
        if getattr(context, 'global_request_id', None):
            headers['X-OpenStack-Request-ID'] = context.global_request_id
        try:
            response = adapter.request(
                path, method, auth=self._auth(adapter, context, admin),
                headers=headers, raise_exc=False,
                connect_retries=CONF.neutron.http_retries, **kwargs)
        except ksa.REQUEST_ERRORS as e:
            raise exception.NetworkServiceUnavailable(reason=str(e))
        _translate(response, not_found, conflict, errors)
        return response

    def _list(self, context, collection, admin=False, **filters):
        return self._request(context, 'GET', '/v2.0/%s' % collection,
                             admin=admin, params=filters).json()[collection]

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
        values = {'network_id': network['id'], 'device_id': instance.uuid,
                  'device_owner': DEVICE_OWNER}
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

    # -- security groups of servers ------------------------------------------

    def _instance_ports(self, context, instance_uuids):
        """{instance uuid: [port]} of the instances' ports."""
        if not instance_uuids:
            return {}
        found = {}
        for port in self._list(context, 'ports', admin=True,
                               device_id=list(instance_uuids)):
            found.setdefault(port['device_id'], []).append(port)
        return found

    def _list_groups(self, context, **filters):
        return self._request(context, 'GET', '/v2.0/security-groups',
                             admin=True, params=filters).json()[
            'security_groups']

    def _groups_by_id(self, context, group_ids):
        if not group_ids:
            return {}
        return {group['id']: group for group in self._list_groups(
            context, id=sorted(group_ids))}

    def security_group_names(self, context, instances):
        """{instance uuid: [{'name': group name}]} for the instances with
        ports (as the server views show them); {} when networking is not
        configured."""
        if not is_configured(context):
            return {}
        wanted = [i.uuid for i in instances if self._cached(i)]
        ports = self._instance_ports(context, wanted)
        groups = self._groups_by_id(context, {
            group_id for found in ports.values() for port in found
            for group_id in port.get('security_groups') or ()})
        names = {}
        for uuid, found in ports.items():
            seen = []
            for port in found:
                for group_id in port.get('security_groups') or ():
                    name = groups.get(group_id, {}).get('name', group_id)
                    if {'name': name} not in seen:
                        seen.append({'name': name})
            names[uuid] = seen
        return names

    def instance_security_groups(self, context, instance):
        """The security groups (Neutron documents) on the ports of
        ``instance``, each once."""
        if not is_configured(context):
            return []
        ports = self._instance_ports(context, [instance.uuid]).get(
            instance.uuid, [])
        ids = []
        for port in ports:
            for group_id in port.get('security_groups') or ():
                if group_id not in ids:
                    ids.append(group_id)
        groups = self._groups_by_id(context, set(ids))
        return [groups[i] for i in ids if i in groups]

    def _find_group(self, context, project_id, name_or_id):
        matches = [g for g in self._list_groups(context,
                                                project_id=project_id)
                   if name_or_id in (g['id'], g['name'])]
        if not matches:
            raise exception.SecurityGroupNotFound(
                security_group_id=name_or_id)
        if len(matches) > 1:
            raise exception.NoUniqueMatch(
                'Multiple security groups match %s; use an ID.' % name_or_id)
        return matches[0]

    def _ports_for_groups(self, context, instance):
        ports = self._instance_ports(context, [instance.uuid]).get(
            instance.uuid, [])
        if not ports:
            raise exception.SecurityGroupCannotBeApplied(
                instance_id=instance.uuid)
        return ports

    def add_to_instance(self, context, instance, name_or_id):
        """Add the security group (name or ID, of the instance's project)
        to every port of ``instance``. Raises SecurityGroupNotFound (404),
        NoUniqueMatch (409), SecurityGroupExistsForInstance and
        SecurityGroupCannotBeApplied (400)."""
        group = self._find_group(context, instance.project_id, name_or_id)
        ports = self._ports_for_groups(context, instance)
        if all(group['id'] in (p.get('security_groups') or ())
               for p in ports):
            raise exception.SecurityGroupExistsForInstance(
                security_group_id=name_or_id, instance_id=instance.uuid)
        for port in ports:
            current = list(port.get('security_groups') or ())
            if group['id'] not in current:
                self._update_port(context, port['id'],
                                  {'security_groups': current + [
                                      group['id']]}, admin=True)

    def remove_from_instance(self, context, instance, name_or_id):
        """Remove the security group from every port of ``instance``;
        SecurityGroupNotExistsForInstance (400) when none has it."""
        group = self._find_group(context, instance.project_id, name_or_id)
        ports = self._ports_for_groups(context, instance)
        having = [p for p in ports
                  if group['id'] in (p.get('security_groups') or ())]
        if not having:
            raise exception.SecurityGroupNotExistsForInstance(
                security_group_id=name_or_id, instance_id=instance.uuid)
        for port in having:
            self._update_port(context, port['id'], {'security_groups': [
                g for g in port['security_groups'] if g != group['id']]},
                admin=True)

    # -- floating IPs (os-floating-ips, addFloatingIp, removeFloatingIp) -----

    def _list_floating_ips(self, context, admin=False, **filters):
        """The floating IPs matching ``filters`` that ``context`` may see;
        [] from a service without floating IPs (404), as in Nova."""
        try:
            return self._request(
                context, 'GET', '/v2.0/floatingips', admin=admin,
                params=filters, not_found=_NoFloatingIps).json()[
                'floatingips']
        except _NoFloatingIps:
            return []

    def _with_details(self, context, fips):
        """``fips`` with ``network_details`` (the pool's network document)
        and ``port_details`` (the associated port's, or None when there is
        none or the caller cannot see it) added, as the proxies show
        them."""
        if not fips:
            return fips
        networks = {n['id']: n for n in self._list(
            context, 'networks',
            id=sorted({f['floating_network_id'] for f in fips}))}
        port_ids = sorted({f['port_id'] for f in fips if f.get('port_id')})
        ports = {p['id']: p for p in self._list(
            context, 'ports', id=port_ids)} if port_ids else {}
        for fip in fips:
            network_id = fip['floating_network_id']
            fip['network_details'] = networks.get(
                network_id, {'id': network_id, 'name': None})
            fip['port_details'] = ports.get(fip.get('port_id'))
        return fips

    def _floating_ip_by_address(self, context, address):
        if not address:
            raise exception.FloatingIpNotFoundForAddress(address=address)
        fips = self._list_floating_ips(context, floating_ip_address=address)
        if not fips:
            raise exception.FloatingIpNotFoundForAddress(address=address)
        if len(fips) > 1:
            raise exception.FloatingIpMultipleFoundForAddress(
                address=address)
        return fips[0]

    def _floating_ip_pool_id(self, context, name_or_id):
        key = 'id' if uuidutils.is_uuid_like(name_or_id) else 'name'
        pools = self._list(context, 'networks', **{
            'router:external': 'true', 'fields': 'id', key: name_or_id})
        if not pools:
            raise exception.FloatingIpPoolNotFound()
        if len(pools) > 1:
            raise exception.FloatingIpPoolAmbiguous(pool=name_or_id)
        return pools[0]['id']

    def _port_id_by_fixed_address(self, context, instance, address):
        for port in self._list(context, 'ports', device_id=instance.uuid):
            if any(ip.get('ip_address') == address
                   for ip in port.get('fixed_ips') or ()):
                return port['id']
        raise exception.FixedIpNotFoundForAddress(address=address)

    def get_floating_ip_pools(self, context):
        """The floating IP pools: the external networks (``router:external``)
        ``context`` may see, as Networking API dicts."""
        return self._list(context, 'networks', **{'router:external': 'true'})

    def get_floating_ips_by_project(self, context):
        """The floating IPs of ``context``'s project, each a Networking API
        dict with ``network_details`` and ``port_details`` added."""
        return self._with_details(context, self._list_floating_ips(
            context, project_id=context.project_id))

    def get_floating_ip(self, context, floating_ip_id):
        """One floating IP ``context`` may see, by ID, with
        ``network_details`` and ``port_details``; FloatingIpNotFound."""
        def missing():
            return exception.FloatingIpNotFound(id=floating_ip_id)
        if not uuidutils.is_uuid_like(floating_ip_id):
            raise missing()
        fip = self._request(
            context, 'GET', '/v2.0/floatingips/%s' % floating_ip_id,
            not_found=missing).json()['floatingip']
        return self._with_details(context, [fip])[0]

    def get_floating_ip_by_address(self, context, address):
        """One floating IP ``context`` may see, by address, with
        ``network_details`` and ``port_details``;
        FloatingIpNotFoundForAddress, FloatingIpMultipleFoundForAddress."""
        return self._with_details(
            context, [self._floating_ip_by_address(context, address)])[0]

    def get_instance_id_by_floating_address(self, context, address):
        """The UUID of the server whose port the floating IP ``address`` is
        associated with, or None (not associated, or with a port of no
        server). Raises as ``get_floating_ip_by_address``."""
        fip = self._floating_ip_by_address(context, address)
        if not fip.get('port_id'):
            return None
        try:
            port = self._show_port(context, fip['port_id'])
        except exception.PortNotFound:
            return None
        return port.get('device_id') or None

    def allocate_floating_ip(self, context, pool=None):
        """Allocate a floating IP to ``context``'s project from ``pool``
        (the name or ID of an external network; default ``[neutron]
        default_floating_pool``) and return its address.

        Raises FloatingIpPoolNotFound, FloatingIpPoolAmbiguous (several
        pools of that name), NoMoreFloatingIps (the pool is exhausted),
        FloatingIpLimitExceeded (the project's quota) and
        FloatingIpBadRequest (any other refusal).
        """
        pool_id = self._floating_ip_pool_id(
            context, pool or CONF.neutron.default_floating_pool)
        fip = self._request(
            context, 'POST', '/v2.0/floatingips',
            json={'floatingip': {'floating_network_id': pool_id}},
            not_found=exception.FloatingIpPoolNotFound,
            errors={(409, 'IpAddressGenerationFailure'):
                    exception.NoMoreFloatingIps,
                    (409, 'ExternalIpAddressExhausted'):
                    exception.NoMoreFloatingIps,
                    (409, 'OverQuota'): exception.FloatingIpLimitExceeded,
                    (400, None): exception.FloatingIpBadRequest},
        ).json()['floatingip']
        return fip['floating_ip_address']

    def associate_floating_ip(self, context, instance, floating_address,
                              fixed_address):
        """Associate the floating IP ``floating_address`` with the port of
        ``instance`` that has ``fixed_address``, taking it from wherever
        it was associated before.

        Returns the UUID of the other server it was taken from (whose
        cached network info is stale now), or None. Raises
        FixedIpNotFoundForAddress (no port of the instance has that
        address), FloatingIpNotFoundForAddress,
        FloatingIpMultipleFoundForAddress and FloatingIpAssociateFailed
        (the service refused: that fixed IP has a floating IP already).
        The caller refreshes the instance's network info.
        """
        port_id = self._port_id_by_fixed_address(context, instance,
                                                 fixed_address)
        fip = self._floating_ip_by_address(context, floating_address)
        self._request(
            context, 'PUT', '/v2.0/floatingips/%s' % fip['id'],
            json={'floatingip': {'port_id': port_id,
                                 'fixed_ip_address': fixed_address}},
            not_found=lambda: exception.FloatingIpNotFoundForAddress(
                address=floating_address),
            errors={(409, None): lambda message: (
                exception.FloatingIpAssociateFailed(
                    address=floating_address))})
        previous = fip.get('port_id')
        if not previous or previous == port_id:
            return None
        try:
            device_id = self._show_port(context, previous).get('device_id')
        except exception.PortNotFound:
            return None
        if device_id and device_id != instance.uuid:
            return device_id
        return None

    def disassociate_floating_ip(self, context, instance, address):
        """Disassociate the floating IP ``address`` from its port. Raises
        FloatingIpNotFoundForAddress, FloatingIpMultipleFoundForAddress.
        The caller refreshes ``instance``'s network info."""
        fip = self._floating_ip_by_address(context, address)
        self._request(
            context, 'PUT', '/v2.0/floatingips/%s' % fip['id'],
            json={'floatingip': {'port_id': None}},
            not_found=lambda: exception.FloatingIpNotFoundForAddress(
                address=address))

    def release_floating_ip(self, context, floating_ip):
        """Delete ``floating_ip`` (a dict from ``get_floating_ip``), which
        disassociates it too; FloatingIpNotFoundForAddress when it is
        gone already."""
        address = floating_ip['floating_ip_address']
        self._request(
            context, 'DELETE', '/v2.0/floatingips/%s' % floating_ip['id'],
            not_found=lambda: exception.FloatingIpNotFoundForAddress(
                address=address))

    def refresh_info_cache(self, context, instance):
        """Rebuild ``instance``'s cached network info from the service and
        save it, as Nova does after associating or disassociating a
        floating IP. What only Nova knows about a VIF (a key of the cached
        VIF the service does not give, e.g. its ``tag``) is kept. A no-op
        when networking is not configured."""
        if not is_configured(context):
            return
        cached = {vif['id']: vif for vif in self._cached(instance)}
        network_info = self.get_instance_nw_info(context, instance)
        for vif in network_info:
            for key, value in cached.get(vif['id'], {}).items():
                vif.setdefault(key, value)
        instance.info_cache = network_info
        instance.save()

    # -- security groups and rules (os-security-groups proxies, boot) --------

    def list_security_groups(self, context, **filters):
        """The security groups ``context`` may see that match ``filters``
        (Networking API query parameters, e.g. ``project_id`` or a list
        of ``id``), as Networking API dicts with their rules."""
        return self._request(context, 'GET', '/v2.0/security-groups',
                             params=filters).json()['security_groups']

    def _group_request(self, context, method, group_id, **kwargs):
        def missing():
            return exception.SecurityGroupNotFound(security_group_id=group_id)
        if not uuidutils.is_uuid_like(group_id):
            raise missing()
        return self._request(context, method,
                             '/v2.0/security-groups/%s' % group_id,
                             not_found=missing, **kwargs)

    def show_security_group(self, context, group_id):
        """One security group ``context`` may see; SecurityGroupNotFound
        when it does not exist or is another project's."""
        return self._group_request(context, 'GET', group_id).json()[
            'security_group']

    def create_security_group(self, context, name, description):
        """A new security group of the caller's project (the service adds
        its egress rules). Raises NetworkBadRequest (400) for values the
        service refuses and SecurityGroupLimitExceeded (403) when it
        answers 409 (over quota, or the name ``default``), as Nova maps
        them."""
        try:
            return self._request(
                context, 'POST', '/v2.0/security-groups',
                json={'security_group': {'name': name,
                                         'description': description}},
            ).json()['security_group']
        except exception.NetworkConflict as e:
            raise exception.SecurityGroupLimitExceeded(e.kwargs['reason'])

    def update_security_group(self, context, group_id, name, description):
        """Rename and describe a group; the updated group. Raises
        SecurityGroupNotFound and NetworkBadRequest (also for a 409, e.g.
        renaming the project's ``default`` group)."""
        return self._group_request(
            context, 'PUT', group_id, json={'security_group': {
                'name': name, 'description': description}},
        ).json()['security_group']

    def delete_security_group(self, context, group_id):
        """Delete a group and the rules of other groups naming it. Raises
        SecurityGroupNotFound, NetworkBadRequest (the service refuses: the
        group is on a port, or it is the project's ``default`` group)."""
        self._group_request(context, 'DELETE', group_id)

    def _rule_missing(self, rule_id):
        return exception.SecurityGroupRuleNotFound(rule_id=rule_id)

    def show_security_group_rule(self, context, rule_id):
        """One rule ``context`` may see; SecurityGroupRuleNotFound."""
        if not uuidutils.is_uuid_like(rule_id):
            raise self._rule_missing(rule_id)
        return self._request(
            context, 'GET', '/v2.0/security-group-rules/%s' % rule_id,
            not_found=lambda: self._rule_missing(rule_id),
        ).json()['security_group_rule']

    def create_security_group_rule(self, context, rule):
        """Create ``rule`` (a Networking API ``security_group_rule``
        body); the created rule. Raises SecurityGroupNotFound (its group
        or remote group is gone), SecurityGroupLimitExceeded (409: a
        duplicate or over quota, as Nova maps it) and NetworkBadRequest."""
        group_id = rule['security_group_id']
        try:
            return self._request(
                context, 'POST', '/v2.0/security-group-rules',
                json={'security_group_rule': rule},
                not_found=lambda: exception.SecurityGroupNotFound(
                    security_group_id=group_id),
            ).json()['security_group_rule']
        except exception.NetworkConflict as e:
            raise exception.SecurityGroupLimitExceeded(e.kwargs['reason'])

    def delete_security_group_rule(self, context, rule_id):
        """Delete one rule; SecurityGroupRuleNotFound."""
        if not uuidutils.is_uuid_like(rule_id):
            raise self._rule_missing(rule_id)
        self._request(context, 'DELETE',
                      '/v2.0/security-group-rules/%s' % rule_id,
                      not_found=lambda: self._rule_missing(rule_id))

    def validate_security_groups(self, context, names):
        """Check that each security group a boot request names (by name
        or ID; ``default`` is always there) is one of the caller's
        project. Raises SecurityGroupNotFound (400 at boot, as in Nova)
        or NoUniqueMatch (409) for a name several groups have. A no-op
        when networking is not configured."""
        wanted = [n for n in names or () if n != 'default']
        if not wanted or not is_configured(context):
            return
        groups = self.list_security_groups(context,
                                           project_id=context.project_id)
        for name in wanted:
            found = [g for g in groups if name in (g['id'], g['name'])]
            if not found:
                raise exception.SecurityGroupNotFound(
                    security_group_id=name)
            if len(found) > 1:
                raise exception.NoUniqueMatch(
                    'Multiple security groups match %s; use an ID.' % name)
