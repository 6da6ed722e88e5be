"""DiskWeigher: prefers hosts with more free disk; negative multiplier
stacks instead."""

import nova.conf

CONF = nova.conf.CONF


class DiskWeigher(object):

    def weight_multiplier(self):
        return CONF.filter_scheduler.disk_weight_multiplier

    def raw_weight(self, host_state, spec_obj):
        return host_state.free_disk_mb
