"""Pure helpers of nova.api.openstack.common."""

import datetime

from nova.api.openstack import common
from nova import test

# (vm_state, task_state, expected API status)
STATUS_TABLE = [
    ('active', None, 'ACTIVE'),
    ('active', 'rebooting', 'REBOOT'),
    ('active', 'reboot_started', 'REBOOT'),
    ('active', 'rebooting_hard', 'HARD_REBOOT'),
    ('active', 'reboot_pending_hard', 'HARD_REBOOT'),
    ('active', 'updating_password', 'PASSWORD'),
    ('active', 'rebuilding', 'REBUILD'),
    ('active', 'rebuild_spawning', 'REBUILD'),
    ('active', 'migrating', 'MIGRATING'),
    ('active', 'resize_prep', 'RESIZE'),
    ('active', 'resize_finish', 'RESIZE'),
    ('active', 'image_snapshot', 'ACTIVE'),
    ('active', 'powering-off', 'ACTIVE'),
    ('building', 'scheduling', 'BUILD'),
    ('building', None, 'BUILD'),
    ('stopped', None, 'SHUTOFF'),
    ('stopped', 'resize_migrating', 'RESIZE'),
    ('stopped', 'rebuild_block_device_mapping', 'REBUILD'),
    ('stopped', 'powering-on', 'SHUTOFF'),
    ('resized', None, 'VERIFY_RESIZE'),
    ('resized', 'resize_reverting', 'REVERT_RESIZE'),
    ('resized', 'resize_confirming', 'VERIFY_RESIZE'),
    ('paused', None, 'PAUSED'),
    ('paused', 'migrating', 'MIGRATING'),
    ('suspended', None, 'SUSPENDED'),
    ('rescued', None, 'RESCUE'),
    ('error', None, 'ERROR'),
    ('error', 'rebuilding', 'REBUILD'),
    ('deleted', None, 'DELETED'),
    ('soft-delete', None, 'SOFT_DELETED'),
    ('shelved', None, 'SHELVED'),
    ('shelved_offloaded', None, 'SHELVED_OFFLOADED'),
    ('bogus', None, 'UNKNOWN'),
    (None, None, 'UNKNOWN'),
]


class StatusTest(test.TestCase):

    def test_status_table(self):
        for vm_state, task_state, expected in STATUS_TABLE:
            self.assertEqual(
                expected, common.status_from_state(vm_state, task_state),
                '%s/%s' % (vm_state, task_state))

    def test_vm_states_from_status(self):
        self.assertEqual(['active', 'paused'],
                         common.vm_states_from_status(['migrating']))
        self.assertEqual(['stopped'],
                         common.vm_states_from_status(['shutoff']))
        self.assertEqual([], common.vm_states_from_status(['nonsense']))


class HelpersTest(test.TestCase):

    def test_host_id(self):
        self.assertEqual('', common.host_id(None, 'p'))
        hid = common.host_id('host1', 'p')
        self.assertEqual(56, len(hid))
        self.assertNotEqual(hid, common.host_id('host1', 'q'))

    def test_url_join(self):
        self.assertEqual('http://h/v2.1/servers/1',
                         common.url_join('http://h/', 'v2.1', None,
                                         'servers', '1'))
        self.assertEqual('http://h/v2.1/', common.url_join('http://h',
                                                           'v2.1', ''))

    def test_is_all_tenants(self):
        self.assertFalse(common.is_all_tenants({}))
        self.assertTrue(common.is_all_tenants({'all_tenants': ['']}))
        self.assertTrue(common.is_all_tenants({'all_tenants': ['1']}))
        self.assertFalse(common.is_all_tenants({'all_tenants': ['False']}))

    def test_isotime(self):
        value = datetime.datetime(2026, 1, 2, 3, 4, 5, 600)
        self.assertEqual('2026-01-02T03:04:05Z', common.isotime(value))
        aware = value.replace(tzinfo=datetime.timezone(
            datetime.timedelta(hours=2)))
        self.assertEqual('2026-01-02T01:04:05Z', common.isotime(aware))
        self.assertIsNone(common.isotime(None))
