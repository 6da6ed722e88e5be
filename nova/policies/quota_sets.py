"""Policy defaults of /os-quota-sets and /os-quota-class-sets: project
readers see their quotas, anyone the defaults, admins change them."""

from oslo_policy import policy

from nova.policies import base

QUOTA_SETS = 'os_compute_api:os-quota-sets:%s'
SHOW = QUOTA_SETS % 'show'
DETAIL = QUOTA_SETS % 'detail'
DEFAULTS = QUOTA_SETS % 'defaults'
UPDATE = QUOTA_SETS % 'update'
DELETE = QUOTA_SETS % 'delete'
CLASS_SHOW = 'os_compute_api:os-quota-class-sets:show'
CLASS_UPDATE = 'os_compute_api:os-quota-class-sets:update'

_SET = '/os-quota-sets/{tenant_id}'
_CLASS = '/os-quota-class-sets/{quota_class}'

rules = [
    policy.DocumentedRuleDefault(
        name=SHOW, check_str=base.PROJECT_READER_OR_ADMIN,
        description="Show a project's (or a user's) quota limits",
        operations=[{'method': 'GET', 'path': _SET}]),
    policy.DocumentedRuleDefault(
        name=DETAIL, check_str=base.PROJECT_READER_OR_ADMIN,
        description="Show a project's quota limits with their usage",
        operations=[{'method': 'GET', 'path': _SET + '/detail'}]),
    policy.DocumentedRuleDefault(
        name=DEFAULTS, check_str=base.ANY,
        description='Show the default quota limits',
        operations=[{'method': 'GET', 'path': _SET + '/defaults'}]),
    policy.DocumentedRuleDefault(
        name=UPDATE, check_str=base.ADMIN,
        description="Change a project's (or a user's) quota limits",
        operations=[{'method': 'PUT', 'path': _SET}]),
    policy.DocumentedRuleDefault(
        name=DELETE, check_str=base.ADMIN,
        description="Revert a project's (or a user's) quota limits to the "
                    "defaults",
        operations=[{'method': 'DELETE', 'path': _SET}]),
    policy.DocumentedRuleDefault(
        name=CLASS_SHOW, check_str=base.ADMIN,
        description="Show a quota class's limits",
        operations=[{'method': 'GET', 'path': _CLASS}]),
    policy.DocumentedRuleDefault(
        name=CLASS_UPDATE, check_str=base.ADMIN,
        description="Change a quota class's limits",
        operations=[{'method': 'PUT', 'path': _CLASS}]),
]


def list_rules():
    return rules
