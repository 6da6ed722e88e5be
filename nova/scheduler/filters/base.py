"""The contract every host filter follows."""


class BaseHostFilter(object):
    """Decides if one host fits one request."""

    # Re-run per instance of a multi-create request?
    run_filter_for_each_instance = True

    def prepare(self, context, spec_obj, host_manager):
        """Look up, once per request, what ``fits`` needs beyond the
        host states (``host_manager``: the scheduler's HostManager)."""

    def fits(self, host_state, spec_obj):
        """Return ``(True, None)`` or ``(False, 'why not')``."""
        raise NotImplementedError()

    def filter_all(self, host_states, spec_obj):
        """The hosts that fit, and a reason for each one that did not."""
        passed, rejected = [], {}
        for host_state in host_states:
            ok, reason = self.fits(host_state, spec_obj)
            if ok:
                passed.append(host_state)
            else:
                rejected[host_state.nodename] = reason
        return passed, rejected
