"""ConsoleAuthToken: a remote console handed out to a user, kept in the
``console_auth_tokens`` table of the server's cell until it expires.

The compute host that hands the console out stores it (through the
conductor, like every object it writes); a console proxy, or an admin with
``GET /os-console-auth-tokens/{console_token}``, turns the token back into
the guest's host and port. Only the sha256 of the token is stored: the
token itself lives in the URL given to the user and in the object that
``authorize()`` returns, never in the database. Expired rows are deleted
whenever a new token is stored in the same cell, and with their server.
"""

import hashlib
from urllib import parse

from oslo_db import exception as db_exc
from oslo_utils import timeutils
from oslo_utils import uuidutils
import sqlalchemy as sa

from nova.db.main import api as main_db_api
from nova.db.main import models
from nova import exception
from nova.i18n import _
from nova.objects import base
from nova.objects import fields

# Fields kept in the table (the token is not: only its hash).
_DB_FIELDS = ('id', 'console_type', 'host', 'port', 'tls_port',
              'internal_access_path', 'instance_uuid', 'access_url_base',
              'expires', 'created_at', 'updated_at')
_INPUT_FIELDS = ('console_type', 'host', 'port', 'tls_port',
                 'internal_access_path', 'instance_uuid', 'access_url_base')

# noVNC (1.1 and later) takes the token inside its ``path`` parameter.
_TOKEN_IN_PATH = ('novnc',)


def hash_token(token):
    """The sha256 (hex) under which ``token`` is stored."""
    return hashlib.sha256(token.encode('utf-8')).hexdigest()


def _row_dict(row):
    return {name: getattr(row, name) for name in _DB_FIELDS}


def _expired(now):
    return models.ConsoleAuthToken.expires <= now


@main_db_api.pick_context_manager_writer
def _create(context, values):
    """Insert ``values``, first deleting the cell's expired rows (the lazy
    cleanup: no periodic task is needed)."""
    context.session.execute(sa.delete(models.ConsoleAuthToken).where(
        _expired(timeutils.utcnow_ts())))
    row = models.ConsoleAuthToken(**values)
    context.session.add(row)
    context.session.flush()
    return _row_dict(row)


@main_db_api.pick_context_manager_reader
def _get_valid(context, token_hash):
    token = models.ConsoleAuthToken
    row = context.session.execute(sa.select(token).where(
        token.token_hash == token_hash,
        token.expires > timeutils.utcnow_ts())).scalars().first()
    return None if row is None else _row_dict(row)


@main_db_api.pick_context_manager_writer
def _destroy_all_by_instance(context, instance_uuid):
    context.session.execute(sa.delete(models.ConsoleAuthToken).where(
        models.ConsoleAuthToken.instance_uuid == instance_uuid))


@main_db_api.pick_context_manager_writer
def _destroy_expired(context):
    context.session.execute(sa.delete(models.ConsoleAuthToken).where(
        _expired(timeutils.utcnow_ts())))


def access_url(console_type, base_url, token):
    """The URL a user opens: ``base_url`` with ``token`` as a query
    parameter; for noVNC inside the ``path`` parameter (``?path=%3Ftoken
    %3D<token>``, after a ``path`` the base URL already has)."""
    if console_type not in _TOKEN_IN_PATH:
        return '%s?token=%s' % (base_url, token)
    parts = parse.urlparse(base_url)
    query = parse.parse_qs(parts.query)
    query['path'] = ['%s?token=%s' % (query.get('path', [''])[0], token)]
    return parts._replace(query=parse.urlencode(query, doseq=True)).geturl()


@base.NovaObjectRegistry.register
class ConsoleAuthToken(base.NovaTimestampObject, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        # novnc, spice-html5, spice-direct, serial or webmks
        'console_type': fields.StringField(),
        # Where the guest's console server listens, for the proxy.
        'host': fields.StringField(),
        'port': fields.IntegerField(),
        'tls_port': fields.IntegerField(nullable=True),
        'internal_access_path': fields.StringField(nullable=True),
        'instance_uuid': fields.UUIDField(),
        'access_url_base': fields.StringField(nullable=True),
        # The token in clear; never stored (only its sha256 is).
        'token': fields.StringField(),
        # Seconds since the epoch (UTC) after which the token is invalid.
        'expires': fields.IntegerField(),
    }

    @property
    def access_url(self):
        """The URL handed to the user (None before ``authorize()``)."""
        if not self.obj_attr_is_set('token'):
            return None
        return access_url(self.console_type, self.access_url_base,
                          self.token)

    def _fill(self, values, token):
        for name, value in values.items():
            setattr(self, name, value)
        self.token = token
        self.obj_reset_changes()
        return self

    @base.remotable
    def authorize(self, ttl):
        """Store this console under a new random token valid for ``ttl``
        seconds and return the token (also set as ``token``, with ``id``
        and ``expires``). Raises ObjectActionError for an object already
        stored, TokenInUse on the (improbable) clash of two tokens."""
        if self.obj_attr_is_set('id'):
            raise exception.ObjectActionError(
                action='authorize',
                reason=_('the console is already authorized'))
        token = uuidutils.generate_uuid()
        values = {name: getattr(self, name) for name in _INPUT_FIELDS
                  if self.obj_attr_is_set(name)}
        values.update(token_hash=hash_token(token),
                      expires=timeutils.utcnow_ts() + ttl)
        try:
            row = _create(self._context, values)
        except db_exc.DBDuplicateEntry:
            raise exception.TokenInUse()
        self._fill(row, token)
        return token

    @base.remotable_classmethod
    def validate(cls, context, token):
        """The console ``token`` opens, while it has not expired; raises
        InvalidToken for an unknown or expired token."""
        values = _get_valid(context, hash_token(token))
        if values is None:
            raise exception.InvalidToken(token='***')
        return cls(context=context)._fill(values, token)

    @base.remotable_classmethod
    def clean_console_auths_for_instance(cls, context, instance_uuid):
        """Delete every token of ``instance_uuid``, expired or not."""
        _destroy_all_by_instance(context, instance_uuid)

    @base.remotable_classmethod
    def clean_expired_console_auths(cls, context):
        """Delete the expired tokens of the cell."""
        _destroy_expired(context)
