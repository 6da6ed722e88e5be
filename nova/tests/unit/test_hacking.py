"""Tests for the project's flake8 checks in nova.hacking.checks.

Each check is called directly with the logical line flake8 would hand it;
one test runs flake8 itself to prove the plugin is wired up in tox.ini.
"""

import configparser
import os
import subprocess
import sys
import tempfile

import testtools

from nova.hacking import checks

REPO_ROOT = os.path.abspath(os.path.join(
    os.path.dirname(__file__), '..', '..', '..'))


def _codes(results):
    """Return the Nxxx codes of what a check yielded."""
    return [message.split()[0] for _offset, message in results]


class NoDbInVirtTestCase(testtools.TestCase):
    """N307: nova/virt must not import nova.db."""

    VIRT_FILE = 'nova/virt/libvirt/driver.py'

    def _check(self, line, filename=VIRT_FILE):
        return _codes(checks.no_db_in_virt(line, filename))

    def test_db_imports_in_virt_are_reported(self):
        for line in ('import nova.db',
                     'import nova.db.main.api as db_api',
                     'from nova import db',
                     'from nova import exception, db',
                     'from nova import (db as nova_db, utils)',
                     'from nova.db.main import api',
                     'from nova.db import api as db'):
            self.assertEqual(['N307'], self._check(line), line)

    def test_other_imports_in_virt_are_fine(self):
        for line in ('from nova import objects',
                     'import nova.dbutils',
                     'from nova.virt import driver',
                     'from nova import database_helpers',
                     'x = db.get()'):
            self.assertEqual([], self._check(line), line)

    def test_db_imports_outside_virt_are_fine(self):
        for filename in ('nova/objects/instance.py',
                         './nova/conductor/manager.py',
                         'nova/tests/unit/virt/test_driver.py'):
            self.assertEqual([], self._check('from nova import db', filename))

    def test_path_forms_are_recognised(self):
        for filename in ('./nova/virt/fake.py', '/src/nova/virt/fake.py'):
            self.assertEqual(['N307'],
                             self._check('import nova.db', filename))


class NoDatetimeUtcnowTestCase(testtools.TestCase):
    """N310: no datetime.utcnow()."""

    def _check(self, line):
        return _codes(checks.no_datetime_utcnow(line))

    def test_utcnow_calls_are_reported(self):
        for line in ('now = datetime.utcnow()',
                     'now = datetime.datetime.utcnow()',
                     'f(datetime.utcnow())'):
            self.assertEqual(['N310'], self._check(line), line)

    def test_other_clocks_are_fine(self):
        for line in ('now = utils.utcnow()',
                     'now = timeutils.utcnow()',
                     'now = datetime.datetime.now(datetime.timezone.utc)',
                     'x = mydatetime.utcnow()',
                     'utcnow = datetime.utcnow'):
            self.assertEqual([], self._check(line), line)

    def test_offset_points_at_the_call(self):
        results = list(checks.no_datetime_utcnow('x = datetime.utcnow()'))
        self.assertEqual(4, results[0][0])


class NoEventletImportTestCase(testtools.TestCase):
    """N311: eventlet is never imported."""

    def _check(self, line):
        return _codes(checks.no_eventlet_import(line))

    def test_eventlet_imports_are_reported(self):
        for line in ('import eventlet',
                     'import eventlet.greenthread',
                     'import os, eventlet',
                     'import eventlet as ev',
                     'from eventlet import greenthread',
                     'from eventlet.green import threading'):
            self.assertEqual(['N311'], self._check(line), line)

    def test_other_imports_are_fine(self):
        for line in ('import threading',
                     'import eventletish',
                     'from futurist import ThreadPoolExecutor',
                     'from nova import eventlet_free',
                     "warnings.filterwarnings('ignore', module='x')"):
            self.assertEqual([], self._check(line), line)


class ConfigOptionInConfTestCase(testtools.TestCase):
    """N312: config options are defined only under nova/conf/."""

    def _check(self, line, filename):
        return _codes(checks.config_option_in_conf(line, filename))

    def test_options_outside_conf_are_reported(self):
        for line in ("opt = cfg.StrOpt('host')",
                     "opts = [cfg.IntOpt('workers', default=2)]",
                     "opt = cfg.Opt('x')",
                     "x = f(cfg.ListOpt('a'), cfg.BoolOpt('b'))"):
            self.assertIn('N312', self._check(line, 'nova/compute/api.py'),
                          line)
        self.assertEqual(
            ['N312', 'N312'],
            self._check("x = f(cfg.ListOpt('a'), cfg.BoolOpt('b'))",
                        'nova/api/wsgi.py'))

    def test_options_in_conf_are_fine(self):
        self.assertEqual(
            [], self._check("opt = cfg.StrOpt('host')",
                            'nova/conf/netconf.py'))

    def test_options_in_tests_are_fine(self):
        self.assertEqual(
            [], self._check("opt = cfg.StrOpt('x')",
                            'nova/tests/unit/test_conf.py'))

    def test_sub_command_opt_is_allowed(self):
        self.assertEqual(
            [], self._check("opt = cfg.SubCommandOpt('category')",
                            'nova/cmd/manage.py'))

    def test_non_option_calls_are_fine(self):
        for line in ('CONF.register_opts(opts)',
                     "group = cfg.OptGroup('api')",
                     "x = mycfg.StrOpt('a')"):
            self.assertEqual([], self._check(line, 'nova/compute/api.py'),
                             line)


class PluginRegistrationTestCase(testtools.TestCase):
    """The checks are registered with flake8 and flake8 runs them."""

    def _local_plugins(self):
        parser = configparser.ConfigParser()
        parser.read(os.path.join(REPO_ROOT, 'tox.ini'))
        lines = parser['flake8:local-plugins']['extension'].split('\n')
        return dict(line.replace(' ', '').split('=')
                    for line in lines if line.strip())

    def test_every_check_is_registered_under_its_code(self):
        registered = self._local_plugins()
        self.assertEqual({'N307', 'N310', 'N311', 'N312'}, set(registered))
        for code, target in registered.items():
            module, func = target.split(':')
            self.assertEqual('checks', module)
            doc = getattr(checks, func).__doc__
            self.assertTrue(doc.startswith(code), (code, func))

    def test_flake8_reports_the_project_codes(self):
        with tempfile.TemporaryDirectory() as tmp:
            virt = os.path.join(tmp, 'nova', 'virt')
            os.makedirs(virt)
            bad = os.path.join(virt, 'bad.py')
            with open(bad, 'w') as f:
                f.write('import datetime\n\n'
                        'from nova import db\n\n\n'
                        'def now():\n'
                        '    return datetime.datetime.utcnow(), db\n')
            proc = subprocess.run(
                [sys.executable, '-m', 'flake8', '--no-show-source',
                 '--config', os.path.join(REPO_ROOT, 'tox.ini'), bad],
                capture_output=True, text=True, cwd=REPO_ROOT)
        self.assertEqual(1, proc.returncode, proc.stderr)
        self.assertIn('N307', proc.stdout)
        self.assertIn('N310', proc.stdout)
