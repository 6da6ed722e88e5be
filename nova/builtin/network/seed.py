"""Registering the default networks of a fresh all-in-one deployment: the
shared ``private`` network servers boot on, and the external network
``public`` floating IPs come from."""

import os

import sqlalchemy as sa

from nova.builtin.network import auth
from nova.builtin.network import models
from nova.builtin.network import networks
from nova.builtin.network import store as network_store
from nova.builtin.network import subnets

DEFAULT_NETWORK_NAME = 'private'
DEFAULT_SUBNET_NAME = 'private-subnet'
DEFAULT_CIDR = '10.0.0.0/24'
DEFAULT_PROJECT = 'admin'
PUBLIC_NETWORK_NAME = 'public'
PUBLIC_SUBNET_NAME = 'public-subnet'
PUBLIC_CIDR = '172.24.4.0/24'


def _store_of(target):
    if isinstance(target, network_store.NetworkStore):
        return target, False
    if isinstance(target, (str, os.PathLike)):
        return network_store.NetworkStore(target), True
    return target.store, False


def seed_default_network(target, name=DEFAULT_NETWORK_NAME,
                         subnet_name=DEFAULT_SUBNET_NAME, cidr=DEFAULT_CIDR,
                         project_id=DEFAULT_PROJECT, external=False):
    """Make sure the shared network ``name`` with its subnet exists.

    ``target`` is a state directory, a ``NetworkStore`` or the app from
    ``create_app``. The network belongs to ``project_id`` and is shared;
    its subnet gets the default gateway (first host) and pool (the other
    hosts). ``external`` makes it an external network
    (``router:external``), a pool of floating IPs. Idempotent: an existing
    network of that name and project is kept, and gets the subnet only if
    it has none. Returns the network's Neutron view.
    """
    store, owned = _store_of(target)
    caller = auth.Caller(user_id='admin', project_id=project_id,
                         is_admin=True)
    try:
        with store.transaction() as session:
            row = session.scalar(sa.select(models.Network).where(
                models.Network.name == name,
                models.Network.project_id == project_id))
            if row is None:
                doc = networks.create_network(session, caller, {
                    'name': name, 'shared': True,
                    'router_external': external})
                row = session.get(models.Network, doc['id'])
            if not networks.subnet_ids(session, [row.id])[row.id]:
                subnets.create_subnet(session, caller, row, {
                    'name': subnet_name, 'network_id': row.id,
                    'cidr': cidr})
            return networks.document(session, row)
    finally:
        if owned:
            store.close()


def seed_public_network(target, name=PUBLIC_NETWORK_NAME,
                        subnet_name=PUBLIC_SUBNET_NAME, cidr=PUBLIC_CIDR,
                        project_id=DEFAULT_PROJECT):
    """Make sure the shared external network ``name`` (``172.24.4.0/24``,
    DevStack's public range) exists, as ``seed_default_network`` does;
    floating IPs are allocated from it. Returns its Neutron view."""
    return seed_default_network(target, name=name, subnet_name=subnet_name,
                                cidr=cidr, project_id=project_id,
                                external=True)
