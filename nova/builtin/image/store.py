"""Records and bits of the built-in image service.

``ImageStore`` owns ``images.sqlite`` and the ``images/`` directory under a
state directory. It knows nothing about HTTP or callers: it stores plain
dicts (one key per column of ``models.Image``) and enforces only the
status transitions of an upload (queued -> saving -> active). Every method
is safe to call from many threads.
"""

import hashlib
import os
import threading

import sqlalchemy as sa
from sqlalchemy import orm

from nova.builtin.image import models
from nova import utils

CHUNK_SIZE = 64 * 1024


class StoreError(Exception):
    """Base of the store's errors; the message is safe to show users."""


class ImageMissing(StoreError):
    pass


class ImageConflict(StoreError):
    pass


class ImageTooLarge(StoreError):
    pass


def _to_dict(row):
    record = {name: getattr(row, name) for name in models.COLUMNS}
    record['tags'] = list(record['tags'] or [])
    record['properties'] = dict(record['properties'] or {})
    return record


class ImageStore:
    """SQLite records plus one file per image under ``state_dir``."""

    def __init__(self, state_dir):
        self.state_dir = os.path.abspath(state_dir)
        self.data_dir = os.path.join(self.state_dir, 'images')
        os.makedirs(self.data_dir, exist_ok=True)
        db_path = os.path.join(self.state_dir, 'images.sqlite')
        # NOTE: one process-wide lock serialises database access; SQLite
        # allows one writer at a time and this service sees little load.
        self._lock = threading.RLock()
        self._engine = sa.create_engine(
            'sqlite:///%s' % db_path,
            connect_args={'check_same_thread': False, 'timeout': 30})
        models.Base.metadata.create_all(self._engine)
        self._sessionmaker = orm.sessionmaker(self._engine,
                                              expire_on_commit=False)

    def close(self):
        self._engine.dispose()

    def data_path(self, image_id):
        return os.path.join(self.data_dir, image_id)

    # -- records -----------------------------------------------------------

    def create(self, values):
        """Insert a record; raises ImageConflict if the id is taken."""
        now = utils.utcnow()
        values = dict(values, created_at=now, updated_at=now)
        with self._lock, self._sessionmaker() as session:
            if session.get(models.Image, values['id']) is not None:
                raise ImageConflict(
                    'Image ID %s already exists.' % values['id'])
            row = models.Image(**values)
            session.add(row)
            session.commit()
            return _to_dict(row)

    def get(self, image_id):
        """Return the record of ``image_id``; raises ImageMissing."""
        with self._lock, self._sessionmaker() as session:
            row = session.get(models.Image, image_id)
            if row is None:
                raise ImageMissing('No image found with ID %s' % image_id)
            return _to_dict(row)

    def list(self, **equal):
        """Return all records whose columns equal the given values.

        A value that is a tuple matches any of its members.
        """
        query = sa.select(models.Image)
        for name, value in equal.items():
            column = getattr(models.Image, name)
            if isinstance(value, tuple):
                query = query.where(column.in_(value))
            else:
                query = query.where(column == value)
        with self._lock, self._sessionmaker() as session:
            return [_to_dict(row) for row in session.scalars(query)]

    def update(self, image_id, values, expect_status=None):
        """Set columns of a record and return it.

        With ``expect_status`` the update only happens while the record is
        in that status, else ImageConflict is raised.
        """
        with self._lock, self._sessionmaker() as session:
            row = session.get(models.Image, image_id)
            if row is None:
                raise ImageMissing('No image found with ID %s' % image_id)
            if expect_status is not None and row.status != expect_status:
                raise ImageConflict(
                    'Image status transition from %s to %s is not allowed'
                    % (row.status, values.get('status', expect_status)))
            for name, value in values.items():
                setattr(row, name, value)
            row.updated_at = utils.utcnow()
            session.commit()
            return _to_dict(row)

    def delete(self, image_id):
        """Remove a record and its bits; raises ImageMissing."""
        with self._lock, self._sessionmaker() as session:
            row = session.get(models.Image, image_id)
            if row is None:
                raise ImageMissing('No image found with ID %s' % image_id)
            session.delete(row)
            session.commit()
        try:
            os.unlink(self.data_path(image_id))
        except FileNotFoundError:
            pass

    # -- bits ----------------------------------------------------------------

    def upload(self, image_id, chunks, max_size):
        """Store the bits of a queued image from an iterable of chunks.

        Moves the image queued -> saving while the data arrives and to
        active once it is complete, with size and checksums set. On any
        failure the image goes back to queued and partial data is removed.
        Raises ImageConflict if the image is not queued and ImageTooLarge
        beyond ``max_size`` bytes.
        """
        self.update(image_id, {'status': 'saving'}, expect_status='queued')
        partial = self.data_path(image_id) + '.part'
        try:
            size, md5, sha512 = _write_chunks(partial, chunks, max_size)
            os.replace(partial, self.data_path(image_id))
            return self.update(image_id, {
                'status': 'active', 'size': size, 'checksum': md5,
                'os_hash_algo': 'sha512', 'os_hash_value': sha512,
            }, expect_status='saving')
        except BaseException:
            _remove_quietly(partial)
            try:
                self.update(image_id, {'status': 'queued'},
                            expect_status='saving')
            except ImageMissing:
                # Deleted while the data arrived: drop what was stored.
                _remove_quietly(self.data_path(image_id))
            except StoreError:
                pass
            raise

    def open_data(self, image_id):
        """Return an open binary file of the image's bits, or None."""
        try:
            return open(self.data_path(image_id), 'rb')
        except FileNotFoundError:
            return None


def _write_chunks(path, chunks, max_size):
    md5 = hashlib.md5(usedforsecurity=False)
    sha512 = hashlib.sha512()
    size = 0
    with open(path, 'wb') as out:
        for chunk in chunks:
            size += len(chunk)
            if size > max_size:
                raise ImageTooLarge(
                    'Image exceeds the storage quota of %d bytes.'
                    % max_size)
            md5.update(chunk)
            sha512.update(chunk)
            out.write(chunk)
    return size, md5.hexdigest(), sha512.hexdigest()


def _remove_quietly(path):
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
