"""The instance usage audit: the compute hosts' periodic task and
/os-instance_usage_audit_log."""

from nova import context as nova_context
from nova.tests.fixtures import cloud as cloud_fixture


class TestUsageAudit(cloud_fixture.SharedCloudTestCase):

    cloud_options = {'fake_hosts': 2}

    def test_audit_log(self):
        admin = self.cloud.admin_api
        hosts = sorted(c.host for c in self.cloud.computes)
        before = admin.get('/os-instance_usage_audit_log').json()[
            'instance_usage_audit_logs']
        self.assertEqual((2, 0, hosts), (before['num_hosts'],
                                         before['num_hosts_done'],
                                         before['hosts_not_run']))
        self.assertEqual('0 of 2 hosts done. 0 errors.',
                         before['overall_status'])
        # The periodic task runs only when asked to, once per period.
        self.flags(instance_usage_audit=True)
        ctx = nova_context.get_admin_context()
        for compute in self.cloud.computes:
            compute.manager._instance_usage_audit(ctx)
            compute.manager._instance_usage_audit(ctx)
        after = admin.get('/os-instance_usage_audit_log').json()[
            'instance_usage_audit_logs']
        self.assertEqual((2, [], 'ALL hosts done. 0 errors.'), (
            after['num_hosts_done'], after['hosts_not_run'],
            after['overall_status']))
        self.assertEqual('DONE', after['log'][hosts[0]]['state'])
        self.assertEqual(before['period_beginning'],
                         after['period_beginning'])
        older = admin.get('/os-instance_usage_audit_log/'
                          '2020-01-15%2000:00:00').json()[
            'instance_usage_audit_log']
        self.assertEqual(('2019-12-01 00:00:00', '2020-01-01 00:00:00', 0),
                         (older['period_beginning'], older['period_ending'],
                          older['num_hosts_done']))
        self.assertEqual(400, admin.get(
            '/os-instance_usage_audit_log/yesterday').status_code)
        api = self.cloud.api_for('demo', 'demo')
        self.assertEqual(403, api.get('/os-instance_usage_audit_log')
                         .status_code)
