"""Quotas: the limits of each project (and of users within it) and what
they use now, counted from the records themselves (Nova's "counted"
quotas: nothing is reserved or tracked separately).

Limits resolve, most specific first: the user's own limit in the project
(``project_user_quotas``), the project's (``quotas``), the ``default``
quota class (``quota_classes``), then the ``[quota]`` options. -1 means
unlimited.

Servers are admitted exactly: ``claim_instances`` writes the project's
``quota_locks`` row first, so the transactions that count and then create
servers of one project run one at a time on every database, and the
records it lets the caller create commit with the lock released.
"""

import contextlib

from oslo_db import api as oslo_db_api
from oslo_db import exception as db_exc
from oslo_serialization import jsonutils
import sqlalchemy as sa

import nova.conf
from nova import context as nova_context
from nova.db.api import api as api_db_api
from nova.db.api import models as api_models
from nova.db.main import api as main_db_api
from nova.db.main import models as main_models
from nova import exception
from nova import objects

CONF = nova.conf.CONF

# Resource -> the ``[quota]`` option holding its default (None: -1).
RESOURCES = {
    'instances': 'instances',
    'cores': 'cores',
    'ram': 'ram',
    'metadata_items': 'metadata_items',
    'injected_files': 'injected_files',
    'injected_file_content_bytes': 'injected_file_content_bytes',
    'injected_file_path_bytes': 'injected_file_path_length',
    'key_pairs': 'key_pairs',
    'server_groups': 'server_groups',
    'server_group_members': 'server_group_members',
    # nova-network's, kept in the views of old microversions; unlimited.
    'fixed_ips': None,
    'floating_ips': None,
    'security_groups': None,
    'security_group_rules': None,
}

# The resources whose use is counted (the others limit one request).
COUNTED = ('instances', 'cores', 'ram', 'key_pairs', 'server_groups',
           'server_group_members')

DEFAULT_CLASS = 'default'


def _configured(resource):
    option = RESOURCES[resource]
    return -1 if option is None else getattr(CONF.quota, option)


# -- limits ------------------------------------------------------------------

@api_db_api.context_manager.reader
def _rows(context, model, **where):
    query = sa.select(model.resource, model.hard_limit)
    for column, value in where.items():
        query = query.where(getattr(model, column) == value)
    return {resource: -1 if limit is None else limit
            for resource, limit in context.session.execute(query)
            if resource in RESOURCES}


def class_limits(context, class_name=DEFAULT_CLASS):
    """``{resource: limit}`` of the quota class ``class_name``: its own
    rows over the configured defaults."""
    limits = {resource: _configured(resource) for resource in RESOURCES}
    limits.update(_rows(context, api_models.QuotaClass,
                        class_name=class_name))
    return limits


def defaults(context):
    """``{resource: limit}`` every project starts from."""
    return class_limits(context, DEFAULT_CLASS)


def project_limits(context, project_id):
    """``{resource: limit}`` of ``project_id``."""
    limits = defaults(context)
    limits.update(_rows(context, api_models.Quota, project_id=project_id))
    return limits


def user_limits(context, project_id, user_id):
    """``{resource: limit}`` of ``user_id`` within ``project_id``."""
    limits = project_limits(context, project_id)
    limits.update(_rows(context, api_models.ProjectUserQuota,
                        project_id=project_id, user_id=user_id))
    return limits


def limits_for(context, project_id, user_id=None):
    """The user's limits when ``user_id`` is given, else the project's."""
    if user_id:
        return user_limits(context, project_id, user_id)
    return project_limits(context, project_id)


# Two first updates of one limit may both find no row: the loser's insert
# hits the unique constraint and is retried, finding the row this time.
@oslo_db_api.wrap_db_retry(
    max_retries=3, exception_checker=lambda error: isinstance(
        error, db_exc.DBDuplicateEntry))
@api_db_api.context_manager.writer
def _set(context, model, resource, limit, **where):
    query = sa.select(model).where(model.resource == resource)
    for column, value in where.items():
        query = query.where(getattr(model, column) == value)
    row = context.session.execute(query).scalars().first()
    if row is None:
        context.session.add(model(resource=resource, hard_limit=limit,
                                  **where))
    else:
        row.hard_limit = limit


def set_limit(context, project_id, resource, limit, user_id=None):
    """Set ``project_id``'s (or its user ``user_id``'s) limit."""
    if user_id:
        _set(context, api_models.ProjectUserQuota, resource, limit,
             project_id=project_id, user_id=user_id)
    else:
        _set(context, api_models.Quota, resource, limit,
             project_id=project_id)


def set_class_limit(context, class_name, resource, limit):
    """Set the quota class ``class_name``'s limit of ``resource``."""
    _set(context, api_models.QuotaClass, resource, limit,
         class_name=class_name)


@api_db_api.context_manager.writer
def delete_limits(context, project_id, user_id=None):
    """Forget the limits set for ``user_id`` in ``project_id`` or, without
    a user, for the project and all its users: defaults apply again."""
    models = [api_models.ProjectUserQuota]
    if not user_id:
        models.append(api_models.Quota)
    for model in models:
        query = sa.delete(model).where(model.project_id == project_id)
        if user_id:
            query = query.where(model.user_id == user_id)
        context.session.execute(query)


def _user_limit_sum(context, project_id, resource):
    """The sum of the limits set for the users of ``project_id``."""
    total = 0
    for _user, limit in _user_rows(context, project_id, resource):
        total += max(limit, 0)
    return total


@api_db_api.context_manager.reader
def _user_rows(context, project_id, resource):
    model = api_models.ProjectUserQuota
    return [(user, -1 if limit is None else limit)
            for user, limit in context.session.execute(
                sa.select(model.user_id, model.hard_limit).where(
                    model.project_id == project_id,
                    model.resource == resource))]


def settable(context, project_id, user_id=None):
    """``{resource: (minimum, maximum)}`` a new limit must lie within
    (-1 as maximum: none): at least what is in use and, for a project,
    what its users' limits add up to; a user's at most what the project
    has not given to its other users."""
    used = usages(context, project_id, user_id)
    project = project_limits(context, project_id)
    bounds = {}
    for resource in RESOURCES:
        minimum = used.get(resource, 0)
        if not user_id:
            minimum = max(minimum, _user_limit_sum(context, project_id,
                                                   resource))
            bounds[resource] = (minimum, -1)
            continue
        if project[resource] < 0:
            bounds[resource] = (minimum, -1)
            continue
        others = sum(max(limit, 0) for user, limit in _user_rows(
            context, project_id, resource) if user != user_id)
        bounds[resource] = (minimum, max(project[resource] - others, 0))
    return bounds


# -- usage -------------------------------------------------------------------

def _build_request_sizes(session, project_id, user_id):
    """``{instance uuid: (vcpus, memory MiB)}`` of the servers of the
    project (or user) not yet in a cell."""
    query = sa.select(api_models.BuildRequest.instance_uuid,
                      api_models.BuildRequest.instance).where(
        api_models.BuildRequest.project_id == project_id)
    if user_id:
        query = query.where(api_models.BuildRequest.user_id == user_id)
    sizes = {}
    for uuid, instance in session.execute(query):
        data = jsonutils.loads(instance)['nova_object.data']
        sizes[uuid] = (data.get('vcpus') or 0, data.get('memory_mb') or 0)
    return sizes


@main_db_api.pick_context_manager_reader
def _cell_sizes(context, project_id, user_id, excluded):
    model = main_models.Instance
    query = sa.select(sa.func.coalesce(sa.func.sum(model.vcpus), 0),
                      sa.func.coalesce(sa.func.sum(model.memory_mb), 0)
                      ).where(model.project_id == project_id,
                              model.deleted == 0)
    if user_id:
        query = query.where(model.user_id == user_id)
    if excluded:
        query = query.where(model.uuid.notin_(excluded))
    return tuple(context.session.execute(query).one())


def _cells():
    """Every cell mapping; read apart from any API DB transaction of the
    caller (a second one in the same thread would wait for it)."""
    return objects.CellMappingList.get_all(nova_context.get_admin_context())


def _instance_usage(session, cells, project_id, user_id=None):
    """``(instances, cores, ram)`` of the project (or user). Servers still
    being scheduled are counted from their build requests, the others
    from their ``cells``, each once."""
    mapping = api_models.InstanceMapping
    query = sa.select(sa.func.count(mapping.id)).where(
        mapping.project_id == project_id,
        mapping.queued_for_delete.is_(False))
    if user_id:
        query = query.where(mapping.user_id == user_id)
    instances = session.execute(query).scalar_one()
    pending = _build_request_sizes(session, project_id, user_id)
    cores = sum(v for v, _m in pending.values())
    ram = sum(m for _v, m in pending.values())
    # A context of its own: the caller's may hold an API DB transaction.
    admin = nova_context.get_admin_context()
    for cell in cells:
        with nova_context.target_cell(admin, cell) as cctxt:
            cell_cores, cell_ram = _cell_sizes(cctxt, project_id, user_id,
                                               list(pending))
        cores += cell_cores
        ram += cell_ram
    return instances, cores, ram


@api_db_api.context_manager.reader
def _usage_in_api_db(context, cells, project_id, user_id):
    return _instance_usage(context.session, cells, project_id, user_id)


def usages(context, project_id, user_id=None):
    """``{resource: in use}`` for ``project_id`` (or its user
    ``user_id``); key pairs, which users own, count for a user only;
    server group members are limited per group (``check_group_members``),
    not counted here."""
    instances, cores, ram = _usage_in_api_db(context, _cells(), project_id,
                                             user_id)
    used = {resource: 0 for resource in RESOURCES}
    used.update(instances=instances, cores=cores, ram=ram,
                server_groups=objects.InstanceGroupList.get_counts(
                    context, project_id))
    if user_id:
        used['key_pairs'] = objects.KeyPairList.get_count_by_user(
            context, user_id)
    return used


# -- admitting servers -------------------------------------------------------

def _lock_project(session, project_id):
    """Write the project's lock row, first thing in the transaction."""
    lock = api_models.QuotaLock
    updated = session.execute(sa.update(lock).where(
        lock.project_id == project_id).values(
        generation=lock.generation + 1)).rowcount
    return bool(updated)


@api_db_api.context_manager.reader
def _lock_row_exists(context, project_id):
    lock = api_models.QuotaLock
    return context.session.execute(sa.select(lock.project_id).where(
        lock.project_id == project_id)).first() is not None


@api_db_api.context_manager.writer
def _add_lock_row(context, project_id):
    context.session.add(api_models.QuotaLock(project_id=project_id,
                                             generation=0))


def _ensure_lock_row(context, project_id):
    """Make sure the project has its lock row (made on its first server).
    Two first requests may both find none: one insert wins and the other
    finds the row there, which is all it needed."""
    if _lock_row_exists(context, project_id):
        return
    try:
        _add_lock_row(context, project_id)
    except db_exc.DBDuplicateEntry:
        pass


def _allowed(limit, used, each):
    """How many more of something taking ``each`` fit (None: any)."""
    if limit < 0 or each <= 0:
        return None
    return max(limit - used, 0) // each


def _admissible(limits, used, flavor, max_count):
    """``(count, first resource over)``: how many of ``max_count``
    servers of ``flavor`` fit ``limits`` given ``used``."""
    need = {'instances': 1, 'cores': flavor.vcpus,
            'ram': flavor.memory_mb}
    count, over = max_count, None
    for resource, each in need.items():
        fits = _allowed(limits[resource], used[resource], each)
        if fits is not None and fits < count:
            count, over = fits, resource
    return count, over


@contextlib.contextmanager
def claim_instances(context, flavor, min_count, max_count):
    """Admit up to ``max_count`` servers of ``flavor`` for ``context``'s
    project and user, and yield how many (at least ``min_count``).

    The records the caller creates inside the block (with ``context``)
    join this transaction, so the count and the creation are one step for
    the project. Raises TooManyInstances (403) when not even
    ``min_count`` fit, naming the resource, as Nova's message does.
    """
    project_id, user_id = context.project_id, context.user_id
    if project_id is None:
        yield max_count
        return
    _ensure_lock_row(context, project_id)
    cells = _cells()
    with api_db_api.context_manager.writer.using(context) as session:
        _lock_project(session, project_id)
        count, over, used, limit = max_count, None, None, None
        for scope_user in (None, user_id):
            limits = limits_for(context, project_id, scope_user)
            if all(limits[r] < 0 for r in ('instances', 'cores', 'ram')):
                # Nothing to count against: no query of every cell.
                continue
            instances, cores, ram = _instance_usage(session, cells,
                                                    project_id, scope_user)
            current = {'instances': instances, 'cores': cores, 'ram': ram}
            fits, resource = _admissible(limits, current, flavor, count)
            if fits < count:
                count, over = fits, resource
                used, limit = current[resource], limits[resource]
        if count < min_count:
            each = {'instances': 1, 'cores': flavor.vcpus,
                    'ram': flavor.memory_mb}[over]
            raise exception.TooManyInstances(
                overs=over, req=each * min_count, used=used, allowed=limit)
        yield count


def check_group_members(context, group, adding):
    """Raise OverQuota (403) when ``adding`` servers would take the server
    group ``group`` past the ``server_group_members`` quota."""
    allowed = project_limits(context, group.project_id)[
        'server_group_members']
    used = len(objects.InstanceGroup.get_by_uuid(context,
                                                 group.uuid).members)
    if 0 <= allowed < used + adding:
        raise exception.ServerGroupMemberLimitExceeded()


def check_upsize(context, project_id, user_id, more_cores, more_ram):
    """Raise TooManyInstances (403) when a resize adding ``more_cores``
    vCPUs and ``more_ram`` MiB would go past the cores or ram quota of the
    project or the user (a smaller flavor always fits)."""
    for scope_user in (None, user_id):
        limits = limits_for(context, project_id, scope_user)
        used = usages(context, project_id, scope_user)
        for resource, more in (('cores', more_cores), ('ram', more_ram)):
            if more > 0 and 0 <= limits[resource] < used[resource] + more:
                raise exception.TooManyInstances(
                    overs=resource, req=more, used=used[resource],
                    allowed=limits[resource])
