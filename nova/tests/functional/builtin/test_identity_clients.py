"""Real clients against the built-in identity service: keystonemiddleware
validating tokens for a service, and openstackclient with a generated
clouds.yaml, as a user of the all-in-one deployment would run it.
"""

import json
import os
import shutil
import subprocess
import sys

from keystonemiddleware import auth_token
from oslo_config import cfg
import requests
import webob
import webob.dec
import yaml

from nova.builtin import identity as builtin_identity
from nova.builtin import placement
from nova import test
from nova.tests.fixtures import identity as identity_fixture


@webob.dec.wsgify
def _echo_identity_headers(req):
    """A tiny service: it shows the identity headers it was given."""
    return webob.Response(json={
        name: value for name, value in req.headers.items()
        if name.startswith('X-')})


class AuthTokenMiddlewareTestCase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.identity = self.useFixture(identity_fixture.IdentityService())
        conf = {
            'www_authenticate_uri': self.identity.auth_url,
            'auth_url': self.identity.auth_url,
            'auth_type': 'password',
            'username': 'admin',
            'password': self.identity.passwords['admin'],
            'project_name': 'admin',
            'user_domain_name': 'Default',
            'project_domain_name': 'Default',
            'delay_auth_decision': False,
            # NOTE: a private ConfigOpts keeps the middleware from
            # registering its options on the process-wide CONF, which the
            # next test's TestCase.setUp would then find incomplete.
            'oslo_config_config': cfg.ConfigOpts(),
        }
        app = auth_token.AuthProtocol(_echo_identity_headers, conf)
        served = placement.serve(app, numthreads=4)
        self.addCleanup(served.stop)
        self.service_url = served.url + '/anything'

    def test_valid_token_passes_with_identity_headers(self):
        session = self.identity.session('demo')
        token = session.get_token()
        response = requests.get(self.service_url,
                                headers={'X-Auth-Token': token})
        self.assertEqual(200, response.status_code, response.text)
        headers = response.json()
        self.assertEqual('Confirmed', headers['X-Identity-Status'])
        self.assertEqual(session.get_project_id(), headers['X-Project-Id'])
        self.assertEqual('demo', headers['X-Project-Name'])
        self.assertEqual(session.get_user_id(), headers['X-User-Id'])
        self.assertEqual(['member', 'reader'],
                         sorted(headers['X-Roles'].split(',')))

    def test_bad_or_missing_token_is_401(self):
        for headers in ({'X-Auth-Token': 'not-a-token'}, {}):
            response = requests.get(self.service_url, headers=headers)
            self.assertEqual(401, response.status_code)
            self.assertIn(self.identity.auth_url,
                          response.headers['WWW-Authenticate'])

    def test_revoked_token_is_401(self):
        session = self.identity.session('reader')
        token = session.get_token()
        admin = self.identity.session('admin')
        admin.delete('/v3/auth/tokens',
                     endpoint_filter={'service_type': 'identity'},
                     headers={'X-Subject-Token': token})
        response = requests.get(self.service_url,
                                headers={'X-Auth-Token': token})
        self.assertEqual(401, response.status_code)


def _openstack_command():
    beside_python = os.path.join(os.path.dirname(sys.executable),
                                 'openstack')
    if os.access(beside_python, os.X_OK):
        return beside_python
    return shutil.which('openstack')


class OpenStackClientTestCase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.command = _openstack_command()
        if self.command is None:
            self.skipTest('python-openstackclient is not installed')
        self.identity = self.useFixture(identity_fixture.IdentityService())
        self.clouds_yaml = os.path.join(self.state_dir, 'clouds.yaml')
        builtin_identity.write_clouds_yaml(
            self.clouds_yaml, self.identity.auth_url,
            self.identity.passwords)

    def openstack(self, cloud, *args):
        env = dict(os.environ, OS_CLIENT_CONFIG_FILE=self.clouds_yaml)
        for name in list(env):
            if name.startswith('OS_') and name != 'OS_CLIENT_CONFIG_FILE':
                del env[name]
        return subprocess.run(
            [self.command, '--os-cloud', cloud, *args, '-f', 'json'],
            env=env, capture_output=True, text=True, timeout=120)

    def test_clouds_yaml_contents(self):
        self.assertEqual(0o600, os.stat(self.clouds_yaml).st_mode & 0o777)
        with open(self.clouds_yaml) as handle:
            clouds = yaml.safe_load(handle)['clouds']
        self.assertEqual({'admin', 'demo', 'reader'}, set(clouds))
        self.assertEqual('demo', clouds['reader']['auth']['project_name'])
        self.assertEqual(3, clouds['demo']['identity_api_version'])
        self.assertEqual('RegionOne', clouds['admin']['region_name'])

    def test_token_issue(self):
        result = self.openstack('demo', 'token', 'issue')
        self.assertEqual(0, result.returncode, result.stderr)
        token = json.loads(result.stdout)
        demo = self.identity.app.store.list_projects(name='demo')[0]
        self.assertEqual(demo['id'], token['project_id'])
        self.assertIsNotNone(self.identity.app.store.get_token(token['id']))

    def test_admin_lists_projects_and_demo_may_not_list_users(self):
        result = self.openstack('admin', 'project', 'list')
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertEqual({'admin', 'demo'},
                         {p['Name'] for p in json.loads(result.stdout)})
        result = self.openstack('demo', 'user', 'list')
        self.assertNotEqual(0, result.returncode)
        self.assertIn('403', result.stderr)
