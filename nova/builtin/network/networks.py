"""Networks: ``/v2.0/networks`` and ``/v2.0/networks/{network_id}``."""

import sqlalchemy as sa

from nova.builtin.network import auth
from nova.builtin.network import errors
from nova.builtin.network import models
from nova.builtin.network import rest
from nova.builtin.network import schema
from nova.builtin.network import store
from nova.builtin.network import views


def _missing(network_id):
    return errors.not_found(errors.NETWORK_NOT_FOUND,
                            'Network %s could not be found.' % network_id)


def load(session, caller, network_id):
    """The network row if the caller may see it; 404 otherwise."""
    row = session.get(models.Network, network_id)
    if row is None or not auth.can_see_network(caller, row):
        raise _missing(network_id)
    return row


def load_owned(session, caller, network_id):
    row = load(session, caller, network_id)
    if not auth.owns(caller, row):
        raise errors.forbidden('(rule:update_network) is disallowed by '
                               'policy on network %s' % network_id)
    return row


def subnet_ids(session, network_ids):
    """{network_id: [subnet ids in creation order]}."""
    query = sa.select(models.Subnet.network_id, models.Subnet.id).where(
        models.Subnet.network_id.in_(network_ids)).order_by(
        models.Subnet.created_at, models.Subnet.id)
    found = {network_id: [] for network_id in network_ids}
    for network_id, subnet_id in session.execute(query):
        found[network_id].append(subnet_id)
    return found


def document(session, row):
    return views.network(row, subnet_ids(session, [row.id])[row.id])


def _check_policy(caller, body, values):
    auth.check_admin_attrs(caller, schema.admin_only_attrs(body, 'network'))
    if values.get('shared') and not caller.is_admin:
        raise errors.forbidden('(rule:create_network:shared) is disallowed '
                               'by policy')


def create_network(session, caller, values):
    """Insert a network for ``caller`` (no policy checks); its document."""
    auth.check_project(caller, values)
    row = models.Network(**store.stamp_new(values))
    session.add(row)
    session.flush()
    return views.network(row, [])


# -- handlers ----------------------------------------------------------------

def list_networks(app, req, caller):
    with app.store.transaction() as session:
        rows = [row for row in session.scalars(
                sa.select(models.Network).order_by(
                    models.Network.created_at, models.Network.id))
                if auth.can_see_network(caller, row)]
        subnets = subnet_ids(session, [row.id for row in rows])
        docs = [views.network(row, subnets[row.id]) for row in rows]
    return rest.list_response(req, 'networks', docs, 'network')


def create(app, req, caller):
    body = rest.json_body(req)
    values = schema.parse(body, 'network', 'post')
    _check_policy(caller, body, values)
    with app.store.transaction() as session:
        doc = create_network(session, caller, values)
    return rest.json_response({'network': doc}, status=201)


def show(app, req, caller, network_id):
    with app.store.transaction() as session:
        doc = document(session, load(session, caller, network_id))
    return rest.show_response(req, 'network', doc)


def update(app, req, caller, network_id):
    body = rest.json_body(req)
    values = schema.parse(body, 'network', 'put')
    _check_policy(caller, body, values)
    if 'shared' in values and not caller.is_admin:
        raise errors.forbidden('(rule:update_network:shared) is disallowed '
                               'by policy')
    with app.store.transaction() as session:
        row = load_owned(session, caller, network_id)
        store.apply(row, values)
        doc = document(session, row)
    return rest.json_response({'network': doc})


def delete(app, req, caller, network_id):
    with app.store.transaction() as session:
        row = load_owned(session, caller, network_id)
        in_use = session.scalar(sa.select(sa.func.count()).where(
            models.Port.network_id == network_id))
        if in_use:
            raise errors.conflict(
                errors.NETWORK_IN_USE,
                'Unable to complete operation on network %s. There are one '
                'or more ports still in use on the network.' % network_id)
        session.execute(sa.delete(models.Subnet).where(
            models.Subnet.network_id == network_id))
        session.delete(row)
    return rest.no_content()
