"""A user manages key pairs over HTTP (/os-keypairs) and boots and
rebuilds servers with them."""

import subprocess
import tempfile
import threading

from nova import crypto
from nova.tests.fixtures import cloud as cloud_fixture
from nova.tests.functional import api_client


class TestKeypairs(cloud_fixture.SharedCloudTestCase):

    def setUp(self):
        super().setUp()
        self.api = self.cloud.api_for('demo', 'demo')
        self.admin = self.cloud.admin_api
        self.addCleanup(self._delete_all)

    def _delete_all(self):
        for api, user in ((self.api, 'demo'), (self.admin, 'alt'),
                          (self.admin, 'admin')):
            for item in api.get('/os-keypairs?user_id=%s' % user).json()[
                    'keypairs']:
                api.delete('/os-keypairs/%s?user_id=%s' % (
                    item['keypair']['name'], user))

    def create(self, api=None, microversion='2.100', **keypair):
        return (api or self.api).post('/os-keypairs', {'keypair': keypair},
                                      microversion=microversion)

    def test_generate_then_show_list_delete(self):
        resp = self.create(name='gen', microversion='2.91')
        self.assertEqual(201, resp.status_code, resp.text)
        created = resp.json()['keypair']
        self.assertEqual(('gen', 'ssh', 'demo'), (
            created['name'], created['type'], created['user_id']))
        self.assertTrue(created['public_key'].startswith('ssh-rsa '))
        self.assertIn('PRIVATE KEY', created['private_key'])
        # The fingerprint is what ssh-keygen computes.
        with tempfile.NamedTemporaryFile('w', suffix='.pub') as pub:
            pub.write(created['public_key'])
            pub.flush()
            out = subprocess.run(['ssh-keygen', '-E', 'md5', '-lf',
                                  pub.name], capture_output=True,
                                 text=True).stdout
        self.assertIn('MD5:' + created['fingerprint'], out)
        shown = self.api.get('/os-keypairs/gen').json()['keypair']
        self.assertEqual(created['fingerprint'], shown['fingerprint'])
        self.assertNotIn('private_key', shown)
        self.assertEqual((False, None, None), (
            shown['deleted'], shown['deleted_at'], shown['updated_at']))
        listed = self.api.get('/os-keypairs').json()['keypairs']
        self.assertEqual(['gen'], [k['keypair']['name'] for k in listed])
        resp = self.api.delete('/os-keypairs/gen')
        self.assertEqual(204, resp.status_code, resp.text)
        self.assertEqual(404, self.api.get('/os-keypairs/gen').status_code)
        self.assertEqual(404, self.api.delete('/os-keypairs/gen').status_code)

    def test_import_ssh_and_x509(self):
        _private, public, fingerprint = crypto.generate_ssh_key_pair()
        resp = self.create(name='imported', public_key=public)
        self.assertEqual(201, resp.status_code, resp.text)
        self.assertEqual(fingerprint, resp.json()['keypair']['fingerprint'])
        self.assertNotIn('private_key', resp.json()['keypair'])
        _private, cert, fingerprint = crypto.generate_x509_key_pair('demo')
        resp = self.create(name='cert', public_key=cert, type='x509')
        self.assertEqual(201, resp.status_code, resp.text)
        self.assertEqual(('x509', fingerprint), (
            resp.json()['keypair']['type'],
            resp.json()['keypair']['fingerprint']))
        # Generated x509 pairs too (before 2.92).
        resp = self.create(name='gen-cert', type='x509', microversion='2.91')
        self.assertEqual(201, resp.status_code, resp.text)
        self.assertIn('BEGIN CERTIFICATE',
                      resp.json()['keypair']['public_key'])

    def test_microversions(self):
        resp = self.create(name='old', microversion='2.1')
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertNotIn('type', resp.json()['keypair'])
        self.assertNotIn('type', self.api.get(
            '/os-keypairs/old', microversion='2.1').json()['keypair'])
        self.assertEqual(202, self.api.delete(
            '/os-keypairs/old', microversion='2.1').status_code)
        # From 2.92 a public key is required, and '@' and '.' are allowed.
        resp = self.create(name='gen')
        self.assertEqual(400, resp.status_code, resp.text)
        resp = self.create(name='a@b.c', microversion='2.91')
        self.assertEqual(400, resp.status_code, resp.text)
        _private, public, _fp = crypto.generate_ssh_key_pair()
        resp = self.create(name='a@b.c', public_key=public)
        self.assertEqual(201, resp.status_code, resp.text)

    def test_bad_input(self):
        _private, public, _fp = crypto.generate_ssh_key_pair()
        self.assertEqual(201, self.create(name='k', public_key=public)
                         .status_code)
        cases = [
            ({'name': 'k', 'public_key': public}, 409),
            ({'name': 'x', 'public_key': 'ssh-rsa not-base64!'}, 400),
            ({'name': 'x', 'public_key': ''}, 400),
            ({'name': 'x', 'public_key': public, 'type': 'x509'}, 400),
            ({'name': 'x', 'public_key': public, 'type': 'pgp'}, 400),
            ({'name': '', 'public_key': public}, 400),
            ({'name': ' lead', 'public_key': public}, 400),
            ({'name': 'bad/char', 'public_key': public}, 400),
            ({'name': 'x' * 256, 'public_key': public}, 400),
            ({'name': 'x', 'public_key': public, 'extra': 1}, 400),
            ({'public_key': public}, 400),
        ]
        for body, code in cases:
            resp = self.create(**body)
            self.assertEqual(code, resp.status_code, (body, resp.text))
        resp = self.api.post('/os-keypairs', {'name': 'k'})
        self.assertEqual(400, resp.status_code)
        # Unknown query parameters are refused from 2.75.
        self.assertEqual(400, self.api.get('/os-keypairs?foo=1').status_code)
        self.assertEqual(200, self.api.get('/os-keypairs?foo=1',
                                           microversion='2.74').status_code)

    def test_users_see_only_their_own_and_admins_anyone(self):
        _private, public, _fp = crypto.generate_ssh_key_pair()
        self.assertEqual(201, self.create(name='mine', public_key=public)
                         .status_code)
        other = self.cloud.api_for('alt', 'alt')
        self.assertEqual([], other.get('/os-keypairs').json()['keypairs'])
        self.assertEqual(404, other.get('/os-keypairs/mine').status_code)
        # The same name is free for another user.
        resp = self.create(api=other, name='mine', public_key=public)
        self.assertEqual(201, resp.status_code, resp.text)
        other.delete('/os-keypairs/mine')
        # A user cannot reach another's; an admin can (2.10).
        self.assertEqual(403, other.get(
            '/os-keypairs/mine?user_id=demo').status_code)
        self.assertEqual(403, self.create(
            api=other, name='x', public_key=public,
            user_id='demo').status_code)
        self.assertEqual(200, self.admin.get(
            '/os-keypairs/mine?user_id=demo').status_code)
        resp = self.create(api=self.admin, name='for-alt',
                           public_key=public, user_id='alt')
        self.assertEqual(('alt', 201), (resp.json()['keypair']['user_id'],
                                        resp.status_code))
        self.assertEqual(['for-alt'], [
            k['keypair']['name']
            for k in other.get('/os-keypairs').json()['keypairs']])

    def test_paging(self):
        _private, public, _fp = crypto.generate_ssh_key_pair()
        for name in ('k3', 'k1', 'k2'):
            self.create(name=name, public_key=public)
        page = self.api.get('/os-keypairs?limit=2').json()
        self.assertEqual(['k1', 'k2'], [k['keypair']['name']
                                        for k in page['keypairs']])
        self.assertIn('marker=k2', page['keypairs_links'][0]['href'])
        page = self.api.get('/os-keypairs?limit=2&marker=k2').json()
        self.assertEqual(['k3'], [k['keypair']['name']
                                  for k in page['keypairs']])
        self.assertNotIn('keypairs_links', page)
        self.assertEqual(400, self.api.get(
            '/os-keypairs?marker=nope').status_code)
        # No paging before 2.35.
        self.assertEqual(3, len(self.api.get(
            '/os-keypairs?limit=1', microversion='2.34').json()['keypairs']))

    def test_quota_holds_under_concurrent_imports(self):
        self.flags(key_pairs=5, group='quota')
        _private, public, _fp = crypto.generate_ssh_key_pair()
        codes = []

        def create(n):
            codes.append(self.create(name='q%d' % n,
                                     public_key=public).status_code)

        threads = [threading.Thread(target=create, args=(n,))
                   for n in range(12)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertLessEqual(codes.count(201), 5)
        self.assertEqual(12, codes.count(201) + codes.count(403))
        listed = self.api.get('/os-keypairs').json()['keypairs']
        self.assertEqual(codes.count(201), len(listed))
        # Sequentially the limit is reached exactly.
        while len(self.api.get('/os-keypairs').json()['keypairs']) < 5:
            self.create(name='fill%d' % len(codes), public_key=public)
            codes.append(0)
        resp = self.create(name='over', public_key=public)
        self.assertEqual(403, resp.status_code)
        self.assertIn('too many key pairs', resp.text)


class TestServersWithKeypairs(cloud_fixture.SharedCloudTestCase):

    def setUp(self):
        super().setUp()
        self.api = self.cloud.api_for('demo', 'demo')
        _private, public, _fp = crypto.generate_ssh_key_pair()
        resp = self.api.post('/os-keypairs', {'keypair': {
            'name': 'key1', 'public_key': public}})
        self.assertIn(resp.status_code, (201, 409))
        self.addCleanup(self.api.delete, '/os-keypairs/key1')

    def boot(self, **extra):
        return self.api.post('/servers', {'server': dict({
            'name': 'vm', 'flavorRef': '1',
            'imageRef': api_client.DEFAULT_IMAGE, 'networks': 'none'},
            **extra)})

    def test_boot_and_rebuild_with_a_key(self):
        resp = self.boot(key_name='nope')
        self.assertEqual(400, resp.status_code)
        self.assertIn('Invalid key_name provided.', resp.text)
        resp = self.boot(key_name='key1')
        self.assertEqual(202, resp.status_code, resp.text)
        server_id = resp.json()['server']['id']
        server = self.api.wait_for_status(server_id, 'ACTIVE')
        self.assertEqual('key1', server['key_name'])
        listed = self.api.get('/servers/detail?key_name=key1').json()
        self.assertEqual([server_id], [s['id'] for s in listed['servers']])

        def rebuild(**args):
            return self.api.post('/servers/%s/action' % server_id, {
                'rebuild': dict({'imageRef': api_client.DEFAULT_IMAGE},
                                **args)})

        self.assertEqual(400, rebuild(key_name='nope').status_code)
        resp = rebuild(key_name=None)
        self.assertEqual(202, resp.status_code, resp.text)
        self.assertIsNone(resp.json()['server']['key_name'])
        self.api.wait_for_status(server_id, 'ACTIVE')
        resp = rebuild(key_name='key1')
        self.assertEqual('key1', resp.json()['server']['key_name'])
        self.api.wait_for_status(server_id, 'ACTIVE')
