"""Policy defaults of the power actions of POST /servers/{id}/action."""

from oslo_policy import policy

from nova.policies import base

STOP = 'os_compute_api:servers:stop'
START = 'os_compute_api:servers:start'
REBOOT = 'os_compute_api:servers:reboot'
PAUSE = 'os_compute_api:os-pause-server:pause'
UNPAUSE = 'os_compute_api:os-pause-server:unpause'
SUSPEND = 'os_compute_api:os-suspend-server:suspend'
RESUME = 'os_compute_api:os-suspend-server:resume'

_ACTION = [{'method': 'POST', 'path': '/servers/{server_id}/action'}]


def _rule(name, description):
    return policy.DocumentedRuleDefault(
        name=name, check_str=base.PROJECT_MEMBER_OR_ADMIN,
        description=description, operations=_ACTION)


rules = [
    _rule(STOP, 'Stop a server (os-stop)'),
    _rule(START, 'Start a stopped server (os-start)'),
    _rule(REBOOT, 'Reboot a server (reboot)'),
    _rule(PAUSE, 'Pause a server (pause)'),
    _rule(UNPAUSE, 'Unpause a paused server (unpause)'),
    _rule(SUSPEND, 'Suspend a server (suspend)'),
    _rule(RESUME, 'Resume a suspended server (resume)'),
]


def list_rules():
    return rules
