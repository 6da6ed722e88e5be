"""ComputeFilter: only hosts whose compute service is up and enabled."""

from nova.scheduler.filters import base


class ComputeFilter(base.BaseHostFilter):

    run_filter_for_each_instance = False

    def fits(self, host_state, spec_obj):
        service = host_state.service
        if service.disabled:
            return False, 'disabled: %s' % (service.disabled_reason or '')
        if not host_state.service_up:
            return False, 'compute service is down'
        return True, None
