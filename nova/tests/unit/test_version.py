"""--version names this project's own version, read from its package."""

import configparser
import os

from nova import test
from nova import version

SETUP_CFG = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                         '..', '..', '..', 'setup.cfg')


class VersionTest(test.TestCase):

    def test_the_package_version_and_the_nova_api_served(self):
        parser = configparser.ConfigParser()
        parser.read(SETUP_CFG)
        own = parser['metadata']['version']
        self.assertEqual(own, version.package_version())
        self.assertEqual('%s (Compute API of Nova 34.0.0)' % own,
                         version.version_string())
