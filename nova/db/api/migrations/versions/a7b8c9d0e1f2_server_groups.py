"""Server groups: instance_groups, their policy and their members.

Revision ID: a7b8c9d0e1f2
Revises: f6a7b8c9d0e1
"""

from alembic import op
import sqlalchemy as sa

revision = 'a7b8c9d0e1f2'
down_revision = 'f6a7b8c9d0e1'
branch_labels = None
depends_on = None


def _timestamps():
    return [sa.Column('created_at', sa.DateTime),
            sa.Column('updated_at', sa.DateTime)]


def upgrade():
    op.create_table(
        'instance_groups', *_timestamps(),
        sa.Column('id', sa.Integer, primary_key=True, autoincrement=True),
        sa.Column('user_id', sa.String(255)),
        sa.Column('project_id', sa.String(255)),
        sa.Column('uuid', sa.String(36), nullable=False),
        sa.Column('name', sa.String(255)),
        sa.UniqueConstraint('uuid', name='uniq_instance_groups0uuid'),
    )
    op.create_table(
        'instance_group_policy', *_timestamps(),
        sa.Column('id', sa.Integer, primary_key=True, nullable=False),
        sa.Column('policy', sa.String(255)),
        sa.Column('rules', sa.Text),
        sa.Column('group_id', sa.Integer, sa.ForeignKey('instance_groups.id'),
                  nullable=False),
        sa.Index('instance_group_policy_policy_idx', 'policy'),
    )
    op.create_table(
        'instance_group_member', *_timestamps(),
        sa.Column('id', sa.Integer, primary_key=True, nullable=False),
        sa.Column('instance_uuid', sa.String(255)),
        sa.Column('group_id', sa.Integer, sa.ForeignKey('instance_groups.id'),
                  nullable=False),
        sa.Index('instance_group_member_instance_idx', 'instance_uuid'),
    )
