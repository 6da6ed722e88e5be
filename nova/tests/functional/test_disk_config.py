"""OS-DCF:diskConfig is kept as asked at create, update, rebuild and
resize, and shown as kept; an image may forbid AUTO."""

import requests

from nova.tests.functional import api_client
from nova.tests.functional import test_server_resize


class TestDiskConfig(test_server_resize.MoveTestCase):

    def disk_config(self):
        return self.api.get_server(self.server_id)['OS-DCF:diskConfig']

    def make_image(self, properties):
        session = requests.Session()
        session.headers['X-Auth-Token'] = 'demo:demo'
        url = self.cloud.cloud.urls['image'] + '/v2/images'
        resp = session.post(url, json=dict(
            properties, name='dcf', disk_format='raw',
            container_format='bare'))
        self.assertEqual(201, resp.status_code, resp.text)
        image_id = resp.json()['id']
        self.addCleanup(session.delete, url + '/' + image_id)
        resp = session.put(url + '/%s/file' % image_id, data=b'x' * 1024,
                           headers={'Content-Type':
                                    'application/octet-stream'})
        self.assertEqual(204, resp.status_code, resp.text)
        return image_id

    def test_create_update_rebuild_and_resize_keep_it(self):
        self.assertEqual('MANUAL', self.disk_config())
        created = self.api.post('/servers', {'server': {
            'name': 'auto', 'flavorRef': '1', 'networks': 'none',
            'imageRef': api_client.DEFAULT_IMAGE,
            'OS-DCF:diskConfig': 'AUTO'}})
        self.assertEqual(202, created.status_code, created.text)
        self.assertEqual('AUTO',
                         created.json()['server']['OS-DCF:diskConfig'])
        auto_id = created.json()['server']['id']
        self.addCleanup(self.api.delete, '/servers/%s' % auto_id)
        self.assertEqual('AUTO', self.api.wait_for_status(
            auto_id, 'ACTIVE')['OS-DCF:diskConfig'])

        resp = self.api.request('PUT', '/servers/%s' % self.server_id,
                                {'server': {'OS-DCF:diskConfig': 'AUTO'}})
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertEqual('AUTO', resp.json()['server']['OS-DCF:diskConfig'])
        self.assertEqual('AUTO', self.disk_config())

        resp = self.act({'rebuild': {'imageRef': api_client.DEFAULT_IMAGE,
                                     'OS-DCF:diskConfig': 'MANUAL'}})
        self.assertEqual(202, resp.status_code, resp.text)
        self.assertEqual('MANUAL', resp.json()['server']['OS-DCF:diskConfig'])
        self.api.wait_for_status(self.server_id, 'ACTIVE')
        self.assertEqual('MANUAL', self.disk_config())

        resp = self.act({'resize': {'flavorRef': '2',
                                    'OS-DCF:diskConfig': 'AUTO'}})
        self.assertEqual(202, resp.status_code, resp.text)
        self.api.wait_for_status(self.server_id, 'VERIFY_RESIZE')
        self.assertEqual('AUTO', self.disk_config())
        resp = self.act({'confirmResize': None})
        self.assertEqual(204, resp.status_code, resp.text)
        self.api.wait_for_status(self.server_id, 'ACTIVE')
        self.assertEqual('AUTO', self.disk_config())

    def test_bad_values_and_an_image_that_forbids_auto(self):
        for body in ({'server': {'OS-DCF:diskConfig': 'auto'}},
                     {'server': {'OS-DCF:diskConfig': None}}):
            resp = self.api.request('PUT', '/servers/%s' % self.server_id,
                                    body)
            self.assertEqual(400, resp.status_code, resp.text)
        resp = self.act({'rebuild': {'imageRef': api_client.DEFAULT_IMAGE,
                                     'OS-DCF:diskConfig': 'SOMETIMES'}})
        self.assertEqual(400, resp.status_code, resp.text)
        self.assertEqual('MANUAL', self.disk_config())

        disabled = self.make_image({'auto_disk_config': 'disabled'})
        resp = self.api.post('/servers', {'server': {
            'name': 'x', 'flavorRef': '1', 'imageRef': disabled,
            'networks': 'none',
            'OS-DCF:diskConfig': 'AUTO'}})
        self.assertEqual(400, resp.status_code, resp.text)
        self.assertIn('automatic disk resize disabled',
                      resp.json()['badRequest']['message'])
        resp = self.act({'rebuild': {'imageRef': disabled,
                                     'OS-DCF:diskConfig': 'AUTO'}})
        self.assertEqual(400, resp.status_code, resp.text)
        server = self.api.wait_for_status(self.server_id, 'ACTIVE')
        self.assertEqual(api_client.DEFAULT_IMAGE, server['image']['id'])

        # An image that asks for AUTO by default gets it unless told.
        wanted = self.make_image({'auto_disk_config': 'True'})
        resp = self.api.post('/servers', {'server': {
            'name': 'y', 'flavorRef': '1', 'imageRef': wanted,
            'networks': 'none'}})
        self.assertEqual(202, resp.status_code, resp.text)
        self.addCleanup(self.api.delete,
                        '/servers/%s' % resp.json()['server']['id'])
        self.assertEqual('AUTO', resp.json()['server']['OS-DCF:diskConfig'])
