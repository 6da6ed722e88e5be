"""Ports: ``/v2.0/ports`` and ``/v2.0/ports/{port_id}``.

A port takes its fixed IPs from its network's subnets through ``ipam``
inside the transaction that records them, gets a unique ``fa:16:3e`` MAC
address, and is ACTIVE once bound to a host (``binding:host_id``). When a
port with a ``device_id`` gets bound, the app's notifier tells Nova the
VIF is plugged.
"""

import sqlalchemy as sa

from nova.builtin.network import auth
from nova.builtin.network import errors
from nova.builtin.network import ipam
from nova.builtin.network import models
from nova.builtin.network import networks
from nova.builtin.network import rest
from nova.builtin.network import schema
from nova.builtin.network import security_groups
from nova.builtin.network import store
from nova.builtin.network import views

MAX_MAC_ATTEMPTS = 16
# The internal ports holding floating IP addresses (``floating_ips``): only
# deleting the floating IP deletes them, as in Neutron.
FLOATING_IP_OWNER = 'network:floatingip'


def _missing(port_id):
    return errors.not_found(errors.PORT_NOT_FOUND,
                            'Port %s could not be found.' % port_id)


def load(session, caller, port_id):
    """The port and its network rows if the caller may see the port."""
    row = session.get(models.Port, port_id)
    if row is None:
        raise _missing(port_id)
    network_row = session.get(models.Network, row.network_id)
    if not auth.can_see_port(caller, row, network_row):
        raise _missing(port_id)
    return row, network_row


def _allocations(session, port_ids):
    found = {port_id: [] for port_id in port_ids}
    query = sa.select(models.IPAllocation).where(
        models.IPAllocation.port_id.in_(port_ids)).order_by(
        models.IPAllocation.position)
    for allocation in session.scalars(query):
        found[allocation.port_id].append(allocation)
    return found


def _taken(session, subnet_id):
    return set(session.scalars(sa.select(models.IPAllocation.ip_address).where(
        models.IPAllocation.subnet_id == subnet_id)))


def _subnet_for(subnets, request, network_id):
    if 'subnet_id' in request:
        for subnet in subnets:
            if subnet.id == request['subnet_id']:
                return subnet
        raise errors.invalid('Failed to create port on network %s, because '
                             'fixed_ips included invalid subnet %s'
                             % (network_id, request['subnet_id']))
    address = ipam.parse_ip(request['ip_address'])
    for subnet in subnets:
        if address in ipam.parse_cidr(subnet.cidr):
            return subnet
    raise errors.invalid('IP address %s is not a valid IP for any subnet '
                         'on network %s' % (address, network_id))


def _claim_requested(subnet, address, taken):
    if not ipam.usable(ipam.parse_cidr(subnet.cidr),
                       ipam.parse_ip(address)):
        raise errors.invalid('IP address %s is not a valid IP for the '
                             'specified subnet %s' % (address, subnet.id))
    if address in taken or address == subnet.gateway_ip:
        raise errors.conflict(errors.IP_IN_USE,
                              'IP address %s already allocated in subnet %s'
                              % (address, subnet.id))
    return address


def _claim_free(subnet, taken):
    address = ipam.first_free(subnet.allocation_pools, taken)
    if address is None:
        raise errors.conflict(errors.IP_GENERATION_FAILED,
                              'No more IP addresses available on network '
                              '%s.' % subnet.network_id)
    return address


def _default_requests(session, subnets):
    """Neutron's default: one address from the first subnet with room."""
    for subnet in subnets:
        if ipam.first_free(subnet.allocation_pools,
                           _taken(session, subnet.id)) is not None:
            return [{'subnet_id': subnet.id}]
    if subnets:
        return [{'subnet_id': subnets[0].id}]
    return []


def allocate(session, network_id, port_id, requests):
    """Record the fixed IPs of ``requests`` (None: the default) for a port.

    Raises 400 for a subnet or address not on the network, 409 for an
    address in use or a subnet without free addresses.
    """
    subnets = list(session.scalars(sa.select(models.Subnet).where(
        models.Subnet.network_id == network_id).order_by(
        models.Subnet.created_at, models.Subnet.id)))
    if requests is None:
        requests = _default_requests(session, subnets)
    chosen = {}
    for position, request in enumerate(requests):
        subnet = _subnet_for(subnets, request, network_id)
        taken = _taken(session, subnet.id) | chosen.get(subnet.id, set())
        if 'ip_address' in request:
            address = _claim_requested(subnet, request['ip_address'], taken)
        else:
            address = _claim_free(subnet, taken)
        chosen.setdefault(subnet.id, set()).add(address)
        session.add(models.IPAllocation(subnet_id=subnet.id,
                                        ip_address=address,
                                        port_id=port_id, position=position))
    session.flush()


def _mac_address(session, requested):
    def used(mac):
        return session.scalar(sa.select(models.Port.id).where(
            models.Port.mac_address == mac)) is not None
    if requested is not None:
        if used(requested):
            raise errors.conflict(errors.MAC_IN_USE,
                                  'Unable to complete operation for network.'
                                  ' The mac address %s is in use.'
                                  % requested)
        return requested
    for _ in range(MAX_MAC_ATTEMPTS):
        mac = ipam.random_mac()
        if not used(mac):
            return mac
    raise errors.conflict(errors.MAC_IN_USE,
                          'Unable to generate a unique MAC address.')


def _security_groups(session, caller, values, project_id):
    enabled = values['port_security_enabled']
    groups = values.get('security_groups')
    if not enabled:
        if groups:
            raise errors.bad_request('Port security must be enabled and '
                                     'port must have an IP address in '
                                     'order to use security groups.')
        return []
    if groups is None:
        return [security_groups.ensure_default(session, project_id)]
    security_groups.check_usable(session, caller, project_id, groups)
    return groups


def _document(session, app, row):
    return views.port(row, _allocations(session, [row.id])[row.id],
                      app.vif_type)


def _plugged(before, row):
    """Whether this change binds a port of a device (the VIF is plugged)."""
    if not row.host_id or not row.device_id:
        return False
    return before != (row.host_id, row.device_id)


def create_port(session, app, caller, network_row, values):
    """Insert a port on ``network_row`` (policy already checked)."""
    project_id = auth.check_project(caller, values)
    requests = values.pop('fixed_ips', None)
    values.setdefault('port_security_enabled',
                      network_row.port_security_enabled)
    values['security_groups'] = _security_groups(session, caller, values,
                                                 project_id)
    values['mac_address'] = _mac_address(session,
                                         values.get('mac_address'))
    values['status'] = 'ACTIVE' if values.get('host_id') else 'DOWN'
    row = models.Port(**store.stamp_new(values))
    session.add(row)
    session.flush()
    allocate(session, network_row.id, row.id, requests)
    return row


def _notify(app, row, before):
    if app.notifier is not None and _plugged(before, row):
        app.notifier.vif_plugged(row.device_id, row.id)


# -- handlers ----------------------------------------------------------------

def list_ports(app, req, caller):
    with app.store.transaction() as session:
        nets = {n.id: n for n in session.scalars(sa.select(models.Network))}
        rows = [row for row in session.scalars(
                sa.select(models.Port).order_by(models.Port.created_at,
                                                models.Port.id))
                if auth.can_see_port(caller, row, nets[row.network_id])]
        allocations = _allocations(session, [row.id for row in rows])
        docs = [views.port(row, allocations[row.id], app.vif_type)
                for row in rows]
    return rest.list_response(req, 'ports', docs, 'port')


def create(app, req, caller):
    body = rest.json_body(req)
    values = schema.parse(body, 'port', 'post')
    auth.check_admin_attrs(caller, schema.admin_only_attrs(body, 'port'))
    if 'network_id' not in values:
        raise errors.bad_request("Failed to parse request. Required "
                                 "attribute 'network_id' not specified")
    with app.store.transaction() as session:
        network_row = networks.load(session, caller, values['network_id'])
        if not auth.can_use_network(caller, network_row):
            raise errors.forbidden('(rule:create_port) is disallowed by '
                                   'policy on network %s' % network_row.id)
        row = create_port(session, app, caller, network_row, values)
        doc = _document(session, app, row)
    _notify(app, row, ('', ''))
    return rest.json_response({'port': doc}, status=201)


def show(app, req, caller, port_id):
    with app.store.transaction() as session:
        row, _ = load(session, caller, port_id)
        doc = _document(session, app, row)
    return rest.show_response(req, 'port', doc)


def update(app, req, caller, port_id):
    body = rest.json_body(req)
    values = schema.parse(body, 'port', 'put')
    auth.check_admin_attrs(caller, schema.admin_only_attrs(body, 'port'))
    with app.store.transaction() as session:
        row, _ = load(session, caller, port_id)
        before = (row.host_id, row.device_id)
        requests = values.pop('fixed_ips', None)
        if 'security_groups' in values or 'port_security_enabled' in values:
            values.setdefault('port_security_enabled',
                              row.port_security_enabled)
            if 'security_groups' not in values and (
                    values['port_security_enabled']):
                values['security_groups'] = list(row.security_groups)
            values['security_groups'] = _security_groups(
                session, caller, values, row.project_id)
        if 'host_id' in values:
            values['status'] = 'ACTIVE' if values['host_id'] else 'DOWN'
        changed = store.apply(row, values)
        if requests is not None:
            session.execute(sa.delete(models.IPAllocation).where(
                models.IPAllocation.port_id == port_id))
            allocate(session, row.network_id, port_id, requests)
            if not changed:
                store.bump(row)
        doc = _document(session, app, row)
    _notify(app, row, before)
    return rest.json_response({'port': doc})


def _release_floating_ips(session, port_id):
    """Disassociate the floating IPs of a port being deleted."""
    for fip in session.scalars(sa.select(models.FloatingIP).where(
            models.FloatingIP.port_id == port_id)):
        store.apply(fip, {'port_id': None, 'fixed_ip_address': None})


def delete(app, req, caller, port_id):
    with app.store.transaction() as session:
        row, _ = load(session, caller, port_id)
        if row.device_owner == FLOATING_IP_OWNER:
            raise errors.conflict(
                errors.SERVICE_PORT_IN_USE,
                'Port %s cannot be deleted directly via the port API: has '
                'device owner %s.' % (port_id, FLOATING_IP_OWNER))
        _release_floating_ips(session, port_id)
        session.execute(sa.delete(models.IPAllocation).where(
            models.IPAllocation.port_id == port_id))
        session.delete(row)
    return rest.no_content()
