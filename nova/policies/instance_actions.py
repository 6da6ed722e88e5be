"""Policy defaults of /servers/{server_id}/os-instance-actions."""

from oslo_policy import policy

from nova.policies import base

PREFIX = 'os_compute_api:os-instance-actions:%s'
LIST = PREFIX % 'list'
SHOW = PREFIX % 'show'
EVENTS = PREFIX % 'events'
EVENTS_DETAILS = PREFIX % 'events:details'

_LIST_PATH = '/servers/{server_id}/os-instance-actions'
_SHOW_PATH = '/servers/{server_id}/os-instance-actions/{request_id}'


def _rule(name, check_str, description, path):
    return policy.DocumentedRuleDefault(
        name=name, check_str=check_str, description=description,
        operations=[{'method': 'GET', 'path': path}])


rules = [
    _rule(LIST, base.PROJECT_READER_OR_ADMIN,
          'List the actions taken on a server', _LIST_PATH),
    _rule(SHOW, base.PROJECT_READER_OR_ADMIN,
          'Show an action taken on a server', _SHOW_PATH),
    _rule(EVENTS, base.ADMIN,
          "See an action's events before 2.51, their tracebacks and "
          "their hosts (2.62)", _SHOW_PATH),
    # NOTE: admins only, as in Nova: the details may name the hypervisor.
    _rule(EVENTS_DETAILS, base.ADMIN,
          "See the details of an action's failed events (2.84)",
          _SHOW_PATH),
]


def list_rules():
    return rules
