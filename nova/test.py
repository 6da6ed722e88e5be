"""Base classes for Nova's tests.

``TestCase`` gives every test a clean configuration (``self.flags()``
overrides options and is undone at cleanup), fresh policy rules and
isolated state directories. Fixtures for external services live in
``nova.tests.fixtures``.
"""

import warnings

import fixtures
from oslo_config import fixture as config_fixture
import testtools

import nova.conf
from nova import objects
from nova import policy

CONF = nova.conf.CONF

objects.register_all()

warnings.filterwarnings('ignore', module='eventlet')
warnings.filterwarnings('ignore', message='.*[Ee]ventlet.*')


class TestCase(testtools.TestCase):
    """Test case base class for all of Nova's tests."""

    def setUp(self):
        super().setUp()
        self.useFixture(fixtures.Timeout(
            int(__import__('os').environ.get('OS_TEST_TIMEOUT', 300)),
            gentle=True))
        self.useFixture(fixtures.NestedTempfile())
        self.conf_fixture = self.useFixture(config_fixture.Config(CONF))
        CONF([], project='nova', default_config_files=[])
        self.state_dir = self.useFixture(fixtures.TempDir()).path
        self.flags(state_path=self.state_dir)
        policy.reset()
        self.addCleanup(policy.reset)

    def flags(self, **kw):
        """Override options for this test; ``group='x'`` selects a group."""
        group = kw.pop('group', None)
        for name, value in kw.items():
            self.conf_fixture.config(**{name: value, 'group': group}
                                     if group else {name: value})
