"""SameHostFilter and DifferentHostFilter: the ``same_host`` and
``different_host`` scheduler hints of ``POST /servers``.

Each hint names one server UUID or a list of them. ``same_host`` keeps
only the hosts running at least one of them, ``different_host`` only the
hosts running none; a request without the hint passes every host. The
hosts of the named servers are looked up once per request (``prepare``).
Nova documents both in doc/source/admin/scheduling.rst.
"""

from nova.scheduler.filters import base


def hinted_uuids(spec_obj, hint):
    """The server UUIDs ``spec_obj``'s scheduler hint ``hint`` names."""
    hints = (spec_obj.obj_attr_is_set('scheduler_hints') and
             spec_obj.scheduler_hints or {})
    value = hints.get(hint)
    if not value:
        return []
    return [value] if isinstance(value, str) else list(value)


class _HintedHostsFilter(base.BaseHostFilter):

    # The hinted servers do not move while one request is placed.
    run_filter_for_each_instance = False
    hint = None

    def __init__(self):
        self._hinted = None
        self._hosts = set()

    def prepare(self, context, spec_obj, host_manager):
        uuids = hinted_uuids(spec_obj, self.hint)
        self._hinted = bool(uuids)
        self._hosts = (host_manager.hosts_of_instances(context, uuids)
                       if uuids else set())


class SameHostFilter(_HintedHostsFilter):

    hint = 'same_host'

    def fits(self, host_state, spec_obj):
        if not self._hinted or host_state.host in self._hosts:
            return True, None
        return False, 'runs none of the servers of the same_host hint'


class DifferentHostFilter(_HintedHostsFilter):

    hint = 'different_host'

    def fits(self, host_state, spec_obj):
        if host_state.host not in self._hosts:
            return True, None
        return False, 'runs a server of the different_host hint'
