"""Objects of the API database: BuildRequest, RequestSpec, InstanceMapping,
CellMapping and HostMapping, against a real (SQLite) database."""

from oslo_utils import uuidutils

from nova import context as nova_context
from nova import exception
from nova import objects
from nova import test
from nova.tests.fixtures import database
from nova.tests.unit.objects import test_instance


def _cell(ctxt, name='cell1', uuid=None, connection='sqlite://'):
    cell = objects.CellMapping(
        context=ctxt, uuid=uuid or uuidutils.generate_uuid(), name=name,
        transport_url='fake://', database_connection=connection)
    cell.create()
    return cell


class _APIDBTestCase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(database.Database())
        self.ctxt = nova_context.get_admin_context()


class BuildRequestTestCase(_APIDBTestCase):

    def _instance(self, project_id='p1'):
        return objects.Instance(
            uuid=uuidutils.generate_uuid(), project_id=project_id,
            user_id='u', display_name='pending', vm_state='building',
            task_state='scheduling', flavor=test_instance._flavor(),
            metadata={'k': 'v'})

    def _create(self, project_id='p1', tags=None):
        instance = self._instance(project_id)
        req = objects.BuildRequest(
            context=self.ctxt, instance_uuid=instance.uuid,
            project_id=project_id, user_id='u', instance=instance)
        if tags is not None:
            req.tags = tags
        req.create()
        return req

    def test_round_trip_keeps_the_embedded_instance(self):
        req = self._create(tags=['x'])
        self.assertIsNotNone(req.id)
        got = objects.BuildRequest.get_by_instance_uuid(
            self.ctxt, req.instance_uuid)
        self.assertEqual(['x'], got.tags)
        self.assertEqual('pending', got.instance.display_name)
        self.assertEqual({'k': 'v'}, got.instance.metadata)
        self.assertEqual('m1.tiny', got.instance.flavor.name)
        self.assertIs(self.ctxt, got.instance._context)

    def test_tags_default_to_empty(self):
        req = self._create()
        self.assertEqual([], objects.BuildRequest.get_by_instance_uuid(
            self.ctxt, req.instance_uuid).tags)

    def test_destroy_then_not_found(self):
        req = self._create()
        req.destroy()
        self.assertRaises(exception.BuildRequestNotFound,
                          objects.BuildRequest.get_by_instance_uuid,
                          self.ctxt, req.instance_uuid)
        self.assertRaises(exception.BuildRequestNotFound, req.destroy)

    def test_list_by_project(self):
        a = self._create('p1')
        b = self._create('p2')
        self.assertEqual({a.instance_uuid, b.instance_uuid},
                         {r.instance_uuid for r in
                          objects.BuildRequestList.get_all(self.ctxt)})
        self.assertEqual([b.instance_uuid],
                         [r.instance_uuid for r in
                          objects.BuildRequestList.get_all(self.ctxt, 'p2')])


class RequestSpecTestCase(_APIDBTestCase):

    def _spec(self, **kwargs):
        image = objects.ImageMeta.from_image_dict(
            {'id': uuidutils.generate_uuid(), 'name': 'cirros',
             'min_ram': 64, 'hw_disk_bus': 'virtio', 'os_distro': None})
        return objects.RequestSpec.from_components(
            self.ctxt, uuidutils.generate_uuid(), image,
            test_instance._flavor(), 2, 'p1', 'u1',
            scheduler_hints={'group': ['g1']}, **kwargs)

    def test_round_trip(self):
        spec = self._spec(availability_zone='az1')
        spec.create()
        self.assertIsNotNone(spec.id)
        got = objects.RequestSpec.get_by_instance_uuid(
            self.ctxt, spec.instance_uuid)
        self.assertEqual(spec.id, got.id)
        self.assertEqual('az1', got.availability_zone)
        self.assertEqual(2, got.num_instances)
        self.assertEqual({'group': ['g1']}, got.scheduler_hints)
        self.assertEqual({'hw_disk_bus': 'virtio', 'os_distro': None},
                         got.image.properties)
        self.assertEqual(64, got.image.min_ram)
        self.assertEqual(512, got.memory_mb)

    def test_security_groups_kept_and_dropped_for_older_readers(self):
        spec = self._spec(security_groups=['web', 'default'])
        spec.create()
        got = objects.RequestSpec.get_by_instance_uuid(
            self.ctxt, spec.instance_uuid)
        self.assertEqual(['web', 'default'], got.requested_security_groups())
        self.assertIsNone(self._spec().requested_security_groups())
        # Backported for a 1.1 reader, as the conductor backports: with
        # the reader's manifest.
        older = got.obj_to_primitive(target_version='1.1', version_manifest={
            'RequestSpec': '1.1', 'Flavor': '1.1', 'ImageMeta': '1.0'})
        self.assertNotIn('security_groups', older['nova_object.data'])
        # Such a spec (or one stored before 1.2) means the default group.
        old = objects.RequestSpec.obj_from_primitive(older)
        self.assertIsNone(old.requested_security_groups())

    def test_save_and_destroy(self):
        spec = self._spec()
        spec.create()
        spec.ignore_hosts = ['bad-host']
        spec.save()
        got = objects.RequestSpec.get_by_instance_uuid(
            self.ctxt, spec.instance_uuid)
        self.assertEqual(['bad-host'], got.ignore_hosts)
        spec.destroy()
        self.assertRaises(exception.RequestSpecNotFound,
                          objects.RequestSpec.get_by_instance_uuid,
                          self.ctxt, spec.instance_uuid)

    def test_resources(self):
        cases = [
            # (root, ephemeral, swap MB, bfv) -> DISK_GB or None
            ((1, 0, 0, False), 1),
            ((1, 2, 0, False), 3),
            ((1, 0, 1, False), 2),
            ((1, 0, 1024, False), 2),
            ((1, 0, 1025, False), 3),
            ((10, 0, 0, True), None),
            ((10, 1, 0, True), 1),
        ]
        for (root, eph, swap, bfv), disk in cases:
            spec = self._spec()
            spec.flavor.root_gb = root
            spec.flavor.ephemeral_gb = eph
            spec.flavor.swap = swap
            spec.is_bfv = bfv
            resources = spec.resources()
            self.assertEqual(1, resources['VCPU'])
            self.assertEqual(512, resources['MEMORY_MB'])
            self.assertEqual(disk, resources.get('DISK_GB'),
                             (root, eph, swap, bfv))


class InstanceMappingTestCase(_APIDBTestCase):

    def _mapping(self, project_id='p1', cell=None):
        mapping = objects.InstanceMapping(
            context=self.ctxt, instance_uuid=uuidutils.generate_uuid(),
            project_id=project_id, user_id='u', cell_mapping=cell)
        mapping.create()
        return mapping

    def test_round_trip_without_then_with_a_cell(self):
        mapping = self._mapping()
        self.assertIsNotNone(mapping.id)
        self.assertIsNone(mapping.cell_mapping)
        self.assertFalse(mapping.queued_for_delete)
        cell = _cell(self.ctxt)
        mapping.cell_mapping = cell
        mapping.save()
        got = objects.InstanceMapping.get_by_instance_uuid(
            self.ctxt, mapping.instance_uuid)
        self.assertEqual(cell.uuid, got.cell_mapping.uuid)
        self.assertEqual('cell1', got.cell_mapping.name)

    def test_destroy(self):
        mapping = self._mapping()
        mapping.destroy()
        self.assertRaises(exception.InstanceMappingNotFound,
                          objects.InstanceMapping.get_by_instance_uuid,
                          self.ctxt, mapping.instance_uuid)

    def test_list_and_count_by_project(self):
        self._mapping('p1')
        queued = self._mapping('p1')
        self._mapping('p2')
        queued.queued_for_delete = True
        queued.save()
        self.assertEqual(2, len(objects.InstanceMappingList.get_by_project_id(
            self.ctxt, 'p1')))
        self.assertEqual(3, len(objects.InstanceMappingList.get_by_project_id(
            self.ctxt, None)))
        self.assertEqual(1, objects.InstanceMappingList.count_by_project(
            self.ctxt, 'p1'))
        self.assertEqual(0, objects.InstanceMappingList.count_by_project(
            self.ctxt, 'nobody'))


class CellAndHostMappingTestCase(_APIDBTestCase):

    def test_cell_mapping_round_trip(self):
        cell = _cell(self.ctxt, connection='sqlite:///c1.db')
        got = objects.CellMapping.get_by_uuid(self.ctxt, cell.uuid)
        self.assertEqual('sqlite:///c1.db', got.database_connection)
        self.assertFalse(got.disabled)
        self.assertFalse(got.is_cell0())
        self.assertEqual('%s(cell1)' % cell.uuid, got.identity)
        got.disabled = True
        got.save()
        self.assertTrue(
            objects.CellMapping.get_by_uuid(self.ctxt, cell.uuid).disabled)
        cell.destroy()
        self.assertRaises(exception.CellMappingNotFound,
                          objects.CellMapping.get_by_uuid, self.ctxt,
                          cell.uuid)
        self.assertRaises(exception.CellMappingNotFound, cell.destroy)

    def test_cell0_and_listing_order(self):
        cell0 = _cell(self.ctxt, 'cell0', objects.CellMapping.CELL0_UUID)
        cell1 = _cell(self.ctxt, 'cell1')
        self.assertTrue(cell0.is_cell0())
        self.assertEqual([cell0.uuid, cell1.uuid],
                         [c.uuid for c in
                          objects.CellMappingList.get_all(self.ctxt)])
        unnamed = objects.CellMapping(uuid=cell1.uuid, name=None)
        self.assertEqual(cell1.uuid, unnamed.identity)

    def test_host_mapping_round_trip_and_duplicates(self):
        cell1 = _cell(self.ctxt, 'cell1')
        cell2 = _cell(self.ctxt, 'cell2')
        for host, cell in (('h1', cell1), ('h2', cell1), ('h3', cell2)):
            objects.HostMapping(context=self.ctxt, host=host,
                                cell_mapping=cell).create()
        got = objects.HostMapping.get_by_host(self.ctxt, 'h3')
        self.assertEqual(cell2.uuid, got.cell_mapping.uuid)
        self.assertRaises(exception.HostMappingNotFound,
                          objects.HostMapping.get_by_host, self.ctxt, 'h9')
        self.assertRaises(exception.HostMappingExists,
                          objects.HostMapping(context=self.ctxt, host='h1',
                                              cell_mapping=cell2).create)
        self.assertEqual({'h1', 'h2', 'h3'}, {
            m.host for m in objects.HostMappingList.get_all(self.ctxt)})
        self.assertEqual({'h1', 'h2'}, {
            m.host for m in objects.HostMappingList.get_by_cell_id(
                self.ctxt, cell1.id)})
