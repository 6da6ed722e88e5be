"""RAMWeigher: prefers hosts with more free RAM (spreading); a negative
``ram_weight_multiplier`` prefers fuller hosts (stacking)."""

import nova.conf

CONF = nova.conf.CONF


class RAMWeigher(object):

    def weight_multiplier(self):
        return CONF.filter_scheduler.ram_weight_multiplier

    def raw_weight(self, host_state, spec_obj):
        return host_state.free_ram_mb
