"""The one HTTP server of every listener: cheroot, run in a daemon thread.

Serves the Compute API (``nova.service.WSGIService``) and the all-in-one's
built-in services (``nova.builtin.placement.serve``). ``port=0`` binds a
free port; ``url`` then tells which.

Shaped by ``[wsgi]`` (read when the server is made):

* ``backlog``: the listen backlog, so a burst of connections queues in the
  kernel instead of being reset (cheroot's default is 5);
* ``client_socket_timeout``: seconds a worker waits on a silent client (a
  half-sent request, a short body) before dropping it, so slow or half-open
  clients hold workers only briefly;
* ``keep_alive_timeout``: seconds an idle keep-alive connection (which
  holds no worker) waits for its next request;
* ``keep_alive_connections``: idle keep-alive connections kept at most.

``threads`` workers serve requests; connections waiting for their next
request do not hold one (cheroot watches them with a selector).
"""

import threading

from cheroot import server as cheroot_server
from cheroot import wsgi
from oslo_log import log as logging

import nova.conf

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)


class _Connection(cheroot_server.HTTPConnection):
    """A client connection whose reads time out after
    ``[wsgi] client_socket_timeout``.

    cheroot has one timeout for both the reads of a request and the idle
    time between keep-alive requests (``Server.timeout``, here the latter);
    its server lets the connection class be replaced for such changes.
    """

    def __init__(self, server, sock, *args, **kwargs):
        super().__init__(server, sock, *args, **kwargs)
        sock.settimeout(server.nova_read_timeout)


class WSGIServer(object):
    """``app`` served on ``(host, port)`` by ``threads`` worker threads."""

    def __init__(self, name, app, host='127.0.0.1', port=0, threads=16):
        self.name = name
        self._server = wsgi.Server(
            (host, port), app, numthreads=threads, server_name=name,
            request_queue_size=CONF.wsgi.backlog,
            timeout=CONF.wsgi.keep_alive_timeout)
        self._server.ConnectionClass = _Connection
        self._server.nova_read_timeout = CONF.wsgi.client_socket_timeout
        self._server.keep_alive_conn_limit = CONF.wsgi.keep_alive_connections
        # NOTE: stop() waits for the connection loop's select() timeout
        # (0.5 s by default); a tenth of a second keeps stopping quick at
        # the cost of ten idle wake-ups a second.
        self._server.expiration_interval = 0.1
        self._thread = None

    def start(self):
        """Bind, listen and serve in a daemon thread; return ``self``.

        Returns once the socket listens, so requests to ``url`` can be
        made right away. Raises ``OSError`` when the address cannot be
        bound.
        """
        ready = threading.Event()
        failure = []

        def run():
            # NOTE: prepare() starts cheroot's worker threads; started from
            # this daemon thread they are daemons too (threads inherit it),
            # so a server left running never keeps the process from exiting.
            try:
                self._server.prepare()
            except BaseException as exc:
                failure.append(exc)
                return
            finally:
                ready.set()
            self._server.serve()

        self._thread = threading.Thread(target=run, daemon=True,
                                        name='wsgi-%s' % self.name)
        self._thread.start()
        ready.wait()
        if failure:
            self._thread.join()
            self._thread = None
            raise failure[0]
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
        host = self.host
        if ':' in host:
            host = '[%s]' % host
        return 'http://%s:%s' % (host, self.port)

    def stop(self):
        """Stop accepting, finish requests in flight and join; idempotent."""
        if self._thread is None:
            return
        self._server.stop()
        self._thread.join(timeout=10)
        self._thread = None
