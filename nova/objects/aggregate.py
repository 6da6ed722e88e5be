"""Aggregate: a named group of compute hosts with key/value metadata.
Lives in the API database (``aggregates``, ``aggregate_hosts``,
``aggregate_metadata``).

The ``availability_zone`` metadata key makes an aggregate an availability
zone: its hosts are in that zone (``nova.availability_zones``). Each
aggregate is mirrored in placement as the provider aggregate of the same
UUID (``nova.compute.aggregates``). Aggregates are hard-deleted:
``deleted`` is always False and ``deleted_at`` None; the fields exist
because the os-aggregates views carry them.
"""

from oslo_db import exception as db_exc
from oslo_utils import uuidutils
import sqlalchemy as sa

from nova.db.api import api as api_db_api
from nova.db.api import models as api_models
from nova import exception
from nova.objects import base
from nova.objects import fields
from nova import utils

AZ_KEY = 'availability_zone'

_COLUMNS = ('id', 'uuid', 'name', 'created_at', 'updated_at')
_AGG = api_models.Aggregate
_HOST = api_models.AggregateHost
_META = api_models.AggregateMetadata


def _with_members(context, rows):
    """Aggregate rows as dicts with their ``hosts`` and ``metadata``."""
    found = {row.id: dict({c: getattr(row, c) for c in _COLUMNS},
                          hosts=[], metadata={}) for row in rows}
    if not found:
        return []
    ids = list(found)
    for agg_id, host in context.session.execute(
            sa.select(_HOST.aggregate_id, _HOST.host).where(
                _HOST.aggregate_id.in_(ids)).order_by(_HOST.id)):
        found[agg_id]['hosts'].append(host)
    for agg_id, key, value in context.session.execute(
            sa.select(_META.aggregate_id, _META.key, _META.value).where(
                _META.aggregate_id.in_(ids))):
        found[agg_id]['metadata'][key] = value
    return list(found.values())


def _row(context, aggregate_id):
    row = context.session.execute(sa.select(_AGG).where(
        _AGG.id == aggregate_id)).scalars().first()
    if row is None:
        raise exception.AggregateNotFound(aggregate_id=aggregate_id)
    return row


def _name_taken(context, name, other_than=None):
    query = sa.select(_AGG.id).where(_AGG.name == name)
    if other_than is not None:
        query = query.where(_AGG.id != other_than)
    return context.session.execute(query).first() is not None


@api_db_api.context_manager.reader
def _get(context, aggregate_id=None, aggregate_uuid=None):
    query = sa.select(_AGG)
    if aggregate_uuid is not None:
        query = query.where(_AGG.uuid == aggregate_uuid)
    else:
        query = query.where(_AGG.id == aggregate_id)
    found = _with_members(context, context.session.execute(query).scalars())
    if not found:
        raise exception.AggregateNotFound(
            aggregate_id=aggregate_uuid or aggregate_id)
    return found[0]


# SELECT * FROM aggregates
#  WHERE id IN (SELECT aggregate_id FROM aggregate_hosts WHERE host = :host)
#    AND id IN (SELECT aggregate_id FROM aggregate_metadata
#               WHERE key = :key AND value = :value)
#  ORDER BY id
@api_db_api.context_manager.reader
def _get_all(context, host=None, key=None, value=None):
    query = sa.select(_AGG).order_by(_AGG.id)
    if host is not None:
        query = query.where(_AGG.id.in_(
            sa.select(_HOST.aggregate_id).where(_HOST.host == host)))
    if key is not None or value is not None:
        having = sa.select(_META.aggregate_id)
        if key is not None:
            having = having.where(_META.key == key)
        if value is not None:
            having = having.where(_META.value == value)
        query = query.where(_AGG.id.in_(having))
    return _with_members(context, context.session.execute(query).scalars())


@api_db_api.context_manager.writer
def _create(context, values, metadata):
    if _name_taken(context, values['name']):
        raise exception.AggregateNameExists(aggregate_name=values['name'])
    row = _AGG(**values)
    context.session.add(row)
    try:
        context.session.flush()
    except db_exc.DBDuplicateEntry:
        # Another request took the name since we looked.
        raise exception.AggregateNameExists(aggregate_name=values['name'])
    for key, value in (metadata or {}).items():
        context.session.add(_META(aggregate_id=row.id, key=key, value=value))
    context.session.flush()
    return _with_members(context, [row])[0]


@api_db_api.context_manager.writer
def _rename(context, aggregate_id, name):
    row = _row(context, aggregate_id)
    if _name_taken(context, name, other_than=aggregate_id):
        raise exception.AggregateNameExists(aggregate_name=name)
    row.name = name
    row.updated_at = utils.utcnow()
    try:
        context.session.flush()
    except db_exc.DBDuplicateEntry:
        raise exception.AggregateNameExists(aggregate_name=name)
    return _with_members(context, [row])[0]


@api_db_api.context_manager.writer
def _update_metadata(context, aggregate_id, updates):
    """Set the keys of ``updates`` with a value, remove those with None."""
    row = _row(context, aggregate_id)
    removed = [key for key, value in updates.items() if value is None]
    if removed:
        context.session.execute(sa.delete(_META).where(
            _META.aggregate_id == aggregate_id, _META.key.in_(removed)))
    current = {meta.key: meta for meta in context.session.execute(
        sa.select(_META).where(_META.aggregate_id == aggregate_id)).scalars()}
    for key, value in updates.items():
        if value is None:
            continue
        if key in current:
            current[key].value = value
        else:
            context.session.add(_META(aggregate_id=aggregate_id, key=key,
                                      value=value))
    row.updated_at = utils.utcnow()
    context.session.flush()
    return _with_members(context, [row])[0]


@api_db_api.context_manager.writer
def _destroy(context, aggregate_id):
    for table in (_META, _HOST):
        context.session.execute(sa.delete(table).where(
            table.aggregate_id == aggregate_id))
    deleted = context.session.execute(sa.delete(_AGG).where(
        _AGG.id == aggregate_id)).rowcount
    if not deleted:
        raise exception.AggregateNotFound(aggregate_id=aggregate_id)


@api_db_api.context_manager.writer
def _add_host(context, aggregate_id, host):
    _row(context, aggregate_id)
    exists = context.session.execute(sa.select(_HOST.id).where(
        _HOST.aggregate_id == aggregate_id, _HOST.host == host)).first()
    if exists:
        raise exception.AggregateHostExists(aggregate_id=aggregate_id,
                                            host=host)
    context.session.add(_HOST(aggregate_id=aggregate_id, host=host))
    try:
        context.session.flush()
    except db_exc.DBDuplicateEntry:
        raise exception.AggregateHostExists(aggregate_id=aggregate_id,
                                            host=host)


@api_db_api.context_manager.writer
def _delete_host(context, aggregate_id, host):
    _row(context, aggregate_id)
    deleted = context.session.execute(sa.delete(_HOST).where(
        _HOST.aggregate_id == aggregate_id, _HOST.host == host)).rowcount
    if not deleted:
        raise exception.AggregateHostNotFound(aggregate_id=aggregate_id,
                                              host=host)


def _from_values(context, values, aggregate=None):
    aggregate = aggregate or Aggregate()
    aggregate._context = context
    for key, value in values.items():
        setattr(aggregate, key, value)
    aggregate.deleted = False
    aggregate.deleted_at = None
    aggregate.obj_reset_changes()
    return aggregate


@base.NovaObjectRegistry.register
class Aggregate(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'uuid': fields.UUIDField(),
        'name': fields.StringField(),
        'hosts': fields.ListOfStringsField(nullable=True),
        'metadata': fields.DictOfStringsField(nullable=True),
        'created_at': fields.DateTimeField(nullable=True),
        'updated_at': fields.DateTimeField(nullable=True),
        'deleted_at': fields.DateTimeField(nullable=True),
        'deleted': fields.BooleanField(default=False),
    }

    obj_extra_fields = ['availability_zone']

    @property
    def availability_zone(self):
        """The zone this aggregate makes of its hosts, or None."""
        if not self.obj_attr_is_set('metadata'):
            return None
        return (self.metadata or {}).get(AZ_KEY)

    @base.remotable_classmethod
    def get_by_id(cls, context, aggregate_id):
        """The aggregate ``aggregate_id``; AggregateNotFound."""
        return _from_values(context, _get(context, aggregate_id))

    @base.remotable_classmethod
    def get_by_uuid(cls, context, aggregate_uuid):
        """The aggregate of that UUID; AggregateNotFound."""
        return _from_values(context, _get(context,
                                          aggregate_uuid=aggregate_uuid))

    @base.remotable
    def create(self):
        """Store the aggregate (``name``, optional ``metadata``; a UUID
        is generated unless set); AggregateNameExists."""
        if self.obj_attr_is_set('id'):
            raise exception.ObjectActionError(action='create',
                                              reason='already created')
        if 'hosts' in self.obj_what_changed():
            raise exception.ObjectActionError(action='create',
                                              reason='hosts set inline')
        values = {'name': self.name,
                  'uuid': (self.uuid if self.obj_attr_is_set('uuid')
                           else uuidutils.generate_uuid())}
        metadata = self.metadata if self.obj_attr_is_set('metadata') else {}
        _from_values(self._context, _create(self._context, values, metadata),
                     self)

    @base.remotable
    def save(self):
        """Store a changed ``name``; AggregateNameExists. Hosts and
        metadata change through their own methods."""
        changes = self.obj_what_changed()
        if changes - {'name'}:
            raise exception.ObjectActionError(
                action='save', reason='only the name changes by save')
        if 'name' in changes:
            _from_values(self._context,
                         _rename(self._context, self.id, self.name), self)

    @base.remotable
    def update_metadata(self, updates):
        """Set metadata keys; a None value removes its key (absent keys
        are fine). Refreshes the aggregate, ``updated_at`` included."""
        _from_values(self._context,
                     _update_metadata(self._context, self.id, updates), self)

    @base.remotable
    def destroy(self):
        """Delete the aggregate with its hosts and metadata."""
        _destroy(self._context, self.id)

    @base.remotable
    def add_host(self, host):
        """Add ``host``; AggregateHostExists when it is already in."""
        _add_host(self._context, self.id, host)
        self.hosts = list(self.hosts or []) + [host]
        self.obj_reset_changes(fields=['hosts'])

    @base.remotable
    def delete_host(self, host):
        """Remove ``host``; AggregateHostNotFound when it is not in."""
        _delete_host(self._context, self.id, host)
        self.hosts = [h for h in self.hosts or [] if h != host]
        self.obj_reset_changes(fields=['hosts'])


@base.NovaObjectRegistry.register
class AggregateList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {'objects': fields.ListOfObjectsField('Aggregate')}

    @classmethod
    def _of(cls, context, rows):
        return cls(context=context, objects=[
            _from_values(context, values) for values in rows])

    @base.remotable_classmethod
    def get_all(cls, context):
        """Every aggregate, by id."""
        return cls._of(context, _get_all(context))

    @base.remotable_classmethod
    def get_by_host(cls, context, host, key=None):
        """The aggregates ``host`` is in (with metadata ``key`` only,
        when given)."""
        return cls._of(context, _get_all(context, host=host, key=key))

    @base.remotable_classmethod
    def get_by_metadata_key(cls, context, key, hosts=None):
        """The aggregates with metadata ``key``; only those holding one
        of ``hosts`` when given."""
        rows = _get_all(context, key=key)
        if hosts is not None:
            wanted = set(hosts)
            rows = [r for r in rows if wanted.intersection(r['hosts'])]
        return cls._of(context, rows)

    @base.remotable_classmethod
    def get_by_metadata(cls, context, key=None, value=None):
        """The aggregates with a metadata ``key`` (any key when None) set
        to ``value`` (any value when None)."""
        return cls._of(context, _get_all(context, key=key, value=value))
