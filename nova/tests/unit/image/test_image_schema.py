"""Validation of create and patch requests of the built-in image service."""

import testtools
from webob import exc

from nova.builtin.image import schema


def _record(**properties):
    return {'properties': properties}


class ParseCreateTestCase(testtools.TestCase):

    def test_defaults_and_properties(self):
        columns, properties = schema.parse_create(
            {'name': 'x', 'hw_disk_bus': 'virtio', 'tags': ['b', 'a', 'b']})
        self.assertEqual('private', columns['visibility'])
        self.assertEqual(['b', 'a'], columns['tags'])
        self.assertEqual({'hw_disk_bus': 'virtio'}, properties)
        self.assertNotIn('owner', columns)
        self.assertNotIn('id', columns)

    def test_bad_values(self):
        for body in ([], {'id': 'x'}, {'min_ram': True}, {'min_disk': -2},
                     {'container_format': 'zip'}, {'x': None},
                     {'tags': ['t' * 256]}, {'': 'empty'},
                     {'tags': ['t%d' % n for n in range(200)]}):
            self.assertRaises(exc.HTTPBadRequest, schema.parse_create, body)

    def test_read_only_and_reserved(self):
        for name in ('status', 'size', 'checksum', 'self', 'deleted',
                     'os_glance_import_task'):
            self.assertRaises(exc.HTTPForbidden, schema.parse_create,
                              {name: 'x'})


class PatchTestCase(testtools.TestCase):

    def test_parse_unescapes_pointers(self):
        self.assertEqual([('add', 'a/b~c', 'v')], schema.parse_patch(
            [{'op': 'add', 'path': '/a~1b~0c', 'value': 'v'}]))

    def test_apply(self):
        record = _record(old='1', kept='2')
        changes = [('replace', 'name', 'n'), ('add', 'new', '3'),
                   ('remove', 'old', None), ('replace', 'kept', '4')]
        self.assertEqual(
            {'name': 'n', 'properties': {'new': '3', 'kept': '4'}},
            schema.apply_patch(record, changes))

    def test_apply_without_property_change_leaves_them(self):
        self.assertEqual({'min_ram': 5}, schema.apply_patch(
            _record(a='1'), [('add', 'min_ram', 5)]))

    def test_apply_errors(self):
        cases = [
            ([('replace', 'missing', 'x')], exc.HTTPConflict),
            ([('remove', 'missing', None)], exc.HTTPConflict),
            ([('remove', 'name', None)], exc.HTTPForbidden),
            ([('replace', 'id', 'x')], exc.HTTPForbidden),
            ([('replace', 'status', 'active')], exc.HTTPForbidden),
            ([('add', 'visibility', 'world')], exc.HTTPBadRequest),
            ([('add', 'custom', 1)], exc.HTTPBadRequest),
        ]
        for changes, error in cases:
            self.assertRaises(error, schema.apply_patch, _record(), changes)

    def test_schema_document_covers_every_field(self):
        doc = schema.image_schema()
        for name in list(schema.FIELDS) + list(schema.READ_ONLY):
            self.assertIn(name, doc['properties'])
