"""JSON documents the built-in image service answers with."""

from urllib import parse

# The newest Images API version the service claims, and the older ones it
# lists as supported so version discovery in clients picks v2.
CURRENT_VERSION = (2, 16)


def _isotime(value):
    return value.strftime('%Y-%m-%dT%H:%M:%SZ') if value else None


def image(record):
    """The Glance v2 view of a store record."""
    image_id = record['id']
    view = {
        'id': image_id,
        'name': record['name'],
        'status': record['status'],
        'visibility': record['visibility'],
        'protected': record['protected'],
        'os_hidden': record['os_hidden'],
        'checksum': record['checksum'],
        'os_hash_algo': record['os_hash_algo'],
        'os_hash_value': record['os_hash_value'],
        'owner': record['owner'],
        'size': record['size'],
        'virtual_size': record['virtual_size'],
        'min_ram': record['min_ram'],
        'min_disk': record['min_disk'],
        'disk_format': record['disk_format'],
        'container_format': record['container_format'],
        'created_at': _isotime(record['created_at']),
        'updated_at': _isotime(record['updated_at']),
        'tags': list(record['tags']),
        'self': '/v2/images/%s' % image_id,
        'file': '/v2/images/%s/file' % image_id,
        'schema': '/v2/schemas/image',
    }
    # Custom properties sit next to the base attributes; they can never
    # shadow one because the schema forbids those names as properties.
    for name, value in record['properties'].items():
        view.setdefault(name, value)
    return view


def image_list(records, params, next_marker):
    """A page of images with ``first``/``next`` links.

    ``params`` are the query parameters of the request as (key, value)
    pairs; the links repeat them with the marker replaced.
    """
    kept = [(k, v) for k, v in params if k != 'marker']
    doc = {
        'images': [image(r) for r in records],
        'first': _with_query('/v2/images', kept),
        'schema': '/v2/schemas/images',
    }
    if next_marker is not None:
        doc['next'] = _with_query('/v2/images',
                                  kept + [('marker', next_marker)])
    return doc


def _with_query(path, params):
    return '%s?%s' % (path, parse.urlencode(params)) if params else path


def versions(host_url):
    """The version document served at ``/`` and ``/versions``."""
    href = '%s/v2/' % host_url.rstrip('/')
    major, newest = CURRENT_VERSION
    return {'versions': [
        {'id': 'v%d.%d' % (major, minor),
         'status': 'CURRENT' if minor == newest else 'SUPPORTED',
         'links': [{'rel': 'self', 'href': href}]}
        for minor in range(newest, -1, -1)
    ]}
