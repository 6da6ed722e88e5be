"""Subnets (IPv4 only): ``/v2.0/subnets`` and ``/v2.0/subnets/{id}``."""

import sqlalchemy as sa

from nova.builtin.network import auth
from nova.builtin.network import errors
from nova.builtin.network import ipam
from nova.builtin.network import models
from nova.builtin.network import networks
from nova.builtin.network import rest
from nova.builtin.network import schema
from nova.builtin.network import store
from nova.builtin.network import views


def _missing(subnet_id):
    return errors.not_found(errors.SUBNET_NOT_FOUND,
                            'Subnet %s could not be found.' % subnet_id)


def _visible(caller, subnet, network):
    return auth.owns(caller, subnet) or auth.can_see_network(caller, network)


def load(session, caller, subnet_id):
    row = session.get(models.Subnet, subnet_id)
    if row is None or not _visible(
            caller, row, session.get(models.Network, row.network_id)):
        raise _missing(subnet_id)
    return row


def load_owned(session, caller, subnet_id):
    row = load(session, caller, subnet_id)
    if not auth.owns(caller, row):
        raise errors.forbidden('(rule:update_subnet) is disallowed by '
                               'policy on subnet %s' % subnet_id)
    return row


def _require(values, *names):
    for name in names:
        if name not in values:
            raise errors.bad_request("Failed to parse request. Required "
                                     "attribute '%s' not specified" % name)


def _check_gateway(network, gateway):
    if gateway is not None and not ipam.usable(network,
                                               ipam.parse_ip(gateway)):
        raise errors.invalid('Gateway IP %s is not a usable address of '
                             'the subnet %s' % (gateway, network))


def _pools(network, pools, gateway):
    try:
        return ipam.check_pools(network, pools, gateway)
    except ValueError as e:
        raise errors.invalid(str(e))


def _check_overlap(session, network_row, cidr):
    for other in session.scalars(sa.select(models.Subnet).where(
            models.Subnet.network_id == network_row.id)):
        if ipam.parse_cidr(other.cidr).overlaps(cidr):
            raise errors.conflict(
                errors.SUBNET_OVERLAP,
                'Requested subnet with cidr: %s for network: %s overlaps '
                'with another subnet' % (cidr, network_row.id))


def create_subnet(session, caller, network_row, values):
    """Insert a subnet into ``network_row`` (no policy checks)."""
    values.pop('ip_version', None)
    auth.check_project(caller, values)
    cidr = ipam.parse_cidr(values['cidr'])
    if 'gateway_ip' not in values:
        values['gateway_ip'] = ipam.default_gateway(cidr)
    _check_gateway(cidr, values['gateway_ip'])
    if 'allocation_pools' in values:
        values['allocation_pools'] = _pools(
            cidr, values['allocation_pools'], values['gateway_ip'])
    else:
        values['allocation_pools'] = ipam.default_pools(
            cidr, values['gateway_ip'])
    _check_overlap(session, network_row, cidr)
    row = models.Subnet(**store.stamp_new(values))
    session.add(row)
    store.bump(network_row)
    session.flush()
    return views.subnet(row)


# -- handlers ----------------------------------------------------------------

def list_subnets(app, req, caller):
    with app.store.transaction() as session:
        nets = {n.id: n for n in session.scalars(sa.select(models.Network))}
        docs = [views.subnet(row) for row in session.scalars(
                sa.select(models.Subnet).order_by(
                    models.Subnet.created_at, models.Subnet.id))
                if _visible(caller, row, nets[row.network_id])]
    return rest.list_response(req, 'subnets', docs, 'subnet')


def create(app, req, caller):
    values = schema.parse(rest.json_body(req), 'subnet', 'post')
    _require(values, 'network_id', 'cidr')
    with app.store.transaction() as session:
        network_row = networks.load(session, caller, values['network_id'])
        if not auth.owns(caller, network_row):
            raise errors.forbidden('Project %s is not allowed to create a '
                                   'subnet on network %s'
                                   % (caller.project_id, network_row.id))
        doc = create_subnet(session, caller, network_row, values)
    return rest.json_response({'subnet': doc}, status=201)


def show(app, req, caller, subnet_id):
    with app.store.transaction() as session:
        doc = views.subnet(load(session, caller, subnet_id))
    return rest.show_response(req, 'subnet', doc)


def update(app, req, caller, subnet_id):
    values = schema.parse(rest.json_body(req), 'subnet', 'put')
    with app.store.transaction() as session:
        row = load_owned(session, caller, subnet_id)
        cidr = ipam.parse_cidr(row.cidr)
        gateway = values.get('gateway_ip', row.gateway_ip)
        _check_gateway(cidr, gateway)
        if 'gateway_ip' in values or 'allocation_pools' in values:
            values['allocation_pools'] = _pools(
                cidr, values.get('allocation_pools', row.allocation_pools),
                gateway)
        store.apply(row, values)
        doc = views.subnet(row)
    return rest.json_response({'subnet': doc})


def delete(app, req, caller, subnet_id):
    with app.store.transaction() as session:
        row = load_owned(session, caller, subnet_id)
        in_use = session.scalar(sa.select(sa.func.count()).where(
            models.IPAllocation.subnet_id == subnet_id))
        if in_use:
            raise errors.conflict(
                errors.SUBNET_IN_USE,
                'Unable to complete operation on subnet %s: One or more '
                'ports have an IP allocation from this subnet.' % subnet_id)
        store.bump(session.get(models.Network, row.network_id))
        session.delete(row)
    return rest.no_content()
