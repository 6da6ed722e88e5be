"""Listing instances across the API database and every cell, in one
sort order, with keyset paging.

Each cell returns at most ``limit`` rows after the marker in the requested
order; merging those lists and the unscheduled build requests and cutting
at ``limit`` gives the page. Cost is one query per cell, not per row.
"""

import datetime
import functools
import re

from nova import context as nova_context
from nova import objects

DEFAULT_SORT_KEYS = ['created_at', 'uuid']
DEFAULT_SORT_DIRS = ['desc', 'desc']

# Filters the API passes that map onto Instance fields directly.
_EXACT_FILTERS = ('project_id', 'user_id', 'host', 'node', 'image_ref',
                  'reservation_id', 'vm_state', 'task_state', 'uuid',
                  'instance_type_id', 'key_name', 'hostname',
                  'availability_zone', 'locked', 'power_state',
                  'config_drive')


def _normalise(keys, dirs):
    keys = list(keys or DEFAULT_SORT_KEYS)
    dirs = list(dirs or [])
    dirs += [dirs[0] if dirs else 'desc'] * (len(keys) - len(dirs))
    if 'uuid' not in keys:
        keys.append('uuid')
        dirs.append(dirs[0])
    return keys, dirs


def _sort_value(value):
    # None sorts before everything; datetimes drop tz for comparison.
    if value is None:
        return (0, 0)
    if isinstance(value, datetime.datetime):
        return (1, value.replace(tzinfo=None))
    return (1, value)


def _db_value(value):
    # Build requests carry timezone-aware times; the databases naive UTC.
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=None)
    return value


def _compare(keys, dirs, a, b):
    for key, direction in zip(keys, dirs):
        va, vb = _sort_value(a.get(key)), _sort_value(b.get(key))
        if va == vb:
            continue
        result = -1 if va < vb else 1
        return -result if direction == 'desc' else result
    return 0


def _matches(instance, filters):
    for key in _EXACT_FILTERS:
        wanted = filters.get(key)
        if wanted is None:
            continue
        values = wanted if isinstance(wanted, (list, tuple, set)) else [
            wanted]
        if instance.get(key) not in values:
            return False
    if filters.get('display_name') and not re.search(
            filters['display_name'], instance.display_name or ''):
        return False
    if filters.get('deleted'):
        return False
    if not any(filters.get(key) for key in _TAG_FILTERS):
        return True
    tags = instance.tags if instance.obj_attr_is_set('tags') else ()
    return _tags_match(set(tags or ()), filters)


_TAG_FILTERS = ('tags', 'tags-any', 'not-tags', 'not-tags-any')


def _tags_match(tags, filters):
    """The tag filters of ``nova.objects.instance``, on one tag set."""
    for key, every, negate in (('tags', True, False),
                               ('tags-any', False, False),
                               ('not-tags', True, True),
                               ('not-tags-any', False, True)):
        wanted = set(filters.get(key) or ())
        if not wanted:
            continue
        found = wanted <= tags if every else bool(wanted & tags)
        if found == negate:
            return False
    return True


def _build_request_instances(context, filters):
    build_requests = objects.BuildRequestList.get_all(
        context, filters.get('project_id'))
    return [br.instance for br in build_requests
            if _matches(br.instance, filters)]


def get_instances_sorted(context, cells, filters, limit, marker_instance,
                         sort_keys, sort_dirs, expected_attrs):
    """An InstanceList of at most ``limit`` instances after
    ``marker_instance`` in (``sort_keys``, ``sort_dirs``) order."""
    keys, dirs = _normalise(sort_keys, sort_dirs)
    marker_values = None
    if marker_instance is not None:
        marker_values = [_db_value(marker_instance.get(k)) for k in keys]
    pending = [instance for instance in
               _build_request_instances(context, filters)
               if marker_instance is None or
               _compare(keys, dirs, instance, marker_instance) > 0]
    results = []
    for cell in cells:
        with nova_context.target_cell(context, cell) as cctxt:
            results.extend(objects.InstanceList.get_by_filters(
                cctxt, filters, sort_keys=keys, sort_dirs=dirs,
                limit=limit, marker_values=marker_values,
                expected_attrs=expected_attrs))
    # An instance being moved into its cell is briefly in both places;
    # the cell's copy is the newer one.
    in_cells = {instance.uuid for instance in results}
    results.extend(i for i in pending if i.uuid not in in_cells)
    results.sort(key=functools.cmp_to_key(
        lambda a, b: _compare(keys, dirs, a, b)))
    if limit is not None:
        results = results[:limit]
    return objects.InstanceList(context, objects=results)
