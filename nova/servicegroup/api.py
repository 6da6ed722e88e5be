"""Is a service up? A service is up when its last heartbeat is younger
than ``service_down_time`` and nobody forced it down."""

from oslo_utils import timeutils

import nova.conf

CONF = nova.conf.CONF


class API(object):

    def service_is_up(self, service):
        if service.forced_down:
            return False
        last = service.last_seen_up or service.updated_at or \
            service.created_at
        if last is None:
            return False
        last = last.replace(tzinfo=None)
        elapsed = (timeutils.utcnow() - last).total_seconds()
        return abs(elapsed) <= CONF.service_down_time
