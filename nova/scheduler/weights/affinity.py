"""The soft server group policies: ServerGroupSoftAffinityWeigher prefers
hosts running more members of the request's group (soft-affinity),
ServerGroupSoftAntiAffinityWeigher those running fewer
(soft-anti-affinity). Neither ever rules a host out."""

import nova.conf

CONF = nova.conf.CONF


class _GroupWeigher(object):

    policy = None
    sign = 1

    def raw_weight(self, host_state, spec_obj):
        group = getattr(host_state, 'group', None)
        if group is None or group.policy != self.policy:
            return 0
        return self.sign * group.members_on(host_state.host)


class ServerGroupSoftAffinityWeigher(_GroupWeigher):

    policy = 'soft-affinity'

    def weight_multiplier(self):
        return CONF.filter_scheduler.soft_affinity_weight_multiplier


class ServerGroupSoftAntiAffinityWeigher(_GroupWeigher):

    policy = 'soft-anti-affinity'
    sign = -1

    def weight_multiplier(self):
        return CONF.filter_scheduler.soft_anti_affinity_weight_multiplier
