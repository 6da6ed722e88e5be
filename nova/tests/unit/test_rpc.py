"""RPC servers serve on Nova's executor and stop without lingering, and a
group of services stops at once (over the in-memory transport)."""

import threading
import time

import oslo_messaging as messaging

import nova.conf
from nova import context as nova_context
from nova import rpc
from nova import service
from nova import test

CONF = nova.conf.CONF


class _Echo(object):

    target = messaging.Target(version='1.0')

    def echo(self, context, value):
        return value, threading.current_thread().name


class _SlowToStop(object):

    def __init__(self, seconds):
        self.seconds = seconds
        self.stopped = False

    def stop(self):
        time.sleep(self.seconds)
        self.stopped = True


class TestRPCServer(test.TestCase):

    def setUp(self):
        super().setUp()
        self.flags(transport_url='fake://')
        rpc.init(CONF)
        self.addCleanup(rpc.cleanup)

    def _serve(self, topic):
        server = rpc.get_server(
            messaging.Target(topic=topic, server='host1'), [_Echo()])
        server.start()
        self.addCleanup(server.wait)
        self.addCleanup(server.stop)
        return server

    def test_requests_run_on_nova_executor_which_stops_promptly(self):
        server = self._serve('echo-topic')
        client = rpc.get_client(messaging.Target(topic='echo-topic',
                                                 version='1.0'))
        value, thread_name = client.call(
            nova_context.get_admin_context(), 'echo', value=42)
        self.assertEqual(42, value)
        # NOTE: the worker's name proves oslo.messaging built Nova's
        # executor (see nova.rpc._use_prompt_executor): this fails when
        # oslo.messaging's private _executor_cls changes.
        self.assertTrue(thread_name.startswith('rpc-echo-topic'),
                        thread_name)

        started = time.monotonic()
        server.stop()
        server.wait()
        # futurist's pool idled a second before noticing the shutdown.
        self.assertLess(time.monotonic() - started, 0.9)
        self.assertEqual([], [t.name for t in threading.enumerate()
                              if t.name.startswith('rpc-echo-topic')])


class TestStopAll(test.TestCase):

    def test_members_stop_at_the_same_time(self):
        members = [_SlowToStop(0.3) for _ in range(4)]
        started = time.monotonic()
        service.stop_all(members)
        self.assertTrue(all(member.stopped for member in members))
        self.assertLess(time.monotonic() - started, 1.1)

    def test_a_failure_does_not_keep_the_others_running(self):
        broken = _SlowToStop(0)
        broken.stop = None  # calling it raises TypeError
        other = _SlowToStop(0)
        service.stop_all([broken, other])
        self.assertTrue(other.stopped)
