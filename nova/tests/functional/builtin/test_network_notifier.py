"""The network service's Nova notifier against a tiny local receiver."""

import queue
import threading

from nova.builtin.network import notifier
from nova import test
from nova.tests.functional.builtin import test_network_service


class NovaNotifierTestCase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.receiver = test_network_service.start_receiver(self)
        host, port = self.receiver.server_address[:2]
        self.base = 'http://%s:%d/v2.1' % (host, port)

    def test_events_posted_in_order_to_callable_url(self):
        sender = notifier.NovaNotifier(lambda: self.base + '/')
        sender.vif_plugged('server-a', 'port-a')
        sender.vif_plugged('server-b', 'port-b')
        got = [self.receiver.received.get(timeout=10) for _ in range(2)]
        self.assertEqual(['/v2.1/os-server-external-events'] * 2,
                         [path for path, _, _ in got])
        self.assertEqual(['admin:admin'] * 2, [tok for _, tok, _ in got])
        self.assertEqual(['port-a', 'port-b'],
                         [body['events'][0]['tag'] for _, _, body in got])

    def test_unreachable_nova_does_not_stop_later_events(self):
        urls = iter(['http://127.0.0.1:1/v2.1', self.base])
        sender = notifier.NovaNotifier(lambda: next(urls))
        sender.vif_plugged('server-a', 'lost')
        sender.vif_plugged('server-b', 'kept')
        _, _, body = self.receiver.received.get(timeout=10)
        self.assertEqual('kept', body['events'][0]['tag'])
        self.assertRaises(queue.Empty, self.receiver.received.get,
                          timeout=0.2)

    def test_stop_sends_what_is_queued_and_ends_the_thread(self):
        before = set(threading.enumerate())
        sender = notifier.NovaNotifier(self.base)
        for index in range(3):
            sender.vif_plugged('server', 'port-%d' % index)
        sender.stop()
        self.assertFalse([thread for thread in threading.enumerate()
                          if thread.name == 'network-nova-notifier' and
                          thread not in before])
        got = [self.receiver.received.get(timeout=0) for _ in range(3)]
        self.assertEqual(['port-0', 'port-1', 'port-2'],
                         [body['events'][0]['tag'] for _, _, body in got])
        sender.stop()
        # A later event starts a new thread.
        sender.vif_plugged('server', 'again')
        _, _, body = self.receiver.received.get(timeout=10)
        self.assertEqual('again', body['events'][0]['tag'])
        sender.stop()
