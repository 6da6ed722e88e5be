"""SQLAlchemy models of the API database.

Tables here carry ``created_at``/``updated_at`` but are hard-deleted (no
``deleted`` column). The alembic revisions under ``migrations/`` create
exactly this schema; a test compares the two.
"""

from oslo_db.sqlalchemy import models
import sqlalchemy as sa
from sqlalchemy.dialects import mysql
from sqlalchemy import orm


def MediumText():
    """Text that may exceed 64 KiB (MEDIUMTEXT on MySQL)."""
    return sa.Text().with_variant(mysql.MEDIUMTEXT(), 'mysql')


class BASE(models.ModelBase, models.TimestampMixin, orm.DeclarativeBase):
    """Declarative base of the API database's models."""


class CellMapping(BASE):
    """Where a cell's database and message queue are."""

    __tablename__ = 'cell_mappings'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_cell_mappings0uuid'),
    )

    id = orm.mapped_column(sa.Integer, primary_key=True)
    uuid = orm.mapped_column(sa.String(36), nullable=False)
    name = orm.mapped_column(sa.String(255))
    transport_url = orm.mapped_column(sa.Text)
    database_connection = orm.mapped_column(sa.Text)
    disabled = orm.mapped_column(sa.Boolean, default=False)


class HostMapping(BASE):
    """Which cell a compute host belongs to."""

    __tablename__ = 'host_mappings'
    __table_args__ = (
        sa.UniqueConstraint('host', name='uniq_host_mappings0host'),
        sa.Index('host_mappings_cell_id_idx', 'cell_id'),
    )

    id = orm.mapped_column(sa.Integer, primary_key=True)
    cell_id = orm.mapped_column(
        sa.Integer, sa.ForeignKey('cell_mappings.id'), nullable=False)
    host = orm.mapped_column(sa.String(255), nullable=False)
    cell_mapping = orm.relationship(CellMapping, lazy='joined')


class InstanceMapping(BASE):
    """Which cell an instance lives in; no cell yet while it is scheduled."""

    __tablename__ = 'instance_mappings'
    __table_args__ = (
        sa.UniqueConstraint(
            'instance_uuid', name='uniq_instance_mappings0instance_uuid'),
        sa.Index('instance_mappings_project_id_idx', 'project_id'),
        sa.Index('instance_mappings_user_id_project_id_idx',
                 'user_id', 'project_id'),
        sa.Index('instance_mappings_cell_id_idx', 'cell_id'),
    )

    id = orm.mapped_column(sa.Integer, primary_key=True)
    instance_uuid = orm.mapped_column(sa.String(36), nullable=False)
    cell_id = orm.mapped_column(
        sa.Integer, sa.ForeignKey('cell_mappings.id'), nullable=True)
    project_id = orm.mapped_column(sa.String(255), nullable=False)
    user_id = orm.mapped_column(sa.String(255), nullable=True)
    queued_for_delete = orm.mapped_column(sa.Boolean, default=False)
    cell_mapping = orm.relationship(CellMapping, lazy='joined')


class RequestSpec(BASE):
    """A serialized ``RequestSpec`` object, kept for later moves."""

    __tablename__ = 'request_specs'
    __table_args__ = (
        sa.UniqueConstraint(
            'instance_uuid', name='uniq_request_specs0instance_uuid'),
    )

    id = orm.mapped_column(sa.Integer, primary_key=True)
    instance_uuid = orm.mapped_column(sa.String(36), nullable=False)
    spec = orm.mapped_column(MediumText(), nullable=False)


class BuildRequest(BASE):
    """An instance accepted by the API and not yet created in a cell."""

    __tablename__ = 'build_requests'
    __table_args__ = (
        sa.UniqueConstraint(
            'instance_uuid', name='uniq_build_requests0instance_uuid'),
        sa.Index('build_requests_project_id_idx', 'project_id'),
    )

    id = orm.mapped_column(sa.Integer, primary_key=True)
    request_spec_id = orm.mapped_column(sa.Integer, nullable=True)
    project_id = orm.mapped_column(sa.String(255), nullable=False)
    user_id = orm.mapped_column(sa.String(255), nullable=True)
    instance_uuid = orm.mapped_column(sa.String(36), nullable=True)
    instance = orm.mapped_column(MediumText())
    block_device_mappings = orm.mapped_column(MediumText())
    tags = orm.mapped_column(sa.Text)


class Flavors(BASE):
    """A flavor: the size of an instance."""

    __tablename__ = 'flavors'
    __table_args__ = (
        sa.UniqueConstraint('flavorid', name='uniq_flavors0flavorid'),
        sa.UniqueConstraint('name', name='uniq_flavors0name'),
    )

    id = orm.mapped_column(sa.Integer, primary_key=True)
    name = orm.mapped_column(sa.String(255), nullable=False)
    memory_mb = orm.mapped_column(sa.Integer, nullable=False)
    vcpus = orm.mapped_column(sa.Integer, nullable=False)
    root_gb = orm.mapped_column(sa.Integer)
    ephemeral_gb = orm.mapped_column(sa.Integer)
    flavorid = orm.mapped_column(sa.String(255), nullable=False)
    swap = orm.mapped_column(sa.Integer, nullable=False, default=0)
    rxtx_factor = orm.mapped_column(sa.Float, default=1.0)
    vcpu_weight = orm.mapped_column(sa.Integer)
    disabled = orm.mapped_column(sa.Boolean, default=False)
    is_public = orm.mapped_column(sa.Boolean, default=True)
    description = orm.mapped_column(sa.Text)
    extra_specs = orm.relationship(
        'FlavorExtraSpecs', back_populates='flavor',
        cascade='all, delete-orphan')
    projects = orm.relationship(
        'FlavorProjects', back_populates='flavor',
        cascade='all, delete-orphan')


class FlavorExtraSpecs(BASE):
    """One key/value extra spec of a flavor."""

    __tablename__ = 'flavor_extra_specs'
    __table_args__ = (
        sa.UniqueConstraint('flavor_id', 'key',
                            name='uniq_flavor_extra_specs0flavor_id0key'),
    )

    id = orm.mapped_column(sa.Integer, primary_key=True)
    key = orm.mapped_column(sa.String(255), nullable=False)
    value = orm.mapped_column(sa.String(255))
    flavor_id = orm.mapped_column(
        sa.Integer, sa.ForeignKey('flavors.id'), nullable=False)
    flavor = orm.relationship(Flavors, back_populates='extra_specs')


class FlavorProjects(BASE):
    """A project allowed to use a private flavor."""

    __tablename__ = 'flavor_projects'
    __table_args__ = (
        sa.UniqueConstraint(
            'flavor_id', 'project_id',
            name='uniq_flavor_projects0flavor_id0project_id'),
    )

    id = orm.mapped_column(sa.Integer, primary_key=True)
    flavor_id = orm.mapped_column(
        sa.Integer, sa.ForeignKey('flavors.id'), nullable=False)
    project_id = orm.mapped_column(sa.String(255), nullable=False)
    flavor = orm.relationship(Flavors, back_populates='projects')


class KeyPair(BASE):
    """A user's SSH public key or x509 certificate, known by name."""

    __tablename__ = 'key_pairs'
    __table_args__ = (
        sa.UniqueConstraint('user_id', 'name',
                            name='uniq_key_pairs0user_id0name'),
    )

    id = orm.mapped_column(sa.Integer, primary_key=True, nullable=False)
    name = orm.mapped_column(sa.String(255), nullable=False)
    user_id = orm.mapped_column(sa.String(255), nullable=False)
    fingerprint = orm.mapped_column(sa.String(255))
    public_key = orm.mapped_column(sa.Text())
    type = orm.mapped_column(
        sa.Enum('ssh', 'x509', name='keypair_types'), nullable=False,
        server_default='ssh')


class Quota(BASE):
    """A project's own limit of one resource (no row: its class's or the
    configured default; NULL: unlimited)."""

    __tablename__ = 'quotas'
    __table_args__ = (
        sa.UniqueConstraint('project_id', 'resource',
                            name='uniq_quotas0project_id0resource'),
    )

    id = orm.mapped_column(sa.Integer, primary_key=True)
    project_id = orm.mapped_column(sa.String(255))
    resource = orm.mapped_column(sa.String(255), nullable=False)
    hard_limit = orm.mapped_column(sa.Integer)


class ProjectUserQuota(BASE):
    """One user's limit of one resource within a project."""

    __tablename__ = 'project_user_quotas'
    __table_args__ = (
        sa.UniqueConstraint(
            'user_id', 'project_id', 'resource',
            name='uniq_project_user_quotas0user_id0project_id0resource'),
        sa.Index('project_user_quotas_project_id_idx', 'project_id'),
        sa.Index('project_user_quotas_user_id_idx', 'user_id'),
    )

    id = orm.mapped_column(sa.Integer, primary_key=True, nullable=False)
    project_id = orm.mapped_column(sa.String(255), nullable=False)
    user_id = orm.mapped_column(sa.String(255), nullable=False)
    resource = orm.mapped_column(sa.String(255), nullable=False)
    hard_limit = orm.mapped_column(sa.Integer)


class QuotaClass(BASE):
    """A quota class's limit of one resource; the class ``default`` holds
    the defaults every project starts from."""

    __tablename__ = 'quota_classes'
    __table_args__ = (
        sa.Index('quota_classes_class_name_idx', 'class_name'),
    )

    id = orm.mapped_column(sa.Integer, primary_key=True)
    class_name = orm.mapped_column(sa.String(255))
    resource = orm.mapped_column(sa.String(255))
    hard_limit = orm.mapped_column(sa.Integer)


class QuotaLock(BASE):
    """One row per project, written first by every transaction that counts
    and consumes its quota, so such transactions run one at a time per
    project (on every database: a row lock, SQLite's write lock)."""

    __tablename__ = 'quota_locks'

    project_id = orm.mapped_column(sa.String(255), primary_key=True)
    generation = orm.mapped_column(sa.Integer, nullable=False, default=0)


class Aggregate(BASE):
    """A host aggregate: a named group of compute hosts with metadata; its
    ``availability_zone`` metadata makes it an availability zone."""

    __tablename__ = 'aggregates'
    __table_args__ = (
        sa.Index('aggregate_uuid_idx', 'uuid'),
        sa.UniqueConstraint('name', name='uniq_aggregate0name'),
    )

    id = orm.mapped_column(sa.Integer, primary_key=True, nullable=False)
    uuid = orm.mapped_column(sa.String(36))
    name = orm.mapped_column(sa.String(255))


class AggregateHost(BASE):
    """A compute host (service host name) in an aggregate."""

    __tablename__ = 'aggregate_hosts'
    __table_args__ = (
        sa.UniqueConstraint('host', 'aggregate_id',
                            name='uniq_aggregate_hosts0host0aggregate_id'),
    )

    id = orm.mapped_column(sa.Integer, primary_key=True, nullable=False)
    host = orm.mapped_column(sa.String(255))
    aggregate_id = orm.mapped_column(
        sa.Integer, sa.ForeignKey('aggregates.id'), nullable=False)


class AggregateMetadata(BASE):
    """One key/value of an aggregate's metadata."""

    __tablename__ = 'aggregate_metadata'
    __table_args__ = (
        sa.UniqueConstraint('aggregate_id', 'key',
                            name='uniq_aggregate_metadata0aggregate_id0key'),
        sa.Index('aggregate_metadata_key_idx', 'key'),
    )

    id = orm.mapped_column(sa.Integer, primary_key=True, nullable=False)
    aggregate_id = orm.mapped_column(
        sa.Integer, sa.ForeignKey('aggregates.id'), nullable=False)
    key = orm.mapped_column(sa.String(255), nullable=False)
    value = orm.mapped_column(sa.String(255), nullable=False)


class InstanceGroup(BASE):
    """A server group: servers placed by one policy (affinity...)."""

    __tablename__ = 'instance_groups'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_instance_groups0uuid'),
    )

    id = orm.mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    user_id = orm.mapped_column(sa.String(255))
    project_id = orm.mapped_column(sa.String(255))
    uuid = orm.mapped_column(sa.String(36), nullable=False)
    name = orm.mapped_column(sa.String(255))


class InstanceGroupPolicy(BASE):
    """The policy of a server group, and its rules (JSON)."""

    __tablename__ = 'instance_group_policy'
    __table_args__ = (
        sa.Index('instance_group_policy_policy_idx', 'policy'),
    )

    id = orm.mapped_column(sa.Integer, primary_key=True, nullable=False)
    policy = orm.mapped_column(sa.String(255))
    rules = orm.mapped_column(sa.Text)
    group_id = orm.mapped_column(
        sa.Integer, sa.ForeignKey('instance_groups.id'), nullable=False)


class InstanceGroupMember(BASE):
    """A server in a server group."""

    __tablename__ = 'instance_group_member'
    __table_args__ = (
        sa.Index('instance_group_member_instance_idx', 'instance_uuid'),
    )

    id = orm.mapped_column(sa.Integer, primary_key=True, nullable=False)
    instance_uuid = orm.mapped_column(sa.String(255))
    group_id = orm.mapped_column(
        sa.Integer, sa.ForeignKey('instance_groups.id'), nullable=False)
