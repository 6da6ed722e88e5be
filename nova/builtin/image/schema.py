"""What an image record may hold, and the checks on what callers send.

One table of JSON schema fragments (``FIELDS``) drives both validation of
create/patch requests and the ``/v2/schemas/image`` document, so the two
cannot drift apart. Problems are raised as ``webob.exc`` errors carrying a
message for the caller.
"""

import jsonschema
from webob import exc

from nova.api import echo

UUID_PATTERN = ('^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}'
                '-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$')
DISK_FORMATS = ('ami', 'ari', 'aki', 'vhd', 'vhdx', 'vmdk', 'raw', 'qcow2',
                'vdi', 'iso', 'ploop')
CONTAINER_FORMATS = ('ami', 'ari', 'aki', 'bare', 'ovf', 'ova', 'docker',
                     'compressed')
VISIBILITIES = ('community', 'public', 'private', 'shared')
STATUSES = ('queued', 'saving', 'active', 'killed', 'deleted', 'uploading',
            'importing', 'pending_delete', 'deactivated')
MAX_TAGS = 128
MAX_INT = 2 ** 31 - 1

# Fields a caller may set, with the schema their value must match.
FIELDS = {
    'id': {'type': 'string', 'pattern': UUID_PATTERN,
           'description': 'An identifier for the image'},
    'name': {'type': ['null', 'string'], 'maxLength': 255,
             'description': 'Descriptive name for the image'},
    'visibility': {'type': 'string', 'enum': list(VISIBILITIES),
                   'description': 'Scope of image accessibility'},
    'protected': {'type': 'boolean',
                  'description': 'If true, image will not be deletable.'},
    'os_hidden': {'type': 'boolean',
                  'description': 'If true, image will not appear in default '
                                 'image list response.'},
    'owner': {'type': ['null', 'string'], 'maxLength': 255,
              'description': 'Owner of the image'},
    'container_format': {'type': ['null', 'string'],
                         'enum': [None] + list(CONTAINER_FORMATS),
                         'description': 'Format of the container'},
    'disk_format': {'type': ['null', 'string'],
                    'enum': [None] + list(DISK_FORMATS),
                    'description': 'Format of the disk'},
    'min_ram': {'type': 'integer', 'minimum': 0, 'maximum': MAX_INT,
                'description': 'Amount of ram (in MB) required to boot '
                               'image.'},
    'min_disk': {'type': 'integer', 'minimum': 0, 'maximum': MAX_INT,
                 'description': 'Amount of disk space (in GB) required to '
                                'boot image.'},
    'tags': {'type': 'array', 'maxItems': MAX_TAGS,
             'items': {'type': 'string', 'maxLength': 255},
             'description': 'List of strings related to the image'},
}

# Fields only the service sets; callers sending them get 403.
READ_ONLY = {
    'status': {'type': 'string', 'enum': list(STATUSES)},
    'checksum': {'type': ['null', 'string'], 'maxLength': 32},
    'os_hash_algo': {'type': ['null', 'string'], 'maxLength': 64},
    'os_hash_value': {'type': ['null', 'string'], 'maxLength': 128},
    'size': {'type': ['null', 'integer']},
    'virtual_size': {'type': ['null', 'integer']},
    'created_at': {'type': 'string'},
    'updated_at': {'type': 'string'},
    'self': {'type': 'string'},
    'file': {'type': 'string'},
    'schema': {'type': 'string'},
    'direct_url': {'type': 'string'},
    'locations': {'type': 'array'},
    'stores': {'type': 'string'},
}
RESERVED = ('location', 'deleted', 'deleted_at')
RESERVED_PREFIX = 'os_glance'
EXTRA_PROPERTY = {'type': 'string'}

DEFAULTS = {'name': None, 'visibility': 'private', 'protected': False,
            'os_hidden': False, 'container_format': None,
            'disk_format': None, 'min_ram': 0, 'min_disk': 0, 'tags': []}


def image_schema():
    """The JSON schema document describing one image."""
    properties = {name: dict(spec) for name, spec in FIELDS.items()}
    for name, spec in READ_ONLY.items():
        properties[name] = dict(spec, readOnly=True)
    return {
        'name': 'image',
        'properties': properties,
        'additionalProperties': EXTRA_PROPERTY,
        'links': [
            {'href': '{self}', 'rel': 'self'},
            {'href': '{file}', 'rel': 'enclosure'},
            {'href': '{schema}', 'rel': 'describedby'},
        ],
    }


def images_schema():
    """The JSON schema document describing a page of the image list."""
    return {
        'name': 'images',
        'properties': {
            'images': {'type': 'array', 'items': image_schema()},
            'schema': {'type': 'string'},
            'first': {'type': 'string'},
            'next': {'type': 'string'},
        },
        'links': [
            {'href': '{first}', 'rel': 'first'},
            {'href': '{next}', 'rel': 'next'},
            {'href': '{schema}', 'rel': 'describedby'},
        ],
    }


def _check(name, value, spec):
    try:
        jsonschema.Draft4Validator(spec).validate(value)
    except jsonschema.ValidationError as e:
        raise exc.HTTPBadRequest(
            explanation="Invalid value for '%s': %s" % (
                name, echo.schema_message(e)))


def check_settable(name):
    """Raise 403 unless a caller may set attribute ``name``."""
    if name in READ_ONLY:
        raise exc.HTTPForbidden(
            explanation="Attribute '%s' is read-only." % name)
    if name in RESERVED or name.startswith(RESERVED_PREFIX):
        raise exc.HTTPForbidden(
            explanation="Attribute '%s' is reserved." % name)
    if not name or len(name) > 255:
        raise exc.HTTPBadRequest(
            explanation='Property names must have 1 to 255 characters.')


def check_value(name, value):
    """Validate ``value`` for attribute ``name``; returns it normalised."""
    _check(name, value, FIELDS.get(name, EXTRA_PROPERTY))
    if name == 'tags':
        # Tags form a set; keep the caller's order, drop repeats.
        return list(dict.fromkeys(value))
    return value


def parse_create(body):
    """Split a create request body into (columns, properties).

    Columns get their defaults; ``owner`` and ``id`` stay absent unless
    the caller sent them.
    """
    if not isinstance(body, dict):
        raise exc.HTTPBadRequest(
            explanation='The request body must be a JSON object.')
    columns, properties = dict(DEFAULTS), {}
    for name, value in body.items():
        check_settable(name)
        value = check_value(name, value)
        if name in FIELDS:
            columns[name] = value
        else:
            properties[name] = value
    return columns, properties


def _unescape(segment):
    return segment.replace('~1', '/').replace('~0', '~')


def from_old_patch(body):
    """A v2.0 JSON-patch body (``{"replace": "/name", "value": ...}``)
    in the v2.1 form ``parse_patch`` reads; anything malformed is passed
    on for it to refuse."""
    if not isinstance(body, list):
        return body
    converted = []
    for op in body:
        kinds = [k for k in ('add', 'replace', 'remove')
                 if isinstance(op, dict) and k in op]
        if len(kinds) != 1:
            converted.append(op)
            continue
        new = {'op': kinds[0], 'path': op[kinds[0]]}
        if 'value' in op:
            new['value'] = op['value']
        converted.append(new)
    return converted


def parse_patch(body):
    """Turn a JSON-patch document into a list of (op, name, value).

    Only single-segment paths are accepted: every image attribute sits at
    the top level of the image document.
    """
    if not isinstance(body, list):
        raise exc.HTTPBadRequest(
            explanation='Request body must be a JSON array of operation '
                        'objects.')
    changes = []
    for op in body:
        if not isinstance(op, dict):
            raise exc.HTTPBadRequest(
                explanation='Operations must be JSON objects.')
        kind, path = op.get('op'), op.get('path')
        if kind not in ('add', 'replace', 'remove'):
            raise exc.HTTPBadRequest(
                explanation="Invalid operation: '%s'. It must be one of "
                            "add, replace, remove." % (kind,))
        if (not isinstance(path, str) or not path.startswith('/')
                or '/' in path[1:] or len(path) < 2):
            raise exc.HTTPBadRequest(
                explanation="Invalid JSON pointer for this resource: "
                            "'%s'" % (path,))
        if kind != 'remove' and 'value' not in op:
            raise exc.HTTPBadRequest(
                explanation="Operation '%s' requires a member named "
                            "'value'." % kind)
        changes.append((kind, _unescape(path[1:]), op.get('value')))
    return changes


def apply_patch(record, changes):
    """Apply parsed patch ``changes`` to a copy of ``record``.

    Returns the dict of column values to store (``properties`` included
    when custom properties change).
    """
    columns, properties = {}, dict(record['properties'])
    for kind, name, value in changes:
        check_settable(name)
        if name == 'id':
            raise exc.HTTPForbidden(
                explanation="Attribute 'id' is read-only.")
        if name in FIELDS:
            if kind == 'remove':
                raise exc.HTTPForbidden(
                    explanation='Property %s may not be removed.' % name)
            columns[name] = check_value(name, value)
            continue
        if kind != 'add' and name not in properties:
            raise exc.HTTPConflict(
                explanation='Property %s does not exist.' % name)
        if kind == 'remove':
            del properties[name]
        else:
            properties[name] = check_value(name, value)
    if properties != record['properties']:
        columns['properties'] = properties
    return columns
