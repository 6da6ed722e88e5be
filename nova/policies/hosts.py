"""Policy defaults of /os-hosts (deprecated; until 2.42): admins only."""

from oslo_policy import policy

from nova.policies import base

HOSTS = 'os_compute_api:os-hosts:%s'
LIST = HOSTS % 'list'
SHOW = HOSTS % 'show'
UPDATE = HOSTS % 'update'
REBOOT = HOSTS % 'reboot'
SHUTDOWN = HOSTS % 'shutdown'
START = HOSTS % 'start'

_ONE = '/os-hosts/{host_name}'

rules = [
    policy.DocumentedRuleDefault(
        name=LIST, check_str=base.ADMIN, description='List hosts',
        operations=[{'method': 'GET', 'path': '/os-hosts'}]),
    policy.DocumentedRuleDefault(
        name=SHOW, check_str=base.ADMIN,
        description="Show a host's resources",
        operations=[{'method': 'GET', 'path': _ONE}]),
    policy.DocumentedRuleDefault(
        name=UPDATE, check_str=base.ADMIN,
        description='Enable or disable a host, or its maintenance mode',
        operations=[{'method': 'PUT', 'path': _ONE}]),
    policy.DocumentedRuleDefault(
        name=REBOOT, check_str=base.ADMIN, description='Reboot a host',
        operations=[{'method': 'GET', 'path': _ONE + '/reboot'}]),
    policy.DocumentedRuleDefault(
        name=SHUTDOWN, check_str=base.ADMIN, description='Shut a host down',
        operations=[{'method': 'GET', 'path': _ONE + '/shutdown'}]),
    policy.DocumentedRuleDefault(
        name=START, check_str=base.ADMIN, description='Start a host up',
        operations=[{'method': 'GET', 'path': _ONE + '/startup'}]),
]


def list_rules():
    return rules
