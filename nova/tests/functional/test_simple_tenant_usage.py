"""/os-simple-tenant-usage over HTTP: hours and resource-hours of the
servers of each project in a period, paging from 2.40."""

import datetime
import time

from oslo_utils import timeutils

from nova.tests.fixtures import cloud as cloud_fixture

FMT = '%Y-%m-%dT%H:%M:%S.%f'


class TestSimpleTenantUsage(cloud_fixture.SharedCloudTestCase):

    def setUp(self):
        super().setUp()
        time.sleep(0.01)
        self.api = self.cloud.api_for('demo', 'demo')
        self.admin = self.cloud.admin_api
        self.begin = timeutils.utcnow().replace(tzinfo=None) - \
            datetime.timedelta(seconds=1)
        self.servers = []
        for _ in range(3):
            server = self.api.create_server()['server']['id']
            self.api.wait_for_status(server, 'ACTIVE')
            self.servers.append(server)
        time.sleep(0.2)

    def period(self, **extra):
        end = timeutils.utcnow().replace(tzinfo=None) + \
            datetime.timedelta(hours=1)
        query = 'start=%s&end=%s' % (
            self.begin.strftime(FMT), end.strftime(FMT))
        return query + ''.join('&%s=%s' % kv for kv in extra.items())

    def test_usage_per_project_and_server(self):
        # A deleted server still counts for the time it ran.
        self.api.delete('/servers/%s' % self.servers[0])
        self.api.wait_until_gone(self.servers[0])
        usages = self.admin.get('/os-simple-tenant-usage?%s' % self.period(
            detailed=1)).json()['tenant_usages']
        demo = [u for u in usages if u['tenant_id'] == 'demo'][0]
        by_id = {s['instance_id']: s for s in demo['server_usages']}
        # (Servers of earlier tests, deleted in this period, count too.)
        self.assertLessEqual(set(self.servers), set(by_id))
        self.assertEqual('terminated', by_id[self.servers[0]]['state'])
        self.assertEqual('active', by_id[self.servers[1]]['state'])
        self.assertGreater(demo['total_hours'], 0)
        self.assertAlmostEqual(demo['total_memory_mb_usage'],
                               512 * demo['total_hours'])
        self.assertNotIn('server_usages', self.admin.get(
            '/os-simple-tenant-usage?%s' % self.period()).json()[
            'tenant_usages'][0])
        mine = self.api.get('/os-simple-tenant-usage/demo?%s' %
                            self.period()).json()['tenant_usage']
        self.assertLessEqual(set(self.servers), {
            u['instance_id'] for u in mine['server_usages']})
        self.assertEqual({}, self.api.get(
            '/os-simple-tenant-usage/demo?start=2000-01-01T00:00:00&'
            'end=2000-01-02T00:00:00').json()['tenant_usage'])

    def test_paging_and_errors(self):
        page = self.api.get('/os-simple-tenant-usage/demo?%s' % self.period(
            limit=2), microversion='2.40').json()
        self.assertEqual(2, len(page['tenant_usage']['server_usages']))
        self.assertIn('marker=', page['tenant_usage_links'][0]['href'])
        last = page['tenant_usage']['server_usages'][-1]['instance_id']
        rest = self.api.get('/os-simple-tenant-usage/demo?%s' % self.period(
            limit=100, marker=last), microversion='2.40').json()
        every = self.api.get('/os-simple-tenant-usage/demo?%s' % self.period(
            limit=100), microversion='2.40').json()
        self.assertEqual(
            [u['instance_id'] for u in every['tenant_usage']['server_usages']],
            [u['instance_id'] for u in page['tenant_usage']['server_usages'] +
             rest['tenant_usage']['server_usages']])
        for query, code in (('start=yesterday', 400),
                            ('start=2030-01-02T00:00:00&'
                             'end=2030-01-01T00:00:00', 400),
                            (self.period(marker='nope'), 400)):
            resp = self.api.get('/os-simple-tenant-usage/demo?%s' % query,
                                microversion='2.40')
            self.assertEqual(code, resp.status_code, (query, resp.text))
        self.assertEqual(403, self.api.get('/os-simple-tenant-usage')
                         .status_code)
        self.assertEqual(403, self.api.get('/os-simple-tenant-usage/alt')
                         .status_code)
