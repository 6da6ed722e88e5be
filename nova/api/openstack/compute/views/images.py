"""The image proxy's views (``/images``, microversions 2.1-2.35): images
of the image service (Glance v2 documents) shown as Nova's API shows
them."""

from oslo_utils import timeutils

from nova.api.openstack import common

# Attributes Glance keeps itself; everything else on an image is one of
# its properties, shown as ``metadata``.
CORE_ATTRIBUTES = frozenset((
    'id', 'name', 'status', 'visibility', 'protected', 'os_hidden',
    'checksum', 'os_hash_algo', 'os_hash_value', 'owner', 'size',
    'virtual_size', 'min_ram', 'min_disk', 'disk_format',
    'container_format', 'created_at', 'updated_at', 'tags', 'self', 'file',
    'schema', 'direct_url', 'locations', 'stores', 'deleted', 'deleted_at',
    'is_public'))

# Glance status -> (API status, progress in percent).
_STATUS = {
    'active': ('ACTIVE', 100),
    'queued': ('SAVING', 25),
    'saving': ('SAVING', 50),
    'uploading': ('SAVING', 50),
    'importing': ('SAVING', 50),
    'deleted': ('DELETED', 0),
    'pending_delete': ('DELETED', 0),
    'killed': ('ERROR', 0),
}


def properties(image):
    """The image's properties: ``{name: value}`` of its non-core
    attributes, as the image service returned them."""
    return {key: value for key, value in image.items()
            if key not in CORE_ATTRIBUTES}


def status(image):
    """The API status (``ACTIVE``, ``SAVING``, ``DELETED``, ``ERROR`` or
    ``UNKNOWN``) of a Glance image."""
    return _STATUS.get(image.get('status'), ('UNKNOWN', 0))[0]


def _isotime(value):
    if not value:
        return None
    return common.isotime(timeutils.parse_isotime(value))


def _links(req, image_id):
    return common.resource_links(req, 'images', image_id)


def basic(req, image):
    return {'id': image['id'], 'name': image.get('name'),
            'links': _links(req, image['id'])}


def show(req, image):
    api_status, progress = _STATUS.get(image.get('status'), ('UNKNOWN', 0))
    metadata = properties(image)
    view = {
        'id': image['id'],
        'name': image.get('name'),
        'minRam': int(image.get('min_ram') or 0),
        'minDisk': int(image.get('min_disk') or 0),
        'metadata': metadata,
        'created': _isotime(image.get('created_at')),
        'updated': _isotime(image.get('updated_at')),
        'status': api_status,
        'progress': progress,
        'links': _links(req, image['id']),
        'OS-EXT-IMG-SIZE:size': image.get('size'),
    }
    server_id = metadata.get('instance_uuid')
    if server_id:
        view['server'] = {
            'id': server_id,
            'links': common.resource_links(req, 'servers', server_id)}
    return view


def list_view(req, images, detail, limit):
    """``{"images": [...]}`` with a next link when the page is full."""
    items = [show(req, i) if detail else basic(req, i) for i in images]
    body = {'images': items}
    if items and limit is not None and len(items) >= limit:
        collection = 'images/detail' if detail else 'images'
        body['images_links'] = [
            common.next_link(req, collection, items[-1]['id'])]
    return body
