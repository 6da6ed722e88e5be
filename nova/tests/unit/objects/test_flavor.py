"""Flavor and FlavorList against a real (SQLite) API database."""

from nova import context as nova_context
from nova import exception
from nova import objects
from nova import test
from nova.tests.fixtures import database


def _make_flavor(ctxt, name, flavorid, memory_mb=512, vcpus=1, root_gb=1,
                 **extra):
    flavor = objects.Flavor(context=ctxt, name=name, flavorid=flavorid,
                            memory_mb=memory_mb, vcpus=vcpus,
                            root_gb=root_gb, **extra)
    flavor.create()
    return flavor


class FlavorTestCase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(database.Database())
        self.admin = nova_context.get_admin_context()

    def test_create_fills_defaults_and_reads_back(self):
        flavor = _make_flavor(self.admin, 'm1.small', '2',
                              extra_specs={'hw:cpu_policy': 'shared'},
                              description='small one')
        self.assertIsNotNone(flavor.id)
        self.assertEqual({}, flavor.obj_get_changes())
        for getter, key in ((objects.Flavor.get_by_id, flavor.id),
                            (objects.Flavor.get_by_flavor_id, '2'),
                            (objects.Flavor.get_by_name, 'm1.small')):
            got = getter(self.admin, key)
            self.assertEqual('m1.small', got.name)
            self.assertEqual(0, got.swap)
            self.assertEqual(0, got.ephemeral_gb)
            self.assertEqual(1.0, got.rxtx_factor)
            self.assertTrue(got.is_public)
            self.assertFalse(got.disabled)
            self.assertEqual({'hw:cpu_policy': 'shared'}, got.extra_specs)
            self.assertEqual('small one', got.description)

    def test_get_by_flavor_id_accepts_integers(self):
        _make_flavor(self.admin, 'tiny', '42')
        self.assertEqual('tiny',
                         objects.Flavor.get_by_flavor_id(self.admin, 42).name)

    def test_missing_flavors_raise_not_found(self):
        self.assertRaises(exception.FlavorNotFound,
                          objects.Flavor.get_by_id, self.admin, 999)
        self.assertRaises(exception.FlavorNotFound,
                          objects.Flavor.get_by_flavor_id, self.admin, 'x')
        self.assertRaises(exception.FlavorNotFoundByName,
                          objects.Flavor.get_by_name, self.admin, 'x')

    def test_duplicate_name_or_flavorid_conflicts(self):
        _make_flavor(self.admin, 'one', '1')
        self.assertRaises(exception.FlavorExists,
                          _make_flavor, self.admin, 'one', '99')
        self.assertRaises(exception.FlavorIdExists,
                          _make_flavor, self.admin, 'other', '1')

    def test_create_twice_is_refused(self):
        flavor = _make_flavor(self.admin, 'one', '1')
        self.assertRaises(exception.ObjectActionError, flavor.create)

    def test_destroy_removes_flavor(self):
        flavor = _make_flavor(self.admin, 'gone', '7',
                              extra_specs={'a': 'b'})
        flavor.destroy()
        self.assertRaises(exception.FlavorNotFound,
                          objects.Flavor.get_by_flavor_id, self.admin, '7')
        self.assertRaises(exception.FlavorNotFound, flavor.destroy)

    def test_lazy_attributes_default_without_database(self):
        flavor = objects.Flavor(name='x')
        self.assertEqual({}, flavor.extra_specs)
        self.assertIsNone(flavor.description)
        self.assertEqual([], flavor.projects)
        self.assertRaises(exception.ObjectActionError,
                          getattr, flavor, 'memory_mb')

    def test_save_writes_description_and_extra_spec_changes(self):
        flavor = _make_flavor(self.admin, 'specs', '8',
                              extra_specs={'a': '1', 'b': '2'})
        stale = objects.Flavor.get_by_flavor_id(self.admin, '8')
        flavor.description = 'now described'
        flavor.extra_specs = {'a': '10', 'c': '3'}
        flavor.save()
        self.assertEqual({}, flavor.obj_get_changes())
        # Another writer's copy only writes what it changed itself.
        stale.extra_specs = dict(stale.extra_specs, d='4')
        stale.save()
        got = objects.Flavor.get_by_flavor_id(self.admin, '8')
        self.assertEqual('now described', got.description)
        self.assertEqual({'a': '10', 'c': '3', 'd': '4'}, got.extra_specs)
        got.save()  # nothing changed: nothing written

    def test_save_refuses_other_fields_and_missing_flavors(self):
        flavor = _make_flavor(self.admin, 'fixed', '9')
        flavor.memory_mb = 1
        self.assertRaises(exception.ObjectActionError, flavor.save)
        other = objects.Flavor.get_by_flavor_id(self.admin, '9')
        other.destroy()
        other.description = 'x'
        self.assertRaises(exception.FlavorNotFound, other.save)

    def test_access_list(self):
        flavor = _make_flavor(self.admin, 'private', '10', is_public=False)
        self.assertEqual([], flavor.projects)
        flavor.add_access('p1')
        flavor.add_access('p2')
        self.assertEqual(['p1', 'p2'], flavor.projects)
        self.assertRaises(exception.FlavorAccessExists,
                          flavor.add_access, 'p1')
        self.assertEqual(['p1', 'p2'], objects.Flavor.get_by_flavor_id(
            self.admin, '10').projects)
        flavor.remove_access('p1')
        self.assertEqual(['p2'], flavor.projects)
        self.assertRaises(exception.FlavorAccessNotFound,
                          flavor.remove_access, 'p1')
        flavor.destroy()
        self.assertRaises(exception.FlavorNotFound, flavor.add_access, 'p3')

    def test_create_with_projects(self):
        flavor = objects.Flavor(
            context=self.admin, name='shared', flavorid='11', memory_mb=64,
            vcpus=1, root_gb=1, is_public=False, projects=['p1', 'p1'])
        flavor.create()
        self.assertEqual(['p1'], objects.Flavor.get_by_flavor_id(
            self.admin, '11').projects)

    def test_older_versions_drop_projects(self):
        flavor = _make_flavor(self.admin, 'old', '12')
        flavor.projects = ['p1']
        data = flavor.obj_to_primitive(
            target_version='1.0')['nova_object.data']
        self.assertNotIn('projects', data)
        self.assertIn('projects', flavor.obj_to_primitive()[
            'nova_object.data'])


class FlavorListTestCase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(database.Database())
        self.admin = nova_context.get_admin_context()
        # flavorid order: a < b < c < d < e; memory ties between b and c.
        _make_flavor(self.admin, 'f-a', 'a', memory_mb=256, root_gb=1)
        _make_flavor(self.admin, 'f-b', 'b', memory_mb=1024, root_gb=10)
        _make_flavor(self.admin, 'f-c', 'c', memory_mb=1024, root_gb=20)
        _make_flavor(self.admin, 'f-d', 'd', memory_mb=2048, root_gb=40,
                     disabled=True)
        _make_flavor(self.admin, 'f-e', 'e', memory_mb=4096, root_gb=80,
                     is_public=False)

    def _ids(self, ctxt=None, **kwargs):
        return [f.flavorid for f in objects.FlavorList.get_all(
            ctxt or self.admin, **kwargs)]

    def test_default_order_excludes_disabled(self):
        self.assertEqual(['a', 'b', 'c', 'e'], self._ids())
        self.assertEqual(['a', 'b', 'c', 'd', 'e'], self._ids(inactive=True))

    def test_filters(self):
        cases = [
            ({'min_memory_mb': 1024}, ['b', 'c', 'e']),
            ({'min_root_gb': 20}, ['c', 'e']),
            ({'is_public': False}, ['e']),
            ({'is_public': True}, ['a', 'b', 'c']),
            ({'is_public': None}, ['a', 'b', 'c', 'e']),
            ({'name': 'f-b'}, ['b']),
            ({'min_memory_mb': 1024, 'min_root_gb': 20}, ['c', 'e']),
        ]
        for filters, expected in cases:
            self.assertEqual(expected, self._ids(filters=filters),
                             'filters %s' % filters)

    def test_paging_with_marker_walks_every_flavor_once(self):
        seen, marker = [], None
        while True:
            page = self._ids(limit=2, marker=marker)
            if not page:
                break
            seen.extend(page)
            marker = page[-1]
        self.assertEqual(['a', 'b', 'c', 'e'], seen)

    def test_marker_with_ties_on_the_sort_key(self):
        # b and c share memory_mb: the id tie-breaker keeps paging exact.
        first = self._ids(sort_key='memory_mb', limit=2)
        self.assertEqual(['a', 'b'], first)
        rest = self._ids(sort_key='memory_mb', marker='b')
        self.assertEqual(['c', 'e'], rest)
        # Descending keeps the id tie-breaker ascending: e, b, c, a.
        desc = self._ids(sort_key='memory_mb', sort_dir='desc')
        self.assertEqual(['e', 'b', 'c', 'a'], desc)
        self.assertEqual(['c', 'a'], self._ids(
            sort_key='memory_mb', sort_dir='desc', marker='b'))

    def test_unknown_marker_and_sort_key(self):
        self.assertRaises(exception.MarkerNotFound, self._ids, marker='zz')
        self.assertRaises(exception.InvalidSortKey, self._ids,
                          sort_key='extra_specs')

    def test_private_flavors_listed_for_projects_given_access(self):
        member = nova_context.RequestContext(
            user_id='u', project_id='p', roles=['member'])
        objects.Flavor.get_by_flavor_id(self.admin, 'e').add_access('p')
        self.assertEqual(['a', 'b', 'c', 'e'], self._ids(member))
        # "Public" means public or shared with the caller's project.
        self.assertEqual(['a', 'b', 'c', 'e'], self._ids(
            member, filters={'is_public': True}))
        self.assertEqual('f-e', objects.Flavor.get_by_flavor_id(
            member, 'e').name)
        other = nova_context.RequestContext(
            user_id='v', project_id='q', roles=['member'])
        self.assertEqual(['a', 'b', 'c'], self._ids(
            other, filters={'is_public': True}))

    def test_private_flavors_visible_to_admin_only(self):
        member = nova_context.RequestContext(
            user_id='u', project_id='p', roles=['member'])
        self.assertFalse(member.is_admin)
        self.assertEqual(['a', 'b', 'c'], self._ids(member))
        self.assertRaises(exception.FlavorNotFound,
                          objects.Flavor.get_by_flavor_id, member, 'e')
        # A marker the caller cannot see does not exist for them.
        self.assertRaises(exception.MarkerNotFound, self._ids, member,
                          marker='e')
