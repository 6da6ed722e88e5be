"""Tables of the built-in identity service.

The service is a stand-in, not part of Nova's schema: its tables are made
with ``create_all`` in their own SQLite file and never migrated. There is
one domain, ``default``, so it has no table: every project and user
belongs to it.
"""

import sqlalchemy as sa
from sqlalchemy import orm


class Base(orm.DeclarativeBase):
    pass


class Project(Base):
    __tablename__ = 'projects'

    id = sa.Column(sa.String(64), primary_key=True)
    name = sa.Column(sa.String(64), nullable=False, unique=True)
    description = sa.Column(sa.Text, nullable=False, default='')
    enabled = sa.Column(sa.Boolean, nullable=False, default=True)


class User(Base):
    __tablename__ = 'users'

    id = sa.Column(sa.String(64), primary_key=True)
    name = sa.Column(sa.String(255), nullable=False, unique=True)
    # ``passwords.hash_password`` output; NULL means no password login.
    password_hash = sa.Column(sa.String(255), nullable=True)
    enabled = sa.Column(sa.Boolean, nullable=False, default=True)
    default_project_id = sa.Column(sa.String(64), nullable=True)
    description = sa.Column(sa.Text, nullable=True)
    email = sa.Column(sa.String(255), nullable=True)


class Role(Base):
    __tablename__ = 'roles'

    id = sa.Column(sa.String(64), primary_key=True)
    name = sa.Column(sa.String(255), nullable=False, unique=True)


class Assignment(Base):
    """User ``user_id`` holds role ``role_id`` on project ``project_id``."""

    __tablename__ = 'assignments'

    user_id = sa.Column(sa.String(64), primary_key=True)
    project_id = sa.Column(sa.String(64), primary_key=True)
    role_id = sa.Column(sa.String(64), primary_key=True)


class Token(Base):
    """An issued token; the roles and catalog are looked up when shown."""

    __tablename__ = 'tokens'

    id = sa.Column(sa.String(64), primary_key=True)
    user_id = sa.Column(sa.String(64), nullable=False, index=True)
    # NULL for an unscoped token.
    project_id = sa.Column(sa.String(64), nullable=True)
    methods = sa.Column(sa.JSON, nullable=False)
    audit_ids = sa.Column(sa.JSON, nullable=False)
    issued_at = sa.Column(sa.DateTime, nullable=False)
    expires_at = sa.Column(sa.DateTime, nullable=False, index=True)


def to_dict(row):
    """A plain dict with one key per column of ``row``."""
    return {column.name: getattr(row, column.name)
            for column in row.__table__.columns}
