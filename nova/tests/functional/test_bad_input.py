"""Bad requests get a clear 4xx with an OpenStack error body, never a 500,
and leave nothing behind."""

from nova.tests.fixtures import cloud as cloud_fixture
from nova.tests.functional import api_client

IMAGE = api_client.DEFAULT_IMAGE
GOOD = {'name': 'ok', 'imageRef': IMAGE, 'flavorRef': '1',
        'networks': 'none'}


def server(**changes):
    body = dict(GOOD)
    for key, value in changes.items():
        if value is _DROP:
            body.pop(key)
        else:
            body[key] = value
    return {'server': body}


_DROP = object()

BAD_SERVER_BODIES = [
    ('unknown field', server(colour='blue')),
    ('name wrong type', server(name=42)),
    ('accessIPv4 not an IPv4 address', server(accessIPv4='::1')),
    ('accessIPv6 not an IPv6 address', server(accessIPv6='10.0.0.1')),
    ('name empty', server(name='')),
    ('name too long', server(name='x' * 256)),
    ('imageRef not a uuid', server(imageRef='not-a-uuid')),
    ('imageRef unknown',
     server(imageRef='7b0e5b3c-0000-4000-8000-000000000000')),
    ('flavorRef unknown', server(flavorRef='does-not-exist')),
    ('flavorRef wrong type', server(flavorRef={'id': 1})),
    ('networks missing at 2.37+', server(networks=_DROP)),
    ('networks bad string', server(networks='some')),
    ('network uuid not a uuid', server(networks=[{'uuid': 'nope'}])),
    ('min_count negative', server(min_count=-1)),
    ('min_count zero', server(min_count=0)),
    ('max_count wrong type', server(max_count='ten')),
    ('min_count above max_count', server(min_count=3, max_count=2)),
    ('metadata not a dict', server(metadata=['a'])),
    ('metadata value not a string', server(metadata={'a': 1})),
    ('no server key', {'name': 'x'}),
    ('server not an object', {'server': 'x'}),
    ('name missing', server(name=_DROP)),
]

BAD_QUERIES = [
    '/servers?limit=-1',
    '/servers?limit=abc',
    '/servers/detail?limit=x',
    '/servers?marker=7b0e5b3c-0000-4000-8000-000000000000',
    '/servers?unknown_filter=1',
    '/flavors?limit=-5',
    '/flavors/detail?minRam=abc',
    '/flavors?is_public=maybe',
]


class TestBadInput(cloud_fixture.SharedCloudTestCase):

    def setUp(self):
        super().setUp()
        self.api = self.cloud.admin_api

    def _assert_error(self, resp, status, case):
        self.assertEqual(status, resp.status_code,
                         '%s: %s %s' % (case, resp.status_code, resp.text))
        body = resp.json()
        self.assertEqual(1, len(body), case)
        error = list(body.values())[0]
        self.assertEqual(status, error['code'], case)
        self.assertTrue(error['message'], case)

    def test_bad_server_bodies_are_400(self):
        for case, body in BAD_SERVER_BODIES:
            self._assert_error(self.api.post('/servers', body), 400, case)
        # Nothing was created by any of them.
        self.assertEqual([], self.api.get('/servers').json()['servers'])

    def test_malformed_json_is_400(self):
        resp = self.api.request('POST', '/servers', raw_body='{"server": ')
        self._assert_error(resp, 400, 'malformed json')

    def test_bad_query_strings_are_400(self):
        for path in BAD_QUERIES:
            self._assert_error(self.api.get(path), 400, path)

    def test_unknown_server_is_404(self):
        self._assert_error(self.api.get('/servers/nope'), 404, 'bad id')
        self._assert_error(
            self.api.delete('/servers/7b0e5b3c-0000-4000-8000-000000000000'),
            404, 'unknown id')

    def test_non_admin_cannot_create_flavors(self):
        member = self.cloud.api_for('demo', 'demo')
        resp = member.post('/flavors', {'flavor': {
            'name': 'mine', 'ram': 512, 'vcpus': 1, 'disk': 1}})
        self._assert_error(resp, 403, 'member creates a flavor')
        self.assertNotIn('mine', [f['name'] for f in
                                  self.api.get('/flavors').json()['flavors']])

    def test_unsupported_microversion_is_406(self):
        resp = self.api.get('/servers', microversion='2.999')
        self._assert_error(resp, 406, '2.999')
        resp = self.api.get('/servers', microversion='latest')
        self.assertEqual(200, resp.status_code)
        self.assertEqual('compute 2.100',
                         resp.headers['OpenStack-API-Version'])

    def test_no_token_is_401(self):
        resp = self.api.session.get(self.api.url + '/servers',
                                    headers={'X-Auth-Token': None})
        self.assertEqual(401, resp.status_code)

    def test_other_projects_servers_are_404(self):
        created = self.api.create_server(name='admins')['server']
        member = self.cloud.api_for('demo', 'demo')
        self._assert_error(member.get('/servers/%s' % created['id']), 404,
                           'foreign server')
        self.assertEqual([], member.get('/servers').json()['servers'])
