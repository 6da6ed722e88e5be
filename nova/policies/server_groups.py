"""Policy defaults of /os-server-groups."""

from oslo_policy import policy

from nova.policies import base

SERVER_GROUPS = 'os_compute_api:os-server-groups:%s'
INDEX = SERVER_GROUPS % 'index'
INDEX_ALL_PROJECTS = SERVER_GROUPS % 'index:all_projects'
CREATE = SERVER_GROUPS % 'create'
SHOW = SERVER_GROUPS % 'show'
DELETE = SERVER_GROUPS % 'delete'

_ONE = '/os-server-groups/{server_group_id}'

rules = [
    policy.DocumentedRuleDefault(
        name=INDEX, check_str=base.PROJECT_READER_OR_ADMIN,
        description="List the project's server groups",
        operations=[{'method': 'GET', 'path': '/os-server-groups'}]),
    policy.DocumentedRuleDefault(
        name=INDEX_ALL_PROJECTS, check_str=base.ADMIN,
        description="List every project's server groups (all_projects)",
        operations=[{'method': 'GET', 'path': '/os-server-groups'}]),
    policy.DocumentedRuleDefault(
        name=CREATE, check_str=base.PROJECT_MEMBER_OR_ADMIN,
        description='Create a server group',
        operations=[{'method': 'POST', 'path': '/os-server-groups'}]),
    policy.DocumentedRuleDefault(
        name=SHOW, check_str=base.PROJECT_READER_OR_ADMIN,
        description='Show a server group',
        operations=[{'method': 'GET', 'path': _ONE}]),
    policy.DocumentedRuleDefault(
        name=DELETE, check_str=base.PROJECT_MEMBER_OR_ADMIN,
        description='Delete a server group',
        operations=[{'method': 'DELETE', 'path': _ONE}]),
]


def list_rules():
    return rules
