"""The report client against the real placement service over HTTP."""

import json
import uuid

import fixtures
import requests

from nova import exception
from nova.scheduler.client import report
from nova import test
from nova.tests.fixtures import placement as placement_fixture


class CountingAdapter:
    """Wraps the real adapter and records each request made through it."""

    def __init__(self, adapter):
        self._adapter = adapter
        self.calls = []

    def request(self, url, method, **kwargs):
        self.calls.append((method, url.split('?')[0]))
        return self._adapter.request(url, method, **kwargs)


def inventory(vcpu=8, vcpu_ratio=16.0, ram=4096, ram_reserved=512,
              ram_ratio=1.5, disk=100, disk_reserved=0, unbounded=False):
    """Inventory of a host; ``unbounded`` drops max_unit (no per-allocation
    cap) so that one allocation can take the whole capacity.
    """
    inv = {
        'VCPU': {'total': vcpu, 'reserved': 0, 'min_unit': 1,
                 'max_unit': vcpu, 'step_size': 1,
                 'allocation_ratio': vcpu_ratio},
        'MEMORY_MB': {'total': ram, 'reserved': ram_reserved, 'min_unit': 1,
                      'max_unit': ram, 'step_size': 1,
                      'allocation_ratio': ram_ratio},
        'DISK_GB': {'total': disk, 'reserved': disk_reserved, 'min_unit': 1,
                    'max_unit': disk, 'step_size': 1,
                    'allocation_ratio': 1.0},
    }
    if unbounded:
        for record in inv.values():
            del record['max_unit']
    return inv


class ReportClientTestCase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.placement = self.useFixture(
            placement_fixture.Placement(self.conf_fixture))
        self.adapter = CountingAdapter(report.create_adapter())
        self.client = report.SchedulerReportClient(adapter=self.adapter)
        self.context = None

    def make_provider(self, name='host1', inv=None):
        rp_uuid = str(uuid.uuid4())
        self.client.ensure_resource_provider(self.context, rp_uuid, name)
        self.client.set_inventory_for_provider(self.context, rp_uuid,
                                               inv or inventory())
        return rp_uuid

    def candidates(self, **resources):
        reqs, summaries, version = self.client.get_allocation_candidates(
            self.context, resources)
        return reqs, summaries, version

    def claim(self, consumer, alloc_request, generation=None):
        return self.client.claim_resources(
            self.context, consumer, alloc_request, 'project', 'user',
            report.CANDIDATES_VERSION, consumer_generation=generation)

    def placement_get(self, path):
        resp = self.placement.request('GET', path)
        self.assertEqual(200, resp.status_code, resp.text)
        return resp.json()


class ResourceProviderTestCase(ReportClientTestCase):

    def test_ensure_creates_provider_once_then_serves_from_cache(self):
        rp_uuid = str(uuid.uuid4())
        created = self.client.ensure_resource_provider(None, rp_uuid, 'cn1')
        again = self.client.ensure_resource_provider(None, rp_uuid, 'cn1')

        self.assertEqual(rp_uuid, created['uuid'])
        self.assertEqual(0, created['generation'])
        self.assertEqual(created, again)
        self.assertEqual([('GET', '/resource_providers/%s' % rp_uuid),
                          ('POST', '/resource_providers')],
                         self.adapter.calls)
        body = self.placement_get('/resource_providers')
        self.assertEqual(['cn1'],
                         [rp['name'] for rp in body['resource_providers']])

    def test_ensure_finds_provider_created_by_another_client(self):
        rp_uuid = str(uuid.uuid4())
        other = report.SchedulerReportClient()
        other.ensure_resource_provider(None, rp_uuid, 'cn1')

        found = self.client.ensure_resource_provider(None, rp_uuid, 'cn1')

        self.assertEqual(rp_uuid, found['uuid'])
        self.assertEqual(1, len(self.adapter.calls))

    def test_ensure_fails_when_the_name_belongs_to_another_provider(self):
        self.client.ensure_resource_provider(None, str(uuid.uuid4()), 'cn1')

        self.assertRaises(exception.ResourceProviderCreationFailed,
                          self.client.ensure_resource_provider,
                          None, str(uuid.uuid4()), 'cn1')

    def test_delete_provider_is_idempotent_and_refuses_when_in_use(self):
        rp_uuid = self.make_provider()
        reqs, _, _ = self.candidates(VCPU=1)
        consumer = str(uuid.uuid4())
        self.assertTrue(self.claim(consumer, reqs[0]))

        self.assertRaises(exception.ResourceProviderInUse,
                          self.client.delete_resource_provider, None, rp_uuid)
        self.client.delete_allocation_for_instance(None, consumer)
        self.client.delete_resource_provider(None, rp_uuid)
        self.client.delete_resource_provider(None, rp_uuid)

        self.assertEqual(404, self.placement.request(
            'GET', '/resource_providers/%s' % rp_uuid).status_code)
        self.assertIsNone(self.client.get_resource_provider(None, rp_uuid))


class InventoryTestCase(ReportClientTestCase):

    def test_set_inventory_writes_it_with_placement_defaults(self):
        rp_uuid = str(uuid.uuid4())
        self.client.ensure_resource_provider(None, rp_uuid, 'cn1')

        self.assertTrue(self.client.set_inventory_for_provider(
            None, rp_uuid, {'VCPU': {'total': 4}}))

        body = self.placement_get('/resource_providers/%s/inventories'
                                  % rp_uuid)
        self.assertEqual(1, body['resource_provider_generation'])
        self.assertEqual({'total': 4, 'reserved': 0, 'min_unit': 1,
                          'max_unit': 2147483647, 'step_size': 1,
                          'allocation_ratio': 1.0},
                         body['inventories']['VCPU'])

    def test_unchanged_inventory_is_not_sent_again(self):
        rp_uuid = self.make_provider()
        calls = len(self.adapter.calls)

        self.assertFalse(self.client.set_inventory_for_provider(
            None, rp_uuid, inventory()))

        self.assertEqual(calls, len(self.adapter.calls))

    def test_changed_inventory_is_updated(self):
        rp_uuid = self.make_provider()

        self.assertTrue(self.client.set_inventory_for_provider(
            None, rp_uuid, inventory(vcpu=16)))

        body = self.placement_get('/resource_providers/%s/inventories'
                                  % rp_uuid)
        self.assertEqual(16, body['inventories']['VCPU']['total'])
        self.assertEqual(2, body['resource_provider_generation'])

    def test_stale_generation_is_refreshed_and_retried(self):
        rp_uuid = self.make_provider()
        reqs, _, _ = self.candidates(VCPU=1)
        # A claim bumps the provider generation behind the cache's back.
        self.assertTrue(self.claim(str(uuid.uuid4()), reqs[0]))

        self.assertTrue(self.client.set_inventory_for_provider(
            None, rp_uuid, inventory(vcpu=16)))

        body = self.placement_get('/resource_providers/%s/inventories'
                                  % rp_uuid)
        self.assertEqual(16, body['inventories']['VCPU']['total'])
        self.assertEqual(
            ['PUT', 'GET', 'PUT'],
            [method for method, _ in self.adapter.calls[-3:]])

    def test_removing_inventory_in_use_raises(self):
        rp_uuid = self.make_provider()
        reqs, _, _ = self.candidates(DISK_GB=10)
        self.assertTrue(self.claim(str(uuid.uuid4()), reqs[0]))
        inv = inventory()
        del inv['DISK_GB']

        exc = self.assertRaises(exception.InventoryInUse,
                                self.client.set_inventory_for_provider,
                                None, rp_uuid, inv)
        self.assertIn('DISK_GB', str(exc))

    def test_inventory_of_unknown_provider_raises(self):
        self.assertRaises(exception.ResourceProviderUpdateFailed,
                          self.client.set_inventory_for_provider,
                          None, str(uuid.uuid4()), inventory())


class AllocationCandidatesTestCase(ReportClientTestCase):

    def test_capacity_honours_allocation_ratio_and_reserved(self):
        rp_uuid = self.make_provider(inv=inventory(unbounded=True))

        reqs, summaries, version = self.candidates(
            VCPU=128, MEMORY_MB=5376, DISK_GB=100)

        self.assertEqual('1.36', version)
        self.assertEqual(1, len(reqs))
        self.assertEqual({'VCPU': 128, 'MEMORY_MB': 5376, 'DISK_GB': 100},
                         reqs[0]['allocations'][rp_uuid]['resources'])
        capacities = {rc: usage['capacity'] for rc, usage in
                      summaries[rp_uuid]['resources'].items()}
        self.assertEqual({'VCPU': 128, 'MEMORY_MB': 5376, 'DISK_GB': 100},
                         capacities)

    def test_max_unit_caps_one_allocation(self):
        self.make_provider()

        self.assertEqual(1, len(self.candidates(VCPU=8)[0]))
        self.assertEqual([], self.candidates(VCPU=9)[0])

    def test_no_candidate_beyond_capacity(self):
        self.make_provider(inv=inventory(unbounded=True))

        for over in ({'VCPU': 129}, {'MEMORY_MB': 5377}, {'DISK_GB': 101}):
            reqs, summaries, _ = self.candidates(**over)
            self.assertEqual([], reqs, over)
            self.assertEqual({}, summaries)

    def test_two_providers_give_two_candidates(self):
        rp1 = self.make_provider('host1')
        rp2 = self.make_provider('host2')

        reqs, summaries, _ = self.candidates(VCPU=1, MEMORY_MB=512,
                                             DISK_GB=1)

        self.assertEqual({rp1, rp2},
                         {rp for req in reqs for rp in req['allocations']})
        self.assertEqual({rp1, rp2}, set(summaries))

    def test_limit_caps_the_candidates(self):
        self.make_provider('host1')
        self.make_provider('host2')

        reqs, _, _ = self.client.get_allocation_candidates(
            None, {'VCPU': 1}, limit=1)

        self.assertEqual(1, len(reqs))

    def test_required_and_forbidden_traits(self):
        rp1 = self.make_provider('host1')
        rp2 = self.make_provider('host2')
        gen = self.client.get_resource_provider(None, rp1)['generation']
        resp = self.placement.request(
            'PUT', '/resource_providers/%s/traits' % rp1,
            json={'resource_provider_generation': gen,
                  'traits': ['HW_CPU_X86_AVX2']})
        self.assertEqual(200, resp.status_code, resp.text)

        with_avx, _, _ = self.client.get_allocation_candidates(
            None, {'VCPU': 1}, required_traits=['HW_CPU_X86_AVX2'])
        without_avx, _, _ = self.client.get_allocation_candidates(
            None, {'VCPU': 1}, forbidden_traits=['HW_CPU_X86_AVX2'])

        self.assertEqual([rp1], [rp for r in with_avx
                                 for rp in r['allocations']])
        self.assertEqual([rp2], [rp for r in without_avx
                                 for rp in r['allocations']])

    def test_member_of_aggregate(self):
        rp1 = self.make_provider('host1')
        self.make_provider('host2')
        agg = str(uuid.uuid4())
        gen = self.client.get_resource_provider(None, rp1)['generation']
        resp = self.placement.request(
            'PUT', '/resource_providers/%s/aggregates' % rp1,
            json={'resource_provider_generation': gen, 'aggregates': [agg]})
        self.assertEqual(200, resp.status_code, resp.text)

        reqs, _, _ = self.client.get_allocation_candidates(
            None, {'VCPU': 1}, member_of=[[agg, str(uuid.uuid4())]])

        self.assertEqual([rp1], [rp for r in reqs for rp in r['allocations']])

    def test_refused_query_gives_nones(self):
        self.make_provider()

        result = self.client.get_allocation_candidates(
            None, {'CUSTOM_NOT_A_CLASS': 1})

        self.assertEqual((None, None, None), result)

    def test_unreachable_placement_gives_nones(self):
        self.flags(endpoint_override='http://127.0.0.1:9', group='placement')
        client = report.SchedulerReportClient()

        result = client.get_allocation_candidates(None, {'VCPU': 1})

        self.assertEqual((None, None, None), result)


class LosingAdapter(CountingAdapter):
    """Answers the first ``losses`` claims (PUT /allocations) with the 409
    placement gives a write that lost a race for a provider's generation,
    as concurrent claims on MariaDB or PostgreSQL do; the rest go through."""

    def __init__(self, adapter, losses):
        super().__init__(adapter)
        self.losses = losses

    def request(self, url, method, **kwargs):
        if method == 'PUT' and url.startswith('/allocations/') and (
                self.losses > 0):
            self.losses -= 1
            self.calls.append((method, url.split('?')[0]))
            response = requests.Response()
            response.status_code = 409
            response._content = json.dumps({'errors': [{
                'status': 409, 'code': report.CONCURRENT_UPDATE,
                'detail': 'resource provider generation conflict'}]}
            ).encode()
            return response
        return super().request(url, method, **kwargs)


class ClaimTestCase(ReportClientTestCase):

    def test_claim_that_lost_generation_races_is_retried(self):
        self.make_provider()
        reqs, _, _ = self.candidates(VCPU=1)
        self.useFixture(fixtures.MockPatchObject(report, 'CLAIM_BACKOFF',
                                                 0.001))
        losing = LosingAdapter(self.adapter, report.CLAIM_ATTEMPTS - 1)
        self.client = report.SchedulerReportClient(adapter=losing)
        consumer = str(uuid.uuid4())
        self.assertTrue(self.claim(consumer, reqs[0]))
        self.assertEqual(report.CLAIM_ATTEMPTS, len(losing.calls))
        # One race more than the attempts: refused, nothing allocated.
        losing.losses = report.CLAIM_ATTEMPTS
        other = str(uuid.uuid4())
        self.assertFalse(self.claim(other, reqs[0]))
        self.assertEqual({}, self.client.get_allocations_for_consumer(
            None, other))

    def test_second_claim_beyond_capacity_fails(self):
        rp_uuid = self.make_provider(inv=inventory(vcpu=4, vcpu_ratio=1.0))
        reqs, _, version = self.candidates(VCPU=3)
        first, second = str(uuid.uuid4()), str(uuid.uuid4())

        self.assertTrue(self.claim(first, reqs[0]))
        self.assertFalse(self.claim(second, reqs[0]))

        self.assertEqual({'VCPU': 3, 'MEMORY_MB': 0, 'DISK_GB': 0},
                         self.client.get_usages_for_provider(None, rp_uuid))
        self.assertEqual({}, self.client.get_allocations_for_consumer(
            None, second))

    def test_claim_records_allocations_of_the_consumer(self):
        rp_uuid = self.make_provider()
        reqs, _, _ = self.candidates(VCPU=2, MEMORY_MB=1024, DISK_GB=5)
        consumer = str(uuid.uuid4())

        self.assertTrue(self.claim(consumer, reqs[0]))

        allocs = self.client.get_allocs_for_consumer(None, consumer)
        self.assertEqual({'VCPU': 2, 'MEMORY_MB': 1024, 'DISK_GB': 5},
                         allocs['allocations'][rp_uuid]['resources'])
        self.assertEqual(1, allocs['consumer_generation'])
        self.assertEqual('project', allocs['project_id'])
        self.assertEqual('user', allocs['user_id'])

    def test_consumer_generation_conflict_returns_false(self):
        self.make_provider()
        reqs, _, _ = self.candidates(VCPU=1)
        bigger, _, _ = self.candidates(VCPU=2)
        consumer = str(uuid.uuid4())
        self.assertTrue(self.claim(consumer, reqs[0]))
        calls = len(self.adapter.calls)

        # The consumer exists now: claiming it as new is a conflict, not
        # retried.
        self.assertFalse(self.claim(consumer, bigger[0]))
        self.assertEqual(calls + 1, len(self.adapter.calls))
        self.assertFalse(self.claim(consumer, bigger[0], generation=7))

        generation = self.client.get_allocs_for_consumer(
            None, consumer)['consumer_generation']
        self.assertTrue(self.claim(consumer, bigger[0], generation))

    def test_delete_allocation_frees_usage_and_is_idempotent(self):
        rp_uuid = self.make_provider(inv=inventory(vcpu=2, vcpu_ratio=1.0))
        reqs, _, _ = self.candidates(VCPU=2)
        consumer = str(uuid.uuid4())
        self.assertTrue(self.claim(consumer, reqs[0]))
        self.assertEqual([], self.candidates(VCPU=1)[0])

        self.assertTrue(self.client.delete_allocation_for_instance(
            None, consumer))
        self.assertTrue(self.client.delete_allocation_for_instance(
            None, consumer))

        self.assertEqual(0, self.client.get_provider_usages(
            None, rp_uuid)['VCPU'])
        self.assertEqual(1, len(self.candidates(VCPU=1)[0]))

    def test_usages_of_unknown_provider_raise(self):
        self.assertRaises(exception.ResourceProviderRetrievalFailed,
                          self.client.get_usages_for_provider,
                          None, str(uuid.uuid4()))


class ProviderAggregatesTestCase(ReportClientTestCase):

    def test_add_and_remove_are_idempotent(self):
        rp_uuid = self.make_provider()
        agg1, agg2 = str(uuid.uuid4()), str(uuid.uuid4())
        self.assertEqual(set(), self.client.get_provider_aggregates(
            None, rp_uuid)[0])
        for agg in (agg1, agg2, agg1):
            self.assertTrue(self.client.aggregate_add_host(None, agg,
                                                           rp_uuid))
        self.assertEqual(
            sorted([agg1, agg2]),
            sorted(self.placement_get('/resource_providers/%s/aggregates'
                                      % rp_uuid)['aggregates']))
        for _ in range(2):
            self.assertTrue(self.client.aggregate_remove_host(None, agg1,
                                                              rp_uuid))
        self.assertEqual({agg2}, self.client.get_provider_aggregates(
            None, rp_uuid)[0])

    def test_the_inventory_cache_follows_the_new_generation(self):
        rp_uuid = self.make_provider()
        self.client.aggregate_add_host(None, str(uuid.uuid4()), rp_uuid)
        calls = len(self.adapter.calls)
        self.assertTrue(self.client.set_inventory_for_provider(
            None, rp_uuid, inventory(vcpu=4)))
        # One PUT: the cached generation was the current one.
        self.assertEqual(calls + 1, len(self.adapter.calls))

    def test_unknown_provider(self):
        missing = str(uuid.uuid4())
        self.assertIsNone(self.client.get_provider_aggregates(None, missing))
        self.assertFalse(self.client.aggregate_add_host(
            None, str(uuid.uuid4()), missing))
        self.assertFalse(self.client.aggregate_remove_host(
            None, str(uuid.uuid4()), missing))
