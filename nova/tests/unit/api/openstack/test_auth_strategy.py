"""Which authentication the API uses when the operator does not say."""

import os

from oslo_config import cfg

from nova.api.openstack import compute
from nova.conf import api as api_conf
from nova import test


class TestAuthStrategy(test.TestCase):

    def _conf(self, text):
        path = os.path.join(self.state_dir, 'nova.conf')
        with open(path, 'w') as handle:
            handle.write(text)
        conf = cfg.ConfigOpts()
        api_conf.register_opts(conf)
        conf(['--config-file', path], default_config_files=[])
        return conf

    def test_keystone_when_keystone_authtoken_is_configured(self):
        conf = self._conf('[keystone_authtoken]\n'
                          'www_authenticate_uri = http://127.0.0.1:5000\n')
        self.assertEqual('keystone', compute.auth_strategy(conf))

    def test_noauth2_without_keystone_authtoken(self):
        conf = self._conf('[DEFAULT]\n')
        self.assertEqual('noauth2', compute.auth_strategy(conf))

    def test_explicit_choice_wins(self):
        conf = self._conf('[api]\nauth_strategy = noauth2\n'
                          '[keystone_authtoken]\nauth_url = http://x\n')
        self.assertEqual('noauth2', compute.auth_strategy(conf))
