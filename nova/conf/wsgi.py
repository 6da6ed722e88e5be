"""Options of the HTTP server behind every listener (``[wsgi]``), and the
request body limit (``[oslo_middleware] max_request_body_size``).

One server (``nova.wsgi_server.WSGIServer``) serves the Compute API and
the all-in-one's built-in services; these options shape all of them.
"""

from oslo_config import cfg
from oslo_middleware import sizelimit

wsgi_group = cfg.OptGroup(
    'wsgi', title='WSGI server options',
    help='The HTTP server behind the Compute API and the built-in '
         'services of the all-in-one.')

wsgi_opts = [
    cfg.IntOpt('client_socket_timeout', default=5, min=1,
               help="""
Seconds a server worker waits for a client that has stopped sending.

A client that sent half a request line, half its headers or less body than
its ``Content-Length`` announced is dropped (an unfinished body is answered
with 400) after this long, freeing the worker for other clients.

Possible values:

* A positive number of seconds.
"""),
    cfg.IntOpt('keep_alive_timeout', default=60, min=1,
               help="""
Seconds an idle keep-alive connection stays open, waiting for the client's
next request.

An idle connection holds no worker. Longer than
``client_socket_timeout`` so that clients reusing their connections rarely
meet one the server is just closing.
"""),
    cfg.IntOpt('backlog', default=128, min=1,
               help="""
Connections the kernel queues on a listening socket before the server
accepts them (the ``listen()`` backlog).

A burst of more simultaneous connections than this may see connection
resets.
"""),
    cfg.IntOpt('keep_alive_connections', default=10, min=0,
               help="""
Idle keep-alive connections a listener keeps open at most; beyond it the
server closes connections once their response is sent.
"""),
]


def register_opts(conf):
    conf.register_group(wsgi_group)
    conf.register_opts(wsgi_opts, group=wsgi_group)
    # NOTE: oslo.middleware's own option (default 112 KiB), read by its
    # RequestBodySizeLimiter, which nova.api.request_guard applies.
    conf.register_opts(sizelimit.OPTS, group='oslo_middleware')


def list_opts():
    return {wsgi_group: wsgi_opts, 'oslo_middleware': sizelimit.OPTS}
