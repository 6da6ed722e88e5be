"""Policy defaults of /os-server-external-events."""

from oslo_policy import policy

from nova.policies import base

CREATE = 'os_compute_api:os-server-external-events:create'

rules = [
    policy.DocumentedRuleDefault(
        name=CREATE, check_str=base.SERVICE_OR_ADMIN,
        description='Create one or more external events (sent by other '
                    'services, such as the network service, about servers)',
        operations=[{'method': 'POST',
                     'path': '/os-server-external-events'}]),
]


def list_rules():
    return rules
