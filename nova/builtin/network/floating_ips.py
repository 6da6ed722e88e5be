"""Floating IPs: ``/v2.0/floatingips[/{floatingip_id}]``.

A floating IP is an address of an external network (``router:external``)
that a project holds, optionally associated with a fixed IP of one of its
ports (``port_id``, ``fixed_ip_address``); it is ACTIVE while associated,
DOWN otherwise. As in Neutron, its address is allocated to an internal
port on the external network (device owner ``network:floatingip``, no
project, ``device_id`` the floating IP) by the ports' IPAM, so an address
is never handed out twice; that port goes with the floating IP and cannot
be deleted through the port API. Deleting a port disassociates its
floating IPs (``ports.delete``).

Simplification: there are no routers. Neutron only associates a floating
IP with a port whose subnet a router connects to the external network
(and the router then does the NAT); here any port of the floating IP's
project with an IPv4 fixed IP may be associated, nothing is forwarded and
``router_id`` stays null. Only the bookkeeping Nova and clients see is
kept.
"""

import sqlalchemy as sa

from nova.builtin.network import auth
from nova.builtin.network import discovery
from nova.builtin.network import errors
from nova.builtin.network import models
from nova.builtin.network import networks
from nova.builtin.network import ports
from nova.builtin.network import rest
from nova.builtin.network import schema
from nova.builtin.network import store
from nova.builtin.network import views

# Who creates the internal ports: the service itself, for no project.
_SERVICE = auth.Caller(user_id='neutron', project_id='', is_admin=True)


def _missing(floatingip_id):
    return errors.not_found(errors.FLOATING_IP_NOT_FOUND,
                            'Floating IP %s could not be found'
                            % floatingip_id)


def _bad(message):
    return errors.bad_request('Bad floatingip request: %s.' % message)


def load(session, caller, floatingip_id):
    """The floating IP row if the caller owns it (or is admin); 404."""
    row = session.get(models.FloatingIP, floatingip_id)
    if row is None or not auth.owns(caller, row):
        raise _missing(floatingip_id)
    return row


def _external_network(session, caller, network_id):
    row = networks.load(session, caller, network_id)
    if not row.router_external:
        raise _bad('Network %s is not a valid external network'
                   % network_id)
    return row


def _check_quota(session, project_id):
    used = session.scalar(sa.select(sa.func.count()).where(
        models.FloatingIP.project_id == project_id))
    if used >= discovery.QUOTA['floatingip']:
        raise errors.conflict(errors.OVER_QUOTA,
                              "Quota exceeded for resources: "
                              "['floatingip'].")


def _fixed_addresses(session, port_id):
    """The port's fixed IPs, in the port's order."""
    return list(session.scalars(
        sa.select(models.IPAllocation.ip_address).where(
            models.IPAllocation.port_id == port_id).order_by(
            models.IPAllocation.position)))


def _association(session, caller, row, port_id, fixed_ip_address):
    """Check associating ``row`` with the port ``port_id`` (None: no
    port); return the ``port_id``/``fixed_ip_address`` column values.

    404: the caller cannot see the port; 400: another project's port, a
    port of the floating IP's own network, a fixed IP the port lacks or a
    port without one; 409: that fixed IP already has a floating IP.
    """
    if port_id is None:
        if fixed_ip_address is not None:
            raise _bad('fixed_ip_address cannot be specified without a '
                       'port_id')
        return {'port_id': None, 'fixed_ip_address': None}
    port, _ = ports.load(session, caller, port_id)
    if port.project_id != row.project_id and not caller.is_admin:
        raise _bad('Cannot process floating IP association with Port %s, '
                   'since that port is owned by a different tenant'
                   % port_id)
    if port.network_id == row.floating_network_id:
        raise _bad('Port %s is on the external network %s of the floating '
                   'IP' % (port_id, row.floating_network_id))
    addresses = _fixed_addresses(session, port_id)
    if fixed_ip_address is None:
        # Only IPv4 here, so the first fixed IP is the first IPv4 one.
        if not addresses:
            raise _bad('Port %s does not have any IPv4 address' % port_id)
        fixed_ip_address = addresses[0]
    elif fixed_ip_address not in addresses:
        raise _bad('Port %s does not have fixed ip %s'
                   % (port_id, fixed_ip_address))
    taken = session.scalar(sa.select(models.FloatingIP).where(
        models.FloatingIP.port_id == port_id,
        models.FloatingIP.fixed_ip_address == fixed_ip_address,
        models.FloatingIP.id != row.id))
    if taken is not None:
        raise errors.conflict(
            errors.FLOATING_IP_PORT_ASSOCIATED,
            'Cannot associate floating IP %s (%s) with port %s using fixed '
            'IP %s, as that fixed IP already has a floating IP on external '
            'network %s.' % (row.floating_ip_address, row.id, port_id,
                             fixed_ip_address, taken.floating_network_id))
    return {'port_id': port_id, 'fixed_ip_address': fixed_ip_address}


def _allocate_address(session, app, network_row, floatingip_id, address):
    """Create the internal port holding the floating IP's address (the
    requested one, else the first free one of the network's subnets);
    return (port row, address)."""
    values = {'network_id': network_row.id, 'project_id': '',
              'device_owner': ports.FLOATING_IP_OWNER,
              'device_id': floatingip_id, 'port_security_enabled': False}
    if address is not None:
        values['fixed_ips'] = [{'ip_address': address}]
    port = ports.create_port(session, app, _SERVICE, network_row, values)
    allocated = _fixed_addresses(session, port.id)
    if not allocated:
        raise _bad('Network %s does not contain any IPv4 subnet'
                   % network_row.id)
    return port, allocated[0]


# -- handlers ----------------------------------------------------------------

def list_floatingips(app, req, caller):
    with app.store.transaction() as session:
        docs = [views.floatingip(row) for row in session.scalars(
                sa.select(models.FloatingIP).order_by(
                    models.FloatingIP.created_at, models.FloatingIP.id))
                if auth.owns(caller, row)]
    return rest.list_response(req, 'floatingips', docs, 'floatingip')


def create(app, req, caller):
    body = rest.json_body(req)
    values = schema.parse(body, 'floatingip', 'post')
    auth.check_admin_attrs(caller,
                           schema.admin_only_attrs(body, 'floatingip'))
    if 'floating_network_id' not in values:
        raise errors.bad_request("Failed to parse request. Required "
                                 "attribute 'floating_network_id' not "
                                 "specified")
    with app.store.transaction() as session:
        project_id = auth.check_project(caller, values)
        network_row = _external_network(session, caller,
                                        values['floating_network_id'])
        _check_quota(session, project_id)
        row = models.FloatingIP(**store.stamp_new({
            'project_id': project_id,
            'description': values.get('description', ''),
            'floating_network_id': network_row.id}))
        port, row.floating_ip_address = _allocate_address(
            session, app, network_row, row.id,
            values.get('floating_ip_address'))
        row.floating_port_id = port.id
        for name, value in _association(
                session, caller, row, values.get('port_id'),
                values.get('fixed_ip_address')).items():
            setattr(row, name, value)
        session.add(row)
        session.flush()
        doc = views.floatingip(row)
    return rest.json_response({'floatingip': doc}, status=201)


def show(app, req, caller, floatingip_id):
    with app.store.transaction() as session:
        doc = views.floatingip(load(session, caller, floatingip_id))
    return rest.show_response(req, 'floatingip', doc)


def update(app, req, caller, floatingip_id):
    """``port_id`` (re)associates the floating IP, even one associated
    with another port, as in Neutron; ``port_id: null`` disassociates."""
    values = schema.parse(rest.json_body(req), 'floatingip', 'put')
    with app.store.transaction() as session:
        row = load(session, caller, floatingip_id)
        if 'port_id' in values:
            values.update(_association(session, caller, row,
                                       values['port_id'],
                                       values.get('fixed_ip_address')))
        elif 'fixed_ip_address' in values:
            # A new fixed IP of the port it is associated with.
            if row.port_id is None and values['fixed_ip_address']:
                raise _bad('fixed_ip_address cannot be specified without '
                           'a port_id')
            if row.port_id is not None:
                values.update(_association(session, caller, row,
                                           row.port_id,
                                           values['fixed_ip_address']))
        store.apply(row, values)
        session.flush()
        doc = views.floatingip(row)
    return rest.json_response({'floatingip': doc})


def delete(app, req, caller, floatingip_id):
    with app.store.transaction() as session:
        row = load(session, caller, floatingip_id)
        port_id = row.floating_port_id
        session.delete(row)
        session.flush()
        session.execute(sa.delete(models.IPAllocation).where(
            models.IPAllocation.port_id == port_id))
        session.execute(sa.delete(models.Port).where(
            models.Port.id == port_id))
    return rest.no_content()
