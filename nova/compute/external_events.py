"""Waiting for events other services send about instances of this host.

The network service reports ``network-vif-plugged`` for a port once it is
bound; a build must not miss it, so it *prepares* a waiter for each event
it expects before doing what triggers the event, then *waits*. The
compute manager hands every event that arrives over RPC to
``pop_instance_event``, which wakes its waiter; an event nobody waits for
is dropped (and logged).

One ``InstanceEvents`` per compute host; thread-safe.
"""

import threading
import time

from oslo_log import log as logging

LOG = logging.getLogger(__name__)


def event_key(name, tag=None):
    """The key of an event: ``name`` or ``name-tag``."""
    return '%s-%s' % (name, tag) if tag else name


class Waiter(object):
    """One expected event; ``status`` is set when it arrives."""

    def __init__(self, key):
        self.key = key
        self.status = None
        self._done = threading.Event()

    def deliver(self, status):
        self.status = status
        self._done.set()

    def wait(self, timeout):
        return self._done.wait(timeout)

    @property
    def arrived(self):
        return self._done.is_set()


class InstanceEvents(object):
    """Waiters of this host, by instance UUID and event key."""

    def __init__(self):
        self._lock = threading.Lock()
        self._waiters = {}

    def prepare(self, instance_uuid, keys):
        """Register waiters for ``keys`` of an instance; returns them
        as a list. Preparing a key already waited for returns the
        existing waiter."""
        with self._lock:
            mine = self._waiters.setdefault(instance_uuid, {})
            return [mine.setdefault(key, Waiter(key)) for key in keys]

    def pop_instance_event(self, instance_uuid, name, tag=None,
                           status='completed'):
        """Deliver an event; returns its waiter, or None when nobody was
        waiting for it."""
        key = event_key(name, tag)
        with self._lock:
            mine = self._waiters.get(instance_uuid, {})
            waiter = mine.pop(key, None)
            if not mine:
                self._waiters.pop(instance_uuid, None)
        if waiter is None:
            LOG.debug('No one waits for event %s of instance %s', key,
                      instance_uuid)
            return None
        waiter.deliver(status)
        return waiter

    def clear(self, instance_uuid):
        """Forget every waiter of an instance (it is going away)."""
        with self._lock:
            self._waiters.pop(instance_uuid, None)

    def pending(self, instance_uuid):
        with self._lock:
            return sorted(self._waiters.get(instance_uuid, {}))


def wait_for(waiters, timeout):
    """Wait until every waiter's event has arrived or ``timeout`` seconds
    have passed. Returns ``(missing keys, failed keys)``: events that did
    not arrive, and events that arrived with status ``failed``."""
    deadline = time.monotonic() + timeout
    for waiter in waiters:
        waiter.wait(max(0.0, deadline - time.monotonic()))
    missing = [w.key for w in waiters if not w.arrived]
    failed = [w.key for w in waiters if w.arrived and w.status == 'failed']
    return missing, failed
