"""Users and projects of a fresh all-in-one deployment, and its clouds.yaml.

``seed`` makes the default domain's ``admin`` and ``demo`` projects and
the ``admin``, ``demo`` and ``reader`` users; ``write_clouds_yaml`` writes
the matching entries for openstackclient and openstacksdk.
"""

import os
import secrets

import yaml

from nova.builtin.identity import catalog
from nova.builtin.identity import credentials
from nova.builtin.identity import store as identity_store

# user -> (project, roles on it)
USERS = {
    'admin': ('admin', ('admin', 'member', 'reader')),
    'demo': ('demo', ('member', 'reader')),
    'reader': ('demo', ('reader',)),
}
PROJECTS = {
    'admin': 'Bootstrap project for initializing the cloud.',
    'demo': 'The project of the demo and reader users.',
}


def _store_of(target):
    if isinstance(target, identity_store.IdentityStore):
        return target, False
    if isinstance(target, (str, os.PathLike)):
        return identity_store.IdentityStore(target), True
    return target.store, False


def _ensure(lister, creator, name, **values):
    """Return (record, created) for the record called ``name``."""
    found = lister(name=name)
    if found:
        return found[0], False
    try:
        return creator(name, **values), True
    except identity_store.Conflict:
        # Made by a concurrent seed since the look-up.
        return lister(name=name)[0], False


def seed(target, admin_password=None, demo_password=None,
         reader_password=None):
    """Make sure the default projects, users and role assignments exist.

    ``target`` is a state directory, an ``IdentityStore`` or the app from
    ``create_app``. A password left None is generated (URL-safe random);
    ``reader_password`` defaults to ``demo_password``. Idempotent: nothing
    is duplicated, but every user's password is set to the one returned,
    so the result is always usable. Returns ``{user name: password}``.
    """
    if reader_password is None:
        reader_password = demo_password
    chosen = {'admin': admin_password, 'demo': demo_password,
              'reader': reader_password}
    result = {name: password or secrets.token_urlsafe(18)
              for name, password in chosen.items()}
    store, owned = _store_of(target)
    try:
        projects = {
            name: _ensure(store.list_projects, store.create_project, name,
                          description=description)[0]
            for name, description in PROJECTS.items()}
        roles = {role['name']: role for role in store.list_roles()}
        for name, (project, role_names) in USERS.items():
            user, created = _ensure(store.list_users, store.create_user,
                                    name, password=result[name])
            if not created:
                store.set_password(user['id'], result[name])
            for role_name in role_names:
                store.add_assignment(user['id'], projects[project]['id'],
                                     roles[role_name]['id'])
    finally:
        if owned:
            store.close()
    return result


def clouds(auth_url, passwords):
    """The ``clouds.yaml`` document: one cloud per user in ``passwords``."""
    entries = {}
    for name, password in passwords.items():
        if name not in USERS:
            continue
        entries[name] = {
            'auth': {
                'auth_url': auth_url,
                'username': name,
                'password': password,
                'project_name': USERS[name][0],
                'user_domain_name': credentials.DEFAULT_DOMAIN_NAME,
                'project_domain_name': credentials.DEFAULT_DOMAIN_NAME,
            },
            'region_name': catalog.REGION,
            'identity_api_version': 3,
            'interface': 'public',
        }
    return {'clouds': entries}


def write_clouds_yaml(path, auth_url, passwords):
    """Write ``clouds(auth_url, passwords)`` to ``path``, readable only by
    its owner since it holds passwords. Returns ``path``.
    """
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, 'w') as handle:
        yaml.safe_dump(clouds(auth_url, passwords), handle,
                       default_flow_style=False, sort_keys=False)
    os.chmod(path, 0o600)
    return path
