"""Query strings of list requests: filters, ``fields``, sorting, paging.

Pure functions over the documents of ``views``; the handlers load the
documents the caller may see and hand them here with ``req.GET``.
"""

from nova.builtin.network import errors

_STANDARD = ('id', 'name', 'description', 'tenant_id', 'project_id',
             'revision_number')
FILTERS = {
    'network': _STANDARD + ('admin_state_up', 'status', 'shared', 'mtu',
                            'router:external', 'port_security_enabled'),
    'subnet': _STANDARD + ('network_id', 'cidr', 'gateway_ip', 'ip_version',
                           'enable_dhcp', 'subnetpool_id', 'segment_id'),
    'port': _STANDARD + ('network_id', 'mac_address', 'admin_state_up',
                         'status', 'device_id', 'device_owner',
                         'binding:host_id', 'binding:vif_type',
                         'binding:vnic_type', 'port_security_enabled'),
    'security_group': _STANDARD + ('stateful',),
    'security_group_rule': ('id', 'tenant_id', 'project_id',
                            'security_group_id', 'direction', 'ethertype',
                            'protocol', 'port_range_min', 'port_range_max',
                            'remote_ip_prefix', 'remote_group_id',
                            'description', 'revision_number'),
    'floatingip': ('id', 'tenant_id', 'project_id', 'description',
                   'revision_number', 'floating_ip_address',
                   'floating_network_id', 'router_id', 'port_id',
                   'fixed_ip_address', 'status'),
}
TAG_FILTERS = ('tags', 'tags-any', 'not-tags', 'not-tags-any')
PAGING = ('fields', 'limit', 'marker', 'sort_key', 'sort_dir',
          'page_reverse')
FIXED_IP_KEYS = ('ip_address', 'subnet_id')


def _text(value):
    if isinstance(value, bool):
        return 'true' if value else 'false'
    return '' if value is None else str(value)


def _wanted(query, resource):
    """{attribute: set of accepted texts} from the query; 400 if unknown."""
    wanted = {}
    for key, value in query.items():
        if key in PAGING or key in TAG_FILTERS:
            continue
        if key not in FILTERS[resource] and not (
                resource == 'port' and key == 'fixed_ips'):
            raise errors.bad_request(
                '%s is invalid attribute for filtering' % key)
        wanted.setdefault(key, set()).add(value)
    if 'fixed_ips' in wanted:
        wanted['fixed_ips'] = _fixed_ip_criteria(wanted['fixed_ips'])
    return wanted


def _fixed_ip_criteria(values):
    criteria = {}
    for value in values:
        key, sep, wanted = value.partition('=')
        if not sep or key not in FIXED_IP_KEYS:
            raise errors.bad_request(
                "Invalid fixed_ips filter '%s'; use ip_address=... or "
                "subnet_id=..." % value)
        criteria.setdefault(key, set()).add(wanted)
    return criteria


def _matches_fixed_ips(doc, criteria):
    return any(all(ip[key] in accepted for key, accepted in criteria.items())
               for ip in doc['fixed_ips'])


def _matches_tags(doc, query):
    tags = set(doc.get('tags', ()))

    def split(key):
        return [set(v.split(',')) for v in query.getall(key)]
    return (all(t <= tags for t in split('tags')) and
            all(t & tags for t in split('tags-any')) and
            not any(t <= tags for t in split('not-tags')) and
            not any(t & tags for t in split('not-tags-any')))


def matches(doc, wanted):
    for key, accepted in wanted.items():
        if key == 'fixed_ips':
            if not _matches_fixed_ips(doc, accepted):
                return False
        elif isinstance(doc.get(key), bool):
            if _text(doc[key]) not in {a.lower() for a in accepted}:
                return False
        elif _text(doc.get(key)) not in accepted:
            return False
    return True


def _limit(query):
    raw = query.get('limit')
    if raw is None:
        return None
    try:
        limit = int(raw)
    except ValueError:
        limit = -1
    if limit < 0:
        raise errors.bad_request("Limit must be an integer 0 or greater "
                                 "and not '%s'" % raw)
    return limit or None


def _sort(docs, query, resource):
    keys = query.getall('sort_key')
    dirs = query.getall('sort_dir')
    if not keys:
        return docs
    if len(dirs) not in (0, len(keys)):
        raise errors.bad_request('The number of sort_keys and sort_dirs '
                                 'must be the same')
    for key, direction in reversed(list(zip(keys, dirs or ['asc'] * 99))):
        if key not in FILTERS[resource]:
            raise errors.bad_request("'%s' is an invalid attribute for "
                                     "sort key" % key)
        if direction not in ('asc', 'desc'):
            raise errors.bad_request("'%s' is an invalid value for "
                                     "sort_dir" % direction)
        docs = sorted(docs, key=lambda d: _text(d.get(key)),
                      reverse=direction == 'desc')
    return docs


def trim(doc, query):
    """Only the attributes named by ``fields=`` (all when none)."""
    fields = [f for f in query.getall('fields') if f]
    if not fields:
        return doc
    return {k: v for k, v in doc.items() if k in fields}


def select(docs, query, resource):
    """(page, next_marker) of the ``docs`` matching ``query``.

    ``next_marker`` is the id to ask for the next page with, or None on
    the last page. Raises a 400 ``NeutronError`` for an unknown filter or
    sort key and a bad limit, 404 for a marker not in the list.
    """
    wanted = _wanted(query, resource)
    docs = [d for d in docs if matches(d, wanted) and _matches_tags(d, query)]
    docs = _sort(docs, query, resource)
    marker = query.get('marker')
    if marker is not None:
        ids = [d['id'] for d in docs]
        if marker not in ids:
            raise errors.not_found(errors.NOT_FOUND,
                                   'Marker %s could not be found.' % marker)
        docs = docs[ids.index(marker) + 1:]
    limit = _limit(query)
    next_marker = None
    if limit is not None and len(docs) > limit:
        docs = docs[:limit]
        next_marker = docs[-1]['id']
    return [trim(d, query) for d in docs], next_marker
