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
taken), ``NetworkBadRequest`` (other 4xx) and ``NetworkServiceUnavailable``
(5xx or no connection).
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


def _translate(response, not_found=None, conflict=None):
    """Raise the Nova exception matching an error response.

    ``not_found``/``conflict``: callables returning the exception for a
    404 / a 409 about an address in use.
    """
    code = response.status_code
    if code < 400:
        return
    kind, message = _error(response)
    if code == 404 and not_found is not None:
        raise not_found()
    if code in (401, 403):
        raise exception.NetworkNotAuthorized(reason=message)
    if code == 409 and conflict is not None and kind in (
            'IpAddressAlreadyAllocated', 'IpAddressInUse'):
        raise conflict()
    if code >= 500:
        raise exception.NetworkServiceUnavailable(reason=message)
    raise exception.NetworkBadRequest(reason=message)


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
                 conflict=None, **kwargs):
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
        _translate(response, not_found, conflict)
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
                              before_bind=None):
        """Give ``instance`` its ports on ``instance.host``; return its
        network info (a list of VIF dicts, see ``nova.network.model``).

        New ports are created with ``device_id`` = the instance and
        ``device_owner`` = ``compute:nova``; requested existing ports are
        claimed the same way and marked ``preserve_on_delete``. Then every
        port is bound to the host. ``before_bind(port_ids)`` is called
        between the two steps, so a caller can listen for the service's
        ``network-vif-plugged`` events before they can be sent.

        On any error, ports created here are deleted and claimed ones
        released before the exception propagates. Returns [] when
        networking is not configured or ``none`` was asked for.
        """
        if not is_configured(context) or (
                requested_networks is not None and
                requested_networks.no_allocate):
            return []
        plan = self._plan(context, instance.project_id, requested_networks)
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
                                                   item.address))
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

    def _create_port(self, context, instance, network, address):
        values = {'network_id': network['id'], 'device_id': instance.uuid,
                  'device_owner': DEVICE_OWNER}
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
        return [model.vif(port, networks[port['network_id']],
                          subnets[port['network_id']],
                          preserve_on_delete=port['id'] in preserved)
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
