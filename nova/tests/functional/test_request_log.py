"""Every HTTP request to the cloud leaves one INFO line carrying the request
id its client saw: the Compute API's on ``nova.api.request_log``, a
built-in service's on ``nova.builtin.<service>.request_log``."""

import re

import requests

from nova.api import request_log
from nova.tests.fixtures import cloud as cloud_fixture
from nova.tests.fixtures import logs

LINE = re.compile(
    r'^127\.0\.0\.1 "(?P<method>\S+) (?P<path>\S+) HTTP/1\.1" '
    r'status: (?P<status>\d{3}) len: (?P<len>\d+) '
    r'microversion: (?P<mv>\S+) time: \d+\.\d{6} '
    r'request_id: (?P<rid>req-\S+) service: (?P<service>\S+)$')


class TestRequestLog(cloud_fixture.SharedCloudTestCase):

    def setUp(self):
        super().setUp()
        self.logs = self.useFixture(logs.CapturedLogs('nova'))
        self.urls = self.cloud.cloud.urls

    def line_of(self, logger, response):
        request_id = response.headers['x-openstack-request-id']
        [entry] = self.logs.wait_for(logger, request_id)
        self.assertEqual(('INFO', request_id),
                         (entry.level, entry.request_id))
        fields = LINE.match(entry.message)
        self.assertIsNotNone(fields, entry.message)
        return entry, fields.groupdict()

    def test_compute_api_request(self):
        resp = self.cloud.admin_api.get('/servers?limit=1',
                                        microversion='2.79')
        self.assertEqual(200, resp.status_code)
        entry, fields = self.line_of(request_log.COMPUTE_LOGGER, resp)
        self.assertEqual(
            {'method': 'GET', 'path': '/v2.1/servers?limit=1',
             'status': '200', 'len': str(len(resp.content)), 'mv': '2.79',
             'rid': resp.headers['x-compute-request-id'],
             'service': 'compute'}, fields)

    def test_compute_api_failure_keeps_the_id(self):
        resp = self.cloud.admin_api.get('/servers/nonexistent')
        self.assertEqual(404, resp.status_code)
        entry, fields = self.line_of(request_log.COMPUTE_LOGGER, resp)
        self.assertEqual('404', fields['status'])

    def test_image_service_request(self):
        inbound = 'req-2b9e4b87-6f5e-4a43-8a8f-0c1f5d7bb9a1'
        resp = requests.get(self.urls['image'] + '/v2/images?limit=5',
                            headers={'X-Auth-Token': 'admin:admin',
                                     'X-OpenStack-Request-ID': inbound},
                            timeout=30)
        self.assertEqual(200, resp.status_code)
        self.assertNotEqual(inbound, resp.headers['x-openstack-request-id'])
        entry, fields = self.line_of('nova.builtin.image.request_log', resp)
        self.assertEqual(('/v2/images?limit=5', '200', '-', 'image'),
                         (fields['path'], fields['status'], fields['mv'],
                          fields['service']))
        self.assertEqual(inbound, entry.global_request_id)
        for entry in self.logs.entries:
            self.assertNotIn('admin:admin', entry.message)

    def test_placement_request_is_logged_once(self):
        placement = self.useFixture(logs.CapturedLogs('placement'))
        resp = requests.get(self.urls['placement'] + '/',
                            headers={'X-Auth-Token': 'admin',
                                     'OpenStack-API-Version':
                                         'placement 1.10'},
                            timeout=30)
        self.assertEqual(200, resp.status_code)
        entry, fields = self.line_of('nova.builtin.placement.request_log',
                                     resp)
        self.assertEqual(('1.10', 'placement'),
                         (fields['mv'], fields['service']))
        # Placement's own line (placement.requestlog) would repeat it.
        self.assertEqual([], placement.find('placement.requestlog'))
