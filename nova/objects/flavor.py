"""Flavor: the size of a server (vCPUs, RAM, disks). Lives in the API DB.

A flavor also carries its extra specs and, when it is private, the
projects allowed to use it (``projects``, loaded on first use).
"""

from oslo_db import exception as db_exc
from oslo_utils import versionutils
import sqlalchemy as sa
from sqlalchemy import orm

from nova.db.api import api as api_db_api
from nova.db.api import models as api_models
from nova import exception
from nova.objects import base
from nova.objects import fields

# Attempts at writing extra specs that race with another writer of the
# same new key before giving up with a 409.
_SPEC_RETRIES = 3
_SORT_KEYS = ('created_at', 'description', 'disabled', 'ephemeral_gb',
              'flavorid', 'id', 'is_public', 'memory_mb', 'name',
              'root_gb', 'rxtx_factor', 'swap', 'vcpu_weight', 'vcpus')


def _dict_from_db(db_flavor):
    values = {c: getattr(db_flavor, c) for c in (
        'id', 'name', 'memory_mb', 'vcpus', 'root_gb', 'ephemeral_gb',
        'flavorid', 'swap', 'rxtx_factor', 'vcpu_weight', 'disabled',
        'is_public', 'description', 'created_at', 'updated_at')}
    values['extra_specs'] = {s.key: s.value for s in db_flavor.extra_specs}
    return values


def _public_or_shared_with(project_id):
    """Public flavors, and the private ones ``project_id`` may use."""
    shared = sa.select(api_models.FlavorProjects.flavor_id).where(
        api_models.FlavorProjects.project_id == project_id)
    return sa.or_(api_models.Flavors.is_public.is_(True),
                  api_models.Flavors.id.in_(shared))


def _flavor_query(context):
    query = sa.select(api_models.Flavors).options(
        orm.selectinload(api_models.Flavors.extra_specs))
    if not context.is_admin:
        query = query.where(_public_or_shared_with(context.project_id))
    return query


def _flavor_row(session, flavorid):
    db_flavor = session.execute(sa.select(api_models.Flavors).where(
        api_models.Flavors.flavorid == flavorid)).scalars().first()
    if db_flavor is None:
        raise exception.FlavorNotFound(flavor_id=flavorid)
    return db_flavor


@api_db_api.context_manager.reader
def _get_flavor_from_db(context, column, value):
    query = _flavor_query(context).where(
        getattr(api_models.Flavors, column) == value)
    db_flavor = context.session.execute(query).scalars().first()
    if db_flavor is None:
        if column == 'name':
            raise exception.FlavorNotFoundByName(flavor_name=value)
        raise exception.FlavorNotFound(flavor_id=value)
    return _dict_from_db(db_flavor)


@api_db_api.context_manager.writer
def _create_flavor_in_db(context, values, extra_specs, projects=None):
    session = context.session
    for column, exc, key in (('name', exception.FlavorExists, 'name'),
                             ('flavorid', exception.FlavorIdExists,
                              'flavor_id')):
        clash = session.execute(sa.select(api_models.Flavors.id).where(
            getattr(api_models.Flavors, column) == values[column])).first()
        if clash:
            raise exc(**{key: values[column]})
    db_flavor = api_models.Flavors(**values)
    db_flavor.extra_specs = [api_models.FlavorExtraSpecs(key=k, value=v)
                             for k, v in (extra_specs or {}).items()]
    db_flavor.projects = [api_models.FlavorProjects(project_id=p)
                          for p in dict.fromkeys(projects or ())]
    session.add(db_flavor)
    try:
        session.flush()
    except db_exc.DBDuplicateEntry:
        raise exception.FlavorExists(name=values['name'])
    return _dict_from_db(db_flavor)


@api_db_api.context_manager.writer
def _update_flavor_in_db(context, flavorid, values, specs, deleted_keys):
    """Set ``values`` (columns), upsert ``specs`` and drop
    ``deleted_keys`` (missing ones are ignored) in one transaction."""
    db_flavor = _flavor_row(context.session, flavorid)
    for column, value in values.items():
        setattr(db_flavor, column, value)
    current = {spec.key: spec for spec in db_flavor.extra_specs}
    for key in deleted_keys:
        if key in current:
            db_flavor.extra_specs.remove(current.pop(key))
    for key, value in specs.items():
        if key in current:
            current[key].value = value
        else:
            db_flavor.extra_specs.append(
                api_models.FlavorExtraSpecs(key=key, value=value))
    context.session.flush()
    return _dict_from_db(db_flavor)


def _projects_of(session, flavor_db_id):
    return list(session.execute(
        sa.select(api_models.FlavorProjects.project_id)
        .where(api_models.FlavorProjects.flavor_id == flavor_db_id)
        .order_by(api_models.FlavorProjects.id)).scalars())


@api_db_api.context_manager.reader
def _get_projects_from_db(context, flavorid):
    return _projects_of(context.session,
                        _flavor_row(context.session, flavorid).id)


@api_db_api.context_manager.writer
def _add_access_in_db(context, flavorid, project_id):
    session = context.session
    db_id = _flavor_row(session, flavorid).id
    if project_id in _projects_of(session, db_id):
        raise exception.FlavorAccessExists(flavor_id=flavorid,
                                           project_id=project_id)
    session.add(api_models.FlavorProjects(flavor_id=db_id,
                                          project_id=project_id))
    try:
        session.flush()
    except db_exc.DBDuplicateEntry:
        raise exception.FlavorAccessExists(flavor_id=flavorid,
                                           project_id=project_id)
    return _projects_of(session, db_id)


@api_db_api.context_manager.writer
def _remove_access_in_db(context, flavorid, project_id):
    session = context.session
    db_id = _flavor_row(session, flavorid).id
    result = session.execute(sa.delete(api_models.FlavorProjects).where(
        api_models.FlavorProjects.flavor_id == db_id,
        api_models.FlavorProjects.project_id == project_id))
    if not result.rowcount:
        raise exception.FlavorAccessNotFound(flavor_id=flavorid,
                                             project_id=project_id)
    return _projects_of(session, db_id)


@api_db_api.context_manager.writer
def _destroy_flavor_in_db(context, flavorid):
    session = context.session
    db_flavor = _flavor_row(session, flavorid)
    session.execute(sa.delete(api_models.FlavorExtraSpecs).where(
        api_models.FlavorExtraSpecs.flavor_id == db_flavor.id))
    session.execute(sa.delete(api_models.FlavorProjects).where(
        api_models.FlavorProjects.flavor_id == db_flavor.id))
    session.delete(db_flavor)


@base.NovaObjectRegistry.register
class Flavor(base.NovaObject, base.NovaObjectDictCompat):
    # Version 1.0: Initial version
    # Version 1.1: projects; save(), add_access() and remove_access()
    VERSION = '1.1'

    # The columns save() writes; extra_specs are saved too.
    MUTABLE_FIELDS = ('description',)

    fields = {
        'id': fields.IntegerField(),
        'name': fields.StringField(nullable=True),
        'memory_mb': fields.IntegerField(),
        'vcpus': fields.IntegerField(),
        'root_gb': fields.IntegerField(),
        'ephemeral_gb': fields.IntegerField(),
        'flavorid': fields.StringField(),
        'swap': fields.IntegerField(),
        'rxtx_factor': fields.FloatField(nullable=True, default=1.0),
        'vcpu_weight': fields.IntegerField(nullable=True),
        'disabled': fields.BooleanField(),
        'is_public': fields.BooleanField(),
        'extra_specs': fields.DictOfStringsField(),
        'description': fields.StringField(nullable=True),
        'created_at': fields.DateTimeField(nullable=True),
        'updated_at': fields.DateTimeField(nullable=True),
        # Projects allowed to use the flavor when it is private.
        'projects': fields.ListOfStringsField(),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._orig_extra_specs = {}

    @staticmethod
    def _from_db_object(context, flavor, db_flavor):
        for name in flavor.fields:
            if name in db_flavor:
                setattr(flavor, name, db_flavor[name])
        flavor._context = context
        flavor.obj_reset_changes()
        # What save() compares extra_specs with.
        flavor._orig_extra_specs = dict(flavor.extra_specs)
        return flavor

    def obj_make_compatible(self, primitive, target_version):
        super().obj_make_compatible(primitive, target_version)
        if versionutils.convert_version_to_tuple(target_version) < (1, 1):
            primitive.pop('projects', None)

    def obj_load_attr(self, attrname):
        if attrname == 'projects':
            self.projects = (
                _get_projects_from_db(self._context, self.flavorid)
                if self._context and 'flavorid' in self else [])
            self.obj_reset_changes(['projects'])
            return
        if attrname == 'extra_specs':
            self.extra_specs = {}
            self.obj_reset_changes(['extra_specs'])
            return
        if attrname in ('description', 'vcpu_weight'):
            setattr(self, attrname, None)
            self.obj_reset_changes([attrname])
            return
        raise exception.ObjectActionError(
            action='obj_load_attr', reason='%s not loadable' % attrname)

    @base.remotable_classmethod
    def get_by_id(cls, context, id):
        return cls._from_db_object(
            context, cls(), _get_flavor_from_db(context, 'id', id))

    @base.remotable_classmethod
    def get_by_flavor_id(cls, context, flavor_id, read_deleted=None):
        return cls._from_db_object(
            context, cls(),
            _get_flavor_from_db(context, 'flavorid', str(flavor_id)))

    @base.remotable_classmethod
    def get_by_name(cls, context, name):
        return cls._from_db_object(
            context, cls(), _get_flavor_from_db(context, 'name', name))

    @base.remotable
    def create(self):
        if self.obj_attr_is_set('id'):
            raise exception.ObjectActionError(action='create',
                                              reason='already created')
        updates = self.obj_get_changes()
        extra_specs = updates.pop('extra_specs', None)
        projects = updates.pop('projects', None)
        for key, default in (('swap', 0), ('rxtx_factor', 1.0),
                             ('disabled', False), ('is_public', True),
                             ('ephemeral_gb', 0)):
            updates.setdefault(key, default)
        db_flavor = _create_flavor_in_db(self._context, updates, extra_specs,
                                         projects)
        self._from_db_object(self._context, self, db_flavor)
        if projects is not None:
            self.projects = list(dict.fromkeys(projects))
            self.obj_reset_changes(['projects'])

    @base.remotable
    def save(self):
        """Write the changed description and extra specs.

        Assign a new dict to ``extra_specs`` (a dict changed in place is
        not seen). It is written as a difference from what was loaded:
        keys dropped from it are deleted, changed or new ones written, so
        concurrent writers of other keys are kept. Raises
        FlavorNotFound, FlavorExtraSpecUpdateCreateFailed (another writer
        kept creating the same key) and ObjectActionError for any other
        changed field.
        """
        updates = self.obj_get_changes()
        specs = updates.pop('extra_specs', None)
        values = {name: updates.pop(name) for name in self.MUTABLE_FIELDS
                  if name in updates}
        if updates:
            raise exception.ObjectActionError(
                action='save', reason='read-only fields were changed: %s'
                % ', '.join(sorted(updates)))
        orig = self._orig_extra_specs
        changed, deleted = {}, []
        if specs is not None:
            changed = {k: v for k, v in specs.items() if orig.get(k) != v}
            deleted = [k for k in orig if k not in specs]
        if not (values or changed or deleted):
            return
        for _attempt in range(_SPEC_RETRIES):
            try:
                db_flavor = _update_flavor_in_db(
                    self._context, self.flavorid, values, changed, deleted)
                break
            except db_exc.DBDuplicateEntry:
                continue
        else:
            raise exception.FlavorExtraSpecUpdateCreateFailed(
                id=self.flavorid, retries=_SPEC_RETRIES)
        self._from_db_object(self._context, self, db_flavor)

    @base.remotable
    def add_access(self, project_id):
        """Let ``project_id`` use the flavor. Raises FlavorNotFound and
        FlavorAccessExists."""
        self.projects = _add_access_in_db(self._context, self.flavorid,
                                          project_id)
        self.obj_reset_changes(['projects'])

    @base.remotable
    def remove_access(self, project_id):
        """Stop ``project_id`` using the flavor. Raises FlavorNotFound and
        FlavorAccessNotFound."""
        self.projects = _remove_access_in_db(self._context, self.flavorid,
                                             project_id)
        self.obj_reset_changes(['projects'])

    @base.remotable
    def destroy(self):
        _destroy_flavor_in_db(self._context, self.flavorid)


@api_db_api.context_manager.reader
def _flavor_get_all_from_db(context, inactive, filters, sort_key, sort_dir,
                            limit, marker):
    filters = filters or {}
    model = api_models.Flavors
    query = _flavor_query(context)
    if not inactive:
        query = query.where(model.disabled.is_(False))
    if 'min_memory_mb' in filters:
        query = query.where(model.memory_mb >= filters['min_memory_mb'])
    if 'min_root_gb' in filters:
        query = query.where(model.root_gb >= filters['min_root_gb'])
    if filters.get('is_public') is not None:
        if filters['is_public'] and context.project_id is not None:
            # NOTE: as in Nova, "public" includes the private flavors the
            # caller's project was given access to.
            query = query.where(_public_or_shared_with(context.project_id))
        else:
            query = query.where(
                model.is_public.is_(bool(filters['is_public'])))
    if filters.get('name'):
        query = query.where(model.name == filters['name'])
    if sort_key not in _SORT_KEYS:
        raise exception.InvalidSortKey()
    column = getattr(model, sort_key)
    ordering = [column.desc() if sort_dir == 'desc' else column.asc()]
    if sort_key != 'id':
        ordering.append(model.id.asc())
    query = query.order_by(*ordering)
    if marker is not None:
        marker_row = context.session.execute(
            _flavor_query(context).where(model.flavorid == marker)
        ).scalars().first()
        if marker_row is None:
            raise exception.MarkerNotFound(marker=marker)
        mval = getattr(marker_row, sort_key)
        after = column < mval if sort_dir == 'desc' else column > mval
        if sort_key == 'id':
            query = query.where(after)
        else:
            query = query.where(sa.or_(
                after, sa.and_(column == mval, model.id > marker_row.id)))
    if limit is not None:
        query = query.limit(limit)
    return [_dict_from_db(f)
            for f in context.session.execute(query).scalars().all()]


@base.NovaObjectRegistry.register
class FlavorList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'objects': fields.ListOfObjectsField('Flavor'),
    }

    @base.remotable_classmethod
    def get_all(cls, context, inactive=False, filters=None,
                sort_key='flavorid', sort_dir='asc', limit=None,
                marker=None):
        db_flavors = _flavor_get_all_from_db(
            context, inactive, filters, sort_key, sort_dir, limit, marker)
        return base.obj_make_list(
            context, cls(), db_flavors)
