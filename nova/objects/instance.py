"""Instance: a server, stored in its cell's database.

The flavor is kept with the instance (``instance_extra.flavor``) so a
later change to the flavor never changes a running server. Optional
attributes (``metadata``, ``system_metadata``, ``fault``, ``tags``,
``info_cache``) are loaded only when listed in ``expected_attrs``.
"""

from oslo_serialization import jsonutils
from oslo_utils import versionutils
import sqlalchemy as sa
from sqlalchemy import orm

from nova.db.main import api as main_db_api
from nova.db.main import models
from nova import exception
from nova.objects import base
from nova.objects import fields
from nova import utils

INSTANCE_OPTIONAL_ATTRS = ('metadata', 'system_metadata', 'fault', 'tags',
                           'info_cache', 'flavor', 'old_flavor',
                           'new_flavor')
# Always fetched: listing and showing servers need them.
INSTANCE_DEFAULT_FIELDS = ('metadata', 'info_cache', 'flavor', 'tags')

_COLUMNS = (
    'id', 'user_id', 'project_id', 'image_ref', 'kernel_id', 'ramdisk_id',
    'hostname', 'launch_index', 'key_name', 'key_data', 'power_state',
    'vm_state', 'task_state', 'memory_mb', 'vcpus', 'root_gb',
    'ephemeral_gb', 'host', 'node', 'instance_type_id', 'user_data',
    'reservation_id', 'launched_at', 'terminated_at', 'availability_zone',
    'display_name', 'display_description', 'launched_on', 'locked',
    'locked_by', 'os_type', 'architecture', 'vm_mode', 'uuid',
    'root_device_name', 'config_drive', 'access_ip_v4', 'access_ip_v6',
    'auto_disk_config', 'progress', 'shutdown_terminate',
    'disable_terminate', 'created_at', 'updated_at', 'deleted_at')


def _expected(expected_attrs):
    return set(INSTANCE_DEFAULT_FIELDS) | set(expected_attrs or ())


def _load_options(expected):
    # The flavor column of instance_extra is deferred in the model; every
    # view needs it, so load it in the same query.
    opts = [orm.joinedload(models.Instance.extra).undefer(
        models.InstanceExtra.flavor)]
    if 'metadata' in expected:
        opts.append(orm.selectinload(models.Instance.metadata_items))
    if 'system_metadata' in expected:
        opts.append(orm.selectinload(models.Instance.system_metadata))
    if 'info_cache' in expected:
        opts.append(orm.joinedload(models.Instance.info_cache))
    if 'tags' in expected:
        opts.append(orm.selectinload(models.Instance.tags))
    return opts


def _latest_faults(context, uuids):
    """The newest fault of each instance in ``uuids``."""
    if not uuids:
        return {}
    rows = context.session.execute(
        sa.select(models.InstanceFault).where(
            models.InstanceFault.instance_uuid.in_(uuids)).order_by(
            models.InstanceFault.created_at.desc(),
            models.InstanceFault.id.desc())).scalars().all()
    faults = {}
    for row in rows:
        faults.setdefault(row.instance_uuid, row)
    return faults


def _instance_to_dict(db_inst, expected, faults):
    values = {c: getattr(db_inst, c) for c in _COLUMNS}
    values['deleted'] = bool(db_inst.deleted)
    extra = db_inst.extra
    flavors = jsonutils.loads(extra.flavor) if extra and extra.flavor else {}
    values['flavor'] = flavors.get('cur')
    # A resize keeps the flavor it left and the one it goes to.
    values['old_flavor'] = flavors.get('old')
    values['new_flavor'] = flavors.get('new')
    if 'metadata' in expected:
        values['metadata'] = {m.key: m.value for m in db_inst.metadata_items
                              if not m.deleted}
    if 'system_metadata' in expected:
        values['system_metadata'] = {
            m.key: m.value for m in db_inst.system_metadata
            if not m.deleted}
    if 'info_cache' in expected:
        cache = db_inst.info_cache
        values['info_cache'] = (jsonutils.loads(cache.network_info)
                                if cache and cache.network_info else [])
    if 'tags' in expected:
        values['tags'] = sorted(t.tag for t in db_inst.tags)
    if 'fault' in expected:
        fault = faults.get(db_inst.uuid)
        values['fault'] = None if fault is None else {
            'code': fault.code, 'message': fault.message,
            'details': fault.details, 'host': fault.host,
            'created_at': fault.created_at}
    return values


def _read_deleted_clause(context):
    if context.read_deleted == 'no':
        return models.Instance.deleted == 0
    if context.read_deleted == 'only':
        return models.Instance.deleted != 0
    return sa.true()


@main_db_api.pick_context_manager_reader
def _get_by_uuid_from_db(context, uuid, expected):
    db_inst = context.session.execute(
        sa.select(models.Instance).options(*_load_options(expected)).where(
            models.Instance.uuid == uuid, _read_deleted_clause(context))
    ).unique().scalars().first()
    if db_inst is None:
        raise exception.InstanceNotFound(instance_id=uuid)
    faults = _latest_faults(context, [uuid]) if 'fault' in expected else {}
    return _instance_to_dict(db_inst, expected, faults)


def _flavor_json(flavor_prim):
    return jsonutils.dumps({'cur': flavor_prim, 'old': None, 'new': None})


@main_db_api.pick_context_manager_writer
def _create_in_db(context, values, metadata, system_metadata, flavor_prim,
                  tags):
    uuid = values['uuid']
    db_inst = models.Instance(**values)
    db_inst.extra = models.InstanceExtra(
        instance_uuid=uuid,
        flavor=_flavor_json(flavor_prim) if flavor_prim else None)
    db_inst.info_cache = models.InstanceInfoCache(instance_uuid=uuid,
                                                  network_info='[]')
    session = context.session
    session.add(db_inst)
    session.add_all(
        [models.InstanceMetadata(instance_uuid=uuid, key=k, value=v)
         for k, v in (metadata or {}).items()] +
        [models.InstanceSystemMetadata(instance_uuid=uuid, key=k, value=v)
         for k, v in (system_metadata or {}).items()] +
        [models.Tag(resource_id=uuid, tag=t) for t in (tags or ())])
    session.flush()
    return {'id': db_inst.id, 'created_at': db_inst.created_at,
            'updated_at': db_inst.updated_at}


def _check_expected(db_inst, key, expected_values):
    if expected_values is None:
        return
    if not isinstance(expected_values, (list, tuple, set)):
        expected_values = [expected_values]
    actual = getattr(db_inst, key)
    if actual not in expected_values:
        exc = exception.UnexpectedTaskStateError
        if key == 'task_state' and actual == 'deleting':
            exc = exception.UnexpectedDeletingTaskStateError
        raise exc(instance_uuid=db_inst.uuid, expected=expected_values,
                  actual=actual)


@main_db_api.pick_context_manager_writer
def _save_in_db(context, uuid, updates, expected_vm_state,
                expected_task_state):
    db_inst = context.session.execute(
        sa.select(models.Instance).options(*_load_options(
            {'info_cache'})).where(
            models.Instance.uuid == uuid, models.Instance.deleted == 0)
    ).unique().scalars().first()
    if db_inst is None:
        raise exception.InstanceNotFound(instance_id=uuid)
    _check_expected(db_inst, 'vm_state', expected_vm_state)
    _check_expected(db_inst, 'task_state', expected_task_state)
    for key, value in updates.pop('_metadata', {}).items():
        _replace_items(context, uuid, key, value)
    if '_info_cache' in updates:
        db_inst.info_cache.network_info = jsonutils.dumps(
            updates.pop('_info_cache'))
    if '_flavors' in updates:
        flavors = (jsonutils.loads(db_inst.extra.flavor)
                   if db_inst.extra.flavor else {})
        for key, prim in updates.pop('_flavors').items():
            flavors[key] = prim
        db_inst.extra.flavor = jsonutils.dumps(flavors)
    for key, value in updates.items():
        setattr(db_inst, key, value)
    db_inst.updated_at = utils.utcnow()
    context.session.flush()
    return db_inst.updated_at


def _replace_items(context, uuid, attr, wanted):
    """Make the (system) metadata rows of ``uuid`` equal ``wanted``."""
    model = (models.InstanceMetadata if attr == 'metadata'
             else models.InstanceSystemMetadata)
    session = context.session
    rows = session.execute(sa.select(model).where(
        model.instance_uuid == uuid, model.deleted == 0)).scalars().all()
    current = {row.key: row for row in rows}
    now = utils.utcnow()
    for key, row in current.items():
        if key not in wanted:
            row.deleted = row.id
            row.deleted_at = now
        elif row.value != wanted[key]:
            row.value = wanted[key]
    session.add_all([model(instance_uuid=uuid, key=key, value=value)
                     for key, value in wanted.items()
                     if key not in current])


@main_db_api.pick_context_manager_writer
def _destroy_in_db(context, uuid):
    now = utils.utcnow()
    db_inst = context.session.execute(sa.select(models.Instance).where(
        models.Instance.uuid == uuid, models.Instance.deleted == 0)
    ).scalars().first()
    if db_inst is None:
        raise exception.InstanceNotFound(instance_id=uuid)
    db_inst.deleted = db_inst.id
    db_inst.deleted_at = now
    db_inst.vm_state = 'deleted'
    db_inst.task_state = None
    db_inst.terminated_at = db_inst.terminated_at or now
    for model in (models.InstanceMetadata, models.InstanceSystemMetadata,
                  models.InstanceInfoCache, models.InstanceExtra):
        context.session.execute(sa.update(model).where(
            model.instance_uuid == uuid, model.deleted == 0).values(
            deleted=model.id, deleted_at=now))
    # Its consoles go with it (those rows are deleted, not soft-deleted).
    context.session.execute(sa.delete(models.ConsoleAuthToken).where(
        models.ConsoleAuthToken.instance_uuid == uuid))
    context.session.flush()
    return now


# Database values of these types are loaded as they are (an enum column
# only ever holds one of its values).
_PLAIN_TYPES = (fields.StringField, fields.IntegerField, fields.BooleanField,
                fields.UUIDField, fields.BaseEnumField)


def _stringify_addresses(updates):
    """The access addresses as the database stores them: strings."""
    for key in ('access_ip_v4', 'access_ip_v6'):
        if updates.get(key) is not None:
            updates[key] = str(updates[key])


@base.NovaObjectRegistry.register
class Instance(base.NovaObject, base.NovaObjectDictCompat):
    # Version 1.0: Initial version
    # Version 1.1: old_flavor and new_flavor (resize)
    # Version 1.2: vm_state is an enum (VMStateField)
    # Version 1.3: Flavor 1.1
    VERSION = '1.3'

    fields = {
        'id': fields.IntegerField(),
        'uuid': fields.UUIDField(),
        'user_id': fields.StringField(nullable=True),
        'project_id': fields.StringField(nullable=True),
        'image_ref': fields.StringField(nullable=True),
        'kernel_id': fields.StringField(nullable=True),
        'ramdisk_id': fields.StringField(nullable=True),
        'hostname': fields.StringField(nullable=True),
        'launch_index': fields.IntegerField(nullable=True),
        'key_name': fields.StringField(nullable=True),
        'key_data': fields.StringField(nullable=True),
        'power_state': fields.IntegerField(nullable=True),
        'vm_state': fields.VMStateField(nullable=True),
        'task_state': fields.StringField(nullable=True),
        'memory_mb': fields.IntegerField(nullable=True),
        'vcpus': fields.IntegerField(nullable=True),
        'root_gb': fields.IntegerField(nullable=True),
        'ephemeral_gb': fields.IntegerField(nullable=True),
        'host': fields.StringField(nullable=True),
        'node': fields.StringField(nullable=True),
        'instance_type_id': fields.IntegerField(nullable=True),
        'user_data': fields.StringField(nullable=True),
        'reservation_id': fields.StringField(nullable=True),
        'launched_at': fields.DateTimeField(nullable=True),
        'terminated_at': fields.DateTimeField(nullable=True),
        'availability_zone': fields.StringField(nullable=True),
        'display_name': fields.StringField(nullable=True),
        'display_description': fields.StringField(nullable=True),
        'launched_on': fields.StringField(nullable=True),
        'locked': fields.BooleanField(default=False),
        'locked_by': fields.StringField(nullable=True),
        'os_type': fields.StringField(nullable=True),
        'architecture': fields.StringField(nullable=True),
        'vm_mode': fields.StringField(nullable=True),
        'root_device_name': fields.StringField(nullable=True),
        'config_drive': fields.StringField(nullable=True),
        'access_ip_v4': fields.IPV4AddressField(nullable=True),
        'access_ip_v6': fields.IPV6AddressField(nullable=True),
        'auto_disk_config': fields.BooleanField(default=False),
        'progress': fields.IntegerField(nullable=True),
        'shutdown_terminate': fields.BooleanField(default=False),
        'disable_terminate': fields.BooleanField(default=False),
        'created_at': fields.DateTimeField(nullable=True),
        'updated_at': fields.DateTimeField(nullable=True),
        'deleted_at': fields.DateTimeField(nullable=True),
        'deleted': fields.BooleanField(default=False),
        'metadata': fields.DictOfStringsField(),
        'system_metadata': fields.DictOfNullableStringsField(),
        'flavor': fields.ObjectField('Flavor'),
        'old_flavor': fields.ObjectField('Flavor', nullable=True),
        'new_flavor': fields.ObjectField('Flavor', nullable=True),
        'fault': fields.ObjectField('InstanceFault', nullable=True),
        'tags': fields.ListOfStringsField(),
        # Network info of the instance: a list of VIF dicts.
        'info_cache': fields.JSONField(nullable=True),
    }

    @staticmethod
    def _from_db_object(context, instance, values, expected_attrs=None,
                        flavors=None):
        """Fill ``instance`` from database ``values`` (trusted: they skip
        field coercion). ``flavors`` maps flavor JSON to a Flavor that the
        instances of one listing share."""
        from nova.objects import flavor as flavor_obj
        from nova.objects import instance_fault
        base.load_trusted_fields(instance, values, _PLAIN_FIELDS,
                                 _DATETIME_FIELDS)
        for key in ('access_ip_v4', 'access_ip_v6'):
            setattr(instance, key, values[key])
        for key in ('metadata', 'system_metadata', 'tags', 'info_cache'):
            if key in values:
                base.load_trusted_fields(instance, values, (key,), ())
        if values.get('flavor'):
            instance.flavor = flavor_obj.Flavor.obj_from_primitive(
                values['flavor'])
        elif values.get('flavor_json'):
            text = values['flavor_json']
            flavors = {} if flavors is None else flavors
            if text not in flavors:
                flavors[text] = flavor_obj.Flavor.obj_from_primitive(
                    jsonutils.loads(text)['cur'])
            instance.flavor = flavors[text]
        for key in ('old_flavor', 'new_flavor'):
            if key in values:
                setattr(instance, key, None if values[key] is None else
                        flavor_obj.Flavor.obj_from_primitive(values[key]))
        if 'fault' in values:
            instance.fault = (
                None if values['fault'] is None else
                instance_fault.InstanceFault(**values['fault']))
        instance._context = context
        # Children were built unchanged; a recursive reset walks every
        # field of every child and costs more than the load itself.
        instance.obj_reset_changes()
        return instance

    def obj_make_compatible(self, primitive, target_version):
        super().obj_make_compatible(primitive, target_version)
        if versionutils.convert_version_to_tuple(target_version) < (1, 1):
            primitive.pop('old_flavor', None)
            primitive.pop('new_flavor', None)

    @base.remotable_classmethod
    def get_by_uuid(cls, context, uuid, expected_attrs=None):
        expected = _expected(expected_attrs)
        return cls._from_db_object(
            context, cls(), _get_by_uuid_from_db(context, uuid, expected))

    @base.remotable
    def create(self):
        if self.obj_attr_is_set('id'):
            raise exception.ObjectActionError(action='create',
                                              reason='already created')
        updates = self.obj_get_changes()
        metadata = updates.pop('metadata', None)
        system_metadata = updates.pop('system_metadata', None)
        flavor = updates.pop('flavor', None)
        updates.pop('old_flavor', None)
        updates.pop('new_flavor', None)
        tags = updates.pop('tags', None)
        for key in ('fault', 'info_cache', 'deleted', 'id'):
            updates.pop(key, None)
        # Keep the creation time the API gave the instance (it orders
        # listings, also while the instance was a build request).
        if self.obj_attr_is_set('created_at') and self.created_at:
            updates['created_at'] = self.created_at.replace(tzinfo=None)
        _stringify_addresses(updates)
        flavor_prim = flavor.obj_to_primitive() if flavor else None
        values = _create_in_db(self._context, updates, metadata,
                               system_metadata, flavor_prim, tags)
        self.metadata = metadata or {}
        self.system_metadata = system_metadata or {}
        self.tags = list(tags or [])
        self.info_cache = []
        self.id = values['id']
        self.created_at = values['created_at']
        self.updated_at = values['updated_at']
        self.deleted = False
        self.obj_reset_changes(recursive=True)

    @base.remotable
    def save(self, expected_vm_state=None, expected_task_state=None):
        """Write changed fields. Raises UnexpectedTaskStateError when the
        stored vm/task state is not one of the expected values."""
        updates = self.obj_get_changes()
        for key in ('id', 'uuid', 'created_at', 'deleted', 'deleted_at',
                    'fault', 'tags', 'updated_at'):
            updates.pop(key, None)
        if 'metadata' in updates or 'system_metadata' in updates:
            updates['_metadata'] = {
                key: updates.pop(key) for key in
                ('metadata', 'system_metadata') if key in updates}
        if 'info_cache' in updates:
            updates['_info_cache'] = updates.pop('info_cache') or []
        flavors = {}
        for field, key in (('flavor', 'cur'), ('old_flavor', 'old'),
                           ('new_flavor', 'new')):
            if field in updates:
                flavor = updates.pop(field)
                flavors[key] = (flavor.obj_to_primitive()
                                if flavor is not None else None)
        if flavors:
            updates['_flavors'] = flavors
        _stringify_addresses(updates)
        if not updates and expected_task_state is None:
            return
        self.updated_at = _save_in_db(self._context, self.uuid, updates,
                                      expected_vm_state, expected_task_state)
        self.obj_reset_changes(recursive=True)

    @base.remotable
    def destroy(self):
        self.deleted_at = _destroy_in_db(self._context, self.uuid)
        self.deleted = True
        self.vm_state = 'deleted'
        self.task_state = None
        self.obj_reset_changes()

    def obj_load_attr(self, attrname):
        if attrname not in INSTANCE_OPTIONAL_ATTRS:
            raise exception.ObjectActionError(
                action='obj_load_attr',
                reason='attribute %s not lazy-loadable' % attrname)
        if self._context is None:
            raise exception.OrphanedObjectError(method='obj_load_attr',
                                                objtype=self.obj_name())
        fresh = self.__class__.get_by_uuid(self._context, self.uuid,
                                           expected_attrs=[attrname])
        setattr(self, attrname, getattr(fresh, attrname))
        self.obj_reset_changes([attrname])


_SORTABLE = {'created_at', 'updated_at', 'display_name', 'uuid', 'id',
             'launched_at', 'host', 'vm_state', 'task_state', 'project_id'}


def _apply_filters(query, filters):
    model = models.Instance
    exact = {'project_id': 'project_id', 'user_id': 'user_id',
             'host': 'host', 'node': 'node', 'image_ref': 'image_ref',
             'reservation_id': 'reservation_id',
             'instance_type_id': 'instance_type_id',
             'key_name': 'key_name', 'hostname': 'hostname',
             'availability_zone': 'availability_zone',
             'locked': 'locked', 'power_state': 'power_state',
             'config_drive': 'config_drive'}
    for key, column in exact.items():
        if filters.get(key) is not None:
            query = query.where(getattr(model, column) == filters[key])
    for key, column in (('uuid', 'uuid'), ('vm_state', 'vm_state'),
                        ('task_state', 'task_state')):
        if filters.get(key) is not None:
            value = filters[key]
            values = value if isinstance(value, (list, tuple, set)) else [
                value]
            query = query.where(getattr(model, column).in_(list(values)))
    if filters.get('display_name'):
        # A regular expression, as in Nova (the database's dialect).
        query = query.where(model.display_name.regexp_match(
            filters['display_name']))
    if filters.get('changes-since'):
        query = query.where(model.updated_at >= filters['changes-since'])
    if filters.get('changes-before'):
        query = query.where(model.updated_at <= filters['changes-before'])
    # Instances running at some time of a window (usage): launched before
    # its end, not terminated before its start.
    if filters.get('launched-before'):
        query = query.where(model.launched_at.isnot(None),
                            model.launched_at <= filters['launched-before'])
    if filters.get('active-after'):
        query = query.where(sa.or_(
            model.terminated_at.is_(None),
            model.terminated_at >= filters['active-after']))
    return _apply_tag_filters(query, filters)


def _with_tags(tags, every):
    """A clause: the instance carries every one (or any) of ``tags``."""
    tagged = sa.select(models.Tag.resource_id).where(
        models.Tag.tag.in_(tags))
    if every:
        tagged = tagged.group_by(models.Tag.resource_id).having(
            sa.func.count(sa.distinct(models.Tag.tag)) == len(set(tags)))
    return models.Instance.uuid.in_(tagged)


def _apply_tag_filters(query, filters):
    """``tags`` (all of), ``tags-any``, ``not-tags`` (not all of) and
    ``not-tags-any`` (none of): lists of tags (2.26)."""
    for key, every, negate in (('tags', True, False),
                               ('tags-any', False, False),
                               ('not-tags', True, True),
                               ('not-tags-any', False, True)):
        tags = filters.get(key)
        if tags:
            clause = _with_tags(list(tags), every)
            query = query.where(sa.not_(clause) if negate else clause)
    return query


def _items_by_uuid(context, model, uuids):
    """``{uuid: {key: value}}`` of live (system) metadata rows."""
    found = {}
    rows = context.session.execute(
        sa.select(model.instance_uuid, model.key, model.value).where(
            model.instance_uuid.in_(uuids), model.deleted == 0))
    for uuid, key, value in rows:
        found.setdefault(uuid, {})[key] = value
    return found


def _tags_by_uuid(context, uuids):
    found = {}
    rows = context.session.execute(
        sa.select(models.Tag.resource_id, models.Tag.tag).where(
            models.Tag.resource_id.in_(uuids)).order_by(models.Tag.tag))
    for uuid, tag in rows:
        found.setdefault(uuid, []).append(tag)
    return found


# SELECT instances.<columns>, instance_extra.flavor,
#        instance_info_caches.network_info
#   FROM instances
#   LEFT OUTER JOIN instance_extra
#        ON instance_extra.instance_uuid = instances.uuid
#   LEFT OUTER JOIN instance_info_caches
#        ON instance_info_caches.instance_uuid = instances.uuid
#  WHERE <deleted> AND <filters> AND <after the marker>
#  ORDER BY <sort keys> LIMIT <limit>
# then one "WHERE instance_uuid IN (...)" query each for metadata, system
# metadata, tags and faults: a page costs five queries, not one per row.
_LIST_COLUMNS = [getattr(models.Instance, c) for c in _COLUMNS] + [
    models.Instance.deleted, models.InstanceExtra.flavor.label('_flavor'),
    models.InstanceInfoCache.network_info.label('_network_info')]


@main_db_api.pick_context_manager_reader
def _get_all_from_db(context, filters, sort_keys, sort_dirs, limit,
                     marker_values, expected):
    """Instances matching ``filters`` ordered by ``sort_keys``; when
    ``marker_values`` (the sort-key values of the marker) is given, only
    those after it in that order."""
    inst = models.Instance
    query = sa.select(*_LIST_COLUMNS).select_from(inst).outerjoin(
        models.InstanceExtra,
        models.InstanceExtra.instance_uuid == inst.uuid).outerjoin(
        models.InstanceInfoCache,
        models.InstanceInfoCache.instance_uuid == inst.uuid)
    deleted = filters.get('deleted')
    if filters.get('include_deleted') and deleted is None:
        pass
    elif deleted is None:
        query = query.where(_read_deleted_clause(context))
    elif deleted:
        query = query.where(inst.deleted != 0)
    else:
        query = query.where(inst.deleted == 0)
    query = _apply_filters(query, filters)
    columns = [getattr(inst, k) for k in sort_keys]
    query = query.order_by(*[c.desc() if d == 'desc' else c.asc()
                             for c, d in zip(columns, sort_dirs)])
    if marker_values is not None:
        query = query.where(_after_marker(columns, sort_dirs, marker_values))
    if limit is not None:
        query = query.limit(limit)
    rows = context.session.execute(query).all()
    uuids = [row.uuid for row in rows]
    extras = {}
    if uuids and 'metadata' in expected:
        extras['metadata'] = _items_by_uuid(
            context, models.InstanceMetadata, uuids)
    if uuids and 'system_metadata' in expected:
        extras['system_metadata'] = _items_by_uuid(
            context, models.InstanceSystemMetadata, uuids)
    if uuids and 'tags' in expected:
        extras['tags'] = _tags_by_uuid(context, uuids)
    faults = (_latest_faults(context, uuids)
              if uuids and 'fault' in expected else {})
    return [_row_to_dict(row, expected, extras, faults) for row in rows]


def _row_to_dict(row, expected, extras, faults):
    values = {c: getattr(row, c) for c in _COLUMNS}
    values['deleted'] = bool(row.deleted)
    # Kept as JSON: the list builds one Flavor per distinct flavor.
    values['flavor_json'] = row._flavor
    if 'info_cache' in expected:
        values['info_cache'] = (jsonutils.loads(row._network_info)
                                if row._network_info else [])
    for key in ('metadata', 'system_metadata'):
        if key in expected:
            values[key] = extras[key].get(row.uuid, {})
    if 'tags' in expected:
        values['tags'] = extras['tags'].get(row.uuid, [])
    if 'fault' in expected:
        fault = faults.get(row.uuid)
        values['fault'] = None if fault is None else {
            'code': fault.code, 'message': fault.message,
            'details': fault.details, 'host': fault.host,
            'created_at': fault.created_at}
    return values


def _after_marker(columns, dirs, values):
    """A WHERE clause selecting rows strictly after ``values`` in the
    order (``columns``, ``dirs``): the usual keyset pagination expansion
    (a > x) OR (a = x AND b > y) OR ..."""
    clauses = []
    for i, (column, direction) in enumerate(zip(columns, dirs)):
        equal = [c == v for c, v in zip(columns[:i], values[:i])]
        value = values[i]
        if value is None:
            # NULLs sort first ascending in our databases' common order:
            # anything non-null is after NULL ascending, nothing desc.
            step = column.isnot(None) if direction == 'asc' else sa.false()
        else:
            step = column > value if direction == 'asc' else column < value
            if direction == 'desc':
                step = sa.or_(step, column.is_(None))
        clauses.append(sa.and_(*equal, step))
    return sa.or_(*clauses)


@base.NovaObjectRegistry.register
class InstanceList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'objects': fields.ListOfObjectsField('Instance'),
    }

    @base.remotable_classmethod
    def get_by_filters(cls, context, filters, sort_keys=None, sort_dirs=None,
                       limit=None, marker_values=None, expected_attrs=None):
        """List instances of the context's cell.

        ``sort_keys`` default to ``created_at desc, uuid desc``; paging is
        keyset based: ``marker_values`` are the sort-key values of the
        last row of the previous page.
        """
        sort_keys = list(sort_keys or ['created_at', 'uuid'])
        sort_dirs = list(sort_dirs or ['desc'] * len(sort_keys))
        for key in sort_keys:
            if key not in _SORTABLE:
                raise exception.InvalidSortKey()
        if 'uuid' not in sort_keys:
            sort_keys.append('uuid')
            sort_dirs.append(sort_dirs[0])
        if marker_values is not None and \
                len(marker_values) != len(sort_keys):
            raise exception.InvalidInput(
                reason='the marker must give a value for each sort key '
                       'and the uuid')
        db_insts = _get_all_from_db(
            context, filters or {}, sort_keys, sort_dirs, limit,
            marker_values, _expected(expected_attrs))
        return base.obj_make_list(
            context, cls(), db_insts, expected_attrs=expected_attrs,
            flavors={})

    @base.remotable_classmethod
    def get_by_host(cls, context, host, expected_attrs=None):
        return cls.get_by_filters(context, {'host': host, 'deleted': False},
                                  expected_attrs=expected_attrs)


# Columns loaded without coercion: database values already have the type.
_PLAIN_FIELDS = tuple(
    c for c in _COLUMNS + ('deleted',)
    if isinstance(Instance.fields[c], _PLAIN_TYPES))
_DATETIME_FIELDS = tuple(
    c for c in _COLUMNS if isinstance(Instance.fields[c],
                                      fields.DateTimeField))
