"""CPUWeigher: prefers hosts with more free vCPUs; negative multiplier
stacks instead."""

import nova.conf

CONF = nova.conf.CONF


class CPUWeigher(object):

    def weight_multiplier(self):
        return CONF.filter_scheduler.cpu_weight_multiplier

    def raw_weight(self, host_state, spec_obj):
        return host_state.free_vcpus
