"""The in-process placement app: made many times in one process."""

import os

from oslo_db import exception as db_exc
import requests

from nova.builtin import placement
from nova import test

HEADERS = {'X-Auth-Token': 'admin',
           'OpenStack-API-Version': 'placement 1.39'}


class BuiltinPlacementTestCase(test.TestCase):

    def start(self, name):
        app = placement.make_app(placement.sqlite_url(
            os.path.join(self.state_dir, name)))
        self.addCleanup(app.dispose)
        served = placement.serve(app)
        self.addCleanup(served.stop)
        return app, served

    def test_serves_the_versions_document_and_admin_requests(self):
        app, served = self.start('p.db')

        root = requests.get(served.url + '/')
        created = requests.post(served.url + '/resource_providers',
                                json={'name': 'cn1'}, headers=HEADERS)
        anonymous = requests.get(served.url + '/resource_providers')

        self.assertEqual('1.39', root.json()['versions'][0]['max_version'])
        self.assertEqual(200, created.status_code, created.text)
        self.assertEqual(401, anonymous.status_code)
        self.assertEqual('noauth2', app.conf.api.auth_strategy)

    def test_a_new_app_gets_its_own_database_with_standard_traits(self):
        _, first = self.start('a.db')
        requests.post(first.url + '/resource_providers',
                      json={'name': 'cn1'}, headers=HEADERS)

        _, second = self.start('b.db')

        providers = requests.get(second.url + '/resource_providers',
                                 headers=HEADERS).json()
        traits = requests.get(second.url + '/traits?name=in:COMPUTE_NODE',
                              headers=HEADERS).json()
        self.assertEqual([], providers['resource_providers'])
        self.assertEqual(['COMPUTE_NODE'], traits['traits'])

    def test_a_replaced_or_disposed_app_answers_503(self):
        old_app, old = self.start('a.db')
        new_app, new = self.start('b.db')

        self.assertFalse(old_app.active)
        self.assertEqual(503, requests.get(old.url + '/resource_providers',
                                           headers=HEADERS).status_code)
        new_app.dispose()
        new_app.dispose()
        self.assertEqual(503, requests.get(new.url + '/resource_providers',
                                           headers=HEADERS).status_code)

    def test_a_failed_make_app_leaves_the_current_app_serving(self):
        app, served = self.start('a.db')

        # Nothing listens on port 1; max_retries=0 fails at once.
        self.assertRaises(db_exc.DBConnectionError, placement.make_app,
                          'mysql+pymysql://root@127.0.0.1:1/x', max_retries=0)

        self.assertTrue(app.active)
        self.assertEqual(200, requests.get(served.url + '/resource_providers',
                                           headers=HEADERS).status_code)

    def test_reopening_a_database_keeps_its_data(self):
        app, served = self.start('a.db')
        requests.post(served.url + '/resource_providers',
                      json={'name': 'cn1'}, headers=HEADERS)
        served.stop()
        app.dispose()

        _, again = self.start('a.db')

        providers = requests.get(again.url + '/resource_providers',
                                 headers=HEADERS).json()['resource_providers']
        self.assertEqual(['cn1'], [rp['name'] for rp in providers])

    def test_stop_is_idempotent_and_frees_the_port(self):
        _, served = self.start('a.db')

        served.stop()
        served.stop()

        self.assertRaises(requests.ConnectionError, requests.get,
                          served.url + '/', timeout=2)
