"""JSON documents of the built-in identity service, shaped like Keystone's.

Every function takes ``base``, the service's public URL without a
trailing slash, to build the ``links``.
"""

from nova.builtin.identity import credentials

VERSION_ID = 'v3.14'
VERSION_UPDATED = '2020-04-07T00:00:00Z'
MEDIA_TYPES = [{'base': 'application/json',
                'type': 'application/vnd.openstack.identity-v3+json'}]
TIME_FORMAT = '%Y-%m-%dT%H:%M:%S.%fZ'


def format_time(moment):
    return moment.strftime(TIME_FORMAT)


def _v3_version(base):
    return {'id': VERSION_ID, 'status': 'stable',
            'updated': VERSION_UPDATED,
            'links': [{'rel': 'self', 'href': base + '/v3/'}],
            'media-types': MEDIA_TYPES}


def version(base):
    """The document of ``GET /v3``."""
    return {'version': _v3_version(base)}


def versions(base):
    """The multiple-choice document of ``GET /``."""
    return {'versions': {'values': [_v3_version(base)]}}


def collection(base, path, key, items):
    return {key: items,
            'links': {'self': base + path, 'previous': None,
                      'next': None}}


def default_domain(base):
    return {'id': credentials.DEFAULT_DOMAIN_ID,
            'name': credentials.DEFAULT_DOMAIN_NAME,
            'description': 'The default domain', 'enabled': True,
            'tags': [], 'options': {},
            'links': {'self': base + '/v3/domains/default'}}


def _domain_ref():
    return {'id': credentials.DEFAULT_DOMAIN_ID,
            'name': credentials.DEFAULT_DOMAIN_NAME}


def project(base, record):
    return {'id': record['id'], 'name': record['name'],
            'description': record['description'],
            'enabled': record['enabled'],
            'domain_id': credentials.DEFAULT_DOMAIN_ID,
            'parent_id': credentials.DEFAULT_DOMAIN_ID,
            'is_domain': False, 'tags': [], 'options': {},
            'links': {'self': base + '/v3/projects/' + record['id']}}


def user(base, record):
    doc = {'id': record['id'], 'name': record['name'],
           'enabled': record['enabled'],
           'domain_id': credentials.DEFAULT_DOMAIN_ID,
           'password_expires_at': None, 'options': {},
           'links': {'self': base + '/v3/users/' + record['id']}}
    for optional in ('default_project_id', 'description', 'email'):
        if record[optional] is not None:
            doc[optional] = record[optional]
    return doc


def role(base, record):
    return {'id': record['id'], 'name': record['name'], 'domain_id': None,
            'description': None, 'options': {},
            'links': {'self': base + '/v3/roles/' + record['id']}}


def role_assignment(base, record):
    link = '%s/v3/projects/%s/users/%s/roles/%s' % (
        base, record['project_id'], record['user_id'], record['role_id'])
    return {'role': {'id': record['role_id']},
            'user': {'id': record['user_id']},
            'scope': {'project': {'id': record['project_id']}},
            'links': {'assignment': link}}


def service(base, record):
    return {'id': record['id'], 'type': record['type'],
            'name': record['name'], 'enabled': True,
            'description': '',
            'links': {'self': base + '/v3/services/' + record['id']}}


def endpoint(base, record):
    return dict(record, enabled=True,
                links={'self': base + '/v3/endpoints/' + record['id']})


def token(record, user_record, project_record, roles, catalog):
    """The ``{"token": ...}`` document of a token.

    ``project_record`` is None for an unscoped token; ``catalog`` is None
    to leave the catalog out (``?nocatalog``).
    """
    body = {
        'methods': list(record['methods']),
        'user': {'id': user_record['id'], 'name': user_record['name'],
                 'domain': _domain_ref(), 'password_expires_at': None},
        'audit_ids': list(record['audit_ids']),
        'issued_at': format_time(record['issued_at']),
        'expires_at': format_time(record['expires_at']),
    }
    if project_record is not None:
        body['project'] = {'id': project_record['id'],
                           'name': project_record['name'],
                           'domain': _domain_ref()}
        body['is_domain'] = False
        body['roles'] = [{'id': r['id'], 'name': r['name']} for r in roles]
        if catalog is not None:
            body['catalog'] = catalog
    return {'token': body}
