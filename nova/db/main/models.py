"""SQLAlchemy models of a cell database.

Most tables are soft-deleted: ``deleted`` is 0 for a live row and the row's
``id`` once deleted (so unique constraints that include ``deleted`` let a
name be reused), with ``deleted_at`` set. The alembic revisions under
``migrations/`` create exactly this schema; a test compares the two.
"""

from oslo_db.sqlalchemy import models
import sqlalchemy as sa
from sqlalchemy import orm

from nova.db.api.models import MediumText


class BASE(models.ModelBase, models.TimestampMixin, orm.DeclarativeBase):
    """Declarative base of the cell database's models."""


SoftDelete = models.SoftDeleteMixin


def _str(length=255, **kw):
    return orm.mapped_column(sa.String(length), **kw)


def _int(**kw):
    return orm.mapped_column(sa.Integer, **kw)


def _text(**kw):
    return orm.mapped_column(sa.Text, **kw)


class Service(BASE, SoftDelete):
    """A running nova service (binary) on a host."""

    __tablename__ = 'services'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_services0uuid'),
        sa.UniqueConstraint('host', 'binary', 'deleted',
                            name='uniq_services0host0binary0deleted'),
        sa.UniqueConstraint('host', 'topic', 'deleted',
                            name='uniq_services0host0topic0deleted'),
    )

    id = _int(primary_key=True)
    uuid = _str(36, nullable=True)
    host = _str()
    binary = _str()
    topic = _str()
    report_count = _int(nullable=False, default=0)
    disabled = orm.mapped_column(sa.Boolean, default=False)
    disabled_reason = _str()
    last_seen_up = orm.mapped_column(sa.DateTime, nullable=True)
    forced_down = orm.mapped_column(sa.Boolean, default=False)
    version = _int(default=0)


class ComputeNode(BASE, SoftDelete):
    """A hypervisor node reported by a nova-compute service."""

    __tablename__ = 'compute_nodes'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_compute_nodes0uuid'),
        sa.UniqueConstraint(
            'host', 'hypervisor_hostname', 'deleted',
            name='uniq_compute_nodes0host0hypervisor_hostname0deleted'),
    )

    id = _int(primary_key=True)
    uuid = _str(36, nullable=True)
    service_id = _int(nullable=True)
    host = _str(nullable=True)
    hypervisor_hostname = _str()
    vcpus = _int(nullable=False)
    memory_mb = _int(nullable=False)
    local_gb = _int(nullable=False)
    vcpus_used = _int(nullable=False)
    memory_mb_used = _int(nullable=False)
    local_gb_used = _int(nullable=False)
    hypervisor_type = orm.mapped_column(MediumText(), nullable=False)
    hypervisor_version = _int(nullable=False)
    cpu_info = orm.mapped_column(MediumText(), nullable=False)
    free_ram_mb = _int()
    free_disk_gb = _int()
    current_workload = _int()
    running_vms = _int()
    disk_available_least = _int()
    host_ip = _str(39)
    supported_instances = _text()
    pci_stats = _text()
    metrics = _text()
    stats = _text(default='{}')
    numa_topology = _text()
    extra_resources = _text()
    cpu_allocation_ratio = orm.mapped_column(sa.Float, nullable=True)
    ram_allocation_ratio = orm.mapped_column(sa.Float, nullable=True)
    disk_allocation_ratio = orm.mapped_column(sa.Float, nullable=True)
    mapped = _int(nullable=True, default=0)


class Instance(BASE, SoftDelete):
    """A guest (server)."""

    __tablename__ = 'instances'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_instances0uuid'),
        sa.Index('instances_project_id_deleted_idx', 'project_id', 'deleted'),
        sa.Index('instances_host_node_deleted_idx', 'host', 'node', 'deleted'),
        sa.Index('instances_host_deleted_cleaned_idx',
                 'host', 'deleted', 'cleaned'),
        sa.Index('instances_deleted_created_at_idx', 'deleted', 'created_at'),
        sa.Index('instances_reservation_id_idx', 'reservation_id'),
        sa.Index('instances_task_state_updated_at_idx',
                 'task_state', 'updated_at'),
        sa.Index('instances_terminated_at_launched_at_idx',
                 'terminated_at', 'launched_at'),
    )

    id = _int(primary_key=True, autoincrement=True)
    uuid = _str(36, nullable=False)
    user_id = _str()
    project_id = _str()
    image_ref = _str()
    kernel_id = _str()
    ramdisk_id = _str()
    hostname = _str()
    launch_index = _int()
    key_name = _str()
    key_data = orm.mapped_column(MediumText())
    power_state = _int()
    vm_state = _str()
    task_state = _str()
    memory_mb = _int()
    vcpus = _int()
    root_gb = _int()
    ephemeral_gb = _int()
    ephemeral_key_uuid = _str(36)
    # The compute service's host, and the hypervisor node (a compute
    # node's hypervisor_hostname) within it.
    host = _str()
    node = _str()
    compute_id = orm.mapped_column(sa.BigInteger, nullable=True)
    # The flavor's internal id; the flavor itself lives in instance_extra.
    instance_type_id = _int()
    user_data = orm.mapped_column(MediumText())
    reservation_id = _str()
    launched_at = orm.mapped_column(sa.DateTime)
    terminated_at = orm.mapped_column(sa.DateTime)
    availability_zone = _str()
    display_name = _str()
    display_description = _text()
    launched_on = orm.mapped_column(MediumText())
    locked = orm.mapped_column(sa.Boolean)
    locked_by = orm.mapped_column(
        sa.Enum('owner', 'admin', name='instances0locked_by'))
    os_type = _str()
    architecture = _str()
    vm_mode = _str()
    root_device_name = _str()
    default_ephemeral_device = _str()
    default_swap_device = _str()
    config_drive = _str()
    access_ip_v4 = _str(39)
    access_ip_v6 = _str(39)
    auto_disk_config = orm.mapped_column(sa.Boolean)
    progress = _int()
    shutdown_terminate = orm.mapped_column(sa.Boolean, default=False)
    disable_terminate = orm.mapped_column(sa.Boolean, default=False)
    cell_name = _str()
    internal_id = _int()
    # Whether the guest's files were removed from its host after deletion.
    cleaned = _int(default=0)
    # Hidden from listings while a cross-cell copy of it exists.
    hidden = orm.mapped_column(sa.Boolean, default=False)

    info_cache = orm.relationship(
        'InstanceInfoCache', back_populates='instance', uselist=False)
    extra = orm.relationship(
        'InstanceExtra', back_populates='instance', uselist=False)
    metadata_items = orm.relationship(
        'InstanceMetadata', viewonly=True,
        primaryjoin='and_(Instance.uuid == InstanceMetadata.instance_uuid,'
                    ' InstanceMetadata.deleted == 0)')
    system_metadata = orm.relationship(
        'InstanceSystemMetadata', viewonly=True,
        primaryjoin='and_(Instance.uuid =='
                    ' InstanceSystemMetadata.instance_uuid,'
                    ' InstanceSystemMetadata.deleted == 0)')
    tags = orm.relationship(
        'Tag', viewonly=True,
        primaryjoin='Instance.uuid == foreign(Tag.resource_id)')


def _instance_uuid_fk(**kw):
    return orm.mapped_column(
        sa.String(36), sa.ForeignKey('instances.uuid'), nullable=False, **kw)


class InstanceExtra(BASE, SoftDelete):
    """Serialized objects that hang off an instance (JSON text columns)."""

    __tablename__ = 'instance_extra'
    __table_args__ = (
        sa.UniqueConstraint('instance_uuid',
                            name='uniq_instance_extra0instance_uuid'),
    )

    id = _int(primary_key=True, autoincrement=True)
    instance_uuid = _instance_uuid_fk()
    numa_topology = orm.mapped_column(sa.Text, deferred=True)
    pci_requests = orm.mapped_column(sa.Text, deferred=True)
    flavor = orm.mapped_column(sa.Text, deferred=True)
    vcpu_model = orm.mapped_column(sa.Text, deferred=True)
    migration_context = orm.mapped_column(sa.Text, deferred=True)
    keypairs = orm.mapped_column(sa.Text, deferred=True)
    device_metadata = orm.mapped_column(sa.Text, deferred=True)
    trusted_certs = orm.mapped_column(sa.Text, deferred=True)
    vpmems = orm.mapped_column(sa.Text, deferred=True)
    resources = orm.mapped_column(sa.Text, deferred=True)
    instance = orm.relationship(Instance, back_populates='extra')


class InstanceMetadata(BASE, SoftDelete):
    """A user-visible key/value of an instance."""

    __tablename__ = 'instance_metadata'
    __table_args__ = (
        sa.Index('instance_metadata_instance_uuid_idx', 'instance_uuid'),
    )

    id = _int(primary_key=True)
    key = _str()
    value = _str()
    instance_uuid = _instance_uuid_fk()


class InstanceSystemMetadata(BASE, SoftDelete):
    """A key/value of an instance that only Nova itself sets."""

    __tablename__ = 'instance_system_metadata'
    __table_args__ = (
        sa.Index('instance_system_metadata_instance_uuid_idx',
                 'instance_uuid'),
    )

    id = _int(primary_key=True)
    key = _str(nullable=False)
    value = _str()
    instance_uuid = _instance_uuid_fk()


class InstanceFault(BASE, SoftDelete):
    """An error recorded against an instance."""

    __tablename__ = 'instance_faults'
    __table_args__ = (
        sa.Index('instance_faults_instance_uuid_deleted_created_at_idx',
                 'instance_uuid', 'deleted', 'created_at'),
        sa.Index('instance_faults_host_idx', 'host'),
    )

    id = _int(primary_key=True)
    instance_uuid = orm.mapped_column(
        sa.String(36), sa.ForeignKey('instances.uuid'))
    code = _int(nullable=False)
    message = _str()
    details = orm.mapped_column(MediumText())
    host = _str()


class InstanceInfoCache(BASE, SoftDelete):
    """The instance's network info as last seen (JSON)."""

    __tablename__ = 'instance_info_caches'
    __table_args__ = (
        sa.UniqueConstraint('instance_uuid',
                            name='uniq_instance_info_caches0instance_uuid'),
    )

    id = _int(primary_key=True, autoincrement=True)
    network_info = orm.mapped_column(MediumText())
    instance_uuid = _instance_uuid_fk()
    instance = orm.relationship(Instance, back_populates='info_cache')


class Tag(BASE):
    """A tag on a resource (an instance uuid); no timestamps."""

    __tablename__ = 'tags'
    __table_args__ = (
        sa.Index('tags_tag_idx', 'tag'),
    )

    resource_id = orm.mapped_column(sa.String(36), primary_key=True,
                                    nullable=False)
    tag = orm.mapped_column(sa.Unicode(80), primary_key=True, nullable=False)
    created_at = None
    updated_at = None


class InstanceAction(BASE, SoftDelete):
    """A user-visible action taken on an instance (its request)."""

    __tablename__ = 'instance_actions'
    __table_args__ = (
        sa.Index('instance_actions_instance_uuid_idx', 'instance_uuid'),
        sa.Index('instance_actions_request_id_idx', 'request_id'),
        sa.Index('instance_actions_instance_uuid_updated_at_idx',
                 'instance_uuid', 'updated_at'),
    )

    id = _int(primary_key=True, nullable=False, autoincrement=True)
    action = _str()
    instance_uuid = orm.mapped_column(
        sa.String(36), sa.ForeignKey('instances.uuid'))
    request_id = _str()
    user_id = _str()
    project_id = _str()
    start_time = orm.mapped_column(sa.DateTime)
    finish_time = orm.mapped_column(sa.DateTime)
    message = _str()


class InstanceActionEvent(BASE, SoftDelete):
    """One step (event) of an instance action."""

    __tablename__ = 'instance_actions_events'
    __table_args__ = (
        sa.Index('instance_actions_events_action_id_idx', 'action_id'),
    )

    id = _int(primary_key=True, nullable=False, autoincrement=True)
    event = _str()
    action_id = orm.mapped_column(
        sa.Integer, sa.ForeignKey('instance_actions.id'))
    start_time = orm.mapped_column(sa.DateTime)
    finish_time = orm.mapped_column(sa.DateTime)
    result = _str()
    traceback = _text()
    host = _str()
    details = _text()


class Migration(BASE, SoftDelete):
    """A move of an instance between hosts (or flavors): cold migration,
    resize, live migration or evacuation. Its ``uuid`` is the placement
    consumer of the source host's allocation while the move lasts."""

    __tablename__ = 'migrations'
    __table_args__ = (
        sa.Index('migrations_instance_uuid_and_status_idx', 'deleted',
                 'instance_uuid', 'status'),
        sa.Index('migrations_by_source_and_status_idx', 'deleted',
                 'source_compute', 'status'),
        sa.Index('migrations_by_dest_and_status_idx', 'deleted',
                 'dest_compute', 'status'),
        sa.Index('migrations_uuid', 'uuid', unique=True),
        sa.Index('migrations_updated_at_idx', 'updated_at'),
    )

    id = _int(primary_key=True, nullable=False, autoincrement=True)
    uuid = _str(36)
    source_compute = _str()
    dest_compute = _str()
    source_node = _str()
    dest_node = _str()
    dest_host = _str()
    old_instance_type_id = _int()
    new_instance_type_id = _int()
    instance_uuid = orm.mapped_column(
        sa.String(36), sa.ForeignKey('instances.uuid'))
    status = _str()
    migration_type = orm.mapped_column(
        sa.Enum('migration', 'resize', 'live-migration', 'evacuation',
                name='migration_type'), nullable=True)
    hidden = orm.mapped_column(sa.Boolean, default=False)
    memory_total = orm.mapped_column(sa.BigInteger, nullable=True)
    memory_processed = orm.mapped_column(sa.BigInteger, nullable=True)
    memory_remaining = orm.mapped_column(sa.BigInteger, nullable=True)
    disk_total = orm.mapped_column(sa.BigInteger, nullable=True)
    disk_processed = orm.mapped_column(sa.BigInteger, nullable=True)
    disk_remaining = orm.mapped_column(sa.BigInteger, nullable=True)
    cross_cell_move = orm.mapped_column(sa.Boolean, default=False)
    user_id = _str(255, nullable=True)
    project_id = _str(255, nullable=True)


class TaskLog(BASE):
    """One run of a periodic task over a period on one host (the instance
    usage audit)."""

    __tablename__ = 'task_log'
    __table_args__ = (
        sa.UniqueConstraint(
            'task_name', 'host', 'period_beginning', 'period_ending',
            name='uniq_task_log0task_name0host0period_beginning0'
                 'period_ending'),
        sa.Index('ix_task_log_period_beginning', 'period_beginning'),
        sa.Index('ix_task_log_host', 'host'),
        sa.Index('ix_task_log_period_ending', 'period_ending'),
    )

    id = orm.mapped_column(sa.Integer, primary_key=True, nullable=False,
                           autoincrement=True)
    task_name = _str(nullable=False)
    state = _str(nullable=False)
    host = _str(nullable=False)
    period_beginning = orm.mapped_column(sa.DateTime, nullable=False)
    period_ending = orm.mapped_column(sa.DateTime, nullable=False)
    message = _str(nullable=False)
    task_items = _int()
    errors = _int()


class ConsoleAuthToken(BASE):
    """A remote console handed out: where the guest's console listens, kept
    under the sha256 of its token (the token itself is never stored) until
    ``expires`` (seconds since the epoch). Rows are deleted, not
    soft-deleted."""

    __tablename__ = 'console_auth_tokens'
    __table_args__ = (
        sa.UniqueConstraint('token_hash',
                            name='uniq_console_auth_tokens0token_hash'),
        sa.Index('console_auth_tokens_instance_uuid_idx', 'instance_uuid'),
        sa.Index('console_auth_tokens_host_expires_idx', 'host', 'expires'),
        sa.Index('console_auth_tokens_token_hash_instance_uuid_idx',
                 'token_hash', 'instance_uuid'),
    )

    id = orm.mapped_column(sa.Integer, primary_key=True, nullable=False,
                           autoincrement=True)
    token_hash = _str(nullable=False)
    console_type = _str(nullable=False)
    host = _str(nullable=False)
    port = _int(nullable=False)
    tls_port = _int()
    internal_access_path = _str()
    instance_uuid = _str(36, nullable=False)
    expires = _int(nullable=False)
    access_url_base = _str()
