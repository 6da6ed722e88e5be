"""Quota sets, quota classes and /limits over HTTP, and servers admitted
exactly within the quota, even when requested concurrently."""

import threading

import fixtures

from nova.tests.fixtures import cloud as cloud_fixture
from nova.tests.functional import api_client

SET_AT_2_1 = {'id', 'instances', 'cores', 'ram', 'metadata_items',
              'injected_files', 'injected_file_content_bytes',
              'injected_file_path_bytes', 'key_pairs', 'server_groups',
              'server_group_members', 'fixed_ips', 'floating_ips',
              'security_groups', 'security_group_rules'}
SET_AT_2_57 = SET_AT_2_1 - {
    'fixed_ips', 'floating_ips', 'security_groups', 'security_group_rules',
    'injected_files', 'injected_file_content_bytes',
    'injected_file_path_bytes'}


class QuotaTestCase(cloud_fixture.SharedCloudTestCase):

    def setUp(self):
        super().setUp()
        self.api = self.cloud.api_for('demo', 'demo')
        self.admin = self.cloud.admin_api
        self.addCleanup(self.admin.delete, '/os-quota-sets/demo')

    def set_quota(self, microversion='2.100', user_id=None, **limits):
        path = '/os-quota-sets/demo'
        if user_id:
            path += '?user_id=%s' % user_id
        return self.admin.request('PUT', path, {'quota_set': limits},
                                  microversion=microversion)

    def boot_body(self, **extra):
        return {'server': dict({'name': 'vm', 'flavorRef': '1',
                                'imageRef': api_client.DEFAULT_IMAGE,
                                'networks': 'none'}, **extra)}


class TestQuotaSets(QuotaTestCase):

    def test_show_defaults_update_delete(self):
        shown = self.api.get('/os-quota-sets/demo').json()['quota_set']
        self.assertEqual(SET_AT_2_57, set(shown))
        self.assertEqual(('demo', 10, 20, 51200, 100), (
            shown['id'], shown['instances'], shown['cores'], shown['ram'],
            shown['key_pairs']))
        old = self.api.get('/os-quota-sets/demo', microversion='2.35')
        self.assertEqual(SET_AT_2_1, set(old.json()['quota_set']))
        defaults = self.api.get('/os-quota-sets/demo/defaults').json()
        self.assertEqual(10, defaults['quota_set']['instances'])
        resp = self.set_quota(instances=5, cores='7', ram=-1)
        self.assertEqual(200, resp.status_code, resp.text)
        updated = resp.json()['quota_set']
        self.assertNotIn('id', updated)
        self.assertEqual((5, 7, -1), (updated['instances'], updated['cores'],
                                      updated['ram']))
        self.assertEqual(5, self.api.get('/os-quota-sets/demo').json()[
            'quota_set']['instances'])
        # Defaults do not move; another project keeps them.
        self.assertEqual(10, self.api.get(
            '/os-quota-sets/demo/defaults').json()['quota_set']['instances'])
        self.assertEqual(10, self.admin.get('/os-quota-sets/alt').json()[
            'quota_set']['instances'])
        resp = self.admin.delete('/os-quota-sets/demo')
        self.assertEqual(202, resp.status_code)
        self.assertEqual(10, self.api.get('/os-quota-sets/demo').json()[
            'quota_set']['instances'])

    def test_policy(self):
        self.assertEqual(403, self.api.request(
            'PUT', '/os-quota-sets/demo',
            {'quota_set': {'instances': 50}}).status_code)
        self.assertEqual(403, self.api.delete('/os-quota-sets/demo')
                         .status_code)
        self.assertEqual(403, self.api.get('/os-quota-sets/alt').status_code)
        self.assertEqual(200, self.api.get('/os-quota-sets/alt/defaults')
                         .status_code)
        self.assertEqual(403, self.api.get('/os-quota-class-sets/default')
                         .status_code)

    def test_bad_updates_are_400(self):
        for body in ({'instances': -2}, {'instances': 'ten'},
                     {'instances': 2 ** 31}, {'instances': 1.5},
                     {'nonsense': 1}, {'force': 'maybe'}):
            resp = self.set_quota(**body)
            self.assertEqual(400, resp.status_code, (body, resp.text))
        # Removed resources are unknown at later microversions.
        self.assertEqual(400, self.set_quota(floating_ips=5).status_code)
        self.assertEqual(200, self.set_quota(
            floating_ips=5, microversion='2.35').status_code)
        resp = self.admin.request('PUT', '/os-quota-sets/demo',
                                  {'instances': 1})
        self.assertEqual(400, resp.status_code)

    def test_limits_cannot_go_below_use_unless_forced(self):
        server = self.api.create_server()['server']
        self.api.wait_for_status(server['id'], 'ACTIVE')
        detail = self.api.get('/os-quota-sets/demo/detail').json()[
            'quota_set']
        self.assertEqual({'limit': 10, 'in_use': 1, 'reserved': 0},
                         detail['instances'])
        self.assertEqual(1, detail['cores']['in_use'])
        self.assertEqual(512, detail['ram']['in_use'])
        resp = self.set_quota(instances=0)
        self.assertEqual(400, resp.status_code)
        self.assertIn('must be greater than or equal to already used',
                      resp.text)
        resp = self.set_quota(instances=0, force=True)
        self.assertEqual(200, resp.status_code, resp.text)
        resp = self.api.post('/servers', self.boot_body())
        self.assertEqual(403, resp.status_code)
        self.assertIn('Quota exceeded for instances', resp.text)

    def test_user_quotas(self):
        resp = self.set_quota(user_id='demo', instances=2)
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertEqual(2, self.api.get(
            '/os-quota-sets/demo?user_id=demo').json()['quota_set'][
            'instances'])
        self.assertEqual(10, self.api.get('/os-quota-sets/demo').json()[
            'quota_set']['instances'])
        # A user's limit cannot exceed what the project has left.
        resp = self.set_quota(user_id='demo', instances=11)
        self.assertEqual(400, resp.status_code)
        # Nor the project's go below what its users were given.
        self.set_quota(user_id='other', instances=7)
        resp = self.set_quota(instances=8)
        self.assertEqual(400, resp.status_code, resp.text)
        for _ in range(2):
            self.assertEqual(202, self.api.post(
                '/servers', self.boot_body()).status_code)
        resp = self.api.post('/servers', self.boot_body())
        self.assertEqual(403, resp.status_code, resp.text)
        self.admin.delete('/os-quota-sets/demo?user_id=demo')
        self.assertEqual(202, self.api.post(
            '/servers', self.boot_body()).status_code)

    def test_quota_classes(self):
        self.addCleanup(self.admin.request, 'PUT',
                        '/os-quota-class-sets/default',
                        {'quota_class_set': {'instances': 10}})
        shown = self.admin.get('/os-quota-class-sets/default').json()[
            'quota_class_set']
        self.assertEqual('default', shown['id'])
        self.assertIn('server_groups', shown)
        self.assertNotIn('server_groups', self.admin.get(
            '/os-quota-class-sets/default', microversion='2.49').json()[
            'quota_class_set'])
        resp = self.admin.request('PUT', '/os-quota-class-sets/default',
                                  {'quota_class_set': {'instances': 12}})
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertEqual(12, resp.json()['quota_class_set']['instances'])
        # The default class is every project's default.
        self.assertEqual(12, self.api.get(
            '/os-quota-sets/demo/defaults').json()['quota_set']['instances'])
        self.assertEqual(12, self.admin.get('/os-quota-sets/alt').json()[
            'quota_set']['instances'])
        resp = self.admin.request('PUT', '/os-quota-class-sets/default',
                                  {'quota_class_set': {'force': True}})
        self.assertEqual(400, resp.status_code)

    def test_limits_as_strings_are_bounded_too(self):
        # Found by test_fuzz: a numeric string past 2**31-1 was a 500.
        for value in ('2147483648', '9' * 30, '-2'):
            resp = self.admin.request(
                'PUT', '/os-quota-class-sets/default',
                {'quota_class_set': {'cores': value}})
            self.assertEqual(400, resp.status_code, resp.text)
            self.assertEqual(400, self.set_quota(
                cores=value, force=True).status_code)
            self.assertEqual(400, self.set_quota(cores=value).status_code)
        self.assertEqual(20, self.admin.get(
            '/os-quota-class-sets/default').json()['quota_class_set'][
            'cores'])
        resp = self.set_quota(cores='2147483647', force=True)
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertEqual(2147483647, resp.json()['quota_set']['cores'])


class TestLimits(QuotaTestCase):

    def test_limits_show_use(self):
        server = self.api.create_server()['server']
        self.api.wait_for_status(server['id'], 'ACTIVE')
        absolute = self.api.get('/limits').json()['limits']['absolute']
        self.assertEqual((10, 1, 20, 1, 51200, 512, 100), (
            absolute['maxTotalInstances'], absolute['totalInstancesUsed'],
            absolute['maxTotalCores'], absolute['totalCoresUsed'],
            absolute['maxTotalRAMSize'], absolute['totalRAMUsed'],
            absolute['maxTotalKeypairs']))
        self.assertNotIn('maxImageMeta', absolute)
        self.assertNotIn('maxPersonality', absolute)
        old = self.api.get('/limits', microversion='2.1').json()['limits']
        self.assertEqual([], old['rate'])
        for name in ('maxImageMeta', 'maxPersonality', 'maxSecurityGroups',
                     'totalFloatingIpsUsed'):
            self.assertIn(name, old['absolute'])
        # Another project's: admins only.
        self.assertEqual(403, self.api.get('/limits?tenant_id=alt')
                         .status_code)
        other = self.admin.get('/limits?tenant_id=demo').json()
        self.assertEqual(1, other['limits']['absolute']['totalInstancesUsed'])


class TestExactAdmission(QuotaTestCase):

    def test_concurrent_creates_stop_exactly_at_the_quota(self):
        self.assertEqual(200, self.set_quota(instances=10).status_code)
        codes, errors = [], []

        def create():
            resp = self.api.post('/servers', self.boot_body())
            codes.append(resp.status_code)
            if resp.status_code == 403:
                errors.append(resp.json()['forbidden']['message'])

        threads = [threading.Thread(target=create) for _ in range(30)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual((10, 20), (codes.count(202), codes.count(403)),
                         codes)
        self.assertIn('Quota exceeded for instances: Requested 1, but '
                      'already used 10 of 10 instances', errors[0])
        servers = self.api.get('/servers').json()['servers']
        self.assertEqual(10, len(servers))

    def test_multi_create_builds_as_many_as_fit(self):
        self.assertEqual(200, self.set_quota(instances=3).status_code)
        self.api.create_server()
        resp = self.api.post('/servers', self.boot_body(
            min_count=3, max_count=5))
        self.assertEqual(403, resp.status_code, resp.text)
        resp = self.api.post('/servers', self.boot_body(
            min_count=1, max_count=5, return_reservation_id=True))
        self.assertEqual(202, resp.status_code, resp.text)
        reservation = resp.json()['reservation_id']
        listed = self.api.get('/servers?reservation_id=%s' %
                              reservation).json()['servers']
        self.assertEqual(2, len(listed))

    def test_cores_and_ram_count_too(self):
        self.assertEqual(200, self.set_quota(cores=2, ram=-1).status_code)
        resp = self.api.post('/servers', self.boot_body(
            min_count=3, max_count=3))
        self.assertEqual(403, resp.status_code)
        self.assertIn('Quota exceeded for cores', resp.text)
        resp = self.api.post('/servers', self.boot_body(max_count=3))
        self.assertEqual(202, resp.status_code)
        self.assertEqual(2, len(self.api.get('/servers').json()['servers']))


class TestOtherLimits(QuotaTestCase):

    def test_metadata_items_on_create(self):
        self.assertEqual(200, self.set_quota(metadata_items=2).status_code)
        resp = self.api.post('/servers', self.boot_body(
            metadata={'a': '1', 'b': '2', 'c': '3'}))
        self.assertEqual(403, resp.status_code, resp.text)
        self.assertIn('metadata', resp.text)
        self.assertEqual([], self.api.get('/servers').json()['servers'])
        resp = self.api.post('/servers', self.boot_body(
            metadata={'a': '1', 'b': '2'}))
        self.assertEqual(202, resp.status_code, resp.text)

    def test_resize_to_a_bigger_flavor_within_cores_and_ram(self):
        server = self.api.create_server()['server']['id']
        self.api.wait_for_status(server, 'ACTIVE')
        flavors = self.api.get('/flavors/detail').json()['flavors']
        bigger = sorted((f for f in flavors if f['vcpus'] > 1),
                        key=lambda f: f['vcpus'])[0]
        self.assertEqual(200, self.set_quota(cores=1).status_code)
        resp = self.api.post('/servers/%s/action' % server,
                             {'resize': {'flavorRef': bigger['id']}})
        self.assertEqual(403, resp.status_code, resp.text)
        self.assertIn('Quota exceeded for cores', resp.text)
        self.assertEqual('ACTIVE', self.api.get_server(server)['status'])


class TestUnlimited(QuotaTestCase):

    def test_unlimited_quotas_admit_without_counting(self):
        from nova import quota
        self.assertEqual(200, self.set_quota(
            instances=-1, cores=-1, ram=-1).status_code)
        counted = []
        real = quota._instance_usage
        self.useFixture(fixtures.MonkeyPatch(
            'nova.quota._instance_usage',
            lambda *a, **kw: counted.append(a) or real(*a, **kw)))
        resp = self.api.post('/servers', self.boot_body(max_count=3))
        self.assertEqual(202, resp.status_code, resp.text)
        self.assertEqual(3, len(self.api.get('/servers').json()['servers']))
        self.assertEqual([], counted)
        # A limit again: counted again.
        self.assertEqual(200, self.set_quota(instances=10).status_code)
        self.assertEqual(202, self.api.post('/servers', self.boot_body())
                         .status_code)
        self.assertTrue(counted)
