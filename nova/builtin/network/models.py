"""Tables of the built-in network service.

Like the image service, this is a stand-in with its own SQLite file: the
tables are made with ``create_all`` and never migrated. Every resource
carries Neutron's standard attributes (project, name, description,
timestamps, revision number).
"""

import sqlalchemy as sa
from sqlalchemy import orm


class Base(orm.DeclarativeBase):
    pass


class Standard:
    """Neutron's standard attributes, shared by every resource table."""

    project_id = sa.Column(sa.String(255), nullable=False, index=True)
    name = sa.Column(sa.String(255), nullable=False, default='')
    description = sa.Column(sa.String(255), nullable=False, default='')
    created_at = sa.Column(sa.DateTime, nullable=False)
    updated_at = sa.Column(sa.DateTime, nullable=False)
    revision_number = sa.Column(sa.Integer, nullable=False, default=0)


class Network(Standard, Base):
    __tablename__ = 'networks'

    id = sa.Column(sa.String(36), primary_key=True)
    admin_state_up = sa.Column(sa.Boolean, nullable=False, default=True)
    shared = sa.Column(sa.Boolean, nullable=False, default=False)
    router_external = sa.Column(sa.Boolean, nullable=False, default=False)
    port_security_enabled = sa.Column(sa.Boolean, nullable=False,
                                      default=True)
    mtu = sa.Column(sa.Integer, nullable=False, default=1500)


class Subnet(Standard, Base):
    __tablename__ = 'subnets'

    id = sa.Column(sa.String(36), primary_key=True)
    network_id = sa.Column(sa.String(36), sa.ForeignKey('networks.id'),
                           nullable=False, index=True)
    cidr = sa.Column(sa.String(64), nullable=False)
    gateway_ip = sa.Column(sa.String(64), nullable=True)
    enable_dhcp = sa.Column(sa.Boolean, nullable=False, default=True)
    # [{"start": ip, "end": ip}, ...], in address order.
    allocation_pools = sa.Column(sa.JSON, nullable=False, default=list)
    dns_nameservers = sa.Column(sa.JSON, nullable=False, default=list)
    host_routes = sa.Column(sa.JSON, nullable=False, default=list)


class Port(Standard, Base):
    __tablename__ = 'ports'

    id = sa.Column(sa.String(36), primary_key=True)
    network_id = sa.Column(sa.String(36), sa.ForeignKey('networks.id'),
                           nullable=False, index=True)
    mac_address = sa.Column(sa.String(32), nullable=False, unique=True)
    admin_state_up = sa.Column(sa.Boolean, nullable=False, default=True)
    status = sa.Column(sa.String(16), nullable=False, default='DOWN')
    device_id = sa.Column(sa.String(255), nullable=False, default='',
                          index=True)
    device_owner = sa.Column(sa.String(255), nullable=False, default='')
    host_id = sa.Column(sa.String(255), nullable=False, default='')
    vnic_type = sa.Column(sa.String(64), nullable=False, default='normal')
    profile = sa.Column(sa.JSON, nullable=False, default=dict)
    port_security_enabled = sa.Column(sa.Boolean, nullable=False,
                                      default=True)
    security_groups = sa.Column(sa.JSON, nullable=False, default=list)


class IPAllocation(Base):
    """One address handed out; the primary key makes it unique."""

    __tablename__ = 'ip_allocations'

    subnet_id = sa.Column(sa.String(36), sa.ForeignKey('subnets.id'),
                          primary_key=True)
    ip_address = sa.Column(sa.String(64), primary_key=True)
    port_id = sa.Column(sa.String(36), sa.ForeignKey('ports.id'),
                        nullable=False, index=True)
    # Insertion order, so a port's fixed_ips keep the order requested.
    position = sa.Column(sa.Integer, nullable=False, default=0)


class SecurityGroup(Standard, Base):
    __tablename__ = 'security_groups'

    id = sa.Column(sa.String(36), primary_key=True)
    stateful = sa.Column(sa.Boolean, nullable=False, default=True)


class SecurityGroupRule(Base):
    __tablename__ = 'security_group_rules'

    id = sa.Column(sa.String(36), primary_key=True)
    security_group_id = sa.Column(sa.String(36),
                                  sa.ForeignKey('security_groups.id'),
                                  nullable=False, index=True)
    project_id = sa.Column(sa.String(255), nullable=False, index=True)
    direction = sa.Column(sa.String(16), nullable=False)
    ethertype = sa.Column(sa.String(16), nullable=False)
    protocol = sa.Column(sa.String(40), nullable=True)
    port_range_min = sa.Column(sa.Integer, nullable=True)
    port_range_max = sa.Column(sa.Integer, nullable=True)
    remote_ip_prefix = sa.Column(sa.String(64), nullable=True)
    remote_group_id = sa.Column(sa.String(36), nullable=True)
    description = sa.Column(sa.String(255), nullable=False, default='')
    created_at = sa.Column(sa.DateTime, nullable=False)
    updated_at = sa.Column(sa.DateTime, nullable=False)
    revision_number = sa.Column(sa.Integer, nullable=False, default=0)


class FloatingIP(Base):
    """An address of an external network a project holds, optionally
    forwarded to a fixed IP of one of its ports.

    As in Neutron, the address itself is allocated to an internal port on
    the external network (``floating_port_id``, device owner
    ``network:floatingip``), so the usual IPAM keeps it unique. A fixed IP
    of a port has at most one floating IP (the unique constraint; NULLs,
    i.e. unassociated floating IPs, never collide).
    """

    __tablename__ = 'floating_ips'
    __table_args__ = (sa.UniqueConstraint('port_id', 'fixed_ip_address'),)

    id = sa.Column(sa.String(36), primary_key=True)
    project_id = sa.Column(sa.String(255), nullable=False, index=True)
    description = sa.Column(sa.String(255), nullable=False, default='')
    floating_network_id = sa.Column(sa.String(36),
                                    sa.ForeignKey('networks.id'),
                                    nullable=False, index=True)
    floating_port_id = sa.Column(sa.String(36), sa.ForeignKey('ports.id'),
                                 nullable=False)
    floating_ip_address = sa.Column(sa.String(64), nullable=False)
    # The associated port and fixed IP, or both NULL.
    port_id = sa.Column(sa.String(36), nullable=True, index=True)
    fixed_ip_address = sa.Column(sa.String(64), nullable=True)
    created_at = sa.Column(sa.DateTime, nullable=False)
    updated_at = sa.Column(sa.DateTime, nullable=False)
    revision_number = sa.Column(sa.Integer, nullable=False, default=0)
