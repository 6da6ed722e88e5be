"""Host weighers: normalisation and multipliers, table-driven."""

from nova.scheduler import weights
from nova.scheduler.weights import affinity
from nova.scheduler.weights import cpu
from nova.scheduler.weights import disk
from nova.scheduler.weights import ram
from nova import test
from nova.tests.unit.scheduler import fakes


class TestNormalize(test.TestCase):

    def test_table(self):
        cases = [
            ([], []),
            ([5], [0.0]),
            ([3, 3, 3], [0.0, 0.0, 0.0]),
            ([0, 10], [0.0, 1.0]),
            ([10, 0, 5], [1.0, 0.0, 0.5]),
            ([-4, 0, 4], [0.0, 0.5, 1.0]),
            ([1.5, 3.0], [0.0, 1.0]),
        ]
        for values, expected in cases:
            self.assertEqual(expected, weights.normalize(values), values)


class TestLoad(test.TestCase):

    def test_all_weighers_alias(self):
        for alias in (weights.ALL_WEIGHERS_ALIAS, 'all_weighers'):
            loaded = weights.load([alias])
            self.assertEqual({ram.RAMWeigher, cpu.CPUWeigher,
                              disk.DiskWeigher,
                              affinity.ServerGroupSoftAffinityWeigher,
                              affinity.ServerGroupSoftAntiAffinityWeigher},
                             {type(w) for w in loaded})

    def test_named_and_unknown(self):
        loaded = weights.load(['nova.scheduler.weights.ram.RAMWeigher'])
        self.assertEqual([ram.RAMWeigher], [type(w) for w in loaded])
        self.assertRaises(weights.UnknownWeigher, weights.load, ['Nope'])

    def test_registry_names_are_class_names(self):
        for name, cls in weights.WEIGHERS.items():
            self.assertEqual(name, cls.__name__)


class TestWeighHosts(test.TestCase):

    def setUp(self):
        super().setUp()
        # free RAM: a 1000, b 4000, c 2500; free vCPUs: a 8, b 2, c 5.
        self.hosts = [
            fakes.host_state('a', ram=1000, vcpus=8),
            fakes.host_state('b', ram=4000, vcpus=2),
            fakes.host_state('c', ram=2500, vcpus=5),
        ]
        self.spec = fakes.request_spec()

    def _rank(self, names, **multipliers):
        self.flags(group='filter_scheduler', **multipliers)
        ranked = weights.weigh_hosts(weights.load(names), self.hosts,
                                     self.spec)
        return [(round(w, 3), h.host) for w, h in ranked]

    def test_raw_values(self):
        host = self.hosts[0]
        self.assertEqual(1000, ram.RAMWeigher().raw_weight(host, None))
        self.assertEqual(8, cpu.CPUWeigher().raw_weight(host, None))
        self.assertEqual(100 * 1024,
                         disk.DiskWeigher().raw_weight(host, None))

    def test_multipliers(self):
        cases = [
            # spreading: most free RAM first
            (['RAMWeigher'], {'ram_weight_multiplier': 1.0},
             [(1.0, 'b'), (0.5, 'c'), (0.0, 'a')]),
            # stacking: least free RAM first
            (['RAMWeigher'], {'ram_weight_multiplier': -1.0},
             [(0.0, 'a'), (-0.5, 'c'), (-1.0, 'b')]),
            # scaled
            (['RAMWeigher'], {'ram_weight_multiplier': 2.0},
             [(2.0, 'b'), (1.0, 'c'), (0.0, 'a')]),
            (['CPUWeigher'], {'cpu_weight_multiplier': 1.0},
             [(1.0, 'a'), (0.5, 'c'), (0.0, 'b')]),
            # RAM and CPU pull opposite ways; equal multipliers tie a/b.
            (['RAMWeigher', 'CPUWeigher'],
             {'ram_weight_multiplier': 1.0, 'cpu_weight_multiplier': 1.0},
             [(1.0, 'a'), (1.0, 'b'), (1.0, 'c')]),
            (['RAMWeigher', 'CPUWeigher'],
             {'ram_weight_multiplier': 1.0, 'cpu_weight_multiplier': 3.0},
             [(3.0, 'a'), (2.0, 'c'), (1.0, 'b')]),
        ]
        for names, multipliers, expected in cases:
            self.assertEqual(expected, self._rank(names, **multipliers),
                             (names, multipliers))

    def test_zero_multiplier_disables_a_weigher(self):
        self.assertEqual(
            [(1.0, 'a'), (0.5, 'c'), (0.0, 'b')],
            self._rank(['RAMWeigher', 'CPUWeigher'],
                       ram_weight_multiplier=0.0,
                       cpu_weight_multiplier=1.0))

    def test_all_zero_keeps_input_order(self):
        self.assertEqual(
            [(0.0, 'a'), (0.0, 'b'), (0.0, 'c')],
            self._rank(['RAMWeigher', 'CPUWeigher', 'DiskWeigher'],
                       ram_weight_multiplier=0.0,
                       cpu_weight_multiplier=0.0,
                       disk_weight_multiplier=0.0))

    def test_equal_hosts_weigh_zero(self):
        hosts = [fakes.host_state('x'), fakes.host_state('y')]
        ranked = weights.weigh_hosts(weights.load(['all_weighers']), hosts,
                                     self.spec)
        self.assertEqual([0.0, 0.0], [w for w, _ in ranked])
        self.assertEqual([], weights.weigh_hosts(
            weights.load(['all_weighers']), [], self.spec))
