"""Policy defaults of the /os-security-groups and /os-security-group-rules
proxies to the network service (until 2.35), named as Nova names them."""

from oslo_policy import policy

from nova.policies import base

PREFIX = 'os_compute_api:os-security-groups:%s'
INDEX = PREFIX % 'get'
SHOW = PREFIX % 'show'
CREATE = PREFIX % 'create'
UPDATE = PREFIX % 'update'
DELETE = PREFIX % 'delete'
RULE_CREATE = PREFIX % 'rule:create'
RULE_DELETE = PREFIX % 'rule:delete'

_GROUPS = '/os-security-groups'
_GROUP = '/os-security-groups/{security_group_id}'


def _rule(name, check_str, description, method, path):
    return policy.DocumentedRuleDefault(
        name=name, check_str=check_str, description=description,
        operations=[{'method': method, 'path': path}])


rules = [
    _rule(INDEX, base.PROJECT_READER_OR_ADMIN,
          'List security groups (a proxy to the network service)',
          'GET', _GROUPS),
    _rule(SHOW, base.PROJECT_READER_OR_ADMIN,
          'Show a security group (a proxy to the network service)',
          'GET', _GROUP),
    _rule(CREATE, base.PROJECT_MEMBER_OR_ADMIN,
          'Create a security group (a proxy to the network service)',
          'POST', _GROUPS),
    _rule(UPDATE, base.PROJECT_MEMBER_OR_ADMIN,
          'Update a security group (a proxy to the network service)',
          'PUT', _GROUP),
    _rule(DELETE, base.PROJECT_MEMBER_OR_ADMIN,
          'Delete a security group (a proxy to the network service)',
          'DELETE', _GROUP),
    _rule(RULE_CREATE, base.PROJECT_MEMBER_OR_ADMIN,
          'Create a security group rule (a proxy to the network service)',
          'POST', '/os-security-group-rules'),
    _rule(RULE_DELETE, base.PROJECT_MEMBER_OR_ADMIN,
          'Delete a security group rule (a proxy to the network service)',
          'DELETE', '/os-security-group-rules/{security_group_rule_id}'),
]


def list_rules():
    return rules
