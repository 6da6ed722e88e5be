"""KeyPair: a user's SSH public key or x509 certificate, known by a name
unique for the user. Lives in the API database (``key_pairs``).

Key pairs are hard-deleted: ``deleted`` is always False and
``deleted_at`` None; the fields exist because the os-keypairs show view
carries them.
"""

from oslo_db import exception as db_exc
import sqlalchemy as sa

from nova.db.api import api as api_db_api
from nova.db.api import models as api_models
from nova import exception
from nova.objects import base
from nova.objects import fields

KEYPAIR_TYPE_SSH = 'ssh'
KEYPAIR_TYPE_X509 = 'x509'
KEYPAIR_TYPES = (KEYPAIR_TYPE_SSH, KEYPAIR_TYPE_X509)

_COLUMNS = ('id', 'name', 'user_id', 'fingerprint', 'public_key', 'type',
            'created_at', 'updated_at')


def _values(db_keypair):
    return {column: getattr(db_keypair, column) for column in _COLUMNS}


def _by_name(context, user_id, name):
    return context.session.execute(sa.select(api_models.KeyPair).where(
        api_models.KeyPair.user_id == user_id,
        api_models.KeyPair.name == name)).scalars().first()


@api_db_api.context_manager.reader
def _get(context, user_id, name):
    db_keypair = _by_name(context, user_id, name)
    if db_keypair is None:
        raise exception.KeypairNotFound(user_id=user_id, name=name)
    return _values(db_keypair)


@api_db_api.context_manager.writer
def _create(context, values):
    if _by_name(context, values['user_id'], values['name']) is not None:
        raise exception.KeyPairExists(key_name=values['name'])
    db_keypair = api_models.KeyPair(**values)
    context.session.add(db_keypair)
    try:
        context.session.flush()
    except db_exc.DBDuplicateEntry:
        # Another request created it since we looked.
        raise exception.KeyPairExists(key_name=values['name'])
    return _values(db_keypair)


@api_db_api.context_manager.writer
def _destroy(context, user_id, name):
    deleted = context.session.execute(sa.delete(api_models.KeyPair).where(
        api_models.KeyPair.user_id == user_id,
        api_models.KeyPair.name == name)).rowcount
    if not deleted:
        raise exception.KeypairNotFound(user_id=user_id, name=name)


@api_db_api.context_manager.reader
def _get_all(context, user_id, limit, marker):
    query = sa.select(api_models.KeyPair).where(
        api_models.KeyPair.user_id == user_id)
    if marker is not None:
        if _by_name(context, user_id, marker) is None:
            raise exception.MarkerNotFound(marker=marker)
        query = query.where(api_models.KeyPair.name > marker)
    query = query.order_by(api_models.KeyPair.name, api_models.KeyPair.id)
    if limit is not None:
        query = query.limit(limit)
    return [_values(k) for k in context.session.execute(query).scalars()]


@api_db_api.context_manager.reader
def _count(context, user_id):
    return context.session.execute(sa.select(sa.func.count()).where(
        api_models.KeyPair.user_id == user_id)).scalar()


def _from_values(context, values):
    keypair = KeyPair(context=context, deleted=False, deleted_at=None,
                      **values)
    keypair.obj_reset_changes()
    return keypair


@base.NovaObjectRegistry.register
class KeyPair(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'name': fields.StringField(),
        'user_id': fields.StringField(),
        'fingerprint': fields.StringField(nullable=True),
        'public_key': fields.StringField(nullable=True),
        'type': fields.EnumField(KEYPAIR_TYPES),
        'created_at': fields.DateTimeField(nullable=True),
        'updated_at': fields.DateTimeField(nullable=True),
        'deleted': fields.BooleanField(default=False),
        'deleted_at': fields.DateTimeField(nullable=True),
    }

    @base.remotable_classmethod
    def get_by_name(cls, context, user_id, name):
        """The key pair ``name`` of ``user_id``; KeypairNotFound."""
        return _from_values(context, _get(context, user_id, name))

    @base.remotable
    def create(self):
        """Store the key pair; KeyPairExists when the user has one of
        that name."""
        if self.obj_attr_is_set('id'):
            raise exception.ObjectActionError(action='create',
                                              reason='already created')
        values = _create(self._context, {
            key: getattr(self, key) for key in (
                'name', 'user_id', 'fingerprint', 'public_key', 'type')})
        for key, value in values.items():
            setattr(self, key, value)
        self.deleted = False
        self.deleted_at = None
        self.obj_reset_changes()

    @base.remotable_classmethod
    def destroy_by_name(cls, context, user_id, name):
        """Forget the key pair ``name`` of ``user_id``; KeypairNotFound."""
        _destroy(context, user_id, name)

    @base.remotable
    def destroy(self):
        _destroy(self._context, self.user_id, self.name)


@base.NovaObjectRegistry.register
class KeyPairList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {'objects': fields.ListOfObjectsField('KeyPair')}

    @base.remotable_classmethod
    def get_by_user(cls, context, user_id, limit=None, marker=None):
        """The key pairs of ``user_id`` by name; ``marker``: the name of
        the last one seen (MarkerNotFound when the user has none of that
        name), ``limit``: at most this many."""
        return cls(context=context, objects=[
            _from_values(context, values)
            for values in _get_all(context, user_id, limit, marker)])

    @base.remotable_classmethod
    def get_count_by_user(cls, context, user_id):
        """How many key pairs ``user_id`` has."""
        return _count(context, user_id)
