"""The state directory's lock and the nova.conf nova-all writes there."""

import os
import stat

from oslo_config import cfg

import nova.conf
from nova.conf import all_in_one
from nova import state_dir
from nova import test

CONF = nova.conf.CONF


class LockTestCase(test.TestCase):

    def test_second_lock_names_the_holder_until_released(self):
        path = os.path.join(self.state_dir, 'new', 'state')
        held = state_dir.lock(path)
        self.addCleanup(held.release)
        with open(os.path.join(path, state_dir.LOCK_FILE)) as handle:
            self.assertEqual(str(os.getpid()), handle.read().strip())
        # flock locks belong to an open file: a second one conflicts even
        # in this process.
        error = self.assertRaises(state_dir.InUse, state_dir.lock, path)
        self.assertEqual(str(os.getpid()), error.pid)
        self.assertEqual(
            'the state directory %s is in use by nova-all (pid %d); stop it '
            'or use another --state-dir' % (path, os.getpid()), str(error))
        held.release()
        state_dir.lock(path).release()

    def test_lock_left_by_a_dead_process_is_taken(self):
        with open(os.path.join(self.state_dir, state_dir.LOCK_FILE),
                  'w') as handle:
            handle.write('999999999\n')
        state_dir.lock(self.state_dir).release()


class WriteConfigTestCase(test.TestCase):

    def _read_back(self, path):
        """The written file, read by oslo.config as nova-manage would."""
        conf = cfg.ConfigOpts()
        conf.register_opts([cfg.StrOpt('transport_url')])
        conf.register_opts([cfg.StrOpt('connection')], group='database')
        conf.register_opts([cfg.StrOpt('connection')], group='api_database')
        conf.register_opts(all_in_one.aio_opts, group='all_in_one')
        conf(['--config-file', path])
        return conf

    def test_written_values_read_back_the_same_without_passwords(self):
        api_url = 'sqlite:///%s/odd$name/api.sqlite' % self.state_dir
        # "$$": a literal "$" in an oslo.config value.
        self.flags(connection=api_url.replace('$', '$$'),
                   group='api_database')
        self.flags(connection='mysql+pymysql://nova:s3cret@db/nova',
                   group='database')
        self.flags(transport_url='fake://')
        self.flags(fake_hosts=3, identity=True, flavors=['9:x.big:1:2:3'],
                   group='all_in_one')
        path = state_dir.write_config(
            self.state_dir, CONF, ['/etc/mine.conf'],
            {'compute': 'http://127.0.0.1:8774/v2.1'})

        self.assertEqual(0o600, stat.S_IMODE(os.stat(path).st_mode))
        with open(path) as handle:
            text = handle.read()
        self.assertNotIn('s3cret', text)
        self.assertIn('# connection holds a password', text)
        self.assertIn('/etc/mine.conf', text)
        self.assertIn('identity-passwords.json', text)
        self.assertIn('# compute listens at http://127.0.0.1:8774/v2.1',
                      text)
        conf = self._read_back(path)
        self.assertEqual(api_url, conf.api_database.connection)
        self.assertIsNone(conf.database.connection)
        self.assertEqual('fake://', conf.transport_url)
        self.assertEqual(3, conf.all_in_one.fake_hosts)
        self.assertTrue(conf.all_in_one.identity)
        self.assertEqual(['9:x.big:1:2:3'], conf.all_in_one.flavors)

    def test_rewritten_at_each_start(self):
        self.flags(fake_hosts=2, group='all_in_one')
        state_dir.write_config(self.state_dir, CONF)
        self.flags(fake_hosts=5, group='all_in_one')
        path = state_dir.write_config(self.state_dir, CONF)
        self.assertEqual(5, self._read_back(path).all_in_one.fake_hosts)
        self.assertEqual([state_dir.CONFIG_FILE],
                         [name for name in os.listdir(self.state_dir)
                          if name.startswith(state_dir.CONFIG_FILE)])
