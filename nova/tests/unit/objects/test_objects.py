"""Structural tests of the versioned objects.

The fingerprint table below pins the shape (fields and remotable method
signatures) of every registered object. When a hash changes, the object
changed on the wire: bump its ``VERSION``, add a ``# Version X.Y:`` line
and, for an added field, teach ``obj_make_compatible()`` to drop it.
"""

import datetime
import inspect
import re

from oslo_versionedobjects import fields as ovo_fields
from oslo_versionedobjects import fixture as ovo_fixture

from nova import context as nova_context
from nova import objects
from nova.objects import base
from nova.objects import fields
from nova import test

objects.register_all()

# Object name -> 'VERSION-fingerprint'.
object_data = {
    'Aggregate': '1.0-f315cb68906307ca2d1cca84d4753585',
    'AggregateList': '1.0-3ea55a050354e72ef3306adefa553957',
    'BuildRequest': '1.4-554f4d3ace8b625d293372f2f616cda9',
    'BuildRequestList': '1.0-f09b69b902f0bd6f21ae208f2213edd5',
    'CellMapping': '1.0-5d652928000a5bc369d79d5bde7e497d',
    'CellMappingList': '1.0-4ee0d9efdfd681fed822da88376e04d2',
    'ComputeNode': '1.0-79ed8a4930a78fbfa46a8fe780943f96',
    'ComputeNodeList': '1.0-41ee4d138172e209bbcadbbc65ef7281',
    'ConsoleAuthToken': '1.0-d8e2a72b2d63de7a76d19e1ffa0fb711',
    'Flavor': '1.1-690bfcd69a43b3140a23523156750e95',
    'FlavorList': '1.0-52b5928600e7ca973aa4fc1e46f3934c',
    'HostMapping': '1.0-1458e9dc5b4eb2bda223b7d68cc5ed73',
    'HostMappingList': '1.0-18ac2bfb8c1eb5545bed856da58a79bc',
    'ImageMeta': '1.0-49856c264f166d9d4d9ea46b4dc99bed',
    'Instance': '1.3-934c669f158ca9685bc3019ef0ca2e0f',
    'InstanceAction': '1.0-d220829f856fc5c5d64d87fcc1f6c909',
    'InstanceActionEvent': '1.0-bcfd7908f3d98944b720b8ec6ca84c19',
    'InstanceActionEventList': '1.0-13d92fb953030cdbfee56481756e02be',
    'InstanceActionList': '1.0-3dab1c31a1f28ea54a5a558dfc03c4db',
    'InstanceExternalEvent': '1.0-056298b5205b9ea11bcdc2fd17d2ddc5',
    'InstanceFault': '1.0-3d0c037502bf766ca4a6003856de2397',
    'InstanceGroup': '1.0-2f56e2c2d0f69761e5aee70ed5078521',
    'InstanceGroupList': '1.0-442381325cfb31ea49eefb5aafb40fd4',
    'InstanceList': '1.0-a8b00ab8ad2734d80359540b37b32247',
    'InstanceMapping': '1.0-c567d34060c540f7d89bd088f6eda9d7',
    'InstanceMappingList': '1.0-9e982e3de1613b9ada85e35f69b23d47',
    'KeyPair': '1.0-43f696a50e38255aa80e919d39ab5760',
    'KeyPairList': '1.0-94aad3ac5c938eef4b5e83da0212f506',
    'Migration': '1.0-056ddf756684a5d7fc42a68f6a3ab4d6',
    'MigrationList': '1.0-4f9ebd4e848a45235aa62142ca6d8fc6',
    'NetworkRequest': '1.0-d8ae7566ff10433aaeeb973f29fac259',
    'NetworkRequestList': '1.0-15ecf022a68ddbb8c2a6739cfc9f8f5e',
    'RequestSpec': '1.2-7b762f45e2a6c75dd49a16effda5c08b',
    'Selection': '1.0-dfb45a81deade16938f4f0742203df3b',
    'Service': '1.0-6fd4369501df75cf98eb62d5453107ef',
    'ServiceList': '1.0-696ca6a0a928421bfd1a924407ac4286',
    'Tag': '1.0-616bf44af4a22e853c17b37a758ec73e',
    'TagList': '1.0-4ae82c061012b929a1872a9be7622557',
    'TaskLog': '1.0-73fa2da3929c2681c9298fe807045b15',
    'TaskLogList': '1.0-ea0f2f8807895fcc050e6dcaf39f4b41',
}

# Object name -> {child object name: version it embeds}. A child's version
# bump means the parent must bump too (and backport the child).
object_relationships = {
    'BuildRequest': {'Instance': '1.3'},
    'HostMapping': {'CellMapping': '1.0'},
    'Instance': {'Flavor': '1.1', 'InstanceFault': '1.0'},
    'InstanceMapping': {'CellMapping': '1.0'},
    'RequestSpec': {'Flavor': '1.1', 'ImageMeta': '1.0'},
}


def _registered():
    """Newest registered class of each object name."""
    return {name: classes[0] for name, classes in
            base.NovaObjectRegistry.obj_classes().items()}


class TestObjectVersions(test.TestCase):

    def test_fingerprints(self):
        checker = ovo_fixture.ObjectVersionChecker(
            base.NovaObjectRegistry.obj_classes())
        expected, actual = checker.test_hashes(object_data)
        self.assertEqual(
            expected, actual,
            'Object fingerprints changed: %s.\nAn object changed its fields '
            'or remotable methods. Bump its VERSION (add a "# Version X.Y: '
            '..." line and obj_make_compatible() handling for added '
            'fields), then put the new "version-hash" into object_data in '
            '%s.' % (sorted(set(expected) | set(actual)), __file__))

    def test_every_object_is_in_the_table(self):
        self.assertEqual(sorted(object_data), sorted(_registered()))

    def test_relationships(self):
        checker = ovo_fixture.ObjectVersionChecker(
            base.NovaObjectRegistry.obj_classes())
        tree = checker.get_dependency_tree()
        # List objects are ObjectListBase containers; their child is fixed.
        tree = {name: deps for name, deps in tree.items()
                if not name.endswith('List')}
        self.assertEqual(
            object_relationships, tree,
            'A child object version changed: bump the parent objects that '
            'embed it and update object_relationships.')

    def test_child_object_names_are_registered(self):
        registered = _registered()
        for name, cls in registered.items():
            for field_name, field in cls.fields.items():
                objname = getattr(field, 'objname', None) or getattr(
                    getattr(field, '_type', None), '_obj_name', None)
                if objname is None:
                    continue
                self.assertIn(objname, registered,
                              '%s.%s refers to unregistered %s'
                              % (name, field_name, objname))

    def test_version_history_comment_matches_version(self):
        for name, cls in _registered().items():
            source = inspect.getsource(cls)
            history = re.findall(r'# Version (\d+\.\d+):', source)
            self.assertTrue(history, '%s has no "# Version X.Y:" lines'
                            % name)
            self.assertEqual(cls.VERSION, history[-1],
                             '%s: last "# Version" line says %s but '
                             'VERSION is %s' % (name, history[-1],
                                                cls.VERSION))

    def test_list_objects_hold_their_item_class(self):
        registered = _registered()
        for name, cls in registered.items():
            if not issubclass(cls, base.ObjectListBase):
                continue
            item = cls.fields['objects']._type._element_type._type._obj_name
            self.assertEqual(name[:-len('List')], item)


# -- serializer round trip ----------------------------------------------------

_NOW = datetime.datetime(2024, 5, 17, 10, 30, 0,
                         tzinfo=datetime.timezone.utc)
_UUID = '6f4ac0b5-7a5f-4d5e-9b23-7b1a0c8e2d11'


def _sample_value(field, depth=0):
    """A value valid for ``field``; nested objects get every field."""
    ftype = getattr(field, '_type', field)
    if isinstance(field, ovo_fields.ObjectField) or isinstance(
            ftype, ovo_fields.Object):
        return _sample_object(ftype._obj_name, depth + 1)
    if isinstance(ftype, ovo_fields.List):
        element = ftype._element_type
        if isinstance(element._type, ovo_fields.Object):
            return [_sample_object(element._type._obj_name, depth + 1)]
        return [_sample_value(element, depth)]
    if isinstance(ftype, ovo_fields.Dict):
        return {'k': _sample_value(ftype._element_type, depth)}
    if isinstance(ftype, ovo_fields.Enum):
        return ftype._valid_values[0]
    table = (
        (ovo_fields.UUID, _UUID),
        (ovo_fields.IPV4Address, '192.0.2.10'),
        (ovo_fields.IPV6Address, '2001:db8::10'),
        (ovo_fields.IPAddress, '192.0.2.11'),
        (ovo_fields.DateTime, _NOW),
        (ovo_fields.Boolean, True),
        (ovo_fields.Float, 1.5),
        (ovo_fields.NonNegativeInteger, 7),
        (ovo_fields.Integer, 7),
        (ovo_fields.SensitiveString, 'secret'),
        (ovo_fields.String, 'text'),
        (fields.JSONType, [{'id': 'vif', 'nested': [1, 2]}]),
    )
    for cls, value in table:
        if isinstance(ftype, cls):
            return value
    raise AssertionError('No sample value for field type %r' % ftype)


def _sample_object(objname, depth=0):
    cls = _registered()[objname]
    obj = cls()
    if issubclass(cls, base.ObjectListBase):
        item_name = cls.fields['objects']._type._element_type._type._obj_name
        obj.objects = [_sample_object(item_name, depth + 1)]
        return obj
    for name, field in cls.fields.items():
        setattr(obj, name, _sample_value(field, depth))
    return obj


def _canonical(prim):
    """``prim`` with every changes list sorted (they come from sets)."""
    if isinstance(prim, dict):
        return {key: sorted(value) if key.endswith('.changes')
                else _canonical(value) for key, value in prim.items()}
    if isinstance(prim, list):
        return [_canonical(item) for item in prim]
    return prim


class TestSerializerRoundTrip(test.TestCase):

    def _remotable_objects(self):
        for name, cls in sorted(_registered().items()):
            has_remotable = any(
                getattr(getattr(cls, attr, None), 'remotable', False)
                for attr in dir(cls))
            if has_remotable:
                yield name

    def test_every_remotable_object_survives_the_serializer(self):
        serializer = base.NovaObjectSerializer()
        ctxt = nova_context.get_admin_context()
        names = list(self._remotable_objects())
        self.assertIn('Instance', names)
        for name in names:
            obj = _sample_object(name)
            wire = serializer.serialize_entity(ctxt, obj)
            back = serializer.deserialize_entity(ctxt, wire)
            self.assertIsInstance(back, type(obj), name)
            self.assertEqual(_canonical(obj.obj_to_primitive()),
                             _canonical(back.obj_to_primitive()),
                             '%s changed crossing the serializer' % name)

    def test_containers_of_objects_round_trip(self):
        serializer = base.NovaObjectSerializer()
        ctxt = nova_context.get_admin_context()
        payload = {'specs': [_sample_object('RequestSpec')],
                   'selection': (_sample_object('Selection'), 'plain')}
        back = serializer.deserialize_entity(
            ctxt, serializer.serialize_entity(ctxt, payload))
        self.assertTrue(base.obj_equal_prims(payload['specs'][0],
                                             back['specs'][0]))
        self.assertEqual('plain', back['selection'][1])

    def test_unknown_newer_minor_version_is_truncated(self):
        serializer = base.NovaObjectSerializer()
        ctxt = nova_context.get_admin_context()
        prim = _sample_object('ImageMeta').obj_to_primitive()
        prim['nova_object.version'] = '1.0.1'
        back = serializer.deserialize_entity(ctxt, prim)
        self.assertEqual('1.0', back.VERSION)
