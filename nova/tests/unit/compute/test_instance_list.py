"""Cross-cell instance listing: sort helpers and the merged page."""

import datetime
import functools

from oslo_utils import uuidutils

from nova.compute import instance_list
from nova import context as nova_context
from nova import objects
from nova import test
from nova.tests.fixtures import database
from nova.tests.unit.objects import test_instance

_T0 = datetime.datetime(2024, 1, 1)


class TestNormalise(test.TestCase):

    def test_table(self):
        cases = [
            ((None, None), (['created_at', 'uuid'], ['desc', 'desc'])),
            ((['display_name'], None), (['display_name', 'uuid'],
                                        ['desc', 'desc'])),
            ((['display_name'], ['asc']), (['display_name', 'uuid'],
                                           ['asc', 'asc'])),
            ((['host', 'display_name'], ['asc']),
             (['host', 'display_name', 'uuid'], ['asc', 'asc', 'asc'])),
            ((['uuid', 'host'], ['desc', 'asc']),
             (['uuid', 'host'], ['desc', 'asc'])),
        ]
        for args, expected in cases:
            self.assertEqual(expected, instance_list._normalise(*args), args)


class TestCompare(test.TestCase):

    def _sorted(self, rows, keys, dirs):
        return [r['n'] for r in sorted(rows, key=functools.cmp_to_key(
            lambda a, b: instance_list._compare(keys, dirs, a, b)))]

    def test_none_sorts_first_ascending_last_descending(self):
        rows = [{'n': 1, 'host': 'b'}, {'n': 2, 'host': None},
                {'n': 3, 'host': 'a'}]
        self.assertEqual([2, 3, 1], self._sorted(rows, ['host'], ['asc']))
        self.assertEqual([1, 3, 2], self._sorted(rows, ['host'], ['desc']))

    def test_ties_fall_to_the_next_key(self):
        rows = [{'n': 1, 'a': 1, 'b': 'x'}, {'n': 2, 'a': 1, 'b': 'y'},
                {'n': 3, 'a': 0, 'b': 'z'}]
        self.assertEqual([3, 2, 1],
                         self._sorted(rows, ['a', 'b'], ['asc', 'desc']))
        self.assertEqual(0, instance_list._compare(['a'], ['asc'],
                                                   rows[0], rows[1]))

    def test_aware_and_naive_datetimes_compare(self):
        aware = {'created_at': _T0.replace(tzinfo=datetime.timezone.utc)}
        later = {'created_at': _T0 + datetime.timedelta(seconds=1)}
        self.assertEqual(-1, instance_list._compare(
            ['created_at'], ['asc'], aware, later))
        self.assertEqual(1, instance_list._compare(
            ['created_at'], ['desc'], aware, later))
        self.assertEqual(0, instance_list._compare(
            ['created_at'], ['asc'], aware, {'created_at': _T0}))


class TestGetInstancesSorted(test.TestCase):

    def setUp(self):
        super().setUp()
        self.db = self.useFixture(database.Database())
        self.ctxt = nova_context.get_admin_context()
        self.cells = []
        for name, url in (('cell1', self.db.main_connection),
                          ('cell2', self.db.add_cell_database('cell2'))):
            cell = objects.CellMapping(
                context=self.ctxt, uuid=uuidutils.generate_uuid(),
                name=name, transport_url='fake://', database_connection=url)
            cell.create()
            self.cells.append(cell)
        self.names = {}
        # Interleave rows between the cells; two share created_at.
        for i, (cell, minute, host) in enumerate(
                [(0, 1, 'b'), (1, 2, None), (0, 3, 'a'), (1, 3, 'c'),
                 (0, 5, None)]):
            with nova_context.target_cell(self.ctxt,
                                          self.cells[cell]) as cctxt:
                inst = test_instance.make_instance(
                    cctxt, display_name='i%d' % i, host=host,
                    created_at=_T0 + datetime.timedelta(minutes=minute))
            self.names[inst.uuid] = 'i%d' % i
        # One server still waiting for the scheduler (no cell).
        pending = objects.Instance(
            uuid=uuidutils.generate_uuid(), project_id='proj',
            user_id='user', display_name='pending', host=None,
            created_at=_T0 + datetime.timedelta(minutes=4),
            flavor=test_instance._flavor())
        objects.BuildRequest(context=self.ctxt,
                             instance_uuid=pending.uuid, project_id='proj',
                             user_id='user', instance=pending).create()

    def _list(self, limit=None, marker=None, keys=None, dirs=None):
        return [i.display_name for i in instance_list.get_instances_sorted(
            self.ctxt, self.cells, {}, limit, marker, keys, dirs, [])]

    def test_default_order_merges_cells_and_build_requests(self):
        got = self._list()
        self.assertEqual('i4', got[0])
        self.assertEqual('pending', got[1])
        self.assertEqual({'i2', 'i3'}, set(got[2:4]))
        self.assertEqual(['i1', 'i0'], got[4:])

    def test_pages_with_a_marker_cover_everything_once(self):
        full = self._list()
        for limit in (1, 2, 4):
            seen, marker = [], None
            while True:
                page = instance_list.get_instances_sorted(
                    self.ctxt, self.cells, {}, limit, marker, None, None, [])
                if not len(page):
                    break
                seen.extend(i.display_name for i in page)
                marker = page[-1]
            self.assertEqual(full, seen, limit)

    def test_sort_by_host_with_nulls(self):
        got = self._list(keys=['host'], dirs=['asc'])
        # host a (i2) < b (i0) < c (i3), after the hostless ones.
        self.assertEqual(['i2', 'i0', 'i3'], got[-3:])
        self.assertEqual({'i1', 'i4', 'pending'}, set(got[:3]))
        got = self._list(keys=['host'], dirs=['desc'])
        self.assertEqual(['i3', 'i0', 'i2'], got[:3])

    def test_limit_cuts_the_merged_list(self):
        self.assertEqual(['i4', 'pending'], self._list(limit=2))
