"""Initial cell database schema.

Revision ID: b7c8d9e0f1a2
Revises:
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql

revision = 'b7c8d9e0f1a2'
down_revision = None
branch_labels = None
depends_on = None


def _medium_text():
    return sa.Text().with_variant(mysql.MEDIUMTEXT(), 'mysql')


def _common():
    """Timestamps and the soft-delete pair every table here has."""
    return [sa.Column('created_at', sa.DateTime),
            sa.Column('updated_at', sa.DateTime),
            sa.Column('deleted_at', sa.DateTime),
            sa.Column('deleted', sa.Integer)]


def _s(name, length=255, **kw):
    return sa.Column(name, sa.String(length), **kw)


def _i(name, **kw):
    return sa.Column(name, sa.Integer, **kw)


def _instance_uuid(nullable=False):
    return sa.Column('instance_uuid', sa.String(36),
                     sa.ForeignKey('instances.uuid'), nullable=nullable)


def _services():
    op.create_table(
        'services',
        _i('id', primary_key=True),
        _s('uuid', 36, nullable=True),
        _s('host'), _s('binary'), _s('topic'),
        _i('report_count', nullable=False),
        sa.Column('disabled', sa.Boolean),
        _s('disabled_reason'),
        sa.Column('last_seen_up', sa.DateTime, nullable=True),
        sa.Column('forced_down', sa.Boolean),
        _i('version'),
        *_common(),
        sa.UniqueConstraint('uuid', name='uniq_services0uuid'),
        sa.UniqueConstraint('host', 'binary', 'deleted',
                            name='uniq_services0host0binary0deleted'),
        sa.UniqueConstraint('host', 'topic', 'deleted',
                            name='uniq_services0host0topic0deleted'),
    )


def _compute_nodes():
    op.create_table(
        'compute_nodes',
        _i('id', primary_key=True),
        _s('uuid', 36, nullable=True),
        _i('service_id', nullable=True),
        _s('host', nullable=True),
        _s('hypervisor_hostname'),
        *[_i(name, nullable=False) for name in (
            'vcpus', 'memory_mb', 'local_gb', 'vcpus_used',
            'memory_mb_used', 'local_gb_used')],
        sa.Column('hypervisor_type', _medium_text(), nullable=False),
        _i('hypervisor_version', nullable=False),
        sa.Column('cpu_info', _medium_text(), nullable=False),
        *[_i(name) for name in (
            'free_ram_mb', 'free_disk_gb', 'current_workload', 'running_vms',
            'disk_available_least')],
        _s('host_ip', 39),
        *[sa.Column(name, sa.Text) for name in (
            'supported_instances', 'pci_stats', 'metrics', 'stats',
            'numa_topology', 'extra_resources')],
        *[sa.Column(name, sa.Float, nullable=True) for name in (
            'cpu_allocation_ratio', 'ram_allocation_ratio',
            'disk_allocation_ratio')],
        _i('mapped', nullable=True),
        *_common(),
        sa.UniqueConstraint('uuid', name='uniq_compute_nodes0uuid'),
        sa.UniqueConstraint(
            'host', 'hypervisor_hostname', 'deleted',
            name='uniq_compute_nodes0host0hypervisor_hostname0deleted'),
    )


def _instances():
    op.create_table(
        'instances',
        _i('id', primary_key=True, autoincrement=True),
        _s('uuid', 36, nullable=False),
        *[_s(name) for name in (
            'user_id', 'project_id', 'image_ref', 'kernel_id', 'ramdisk_id',
            'hostname')],
        _i('launch_index'),
        _s('key_name'),
        sa.Column('key_data', _medium_text()),
        _i('power_state'),
        _s('vm_state'), _s('task_state'),
        *[_i(name) for name in (
            'memory_mb', 'vcpus', 'root_gb', 'ephemeral_gb')],
        _s('ephemeral_key_uuid', 36),
        _s('host'), _s('node'),
        sa.Column('compute_id', sa.BigInteger, nullable=True),
        _i('instance_type_id'),
        sa.Column('user_data', _medium_text()),
        _s('reservation_id'),
        sa.Column('launched_at', sa.DateTime),
        sa.Column('terminated_at', sa.DateTime),
        _s('availability_zone'),
        _s('display_name'),
        sa.Column('display_description', sa.Text),
        sa.Column('launched_on', _medium_text()),
        sa.Column('locked', sa.Boolean),
        sa.Column('locked_by', sa.Enum('owner', 'admin',
                                       name='instances0locked_by')),
        *[_s(name) for name in (
            'os_type', 'architecture', 'vm_mode', 'root_device_name',
            'default_ephemeral_device', 'default_swap_device',
            'config_drive')],
        _s('access_ip_v4', 39), _s('access_ip_v6', 39),
        sa.Column('auto_disk_config', sa.Boolean),
        _i('progress'),
        sa.Column('shutdown_terminate', sa.Boolean),
        sa.Column('disable_terminate', sa.Boolean),
        _s('cell_name'),
        _i('internal_id'),
        _i('cleaned'),
        sa.Column('hidden', sa.Boolean),
        *_common(),
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


def _instance_children():
    op.create_table(
        'instance_extra',
        _i('id', primary_key=True, autoincrement=True),
        _instance_uuid(),
        *[sa.Column(name, sa.Text) for name in (
            'numa_topology', 'pci_requests', 'flavor', 'vcpu_model',
            'migration_context', 'keypairs', 'device_metadata',
            'trusted_certs', 'vpmems', 'resources')],
        *_common(),
        sa.UniqueConstraint('instance_uuid',
                            name='uniq_instance_extra0instance_uuid'),
    )
    for table, key_nullable in (('instance_metadata', True),
                                ('instance_system_metadata', False)):
        op.create_table(
            table,
            _i('id', primary_key=True),
            _s('key', nullable=key_nullable),
            _s('value'),
            _instance_uuid(),
            *_common(),
            sa.Index('%s_instance_uuid_idx' % table, 'instance_uuid'),
        )
    op.create_table(
        'instance_faults',
        _i('id', primary_key=True),
        _instance_uuid(nullable=True),
        _i('code', nullable=False),
        _s('message'),
        sa.Column('details', _medium_text()),
        _s('host'),
        *_common(),
        sa.Index('instance_faults_instance_uuid_deleted_created_at_idx',
                 'instance_uuid', 'deleted', 'created_at'),
        sa.Index('instance_faults_host_idx', 'host'),
    )
    op.create_table(
        'instance_info_caches',
        _i('id', primary_key=True, autoincrement=True),
        sa.Column('network_info', _medium_text()),
        _instance_uuid(),
        *_common(),
        sa.UniqueConstraint('instance_uuid',
                            name='uniq_instance_info_caches0instance_uuid'),
    )
    op.create_table(
        'tags',
        _s('resource_id', 36, primary_key=True, nullable=False),
        sa.Column('tag', sa.Unicode(80), primary_key=True, nullable=False),
        sa.Index('tags_tag_idx', 'tag'),
    )


def _instance_actions():
    op.create_table(
        'instance_actions',
        _i('id', primary_key=True, nullable=False, autoincrement=True),
        _s('action'),
        _instance_uuid(nullable=True),
        _s('request_id'), _s('user_id'), _s('project_id'),
        sa.Column('start_time', sa.DateTime),
        sa.Column('finish_time', sa.DateTime),
        _s('message'),
        *_common(),
        sa.Index('instance_actions_instance_uuid_idx', 'instance_uuid'),
        sa.Index('instance_actions_request_id_idx', 'request_id'),
        sa.Index('instance_actions_instance_uuid_updated_at_idx',
                 'instance_uuid', 'updated_at'),
    )
    op.create_table(
        'instance_actions_events',
        _i('id', primary_key=True, nullable=False, autoincrement=True),
        _s('event'),
        _i('action_id', nullable=True),
        sa.Column('start_time', sa.DateTime),
        sa.Column('finish_time', sa.DateTime),
        _s('result'),
        sa.Column('traceback', sa.Text),
        _s('host'),
        sa.Column('details', sa.Text),
        *_common(),
        sa.ForeignKeyConstraint(['action_id'], ['instance_actions.id']),
        sa.Index('instance_actions_events_action_id_idx', 'action_id'),
    )


def upgrade():
    _services()
    _compute_nodes()
    _instances()
    _instance_children()
    _instance_actions()
