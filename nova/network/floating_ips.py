"""Floating IPs through the network service: the 2.1 - 2.35 proxies
(/os-floating-ips, /os-floating-ip-pools), addFloatingIp and
removeFloatingIp (until 2.43), and the floating IPs of a server's network
info. Mixed into ``nova.network.neutron.API``.
"""

from oslo_utils import uuidutils

import nova.conf
from nova import exception
from nova.network import client

CONF = nova.conf.CONF


class _NoFloatingIps(Exception):
    """The service has no floating IPs at all (no L3 API: 404)."""


class FloatingIPAPI(client.Client):
    """Floating IPs, as the caller of a context may handle them."""

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
        if not client.is_configured(context):
            return
        cached = {vif['id']: vif for vif in self._cached(instance)}
        network_info = self.get_instance_nw_info(context, instance)
        for vif in network_info:
            for key, value in cached.get(vif['id'], {}).items():
                vif.setdefault(key, value)
        instance.info_cache = network_info
        instance.save()
