"""The one table of the built-in image service.

The service is a stand-in, not part of Nova's schema: the table is made
with ``create_all`` in its own SQLite file and never migrated.
"""

import sqlalchemy as sa
from sqlalchemy import orm


class Base(orm.DeclarativeBase):
    pass


class Image(Base):
    """One image record; its bits live in a file named after ``id``."""

    __tablename__ = 'images'

    id = sa.Column(sa.String(36), primary_key=True)
    name = sa.Column(sa.String(255), nullable=True)
    status = sa.Column(sa.String(30), nullable=False)
    visibility = sa.Column(sa.String(20), nullable=False)
    protected = sa.Column(sa.Boolean, nullable=False, default=False)
    os_hidden = sa.Column(sa.Boolean, nullable=False, default=False)
    owner = sa.Column(sa.String(255), nullable=True, index=True)
    checksum = sa.Column(sa.String(32), nullable=True)
    os_hash_algo = sa.Column(sa.String(64), nullable=True)
    os_hash_value = sa.Column(sa.String(128), nullable=True)
    size = sa.Column(sa.BigInteger, nullable=True)
    virtual_size = sa.Column(sa.BigInteger, nullable=True)
    min_ram = sa.Column(sa.Integer, nullable=False, default=0)
    min_disk = sa.Column(sa.Integer, nullable=False, default=0)
    disk_format = sa.Column(sa.String(20), nullable=True)
    container_format = sa.Column(sa.String(20), nullable=True)
    created_at = sa.Column(sa.DateTime, nullable=False)
    updated_at = sa.Column(sa.DateTime, nullable=False)
    # Tags (a list of strings) and custom properties (string -> string).
    tags = sa.Column(sa.JSON, nullable=False, default=list)
    properties = sa.Column(sa.JSON, nullable=False, default=dict)


# Columns copied in and out of the record dicts the store hands around.
COLUMNS = tuple(c.name for c in Image.__table__.columns)
