"""Registering the default image of a fresh all-in-one deployment."""

import os

from nova.builtin.image import store as image_store
from nova.builtin.image import views

# Fixed so that seeding twice finds the first image instead of adding one.
DEFAULT_IMAGE_ID = '155d900f-4e14-4e4c-a73d-069cbf4541e6'
DEFAULT_IMAGE_NAME = 'tiny'
# A blank raw disk of 1 MiB: nothing boots from it, but every virt driver
# can attach it, and its size keeps min_disk arithmetic sane.
DEFAULT_IMAGE_SIZE = 1024 * 1024


def _store_of(target):
    if isinstance(target, image_store.ImageStore):
        return target, False
    if isinstance(target, (str, os.PathLike)):
        return image_store.ImageStore(target), True
    return target.store, False


def _chunks(data, path):
    if path is not None:
        with open(path, 'rb') as handle:
            while chunk := handle.read(image_store.CHUNK_SIZE):
                yield chunk
    elif data is not None:
        yield data
    else:
        zeros = b'\0' * image_store.CHUNK_SIZE
        for _ in range(DEFAULT_IMAGE_SIZE // image_store.CHUNK_SIZE):
            yield zeros


def seed_default_image(target, name=DEFAULT_IMAGE_NAME, data=None,
                       path=None, disk_format='raw',
                       container_format='bare',
                       image_id=DEFAULT_IMAGE_ID, owner=None):
    """Make sure the default public image exists and is active.

    ``target`` is a state directory, an ``ImageStore`` or the app from
    ``create_app``. The bits come from ``path`` or ``data`` (bytes), else
    a blank 1 MiB raw disk. Idempotent: an existing active image with
    ``image_id`` is left alone. Returns the image's Glance v2 view.
    """
    store, owned = _store_of(target)
    try:
        try:
            record = store.get(image_id)
        except image_store.ImageMissing:
            record = store.create({
                'id': image_id, 'name': name, 'status': 'queued',
                'visibility': 'public', 'protected': False,
                'os_hidden': False, 'owner': owner, 'min_ram': 0,
                'min_disk': 0, 'disk_format': disk_format,
                'container_format': container_format, 'tags': [],
                'properties': {},
            })
        if record['status'] == 'queued':
            record = store.upload(image_id, _chunks(data, path),
                                  max_size=2 ** 63)
        return views.image(record)
    finally:
        if owned:
            store.close()
