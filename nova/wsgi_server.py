"""A threaded HTTP server for WSGI apps (cheroot), run in a daemon thread.

Used for the Compute API and for the all-in-one's built-in endpoints.
``port=0`` binds a free port; ``url`` then tells which.
"""

import threading

from cheroot import wsgi
from oslo_log import log as logging

LOG = logging.getLogger(__name__)


class WSGIServer(object):

    def __init__(self, name, app, host='127.0.0.1', port=0, threads=16):
        self.name = name
        self._server = wsgi.Server((host, port), app, numthreads=threads,
                                   server_name=name)
        # Keep-alive connections are served without a 10 s idle default
        # holding a worker hostage.
        self._server.timeout = 60
        # NOTE: stop() waits for the connection loop's select() timeout
        # (0.5 s by default); a tenth of a second keeps stopping quick at
        # the cost of ten idle wake-ups a second.
        self._server.expiration_interval = 0.1
        self._thread = None

    def start(self):
        self._server.prepare()
        self._thread = threading.Thread(target=self._server.serve,
                                        name='wsgi-%s' % self.name,
                                        daemon=True)
        self._thread.start()
        LOG.info('%s listening on %s', self.name, self.url)
        return self

    @property
    def host(self):
        return self._server.bind_addr[0]

    @property
    def port(self):
        return self._server.bind_addr[1]

    @property
    def url(self):
        return 'http://%s:%s' % (self.host, self.port)

    def stop(self):
        self._server.stop()
        if self._thread is not None:
            self._thread.join(timeout=10)
