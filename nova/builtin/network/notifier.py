"""Telling Nova about port events, as Neutron's nova notifier does.

``NovaNotifier(nova_url)`` posts ``network-vif-plugged`` events to
``{nova_url}/os-server-external-events`` from one daemon thread, in the
order they were queued (``token`` is a string or a callable returning a
fresh one), so a request that binds a port never waits on
Nova. ``nova_url`` is the compute endpoint including its version
(``http://host:port/v2.1``) or a callable returning it at send time (for
an endpoint only known once Nova is served). Failures are logged and
dropped: Nova's own timeouts cover a lost event. ``stop()`` sends what
is queued, then ends the thread.
"""

import json
import logging
import queue
import threading
import urllib.request

LOG = logging.getLogger(__name__)

ADMIN_TOKEN = 'admin:admin'
TIMEOUT = 10
# Queued by stop(): the thread ends when it takes it.
_STOP = None


class NovaNotifier:

    def __init__(self, nova_url, token=ADMIN_TOKEN):
        self._nova_url = nova_url
        self._token = token
        self._queue = queue.Queue()
        self._thread = None
        self._lock = threading.Lock()

    def vif_plugged(self, server_uuid, port_id):
        """Queue ``network-vif-plugged`` for the port of a server."""
        self.send({'name': 'network-vif-plugged', 'server_uuid': server_uuid,
                   'tag': port_id, 'status': 'completed'})

    def send(self, *events):
        """Queue events for Nova; returns at once."""
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name='network-nova-notifier',
                    daemon=True)
                self._thread.start()
        self._queue.put(list(events))

    def stop(self):
        """End the thread once the events queued before are sent (each
        within ``TIMEOUT`` seconds); idempotent."""
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._queue.put(_STOP)
            thread.join()

    def _url(self):
        base = self._nova_url() if callable(self._nova_url) else (
            self._nova_url)
        return base.rstrip('/') + '/os-server-external-events'

    def _run(self):
        while True:
            events = self._queue.get()
            if events is _STOP:
                return
            try:
                self._post(events)
            except Exception:
                LOG.exception('Could not send %s to Nova', events)

    def _post(self, events):
        request = urllib.request.Request(
            self._url(), method='POST',
            data=json.dumps({'events': events}).encode('utf-8'),
            headers={'Content-Type': 'application/json',
                     'Accept': 'application/json',
                     'X-Auth-Token': (self._token() if callable(self._token)
                                      else self._token)})
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            LOG.debug('Nova answered %s to %s', response.status, events)
