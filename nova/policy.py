"""Policy enforcement (oslo.policy) with Nova's defaults kept in code.

Every API route calls ``context.can(<rule>, target)``; the rules and their
defaults live in ``nova.policies``; an operator's policy file overrides.
"""

import threading

from oslo_config import cfg
from oslo_policy import policy

from nova import exception
from nova import policies

_ENFORCER = None
_LOCK = threading.Lock()


def reset():
    global _ENFORCER
    if _ENFORCER:
        _ENFORCER.clear()
    _ENFORCER = None


def get_enforcer():
    global _ENFORCER
    if _ENFORCER is None:
        with _LOCK:
            if _ENFORCER is None:
                enforcer = policy.Enforcer(cfg.CONF)
                enforcer.register_defaults(policies.list_rules())
                enforcer.load_rules()
                _ENFORCER = enforcer
    return _ENFORCER


def _credentials(context):
    return context.to_policy_values()


def authorize(context, action, target=None, do_raise=True):
    """Check ``action`` for ``context`` on ``target``.

    Returns True/False; raises ``PolicyNotAuthorized`` when denied and
    ``do_raise``. An unregistered ``action`` is a programming error and
    raises ``oslo_policy.policy.PolicyNotRegistered``.
    """
    target = target or {}
    try:
        return get_enforcer().authorize(
            action, target, _credentials(context), do_raise=do_raise,
            exc=exception.PolicyNotAuthorized, action=action)
    except policy.InvalidScope:
        raise exception.PolicyNotAuthorized(action=action)


def check_is_admin(context):
    """Whether ``context``'s roles pass the ``context_is_admin`` rule."""
    return get_enforcer().authorize(
        'context_is_admin', {}, _credentials(context), do_raise=False)
