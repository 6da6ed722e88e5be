"""Host filters: the registry and ComputeFilter, table-driven."""

from nova.scheduler import filters
from nova.scheduler.filters import base
from nova.scheduler.filters import compute_filter
from nova import test
from nova.tests.unit.scheduler import fakes


class TestRegistry(test.TestCase):

    def test_load_by_short_or_dotted_name(self):
        for name in ('ComputeFilter',
                     'nova.scheduler.filters.compute_filter.ComputeFilter'):
            loaded = filters.load([name])
            self.assertEqual(1, len(loaded))
            self.assertIsInstance(loaded[0], compute_filter.ComputeFilter)

    def test_unknown_filter(self):
        self.assertRaises(filters.UnknownFilter, filters.load,
                          ['ComputeFilter', 'NoSuchFilter'])

    def test_every_registered_filter_follows_the_contract(self):
        for name, cls in filters.FILTERS.items():
            self.assertEqual(name, cls.__name__)
            self.assertTrue(issubclass(cls, base.BaseHostFilter))
            self.assertIsNot(base.BaseHostFilter.fits, cls.fits)

    def test_base_filter_is_abstract(self):
        self.assertRaises(NotImplementedError, base.BaseHostFilter().fits,
                          fakes.host_state('h'), None)


class TestComputeFilter(test.TestCase):

    def test_fits(self):
        cases = [
            # (up, disabled, reason) -> (ok, reason)
            ((True, False, None), (True, None)),
            ((False, False, None), (False, 'compute service is down')),
            ((True, True, 'maintenance'), (False, 'disabled: maintenance')),
            ((True, True, None), (False, 'disabled: ')),
            # Disabled wins over down: it is what the operator did.
            ((False, True, 'gone'), (False, 'disabled: gone')),
        ]
        spec = fakes.request_spec()
        for (up, disabled, reason), expected in cases:
            host = fakes.host_state('h', up=up, disabled=disabled,
                                    reason=reason)
            self.assertEqual(expected,
                             compute_filter.ComputeFilter().fits(host, spec),
                             (up, disabled, reason))

    def test_filter_all_keeps_order_and_reports_rejections(self):
        hosts = [fakes.host_state('a'), fakes.host_state('b', up=False),
                 fakes.host_state('c'),
                 fakes.host_state('d', disabled=True, reason='x')]
        passed, rejected = compute_filter.ComputeFilter().filter_all(
            hosts, fakes.request_spec())
        self.assertEqual(['a', 'c'], [h.host for h in passed])
        self.assertEqual({'b': 'compute service is down', 'd': 'disabled: x'},
                         rejected)

    def test_runs_once_per_request(self):
        self.assertFalse(
            compute_filter.ComputeFilter.run_filter_for_each_instance)
