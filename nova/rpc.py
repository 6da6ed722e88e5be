"""Messaging between Nova's services (oslo.messaging).

One transport per process, from ``transport_url``: ``fake://`` is the
in-memory driver the all-in-one uses, ``rabbit://`` a real broker. Objects
cross the wire through ``RequestContextSerializer`` wrapping
``NovaObjectSerializer``; a service may hand its own context hook to
adopt a per-thread role (nova-compute: no database).

RPC servers run their requests on a ``concurrent.futures`` thread pool,
not on futurist's (oslo.messaging's "threading" executor): an idle futurist
worker notices a shutdown only when its one-second poll ends, which made
``wait()`` take a second on every server that had served a request.
"""

from concurrent import futures
import functools
import threading

from oslo_log import log as logging
import oslo_messaging as messaging
from oslo_messaging.rpc import dispatcher

import nova.conf
from nova import context as nova_context
from nova import exception
from nova.objects import base as obj_base

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)

TRANSPORT = None
NOTIFICATION_TRANSPORT = None
_LOCK = threading.Lock()

ALLOWED_EXMODS = [exception.__name__]


def init(conf):
    """Create the process's transport from ``conf.transport_url``."""
    global TRANSPORT
    with _LOCK:
        if TRANSPORT is None:
            TRANSPORT = messaging.get_rpc_transport(
                conf, allowed_remote_exmods=ALLOWED_EXMODS)


def cleanup():
    global TRANSPORT
    with _LOCK:
        if TRANSPORT is not None:
            TRANSPORT.cleanup()
        TRANSPORT = None


def initialized():
    return TRANSPORT is not None


class RequestContextSerializer(messaging.Serializer):
    """Carries the RequestContext and Nova objects across RPC.

    ``on_context`` runs in the thread that will execute the request, right
    after the context is rebuilt: services use it to adopt their role.
    """

    def __init__(self, base=None, on_context=None):
        self._base = base or obj_base.NovaObjectSerializer()
        self._on_context = on_context

    def serialize_entity(self, context, entity):
        return self._base.serialize_entity(context, entity)

    def deserialize_entity(self, context, entity):
        return self._base.deserialize_entity(context, entity)

    def serialize_context(self, context):
        return context.to_dict()

    def deserialize_context(self, context):
        ctxt = nova_context.RequestContext.from_dict(context)
        if self._on_context is not None:
            self._on_context(ctxt)
        return ctxt


def get_client(target, version_cap=None, serializer=None, call_timeout=None):
    if TRANSPORT is None:
        raise RuntimeError('nova.rpc.init() was not called')
    return messaging.get_rpc_client(
        TRANSPORT, target, version_cap=version_cap,
        serializer=serializer or RequestContextSerializer(),
        timeout=call_timeout)


def get_server(target, endpoints, serializer=None):
    """An RPC server on native threads.

    ``stop()`` stops taking messages; ``wait()`` then returns as soon as the
    requests in progress have finished.
    """
    if TRANSPORT is None:
        raise RuntimeError('nova.rpc.init() was not called')
    server = messaging.get_rpc_server(
        TRANSPORT, target, endpoints,
        serializer=serializer or RequestContextSerializer(),
        access_policy=dispatcher.DefaultRPCAccessPolicy)
    _use_prompt_executor(server, 'rpc-%s' % target.topic)
    return server


def _use_prompt_executor(server, name):
    """Serve ``server``'s requests on a ``concurrent.futures`` pool.

    oslo.messaging builds its executor from ``_executor_cls(max_workers=N)``
    when the server starts and later only calls ``submit()`` and
    ``shutdown(wait=True)``; the standard pool wakes idle workers at
    shutdown at once. ``nova.tests.unit.test_rpc`` fails should that
    private attribute move (oslo.messaging 18.x).
    """
    # NOTE: the one place Nova touches a private name of oslo.messaging.
    if not hasattr(server, '_executor_cls'):
        LOG.warning('oslo.messaging has no _executor_cls: RPC servers stop '
                    'at the pace of its own executor')
        return
    server._executor_cls = functools.partial(
        futures.ThreadPoolExecutor, thread_name_prefix=name)
