"""Filtering, sorting and paging of ``GET /v2/images``.

``parse_query`` turns query parameters into a ``Query`` (raising 400 on
anything malformed); ``select`` applies it to the caller's records. Both
are pure functions over plain data.
"""

import dataclasses

from webob import exc

from nova.builtin.image import auth
from nova.builtin.image import schema

DEFAULT_LIMIT = 25
MAX_LIMIT = 1000
SORT_KEYS = ('name', 'status', 'container_format', 'disk_format', 'size',
             'virtual_size', 'id', 'created_at', 'updated_at', 'min_disk',
             'min_ram', 'visibility', 'owner', 'protected', 'os_hidden')
# Columns that accept ``in:a,b`` as well as a single value.
EQUAL_FILTERS = ('id', 'name', 'status', 'owner', 'disk_format',
                 'container_format')
MEMBER_STATUSES = ('accepted', 'pending', 'rejected', 'all')
UNSUPPORTED = ('created_at', 'updated_at', 'changes-since')
PAGING = ('limit', 'marker', 'sort', 'sort_key', 'sort_dir', 'visibility',
          'os_hidden', 'tag', 'size_min', 'size_max', 'member_status')


@dataclasses.dataclass
class Query:
    limit: int = DEFAULT_LIMIT
    marker: str = None
    sort: list = dataclasses.field(
        default_factory=lambda: [('created_at', 'desc')])
    visibility: str = None
    os_hidden: bool = False
    # (column, allowed values) pairs, all of which must hold.
    columns: list = dataclasses.field(default_factory=list)
    properties: dict = dataclasses.field(default_factory=dict)
    tags: list = dataclasses.field(default_factory=list)
    size_min: int = None
    size_max: int = None


def _bad(message):
    return exc.HTTPBadRequest(explanation=message)


def _integer(name, value, minimum=0):
    try:
        number = int(value)
    except ValueError:
        raise _bad('%s param must be an integer' % name)
    if number < minimum:
        raise _bad('%s param must be positive' % name)
    return number


def _boolean(name, value):
    lowered = value.lower()
    if lowered in ('true', '1', 'yes', 'on'):
        return True
    if lowered in ('false', '0', 'no', 'off'):
        return False
    raise _bad('Invalid value for %s: %s' % (name, value))


def _sort_dir(value):
    if value not in ('asc', 'desc'):
        raise _bad('Invalid sort direction: %s' % value)
    return value


def _sort_key(value):
    if value not in SORT_KEYS:
        raise _bad('Invalid sort key: %s' % value)
    return value


def _parse_sort(params):
    keys, dirs = params.getall('sort_key'), params.getall('sort_dir')
    if 'sort' in params:
        if keys or dirs:
            raise _bad('The sort param cannot be combined with sort_key '
                       'or sort_dir.')
        pairs = []
        for item in params['sort'].split(','):
            key, _sep, direction = item.strip().partition(':')
            pairs.append((_sort_key(key), _sort_dir(direction or 'desc')))
        return pairs
    if not keys:
        keys = ['created_at']
    if not dirs:
        dirs = ['desc']
    if len(dirs) == 1:
        dirs = dirs * len(keys)
    if len(dirs) != len(keys):
        raise _bad('Number of sort dirs does not match the number of sort '
                   'keys')
    return [(_sort_key(k), _sort_dir(d)) for k, d in zip(keys, dirs)]


def _parse_filters(query, params):
    for name, value in params.items():
        if name in PAGING:
            continue
        if name in UNSUPPORTED:
            raise _bad('Filtering on %s is not supported.' % name)
        if name in EQUAL_FILTERS:
            values = value[3:].split(',') if value.startswith('in:') else [
                value]
            query.columns.append((name, tuple(values)))
        else:
            query.properties[name] = value


def parse_query(params):
    """Build a ``Query`` from a webob MultiDict of query parameters."""
    query = Query(sort=_parse_sort(params))
    if 'limit' in params:
        query.limit = min(_integer('limit', params['limit']), MAX_LIMIT)
    query.marker = params.get('marker')
    visibility = params.get('visibility')
    if visibility is not None:
        if visibility not in schema.VISIBILITIES + ('all',):
            raise _bad('Invalid visibility value: %s' % visibility)
        query.visibility = visibility
    if 'os_hidden' in params:
        query.os_hidden = _boolean('os_hidden', params['os_hidden'])
    member_status = params.get('member_status', 'accepted')
    if member_status not in MEMBER_STATUSES:
        raise _bad('Invalid status value: %s' % member_status)
    query.tags = params.getall('tag')
    if 'size_min' in params:
        query.size_min = _integer('size_min', params['size_min'])
    if 'size_max' in params:
        query.size_max = _integer('size_max', params['size_max'])
    _parse_filters(query, params)
    return query


def _in_scope(caller, record, visibility):
    if visibility is None:
        # The default list: public images plus everything the caller's
        # project owns; admins see all.
        return (caller.is_admin or record['visibility'] == 'public'
                or record['owner'] == caller.project_id)
    if visibility != 'all' and record['visibility'] != visibility:
        return False
    return auth.can_see(caller, record)


def _matches(query, record):
    if record['os_hidden'] != query.os_hidden:
        return False
    for name, allowed in query.columns:
        if record[name] not in allowed:
            return False
    for name, value in query.properties.items():
        if record['properties'].get(name) != value:
            return False
    if any(tag not in record['tags'] for tag in query.tags):
        return False
    size = record['size']
    if query.size_min is not None and (size is None
                                       or size < query.size_min):
        return False
    if query.size_max is not None and (size is None
                                       or size > query.size_max):
        return False
    return True


def _sorted(records, sort):
    # Stable sorts applied from the last key to the first; the id breaks
    # ties in the direction of the first key so pages never overlap.
    ordered = list(records)
    for key, direction in reversed(sort + [('id', sort[0][1])]):
        ordered.sort(key=lambda r: (r[key] is None, r[key]),
                     reverse=direction == 'desc')
    return ordered


def select(caller, records, query, marker_record=None):
    """Return (page, next_marker) of ``records`` for ``caller``.

    ``marker_record`` is the record named by ``query.marker``; the page
    starts right after its position in the sort order.
    """
    chosen = [r for r in records
              if _in_scope(caller, r, query.visibility)
              and _matches(query, r)]
    if marker_record is not None:
        if all(r['id'] != marker_record['id'] for r in chosen):
            chosen.append(marker_record)
        chosen = _sorted(chosen, query.sort)
        start = [r['id'] for r in chosen].index(marker_record['id']) + 1
        chosen = chosen[start:]
    else:
        chosen = _sorted(chosen, query.sort)
    page = chosen[:query.limit]
    more = query.limit and len(page) == query.limit
    return page, page[-1]['id'] if more else None
