"""Policy defaults of the shelve, shelveOffload and unshelve actions."""

from oslo_policy import policy

from nova.policies import base

PREFIX = 'os_compute_api:os-shelve:%s'
SHELVE = PREFIX % 'shelve'
SHELVE_OFFLOAD = PREFIX % 'shelve_offload'
UNSHELVE = PREFIX % 'unshelve'
UNSHELVE_TO_HOST = PREFIX % 'unshelve_to_host'

_ACTION = [{'method': 'POST', 'path': '/servers/{server_id}/action'}]


def _rule(name, check_str, description):
    return policy.DocumentedRuleDefault(
        name=name, check_str=check_str, description=description,
        operations=_ACTION)


rules = [
    _rule(SHELVE, base.PROJECT_MEMBER_OR_ADMIN, 'Shelve a server (shelve)'),
    _rule(SHELVE_OFFLOAD, base.ADMIN,
          "Offload a shelved server from its host (shelveOffload)"),
    _rule(UNSHELVE, base.PROJECT_MEMBER_OR_ADMIN,
          'Unshelve a server (unshelve)'),
    _rule(UNSHELVE_TO_HOST, base.ADMIN,
          'Unshelve an offloaded server onto a given host (unshelve, 2.91)'),
]


def list_rules():
    return rules
