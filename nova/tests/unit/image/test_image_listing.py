"""Query parsing and selection of the built-in image list, as pure data."""

import datetime

import testtools
from webob import exc
from webob import multidict

from nova.builtin.image import auth
from nova.builtin.image import listing

ALICE = auth.Caller('alice', 'p1', False)
BOB = auth.Caller('bob', 'p2', False)
ADMIN = auth.Caller('admin', 'admin', True)


def _record(name, owner='p1', visibility='private', minute=0, **extra):
    record = {
        'id': '00000000-0000-0000-0000-%012d' % minute, 'name': name,
        'owner': owner, 'visibility': visibility, 'status': 'queued',
        'os_hidden': False, 'tags': [], 'properties': {}, 'size': None,
        'disk_format': 'raw', 'container_format': 'bare',
        'created_at': datetime.datetime(2024, 1, 1, 0, minute),
    }
    record.update(extra)
    return record


def _query(**params):
    return listing.parse_query(multidict.MultiDict(params))


def _names(caller, records, **params):
    page, _next = listing.select(caller, records, _query(**params))
    return [r['name'] for r in page]


class ParseQueryTestCase(testtools.TestCase):

    def test_defaults(self):
        query = _query()
        self.assertEqual(listing.DEFAULT_LIMIT, query.limit)
        self.assertEqual([('created_at', 'desc')], query.sort)
        self.assertFalse(query.os_hidden)
        self.assertIsNone(query.visibility)

    def test_limit_is_capped(self):
        self.assertEqual(listing.MAX_LIMIT, _query(limit='99999').limit)

    def test_in_operator_and_property_filters(self):
        query = _query(id='in:a,b', name='x', hw_disk_bus='virtio')
        self.assertIn(('id', ('a', 'b')), query.columns)
        self.assertIn(('name', ('x',)), query.columns)
        self.assertEqual({'hw_disk_bus': 'virtio'}, query.properties)

    def test_sort_forms(self):
        self.assertEqual([('name', 'asc'), ('size', 'desc')],
                         _query(sort='name:asc,size').sort)
        query = listing.parse_query(multidict.MultiDict(
            [('sort_key', 'name'), ('sort_key', 'size'),
             ('sort_dir', 'asc')]))
        self.assertEqual([('name', 'asc'), ('size', 'asc')], query.sort)

    def test_malformed_queries(self):
        for params in ({'limit': '-1'}, {'limit': 'x'},
                       {'sort_key': 'colour'}, {'sort_dir': 'up'},
                       {'sort': 'name:up'}, {'sort': 'name',
                                             'sort_key': 'size'},
                       {'visibility': 'x'}, {'os_hidden': 'maybe'},
                       {'member_status': 'x'}, {'size_min': 'x'},
                       {'created_at': 'gt:2020'}):
            self.assertRaises(exc.HTTPBadRequest, _query, **params)


class SelectTestCase(testtools.TestCase):

    RECORDS = [
        _record('mine', minute=1),
        _record('theirs', owner='p2', minute=2),
        _record('public', owner='p2', visibility='public', minute=3),
        _record('community', owner='p2', visibility='community', minute=4),
        _record('hidden', minute=5, os_hidden=True),
        _record('tagged', minute=6, tags=['gold'], size=10,
                properties={'os_distro': 'ubuntu'}),
    ]

    def test_default_scope(self):
        self.assertEqual(['tagged', 'public', 'mine'],
                         _names(ALICE, self.RECORDS))
        self.assertEqual(['community', 'public', 'theirs'],
                         _names(BOB, self.RECORDS))
        self.assertEqual(['tagged', 'community', 'public', 'theirs', 'mine'],
                         _names(ADMIN, self.RECORDS))

    def test_visibility_filters(self):
        self.assertEqual(['community'],
                         _names(ALICE, self.RECORDS, visibility='community'))
        self.assertEqual(['tagged', 'community', 'public', 'mine'],
                         _names(ALICE, self.RECORDS, visibility='all'))
        self.assertEqual([], _names(BOB, self.RECORDS, visibility='private',
                                    owner='p1'))

    def test_other_filters(self):
        self.assertEqual(['hidden'],
                         _names(ALICE, self.RECORDS, os_hidden='true'))
        self.assertEqual(['tagged'], _names(ALICE, self.RECORDS, tag='gold'))
        self.assertEqual(['tagged'],
                         _names(ALICE, self.RECORDS, os_distro='ubuntu'))
        self.assertEqual(['tagged'], _names(ALICE, self.RECORDS,
                                            size_min='5', size_max='10'))
        self.assertEqual([], _names(ALICE, self.RECORDS, size_max='5'))

    def test_paging_with_marker(self):
        query = _query(limit='1', sort='name:asc')
        page, marker = listing.select(ALICE, self.RECORDS, query)
        self.assertEqual(['mine'], [r['name'] for r in page])
        names = []
        while marker:
            names.extend(r['name'] for r in page)
            record = next(r for r in self.RECORDS if r['id'] == marker)
            page, marker = listing.select(ALICE, self.RECORDS, query,
                                          record)
        self.assertEqual(['mine', 'public', 'tagged'], names)

    def test_marker_outside_the_filter_still_orders(self):
        marker = self.RECORDS[0]
        page, _next = listing.select(ALICE, self.RECORDS,
                                     _query(sort='name:asc', tag='gold'),
                                     marker)
        self.assertEqual(['tagged'], [r['name'] for r in page])

    def test_zero_limit_has_no_next(self):
        page, marker = listing.select(ALICE, self.RECORDS, _query(limit='0'))
        self.assertEqual(([], None), (page, marker))
