"""The SQLite database of the built-in network service.

``NetworkStore`` owns ``network.sqlite`` under a state directory and hands
out transactions; the resource modules do their reads and writes inside
one. A process-wide lock serialises transactions: SQLite has one writer
at a time anyway, and it makes each check-then-write (a free address, a
unique MAC, an overlapping CIDR) atomic.
"""

import contextlib
import os
import threading
import uuid

import sqlalchemy as sa
from sqlalchemy import orm

from nova.builtin.network import models
from nova import utils

DB_NAME = 'network.sqlite'


class NetworkStore:
    """Database access for one state directory; thread-safe."""

    def __init__(self, state_dir):
        self.state_dir = os.path.abspath(state_dir)
        os.makedirs(self.state_dir, exist_ok=True)
        self._lock = threading.RLock()
        self._engine = sa.create_engine(
            'sqlite:///%s' % os.path.join(self.state_dir, DB_NAME),
            connect_args={'check_same_thread': False, 'timeout': 30})
        models.Base.metadata.create_all(self._engine)
        self._sessionmaker = orm.sessionmaker(self._engine,
                                              expire_on_commit=False)

    @contextlib.contextmanager
    def transaction(self):
        """A session committed on success and rolled back on error."""
        with self._lock, self._sessionmaker() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def close(self):
        self._engine.dispose()


def new_id():
    return str(uuid.uuid4())


def stamp_new(values):
    """Add an id (unless given), timestamps and revision 0 to ``values``."""
    now = utils.utcnow()
    values.setdefault('id', new_id())
    values.update(created_at=now, updated_at=now, revision_number=0)
    return values


def apply(row, values):
    """Set columns on ``row`` and bump its revision when anything changed."""
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    if changed:
        bump(row)
    return changed


def bump(row):
    row.updated_at = utils.utcnow()
    row.revision_number += 1
