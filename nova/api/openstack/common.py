"""Pure helpers shared by the Compute API resources.

Server status from (vm_state, task_state), paging parameters, links and
the host id hash. Nothing here calls other services.
"""

import functools
import hashlib
from urllib import parse as urlparse

from oslo_utils import strutils
import webob.exc

import nova.conf
from nova.i18n import _

CONF = nova.conf.CONF

API_VERSION_PATH = 'v2.1'

# vm_state -> {task_state or 'default': API status}; see compute-api §3.
_REBOOT = ('rebooting', 'reboot_pending', 'reboot_started')
_HARD_REBOOT = ('rebooting_hard', 'reboot_pending_hard',
                'reboot_started_hard')
_REBUILD = ('rebuilding', 'rebuild_block_device_mapping',
            'rebuild_spawning')
_RESIZE = ('resize_prep', 'resize_migrating', 'resize_migrated',
           'resize_finish')


def _tasks(names, status):
    return {name: status for name in names}


STATE_MAP = {
    'active': dict(
        default='ACTIVE', updating_password='PASSWORD',
        migrating='MIGRATING', **_tasks(_REBOOT, 'REBOOT'),
        **_tasks(_HARD_REBOOT, 'HARD_REBOOT'), **_tasks(_REBUILD, 'REBUILD'),
        **_tasks(_RESIZE, 'RESIZE')),
    'building': {'default': 'BUILD'},
    'stopped': dict(default='SHUTOFF', **_tasks(_RESIZE, 'RESIZE'),
                    **_tasks(_REBUILD, 'REBUILD')),
    'resized': {'default': 'VERIFY_RESIZE',
                'resize_reverting': 'REVERT_RESIZE'},
    'paused': {'default': 'PAUSED', 'migrating': 'MIGRATING'},
    'suspended': {'default': 'SUSPENDED'},
    'rescued': {'default': 'RESCUE'},
    'error': dict(default='ERROR', **_tasks(_REBUILD, 'REBUILD')),
    'deleted': {'default': 'DELETED'},
    'soft-delete': {'default': 'SOFT_DELETED'},
    'shelved': {'default': 'SHELVED'},
    'shelved_offloaded': {'default': 'SHELVED_OFFLOADED'},
}


def status_from_state(vm_state, task_state=None):
    """The API ``status`` of a server; ``UNKNOWN`` for unmapped states."""
    task_map = STATE_MAP.get(vm_state)
    if task_map is None:
        return 'UNKNOWN'
    return task_map.get(task_state, task_map['default'])


def vm_states_from_status(statuses):
    """vm_states whose statuses (any task state) are among ``statuses``."""
    wanted = {s.upper() for s in statuses}
    return sorted(vm_state for vm_state, task_map in STATE_MAP.items()
                  if wanted.intersection(task_map.values()))


def host_id(host, project_id):
    """Opaque per-project id of a host ('' when there is no host)."""
    if not host:
        return ''
    data = (str(project_id) + host).encode('utf-8')
    return hashlib.sha224(data).hexdigest()


def is_all_tenants(query):
    """Whether ``all_tenants`` is set and true (an empty value is true)."""
    values = query.get('all_tenants')
    if not values:
        return False
    value = values[-1] if isinstance(values, list) else values
    if value == '':
        return True
    return strutils.bool_from_string(value, default=True)


def last_value(req, name, default=None):
    values = req.GET.getall(name)
    return values[-1] if values else default


def get_limit_and_marker(req):
    """(limit, marker): ``limit`` capped at ``[api] max_limit``."""
    max_limit = CONF.api.max_limit
    raw = last_value(req, 'limit')
    limit = max_limit
    if raw is not None:
        try:
            limit = int(raw)
        except ValueError:
            raise webob.exc.HTTPBadRequest(
                explanation=_('limit param must be an integer'))
        if limit < 0:
            raise webob.exc.HTTPBadRequest(
                explanation=_('limit param must be positive'))
        limit = min(limit, max_limit)
    return limit, last_value(req, 'marker')


def url_join(*parts):
    """Join URL parts with single slashes (a trailing '' adds one)."""
    parts = [str(p) for p in parts if p is not None]
    if not parts:
        return ''
    out = [parts[0].rstrip('/')]
    for part in parts[1:]:
        if part == '':
            out.append('')
            continue
        stripped = part.strip('/')
        if stripped:
            out.append(stripped)
    return '/'.join(out)


def link_prefix(root_url):
    """``root_url`` rewritten by ``[api] compute_link_prefix`` if set."""
    prefix = CONF.api.compute_link_prefix
    if not prefix:
        return root_url
    return _prefixed(root_url, prefix)


@functools.lru_cache(maxsize=64)
def _prefixed(root_url, prefix):
    url = urlparse.urlsplit(root_url)
    pre = urlparse.urlsplit(prefix)
    path = pre.path.rstrip('/') + url.path
    return urlparse.urlunsplit((pre.scheme, pre.netloc, path, url.query,
                                url.fragment))


def _project_part(req):
    return req.project_id_in_url or None


def self_href(req, collection, identifier):
    return url_join(link_prefix(req.api_root), API_VERSION_PATH,
                    _project_part(req), collection, identifier)


def bookmark_href(req, collection, identifier):
    return url_join(link_prefix(req.api_root), _project_part(req),
                    collection, identifier)


def resource_links(req, collection, identifier):
    identifier = str(identifier)
    return [
        {'rel': 'self', 'href': self_href(req, collection, identifier)},
        {'rel': 'bookmark',
         'href': bookmark_href(req, collection, identifier)},
    ]


def next_link(req, collection, last_id):
    """A ``{"rel": "next"}`` link continuing after ``last_id``."""
    params = sorted((k, v) for k, v in req.GET.items() if k != 'marker')
    params.append(('marker', last_id))
    url = url_join(link_prefix(req.api_root), API_VERSION_PATH,
                   _project_part(req), collection)
    return {'rel': 'next', 'href': '%s?%s' % (url, urlparse.urlencode(
        params))}


def collection_links(req, items, collection, last_id):
    """[next link] when a full page was returned, else []."""
    max_items = CONF.api.max_limit
    raw = last_value(req, 'limit')
    if raw is not None:
        try:
            max_items = min(int(raw), max_items)
        except ValueError:
            pass
    if max_items and len(items) == max_items:
        return [next_link(req, collection, last_id)]
    return []


_OBJ_ATTR_PREFIX = '_obj_'
_UNSET = object()


def field(obj, name, default=None):
    """``obj.name`` when set, loadable and not None, else ``default``."""
    # NOTE: versioned objects raise on unset attributes they cannot
    # lazy-load; the views treat those like missing values. Names that
    # are not fields at all are answered without raising: a listing asks
    # dozens per server.
    fields = getattr(obj, 'fields', None)
    if isinstance(fields, dict):
        # A loaded versioned-object field sits in the instance dict; read
        # it there rather than through the field property.
        value = obj.__dict__.get(_OBJ_ATTR_PREFIX + name, _UNSET)
        if value is not _UNSET:
            return default if value is None else value
        if name not in fields and not hasattr(type(obj), name):
            return default
    try:
        value = getattr(obj, name)
    except Exception:
        return default
    return default if value is None else value


def isotime(value):
    """ISO 8601 UTC text of a datetime (``Z`` suffix), or None."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = (value - value.utcoffset()).replace(tzinfo=None)
    return value.strftime('%Y-%m-%dT%H:%M:%SZ')
