"""Records of the built-in identity service.

``IdentityStore`` owns ``identity.sqlite`` under a state directory. It
knows nothing about HTTP or callers: it hands out plain dicts (one key per
column of the ``models`` table) and raises ``NotFound``/``Conflict``.
Every method is safe to call from many threads.
"""

import os
import threading
import uuid

import sqlalchemy as sa
from sqlalchemy import orm

from nova.builtin.identity import models
from nova.builtin.identity import passwords
from nova import utils

DB_NAME = 'identity.sqlite'
# The roles every deployment has, in the order Keystone's bootstrap makes
# them: admin implies member implies reader in Keystone; here the seed
# gives the roles explicitly instead.
ROLE_NAMES = ('admin', 'member', 'reader')


class StoreError(Exception):
    """Base of the store's errors; the message is safe to show users."""


class NotFound(StoreError):
    def __init__(self, kind, ident):
        super().__init__('Could not find %s: %s.' % (kind, ident))
        self.kind = kind


class Conflict(StoreError):
    pass


def new_id():
    return uuid.uuid4().hex


class IdentityStore:
    """Projects, users, roles, assignments and tokens in one SQLite file."""

    def __init__(self, state_dir):
        self.state_dir = os.path.abspath(state_dir)
        os.makedirs(self.state_dir, exist_ok=True)
        db_path = os.path.join(self.state_dir, DB_NAME)
        # NOTE: one lock serialises database access; SQLite allows one
        # writer at a time and this service sees little load.
        self._lock = threading.RLock()
        self._engine = sa.create_engine(
            'sqlite:///%s' % db_path,
            connect_args={'check_same_thread': False, 'timeout': 30})
        models.Base.metadata.create_all(self._engine)
        self._sessionmaker = orm.sessionmaker(self._engine,
                                              expire_on_commit=False)
        for name in ROLE_NAMES:
            self._ensure_role(name)

    def close(self):
        self._engine.dispose()

    def _session(self):
        return self._sessionmaker()

    def _get(self, model, kind, ident):
        with self._lock, self._session() as session:
            row = session.get(model, ident)
            if row is None:
                raise NotFound(kind, ident)
            return models.to_dict(row)

    def _list(self, model, **equal):
        query = sa.select(model)
        for name, value in equal.items():
            if value is not None:
                query = query.where(getattr(model, name) == value)
        with self._lock, self._session() as session:
            return [models.to_dict(row) for row in session.scalars(query)]

    def _insert(self, model, kind, values):
        with self._lock, self._session() as session:
            clash = session.scalars(sa.select(model).where(
                model.name == values['name'])).first()
            if clash is not None:
                raise Conflict('Conflict occurred attempting to store %s - '
                               'Duplicate entry found with name %s.'
                               % (kind, values['name']))
            row = model(**values)
            session.add(row)
            session.commit()
            return models.to_dict(row)

    # -- projects, users, roles ---------------------------------------------

    def create_project(self, name, description='', enabled=True,
                       project_id=None):
        """Add a project; raises Conflict if the name is taken."""
        return self._insert(models.Project, 'project', {
            'id': project_id or new_id(), 'name': name,
            'description': description, 'enabled': enabled})

    def get_project(self, project_id):
        return self._get(models.Project, 'project', project_id)

    def list_projects(self, name=None):
        return self._list(models.Project, name=name)

    def create_user(self, name, password=None, enabled=True,
                    default_project_id=None, description=None, email=None,
                    user_id=None):
        """Add a user; raises Conflict if the name is taken."""
        return self._insert(models.User, 'user', {
            'id': user_id or new_id(), 'name': name,
            'password_hash': (passwords.hash_password(password)
                              if password is not None else None),
            'enabled': enabled, 'default_project_id': default_project_id,
            'description': description, 'email': email})

    def get_user(self, user_id):
        return self._get(models.User, 'user', user_id)

    def list_users(self, name=None):
        return self._list(models.User, name=name)

    def set_password(self, user_id, password):
        with self._lock, self._session() as session:
            row = session.get(models.User, user_id)
            if row is None:
                raise NotFound('user', user_id)
            row.password_hash = passwords.hash_password(password)
            session.commit()

    def _ensure_role(self, name):
        if not self.list_roles(name=name):
            try:
                self._insert(models.Role, 'role',
                             {'id': new_id(), 'name': name})
            except Conflict:
                pass

    def get_role(self, role_id):
        return self._get(models.Role, 'role', role_id)

    def list_roles(self, name=None):
        return self._list(models.Role, name=name)

    # -- role assignments ------------------------------------------------

    def add_assignment(self, user_id, project_id, role_id):
        """Grant a role on a project; granting it twice is harmless."""
        self.get_user(user_id)
        self.get_project(project_id)
        self.get_role(role_id)
        with self._lock, self._session() as session:
            key = (user_id, project_id, role_id)
            if session.get(models.Assignment, key) is None:
                session.add(models.Assignment(
                    user_id=user_id, project_id=project_id,
                    role_id=role_id))
                session.commit()

    def list_assignments(self, user_id=None, project_id=None, role_id=None):
        return self._list(models.Assignment, user_id=user_id,
                          project_id=project_id, role_id=role_id)

    def roles_on(self, user_id, project_id):
        """The role dicts ``user_id`` holds on ``project_id``, by name."""
        query = (sa.select(models.Role)
                 .join(models.Assignment,
                       models.Assignment.role_id == models.Role.id)
                 .where(models.Assignment.user_id == user_id,
                        models.Assignment.project_id == project_id)
                 .order_by(models.Role.name))
        with self._lock, self._session() as session:
            return [models.to_dict(row) for row in session.scalars(query)]

    def projects_of(self, user_id):
        """The enabled projects where ``user_id`` holds any role."""
        query = (sa.select(models.Project)
                 .join(models.Assignment,
                       models.Assignment.project_id == models.Project.id)
                 .where(models.Assignment.user_id == user_id,
                        models.Project.enabled.is_(True))
                 .distinct().order_by(models.Project.name))
        with self._lock, self._session() as session:
            return [models.to_dict(row) for row in session.scalars(query)]

    # -- tokens ------------------------------------------------------------

    def create_token(self, token_id, user_id, project_id, methods,
                     audit_ids, expires_at):
        """Store a token; also drops the tokens that have expired."""
        now = utils.utcnow()
        with self._lock, self._session() as session:
            session.execute(sa.delete(models.Token).where(
                models.Token.expires_at <= now))
            row = models.Token(
                id=token_id, user_id=user_id, project_id=project_id,
                methods=list(methods), audit_ids=list(audit_ids),
                issued_at=now, expires_at=expires_at)
            session.add(row)
            session.commit()
            return models.to_dict(row)

    def get_token(self, token_id):
        """The token's dict, or None if unknown, revoked or expired."""
        if not token_id:
            return None
        with self._lock, self._session() as session:
            row = session.get(models.Token, token_id)
            if row is None or row.expires_at <= utils.utcnow():
                return None
            return models.to_dict(row)

    def delete_token(self, token_id):
        """Revoke a token; False if there was no such token."""
        with self._lock, self._session() as session:
            result = session.execute(sa.delete(models.Token).where(
                models.Token.id == token_id))
            session.commit()
            return result.rowcount > 0
