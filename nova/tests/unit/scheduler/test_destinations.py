"""DestinationSelector with a stateful fake placement and host manager."""

from oslo_serialization import jsonutils
from oslo_utils import uuidutils

from nova import context as nova_context
from nova import exception
from nova.scheduler import destinations
from nova import test
from nova.tests.unit.scheduler import fakes


class FakeReportClient(object):
    """Placement as the selector sees it: candidates, claims, deletes.

    ``capacity`` limits how many claims each provider accepts;
    ``refuse`` names providers whose claims always fail (a race lost).
    """

    VERSION = '1.36'

    def __init__(self, host_states, capacity=None, refuse=()):
        self.host_states = host_states
        self.capacity = dict(capacity or {})
        self.refuse = set(refuse)
        self.allocations = {}
        self.claim_attempts = []
        self.queries = []

    def get_allocation_candidates(self, context, resources, limit=None,
                                  member_of=None):
        self.queries.append((resources, limit))
        self.member_of = member_of
        alloc_reqs = [{'allocations': {h.uuid: {'resources': resources}}}
                      for h in self.host_states]
        summaries = {h.uuid: fakes.summary() for h in self.host_states}
        return alloc_reqs, summaries, self.VERSION

    def claim_resources(self, context, consumer_uuid, alloc_request,
                        project_id, user_id, allocation_request_version=None):
        rp_uuid = list(alloc_request['allocations'])[0]
        self.claim_attempts.append((consumer_uuid, rp_uuid))
        if rp_uuid in self.refuse:
            return False
        left = self.capacity.get(rp_uuid)
        if left is not None:
            if left <= 0:
                return False
            self.capacity[rp_uuid] = left - 1
        self.allocations[consumer_uuid] = rp_uuid
        return True

    def delete_allocation_for_instance(self, context, consumer_uuid):
        self.allocations.pop(consumer_uuid, None)


class FakeHostManager(object):
    def __init__(self, host_states):
        self.host_states = host_states
        self.asked_for = []

    def get_host_states_by_uuids(self, context, provider_summaries):
        self.asked_for.append(sorted(provider_summaries))
        return [h for h in self.host_states if h.uuid in provider_summaries]

    def group_placement(self, context, spec_obj):
        return None


class TestAllocationRequestsByProvider(test.TestCase):

    def test_table(self):
        one = {'allocations': {'rp1': {'resources': {'VCPU': 1}}}}
        one_again = {'allocations': {'rp1': {'resources': {'VCPU': 2}}}}
        two = {'allocations': {'rp2': {'resources': {'VCPU': 1}}}}
        shared = {'allocations': {'rp3': {}, 'sharing': {}}}
        cases = [
            ([], {}),
            ([one], {'rp1': one}),
            ([one, two], {'rp1': one, 'rp2': two}),
            # The first request of a provider wins.
            ([one, one_again], {'rp1': one}),
            # Multi-provider requests are not supported and skipped.
            ([shared, two], {'rp2': two}),
        ]
        for alloc_reqs, expected in cases:
            self.assertEqual(
                expected,
                destinations.allocation_requests_by_provider(alloc_reqs))


class TestSelect(test.TestCase):

    def setUp(self):
        super().setUp()
        self.ctxt = nova_context.get_admin_context()
        # Most free RAM first: a, b, c in cell1; d in cell2 ranks second.
        self.layout = [
            ('a', dict(ram=8000)),
            ('d', dict(ram=7000, cell_uuid=fakes.CELL2)),
            ('b', dict(ram=6500)),
            ('c', dict(ram=4000)),
            ('down', dict(ram=9000, up=False)),
        ]
        self.rp_uuids = {name: uuidutils.generate_uuid()
                         for name, _ in self.layout}
        self.flags(group='filter_scheduler', weight_classes=['RAMWeigher'],
                   ram_weight_multiplier=1.0, host_subset_size=1)
        self.spec = fakes.request_spec(memory_mb=1000)

    def _select(self, n=1, alternates=True, **placement_kwargs):
        # Fresh host states each time: selecting consumes from them.
        self.hosts = [fakes.host_state(name, uuid=self.rp_uuids[name], **kw)
                      for name, kw in self.layout]
        self.placement = FakeReportClient(self.hosts, **placement_kwargs)
        selector = destinations.DestinationSelector(
            FakeHostManager(self.hosts), self.placement)
        self.uuids = [uuidutils.generate_uuid() for _ in range(n)]
        return selector.select(self.ctxt, self.spec, self.uuids, alternates)

    def _rp(self, name):
        return self.rp_uuids[name]

    def test_best_host_is_claimed_and_returned_first(self):
        [selections] = self._select(alternates=False)
        self.assertEqual(1, len(selections))
        chosen = selections[0]
        self.assertEqual('a', chosen.service_host)
        self.assertEqual(fakes.CELL1, chosen.cell_uuid)
        self.assertEqual(FakeReportClient.VERSION,
                         chosen.allocation_request_version)
        self.assertEqual(
            {'allocations': {self._rp('a'): {'resources':
                                             self.spec.resources()}}},
            jsonutils.loads(chosen.allocation_request))
        self.assertEqual({self.uuids[0]: self._rp('a')},
                         self.placement.allocations)

    def test_alternates_same_cell_and_limited_by_max_attempts(self):
        cases = [(1, ['a']), (2, ['a', 'b']), (3, ['a', 'b', 'c']),
                 (10, ['a', 'b', 'c'])]
        for max_attempts, expected in cases:
            self.flags(group='scheduler', max_attempts=max_attempts)
            [selections] = self._select()
            self.assertEqual(expected, [s.service_host for s in selections],
                             max_attempts)
            for alt in selections[1:]:
                self.assertIsNotNone(alt.allocation_request)
            # Only the chosen host is claimed, never the alternates.
            self.assertEqual([self._rp('a')],
                             list(self.placement.allocations.values()))

    def test_failed_claim_falls_to_the_next_host(self):
        [selections] = self._select(refuse=[self._rp('a')])
        # d (cell2) is next by weight; its alternates come from cell2.
        self.assertEqual(['d'], [s.service_host for s in selections])
        self.assertEqual([self._rp('a'), self._rp('d')],
                         [rp for _, rp in self.placement.claim_attempts])

    def test_multi_create_consumes_and_spreads(self):
        # a takes one instance only; d (7000) then drops below b (6500).
        self.flags(group='scheduler', max_attempts=1)
        result = self._select(n=3, capacity={self._rp('a'): 1})
        self.assertEqual([['a'], ['d'], ['b']],
                         [[s.service_host for s in r] for r in result])
        self.assertEqual(3, len(self.placement.allocations))

    def test_no_valid_host_releases_earlier_claims(self):
        everyone = list(self.rp_uuids.values())
        capacity = dict.fromkeys(everyone, 0)
        capacity[self._rp('a')] = 1
        self.assertRaises(exception.NoValidHost, self._select, n=2,
                          capacity=capacity)
        self.assertEqual({}, self.placement.allocations)
        # The second instance tried every host that passed the filters.
        second = [rp for uuid, rp in self.placement.claim_attempts
                  if uuid == self.uuids[1]]
        self.assertEqual(4, len(second))
        self.assertNotIn(self._rp('down'), second)

    def test_no_candidates_or_all_filtered(self):
        self.layout = []
        self.assertRaises(exception.NoValidHost, self._select)
        self.layout = [('down', dict(up=False))]
        self.assertRaises(exception.NoValidHost, self._select)
        self.assertEqual([], self.placement.claim_attempts)

    def test_one_placement_query_per_request(self):
        self._select(n=3)
        self.assertEqual(1, len(self.placement.queries))
        resources, limit = self.placement.queries[0]
        self.assertEqual(self.spec.resources(), resources)
        self.assertEqual(1000, limit)
        # No availability zone asked for: no aggregate to be member of.
        self.assertEqual([], self.placement.member_of)

    def test_host_subset_size_picks_among_the_best(self):
        self.flags(group='filter_scheduler', host_subset_size=2)
        seen = set()
        for _ in range(40):
            [selections] = self._select(alternates=False)
            seen.add(selections[0].service_host)
        self.assertEqual({'a', 'd'}, seen)
