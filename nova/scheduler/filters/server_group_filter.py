"""ServerGroupAffinityFilter and ServerGroupAntiAffinityFilter: the hard
policies of the server group a request boots into (the ``group`` hint).

Affinity keeps only the hosts already running members of the group (any
host while it has none); anti-affinity only the hosts running fewer than
``max_server_per_host`` (1 unless the group's rules say otherwise, 2.64).
Both run again for each server of a multi-create, so the servers placed
earlier in the same request count.
"""

from nova.scheduler.filters import base


class _GroupFilter(base.BaseHostFilter):

    policy = None

    def fits(self, host_state, spec_obj):
        group = getattr(host_state, 'group', None)
        if group is None or group.policy != self.policy:
            return True, None
        return self._fits(group, host_state.host)


class ServerGroupAffinityFilter(_GroupFilter):

    policy = 'affinity'

    @staticmethod
    def _fits(group, host):
        if not group.placed() or group.members_on(host):
            return True, None
        return False, 'runs no member of affinity group %s' % group.uuid


class ServerGroupAntiAffinityFilter(_GroupFilter):

    policy = 'anti-affinity'

    @staticmethod
    def _fits(group, host):
        if group.members_on(host) < group.max_per_host:
            return True, None
        return False, 'runs %d member(s) of anti-affinity group %s' % (
            group.members_on(host), group.uuid)
