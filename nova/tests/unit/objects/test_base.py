"""The trusted fast path that loads database rows into objects."""

import datetime

from nova import objects
from nova.objects import base
from nova import test


class TestLoadTrustedFields(test.TestCase):

    def test_values_land_where_versioned_objects_look(self):
        node = objects.ComputeNode()
        when = datetime.datetime(2026, 1, 2, 3, 4, 5)
        base.load_trusted_fields(node, {'host': 'h1', 'vcpus': 4,
                                        'created_at': when},
                                 ('host', 'vcpus'), ('created_at',))
        self.assertTrue(node.obj_attr_is_set('host'))
        self.assertEqual('h1', node.host)
        self.assertEqual(4, node.vcpus)
        # Naive database times become UTC, as field coercion makes them.
        self.assertEqual(datetime.timezone.utc.utcoffset(None),
                         node.created_at.utcoffset())
        self.assertEqual(when, node.created_at.replace(tzinfo=None))
        # Serialisation sees them like coerced values.
        prim = node.obj_to_primitive()['nova_object.data']
        self.assertEqual('h1', prim['host'])
        self.assertTrue(prim['created_at'].startswith('2026-01-02T03:04:05'))
