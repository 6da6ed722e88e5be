"""Base classes for Nova's tests.

``TestCase`` gives every test a clean configuration (``self.flags()``
overrides options and is undone at cleanup), fresh policy rules and
isolated state directories (``TestEnvironment``, which a class sharing an
expensive fixture also uses for the class). Fixtures for external services
live in ``nova.tests.fixtures``.
"""

import os
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


class TestEnvironment(fixtures.Fixture):
    """A clean configuration, fresh policy rules and a temporary directory
    for tempfile and for ``state_dir``; all undone at cleanup.

    ``flags()`` overrides options as ``TestCase.flags()`` does;
    ``conf_fixture`` is the oslo.config fixture behind it.
    """

    def _setUp(self):
        self.useFixture(fixtures.NestedTempfile())
        self.conf_fixture = self.useFixture(config_fixture.Config(CONF))
        CONF([], project='nova', default_config_files=[])
        self.state_dir = self.useFixture(fixtures.TempDir()).path
        self.flags(state_path=self.state_dir)
        policy.reset()
        self.addCleanup(policy.reset)

    def flags(self, **kw):
        """Override options; ``group='x'`` selects a group."""
        group = kw.pop('group', None)
        for name, value in kw.items():
            self.conf_fixture.config(**{name: value, 'group': group}
                                     if group else {name: value})


class TestCase(testtools.TestCase):
    """Test case base class for all of Nova's tests."""

    def setUp(self):
        super().setUp()
        self.useFixture(fixtures.Timeout(
            int(os.environ.get('OS_TEST_TIMEOUT', 300)), gentle=True))
        self.environment = self.useFixture(TestEnvironment())
        self.conf_fixture = self.environment.conf_fixture
        self.state_dir = self.environment.state_dir

    def flags(self, **kw):
        """Override options for this test; ``group='x'`` selects a group."""
        self.environment.flags(**kw)
