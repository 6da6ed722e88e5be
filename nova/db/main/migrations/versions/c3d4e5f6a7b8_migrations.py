"""The migrations table: moves of instances between hosts and flavors.

Revision ID: c3d4e5f6a7b8
Revises: b7c8d9e0f1a2
"""

from alembic import op
import sqlalchemy as sa

revision = 'c3d4e5f6a7b8'
down_revision = 'b7c8d9e0f1a2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'migrations',
        sa.Column('created_at', sa.DateTime),
        sa.Column('updated_at', sa.DateTime),
        sa.Column('deleted_at', sa.DateTime),
        sa.Column('deleted', sa.Integer),
        sa.Column('id', sa.Integer, primary_key=True, nullable=False,
                  autoincrement=True),
        sa.Column('uuid', sa.String(36)),
        *[sa.Column(name, sa.String(255)) for name in (
            'source_compute', 'dest_compute', 'source_node', 'dest_node',
            'dest_host')],
        sa.Column('old_instance_type_id', sa.Integer),
        sa.Column('new_instance_type_id', sa.Integer),
        sa.Column('instance_uuid', sa.String(36),
                  sa.ForeignKey('instances.uuid')),
        sa.Column('status', sa.String(255)),
        sa.Column('migration_type',
                  sa.Enum('migration', 'resize', 'live-migration',
                          'evacuation', name='migration_type'),
                  nullable=True),
        sa.Column('hidden', sa.Boolean),
        *[sa.Column(name, sa.BigInteger, nullable=True) for name in (
            'memory_total', 'memory_processed', 'memory_remaining',
            'disk_total', 'disk_processed', 'disk_remaining')],
        sa.Column('cross_cell_move', sa.Boolean),
        sa.Column('user_id', sa.String(255), nullable=True),
        sa.Column('project_id', sa.String(255), nullable=True),
    )
    op.create_index('migrations_instance_uuid_and_status_idx', 'migrations',
                    ['deleted', 'instance_uuid', 'status'])
    op.create_index('migrations_by_source_and_status_idx', 'migrations',
                    ['deleted', 'source_compute', 'status'])
    op.create_index('migrations_by_dest_and_status_idx', 'migrations',
                    ['deleted', 'dest_compute', 'status'])
    op.create_index('migrations_uuid', 'migrations', ['uuid'], unique=True)
    op.create_index('migrations_updated_at_idx', 'migrations',
                    ['updated_at'])


def downgrade():
    op.drop_table('migrations')
    sa.Enum(name='migration_type').drop(op.get_bind(), checkfirst=True)
