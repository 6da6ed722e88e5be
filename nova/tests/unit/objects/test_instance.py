"""Instance and InstanceList against a real (SQLite) cell database."""

import datetime

from oslo_utils import uuidutils

from nova import context as nova_context
from nova import exception
from nova import objects
from nova import test
from nova.tests.fixtures import database

_T0 = datetime.datetime(2024, 1, 1, 12, 0, 0)


def _flavor():
    return objects.Flavor(id=1, name='m1.tiny', flavorid='1', memory_mb=512,
                          vcpus=1, root_gb=1, ephemeral_gb=0, swap=0,
                          rxtx_factor=1.0, vcpu_weight=None, disabled=False,
                          is_public=True, extra_specs={}, description=None,
                          created_at=None, updated_at=None)


def make_instance(ctxt, **values):
    """Create an instance row with sensible defaults for a test."""
    values.setdefault('uuid', uuidutils.generate_uuid())
    values.setdefault('project_id', 'proj')
    values.setdefault('user_id', 'user')
    values.setdefault('vm_state', 'building')
    values.setdefault('task_state', 'scheduling')
    values.setdefault('display_name', 'server')
    values.setdefault('flavor', _flavor())
    instance = objects.Instance(context=ctxt, **values)
    instance.create()
    return instance


class InstanceTestCase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(database.Database())
        self.ctxt = nova_context.get_admin_context()

    def test_create_and_get_round_trip(self):
        inst = make_instance(self.ctxt, metadata={'role': 'web'},
                             system_metadata={'image_os': 'linux'},
                             tags=['b', 'a'], access_ip_v4='192.0.2.5')
        self.assertIsNotNone(inst.id)
        self.assertFalse(inst.obj_what_changed())
        got = objects.Instance.get_by_uuid(
            self.ctxt, inst.uuid, expected_attrs=['system_metadata'])
        self.assertEqual(inst.id, got.id)
        self.assertEqual({'role': 'web'}, got.metadata)
        self.assertEqual({'image_os': 'linux'}, got.system_metadata)
        self.assertEqual(['a', 'b'], got.tags)
        self.assertEqual([], got.info_cache)
        self.assertEqual('m1.tiny', got.flavor.name)
        self.assertEqual('192.0.2.5', str(got.access_ip_v4))
        self.assertFalse(got.deleted)

    def test_get_missing_raises(self):
        self.assertRaises(exception.InstanceNotFound,
                          objects.Instance.get_by_uuid, self.ctxt,
                          uuidutils.generate_uuid())

    def test_create_twice_is_refused(self):
        inst = make_instance(self.ctxt)
        self.assertRaises(exception.ObjectActionError, inst.create)

    def test_save_writes_changes_and_metadata(self):
        inst = make_instance(self.ctxt, metadata={'a': '1', 'b': '2'})
        inst.host = 'compute1'
        inst.metadata = {'a': '10', 'c': '3'}
        inst.info_cache = [{'id': 'vif-1'}]
        inst.save()
        self.assertFalse(inst.obj_what_changed())
        got = objects.Instance.get_by_uuid(self.ctxt, inst.uuid)
        self.assertEqual('compute1', got.host)
        self.assertEqual({'a': '10', 'c': '3'}, got.metadata)
        self.assertEqual([{'id': 'vif-1'}], got.info_cache)
        self.assertIsNotNone(got.updated_at)

    def test_save_checks_expected_task_state(self):
        inst = make_instance(self.ctxt, task_state='scheduling')
        inst.task_state = 'spawning'
        inst.save(expected_task_state=['scheduling', None])
        stale = objects.Instance.get_by_uuid(self.ctxt, inst.uuid)
        inst.task_state = 'networking'
        inst.save(expected_task_state='spawning')
        # ``stale`` still believes the task is 'spawning'.
        stale.task_state = None
        self.assertRaises(exception.UnexpectedTaskStateError, stale.save,
                          expected_task_state='spawning')
        self.assertEqual('networking', objects.Instance.get_by_uuid(
            self.ctxt, inst.uuid).task_state)

    def test_save_while_deleting_raises_the_deleting_variant(self):
        inst = make_instance(self.ctxt, task_state='deleting')
        inst.vm_state = 'active'
        self.assertRaises(exception.UnexpectedDeletingTaskStateError,
                          inst.save, expected_task_state='spawning')

    def test_save_checks_expected_vm_state(self):
        inst = make_instance(self.ctxt, vm_state='building')
        inst.vm_state = 'active'
        self.assertRaises(exception.UnexpectedTaskStateError, inst.save,
                          expected_vm_state=['error'])

    def test_destroy_soft_deletes(self):
        inst = make_instance(self.ctxt, metadata={'a': '1'})
        inst.destroy()
        self.assertTrue(inst.deleted)
        self.assertEqual('deleted', inst.vm_state)
        self.assertIsNotNone(inst.deleted_at)
        self.assertRaises(exception.InstanceNotFound,
                          objects.Instance.get_by_uuid, self.ctxt, inst.uuid)
        reader = nova_context.get_admin_context(read_deleted='yes')
        got = objects.Instance.get_by_uuid(reader, inst.uuid)
        self.assertTrue(got.deleted)
        self.assertEqual({}, got.metadata)
        self.assertRaises(exception.InstanceNotFound, inst.destroy)

    def test_fault_is_the_latest_one(self):
        inst = make_instance(self.ctxt)
        for code, when in ((500, _T0), (404, _T0 + datetime.timedelta(1))):
            objects.InstanceFault(
                context=self.ctxt, instance_uuid=inst.uuid, code=code,
                message='m%d' % code, details='', host='h',
                created_at=when).create()
        got = objects.Instance.get_by_uuid(self.ctxt, inst.uuid,
                                           expected_attrs=['fault'])
        self.assertEqual(404, got.fault.code)
        other = make_instance(self.ctxt)
        self.assertIsNone(objects.Instance.get_by_uuid(
            self.ctxt, other.uuid, expected_attrs=['fault']).fault)

    def test_lazy_load_of_optional_attribute(self):
        inst = make_instance(self.ctxt, system_metadata={'k': 'v'})
        fresh = objects.Instance.get_by_uuid(self.ctxt, inst.uuid)
        self.assertFalse(fresh.obj_attr_is_set('system_metadata'))
        self.assertEqual({'k': 'v'}, fresh.system_metadata)
        self.assertRaises(exception.ObjectActionError,
                          objects.Instance(uuid=inst.uuid).obj_load_attr,
                          'host')
        self.assertRaises(exception.OrphanedObjectError,
                          getattr, objects.Instance(uuid=inst.uuid), 'tags')


class InstanceListTestCase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(database.Database())
        self.ctxt = nova_context.get_admin_context()
        # Three share one created_at: only uuid orders them.
        self.rows = []
        for minutes, name in ((0, 'a'), (5, 'b'), (5, 'c'), (5, 'd'),
                              (9, 'e')):
            self.rows.append(make_instance(
                self.ctxt, display_name=name,
                created_at=_T0 + datetime.timedelta(minutes=minutes),
                host='h1' if name in 'abc' else 'h2'))

    def _expected_order(self, reverse=True):
        return [i.uuid for i in sorted(
            self.rows, key=lambda i: (i.created_at, i.uuid),
            reverse=reverse)]

    def _page_through(self, limit, **kwargs):
        seen, marker = [], None
        keys = list(kwargs.get('sort_keys') or ['created_at', 'uuid'])
        if 'uuid' not in keys:
            # The marker carries the value of the uuid tie-breaker too.
            keys.append('uuid')
        for _ in range(20):
            page = objects.InstanceList.get_by_filters(
                self.ctxt, {}, limit=limit, marker_values=marker, **kwargs)
            if not page:
                return seen
            seen.extend(i.uuid for i in page)
            marker = [page[-1][k] for k in keys]
        self.fail('paging did not end')

    def test_default_order_is_newest_first_uuid_breaks_ties(self):
        got = objects.InstanceList.get_by_filters(self.ctxt, {})
        self.assertEqual(self._expected_order(), [i.uuid for i in got])

    def test_keyset_paging_across_ties_sees_each_row_once(self):
        for limit in (1, 2, 3, 10):
            self.assertEqual(self._expected_order(),
                             self._page_through(limit), 'limit %d' % limit)

    def test_ascending_paging(self):
        self.assertEqual(
            self._expected_order(reverse=False),
            self._page_through(2, sort_keys=['created_at', 'uuid'],
                               sort_dirs=['asc', 'asc']))

    def test_sort_key_without_uuid_gains_uuid_tiebreaker(self):
        seen = self._page_through(2, sort_keys=['host'], sort_dirs=['asc'])
        by_host = sorted(self.rows, key=lambda i: (i.host, i.uuid))
        self.assertEqual([i.uuid for i in by_host], seen)

    def test_nulls_in_sort_key_page_correctly(self):
        self.rows[1].launched_at = _T0
        self.rows[1].save()
        for direction in ('asc', 'desc'):
            seen = self._page_through(
                1, sort_keys=['launched_at', 'uuid'],
                sort_dirs=[direction, direction])
            self.assertEqual(sorted(i.uuid for i in self.rows), sorted(seen),
                             direction)
            self.assertEqual(len(self.rows), len(seen))

    def test_filters_and_deleted(self):
        self.rows[0].destroy()
        cases = [
            ({'host': 'h1'}, {'b', 'c'}),
            ({'host': 'h1', 'deleted': True}, {'a'}),
            ({'display_name': 'd'}, {'d'}),
            ({'uuid': [self.rows[4].uuid, self.rows[2].uuid]}, {'c', 'e'}),
            ({'vm_state': 'building', 'host': 'h2'}, {'d', 'e'}),
        ]
        for filters, names in cases:
            got = objects.InstanceList.get_by_filters(self.ctxt, filters)
            self.assertEqual(names, {i.display_name for i in got},
                             'filters %s' % filters)

    def test_get_by_host(self):
        got = objects.InstanceList.get_by_host(self.ctxt, 'h2')
        self.assertEqual({'d', 'e'}, {i.display_name for i in got})

    def test_invalid_sort_key(self):
        self.assertRaises(exception.InvalidSortKey,
                          objects.InstanceList.get_by_filters, self.ctxt,
                          {}, sort_keys=['user_data'])
