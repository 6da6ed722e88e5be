"""Aggregate and AggregateList against a real (SQLite) API database."""

from nova import context as nova_context
from nova import exception
from nova import objects
from nova import test
from nova.tests.fixtures import database


class AggregateTestCase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(database.Database())
        self.ctxt = nova_context.get_admin_context()

    def create(self, name='agg1', hosts=(), **metadata):
        aggregate = objects.Aggregate(context=self.ctxt, name=name,
                                      metadata=metadata)
        aggregate.create()
        for host in hosts:
            aggregate.add_host(host)
        return aggregate

    def test_create_and_read_back(self):
        created = self.create(availability_zone='az1', ssd='true')
        self.assertIsNotNone(created.id)
        self.assertTrue(created.uuid)
        self.assertIsNotNone(created.created_at)
        self.assertIsNone(created.updated_at)
        for got in (objects.Aggregate.get_by_id(self.ctxt, created.id),
                    objects.Aggregate.get_by_uuid(self.ctxt, created.uuid)):
            self.assertEqual(
                ('agg1', [], {'availability_zone': 'az1', 'ssd': 'true'},
                 'az1', False, None),
                (got.name, got.hosts, got.metadata, got.availability_zone,
                 got.deleted, got.deleted_at))

    def test_names_are_unique(self):
        self.create()
        self.assertRaises(exception.AggregateNameExists, self.create)
        other = self.create('agg2')
        other.name = 'agg1'
        self.assertRaises(exception.AggregateNameExists, other.save)
        other.name = 'agg3'
        other.save()
        self.assertEqual('agg3', objects.Aggregate.get_by_id(
            self.ctxt, other.id).name)
        self.assertIsNotNone(other.updated_at)

    def test_hosts(self):
        aggregate = self.create(hosts=['h1', 'h2'])
        self.assertEqual(['h1', 'h2'], aggregate.hosts)
        self.assertRaises(exception.AggregateHostExists,
                          aggregate.add_host, 'h1')
        aggregate.delete_host('h1')
        self.assertRaises(exception.AggregateHostNotFound,
                          aggregate.delete_host, 'h1')
        self.assertEqual(['h2'], objects.Aggregate.get_by_id(
            self.ctxt, aggregate.id).hosts)

    def test_update_metadata_sets_and_removes_keys(self):
        aggregate = self.create(a='1', b='2')
        aggregate.update_metadata({'a': None, 'b': '3', 'c': '4',
                                   'absent': None})
        self.assertEqual({'b': '3', 'c': '4'}, aggregate.metadata)
        self.assertEqual({'b': '3', 'c': '4'}, objects.Aggregate.get_by_id(
            self.ctxt, aggregate.id).metadata)
        self.assertIsNotNone(aggregate.updated_at)

    def test_destroy_takes_hosts_and_metadata(self):
        aggregate = self.create(hosts=['h1'], a='1')
        aggregate.destroy()
        self.assertRaises(exception.AggregateNotFound,
                          objects.Aggregate.get_by_id, self.ctxt,
                          aggregate.id)
        self.assertRaises(exception.AggregateNotFound, aggregate.destroy)
        # The name and host are free again.
        self.create(hosts=['h1'], a='1')

    def test_unknown_aggregate(self):
        self.assertRaises(exception.AggregateNotFound,
                          objects.Aggregate.get_by_id, self.ctxt, 42)
        self.assertRaises(exception.AggregateNotFound,
                          objects.Aggregate.get_by_uuid, self.ctxt,
                          'f0a6e5a8-5c53-4ad9-a3f4-5a8c2c3f7e31')
        aggregate = objects.Aggregate(context=self.ctxt, id=42)
        self.assertRaises(exception.AggregateNotFound,
                          aggregate.add_host, 'h1')
        self.assertRaises(exception.AggregateNotFound,
                          aggregate.update_metadata, {'a': '1'})

    def test_lists(self):
        first = self.create('first', ['h1', 'h2'], availability_zone='az1')
        second = self.create('second', ['h2'], ssd='true')
        third = self.create('third', ['h3'], availability_zone='az2')

        def names(aggregates):
            return [a.name for a in aggregates]

        self.assertEqual(['first', 'second', 'third'], names(
            objects.AggregateList.get_all(self.ctxt)))
        self.assertEqual(['first', 'second'], names(
            objects.AggregateList.get_by_host(self.ctxt, 'h2')))
        self.assertEqual(['first'], names(objects.AggregateList.get_by_host(
            self.ctxt, 'h2', key='availability_zone')))
        self.assertEqual(['first', 'third'], names(
            objects.AggregateList.get_by_metadata_key(
                self.ctxt, 'availability_zone')))
        self.assertEqual(['third'], names(
            objects.AggregateList.get_by_metadata_key(
                self.ctxt, 'availability_zone', hosts=['h3', 'h4'])))
        self.assertEqual(['third'], names(
            objects.AggregateList.get_by_metadata(
                self.ctxt, key='availability_zone', value='az2')))
        self.assertEqual(['second'], names(
            objects.AggregateList.get_by_metadata(self.ctxt, value='true')))
        listed = objects.AggregateList.get_all(self.ctxt)
        self.assertEqual(
            [(first.uuid, ['h1', 'h2']), (second.uuid, ['h2']),
             (third.uuid, ['h3'])],
            [(a.uuid, a.hosts) for a in listed])

    def test_create_refuses_inline_hosts_and_twice(self):
        aggregate = objects.Aggregate(context=self.ctxt, name='x',
                                      hosts=['h1'])
        self.assertRaises(exception.ObjectActionError, aggregate.create)
        aggregate = self.create()
        self.assertRaises(exception.ObjectActionError, aggregate.create)
        aggregate.metadata = {'a': 'b'}
        self.assertRaises(exception.ObjectActionError, aggregate.save)
