"""Running a Nova service: its service record, RPC server, heartbeat and
periodic tasks, all on native threads.

A service created with ``db_allowed=False`` (nova-compute) runs every one
of its threads in the "no database" role: remotable object methods go to
the conductor, and a direct database access raises ``DBNotAllowed``.
"""

import contextlib
import threading

from oslo_log import log as logging
import oslo_messaging as messaging
from oslo_utils import importutils

import nova.conf
from nova import context
from nova import exception
from nova import objects
from nova.objects import base as objects_base
from nova import rpc
from nova import utils

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)

SERVICE_MANAGERS = {
    'nova-compute': 'nova.compute.manager.ComputeManager',
    'nova-conductor': 'nova.conductor.manager.ConductorManager',
    'nova-scheduler': 'nova.scheduler.manager.SchedulerManager',
}


def _poison_db(role_binary):
    from nova.db.main import api as main_db_api
    if role_binary:
        main_db_api.disallow_db_access(role_binary)
    else:
        main_db_api.allow_db_access()


def adopt_role(role):
    """Make the calling thread act as ``role`` (see nova.objects.base)."""
    objects_base.set_thread_role(role)
    _poison_db(role[1] if role and role[0] is not None else None)


@contextlib.contextmanager
def acting_as(role):
    previous = objects_base.current_thread_role()
    adopt_role(role)
    try:
        yield
    finally:
        adopt_role(previous)


class Service(object):
    """A binary (nova-compute, ...) on a host, serving its topic."""

    def __init__(self, host, binary, topic, manager, db_allowed=True,
                 report_interval=None, periodic_enable=None):
        self.host = host
        self.binary = binary
        self.topic = topic
        manager_class = importutils.import_class(manager)
        self.manager = manager_class(host=host)
        self.db_allowed = db_allowed
        self.report_interval = report_interval or CONF.report_interval
        self.periodic_enable = (CONF.periodic_enable if periodic_enable is None
                                else periodic_enable)
        self.service_ref = None
        self.rpcserver = None
        self._stop = threading.Event()
        self._threads = []
        self.role = (None, None)

    @classmethod
    def create(cls, host=None, binary=None, topic=None, manager=None,
               db_allowed=True, **kwargs):
        host = host or CONF.host
        topic = topic or binary.rpartition('nova-')[2]
        manager = manager or SERVICE_MANAGERS[binary]
        return cls(host, binary, topic, manager, db_allowed=db_allowed,
                   **kwargs)

    def _make_role(self):
        if self.db_allowed:
            return (None, None)
        from nova.conductor import rpcapi as conductor_rpcapi
        return (conductor_rpcapi.ConductorAPI(), self.binary)

    def start(self):
        self.role = self._make_role()
        with acting_as(self.role):
            self._start()
        LOG.info('%s started on host %s (topic %s)', self.binary,
                 self.host, self.topic)

    def _start(self):
        ctxt = context.get_admin_context()
        self.manager.init_host()
        self.service_ref = objects.Service.get_by_host_and_binary(
            ctxt, self.host, self.binary)
        if self.service_ref is None:
            self.service_ref = objects.Service(
                context=ctxt, host=self.host, binary=self.binary,
                topic=self.topic, report_count=0)
            try:
                self.service_ref.create()
            except exception.ServiceBinaryExists:
                self.service_ref = objects.Service.get_by_host_and_binary(
                    ctxt, self.host, self.binary)
        self.manager.pre_start_hook(self.service_ref)
        target = messaging.Target(topic=self.topic, server=self.host)
        endpoints = [self.manager] + list(
            getattr(self.manager, 'additional_endpoints', []))
        role = self.role
        serializer = rpc.RequestContextSerializer(
            on_context=lambda ctxt: adopt_role(role))
        self.rpcserver = rpc.get_server(target, endpoints, serializer)
        self.rpcserver.start()
        self.manager.post_start_hook()
        self._spawn(self._heartbeat_loop)
        if self.periodic_enable:
            self._spawn(self._periodic_loop)

    def _spawn(self, func):
        role = self.role

        def run():
            adopt_role(role)
            func()

        thread = threading.Thread(target=run, daemon=True,
                                  name='%s-%s' % (self.binary,
                                                  func.__name__))
        thread.start()
        self._threads.append(thread)

    def _heartbeat_loop(self):
        while not self._stop.wait(self.report_interval):
            self.report_state()

    def report_state(self):
        """Write a heartbeat to the service record."""
        try:
            self.service_ref.report_count += 1
            self.service_ref.last_seen_up = utils.utcnow()
            self.service_ref.save()
        except Exception:
            LOG.exception('%s on %s failed to report its state',
                          self.binary, self.host)

    def _periodic_loop(self):
        ctxt = context.get_admin_context()
        while not self._stop.is_set():
            try:
                idle = self.manager.periodic_tasks(ctxt)
            except Exception:
                LOG.exception('Periodic tasks of %s failed', self.binary)
                idle = None
            idle = min(idle or CONF.periodic_interval_max,
                       CONF.periodic_interval_max)
            self._stop.wait(max(idle, 0.1))

    def stop(self):
        """Stop taking RPC requests, wait for those in progress, clean up
        the host and join the heartbeat and periodic threads (the stop
        event wakes them at once)."""
        self._stop.set()
        if self.rpcserver is not None:
            try:
                self.rpcserver.stop()
                self.rpcserver.wait()
            except Exception:
                LOG.exception('Stopping the RPC server of %s', self.binary)
        with acting_as(self.role):
            self.manager.cleanup_host()
        for thread in self._threads:
            thread.join(timeout=5)
        LOG.info('%s on %s stopped', self.binary, self.host)


def stop_all(stoppables):
    """Call ``stop()`` of each of ``stoppables`` at the same time, each in a
    thread of its own, and return when all have returned.

    Stopping mostly waits (for listeners to notice, for requests in
    progress), so a group stops in the time of its slowest member. An
    exception is logged and the others still stop.
    """
    stoppables = list(stoppables)
    threads = []
    for item in stoppables:
        thread = threading.Thread(target=_stop_one, args=(item,),
                                  name='stop-%s' % _label(item), daemon=True)
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join()


def _label(item):
    return getattr(item, 'binary', None) or type(item).__name__


def _stop_one(item):
    try:
        item.stop()
    except Exception:
        LOG.exception('Stopping %s failed', _label(item))


class WSGIService(object):
    """The Compute API served over HTTP."""

    def __init__(self, app, host=None, port=None, name='osapi_compute'):
        from nova import wsgi_server
        self.server = wsgi_server.WSGIServer(
            name, app, host=host or CONF.osapi_compute_listen,
            port=CONF.osapi_compute_listen_port if port is None else port)

    def start(self):
        self.server.start()

    @property
    def url(self):
        return self.server.url

    def stop(self):
        self.server.stop()
