"""Policy defaults of /os-keypairs: a user manages their own key pairs;
an admin, anyone's (``user_id``, 2.10)."""

from oslo_policy import policy

from nova.policies import base

KEYPAIRS = 'os_compute_api:os-keypairs:%s'
INDEX = KEYPAIRS % 'index'
CREATE = KEYPAIRS % 'create'
SHOW = KEYPAIRS % 'show'
DELETE = KEYPAIRS % 'delete'

_OWNER_OR_ADMIN = '(%s) or user_id:%%(user_id)s' % base.ADMIN
_ONE = '/os-keypairs/{keypair_name}'

rules = [
    policy.DocumentedRuleDefault(
        name=INDEX, check_str=_OWNER_OR_ADMIN,
        description="List a user's key pairs",
        operations=[{'method': 'GET', 'path': '/os-keypairs'}]),
    policy.DocumentedRuleDefault(
        name=CREATE, check_str=_OWNER_OR_ADMIN,
        description='Create or import a key pair',
        operations=[{'method': 'POST', 'path': '/os-keypairs'}]),
    policy.DocumentedRuleDefault(
        name=SHOW, check_str=_OWNER_OR_ADMIN,
        description='Show a key pair',
        operations=[{'method': 'GET', 'path': _ONE}]),
    policy.DocumentedRuleDefault(
        name=DELETE, check_str=_OWNER_OR_ADMIN,
        description='Delete a key pair',
        operations=[{'method': 'DELETE', 'path': _ONE}]),
]


def list_rules():
    return rules
