"""A short Markdown table of what the Compute API serves, made from the
route table itself (``routes.ROUTE_TABLE`` and the action tables), so the
README's copy cannot go stale: ``tools/api_table.py`` writes it there and
a unit test fails when the two differ.

One row per resource (the first path segment): each of its paths with
the methods served, and for ``.../action`` paths the actions; a
microversion range follows a method or action served only in part of
2.1 - latest (``2.6+``, ``-2.35``, ``2.1-2.43`` written with an en dash).
"""

import collections
import importlib

from nova.api.openstack import api_version_request as avr
from nova.api.openstack.compute import routes
from nova.api.openstack import handler

_METHOD_ORDER = ('GET', 'POST', 'PUT', 'DELETE')
START = '<!-- api-table:start (tools/api_table.py writes this) -->'
END = '<!-- api-table:end -->'


def _range(func):
    spec = handler.spec_of(func)
    low = spec.min_version
    if low in (None, avr.MIN_API_VERSION):
        low = None
    high = spec.max_version
    if high is not None and avr.APIVersionRequest(high) >= (
            avr.max_api_version()):
        high = None
    if low and high:
        return ' %s–%s' % (low, high)
    if low:
        return ' %s+' % low
    if high:
        return ' –%s' % high
    return ''


def _actions_of(func):
    """The action table a ``.../action`` dispatcher serves, or None."""
    if func.__name__ != 'action':
        return None
    module = importlib.import_module(func.__module__)
    return getattr(module, 'ACTIONS', None)


def _cell(path, resource, methods):
    suffix = path[len(resource):] or ''
    parts = []
    for method in sorted(methods, key=_METHOD_ORDER.index):
        func = methods[method]
        actions = _actions_of(func)
        if actions is not None:
            names = ', '.join('`%s`%s' % (name, _range(actions[name]))
                              for name in sorted(actions, key=str.lower))
            parts.append('%s (%s)' % (method, names))
        else:
            parts.append(method + _range(func))
    where = '`%s`: ' % suffix if suffix else ''
    return where + ', '.join(parts)


def rows(route_table=None):
    """``[(resource, cell text)]`` in the order of the route table."""
    grouped = collections.OrderedDict()
    for path, methods in route_table or routes.ROUTE_TABLE:
        resource = '/' + path.strip('/').split('/')[0]
        grouped.setdefault(resource, []).append(
            _cell(path, resource, methods))
    return [(resource, '; '.join(cells))
            for resource, cells in grouped.items()]


def markdown(route_table=None):
    """The table, with its markers, as the README holds it."""
    lines = [START, '| Resource | Served (methods; microversions where '
             'limited) |', '|---|---|']
    lines += ['| `%s` | %s |' % row for row in rows(route_table)]
    lines.append(END)
    return '\n'.join(lines) + '\n'


def replace_in(text, route_table=None):
    """``text`` (the README) with its table replaced by a fresh one;
    ValueError when the markers are missing."""
    start = text.index(START)
    end = text.index(END, start) + len(END) + 1
    return text[:start] + markdown(route_table) + text[end:]
