"""Service, ComputeNode and InstanceFault against a real cell database."""

import datetime

from oslo_utils import uuidutils

from nova import context as nova_context
from nova import exception
from nova import objects
from nova.objects import service as service_obj
from nova import test
from nova.tests.fixtures import database


def make_service(ctxt, host='host1', binary='nova-compute', **kwargs):
    service = objects.Service(context=ctxt, host=host, binary=binary,
                              topic=binary.rpartition('-')[2], **kwargs)
    service.create()
    return service


def make_node(ctxt, host='host1', nodename=None, **kwargs):
    values = dict(vcpus=8, memory_mb=16384, local_gb=100, vcpus_used=0,
                  memory_mb_used=0, local_gb_used=0, hypervisor_type='fake',
                  hypervisor_version=1, cpu_info='{}', host=host,
                  hypervisor_hostname=nodename or host)
    values.update(kwargs)
    node = objects.ComputeNode(context=ctxt, **values)
    node.create()
    return node


class ServiceTestCase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(database.Database())
        self.ctxt = nova_context.get_admin_context()

    def test_create_assigns_uuid_version_and_zone(self):
        service = make_service(self.ctxt)
        self.assertTrue(uuidutils.is_uuid_like(service.uuid))
        self.assertEqual(service_obj.SERVICE_VERSION, service.version)
        self.assertEqual('nova', service.availability_zone)
        for getter, key in (
                (objects.Service.get_by_id, service.id),
                (objects.Service.get_by_uuid, service.uuid),
                (objects.Service.get_by_compute_host, 'host1')):
            self.assertEqual(service.id, getter(self.ctxt, key).id)
        self.assertEqual(service.id, objects.Service.get_by_host_and_binary(
            self.ctxt, 'host1', 'nova-compute').id)

    def test_lookups_of_missing_services(self):
        self.assertIsNone(objects.Service.get_by_host_and_binary(
            self.ctxt, 'nohost', 'nova-compute'))
        self.assertRaises(exception.ComputeHostNotFound,
                          objects.Service.get_by_compute_host, self.ctxt,
                          'nohost')
        self.assertRaises(exception.ServiceNotFound,
                          objects.Service.get_by_id, self.ctxt, 42)

    def test_one_live_record_per_host_and_binary(self):
        service = make_service(self.ctxt)
        self.assertRaises(exception.ServiceBinaryExists, make_service,
                          self.ctxt)
        service.destroy()
        # A deleted record frees the (host, binary) pair.
        make_service(self.ctxt)

    def test_save_heartbeat(self):
        service = make_service(self.ctxt)
        seen = datetime.datetime(2024, 3, 1, 8, 0, 0)
        service.report_count += 1
        service.last_seen_up = seen
        service.save()
        self.assertIsNotNone(service.updated_at)
        got = objects.Service.get_by_id(self.ctxt, service.id)
        self.assertEqual(1, got.report_count)
        self.assertEqual(seen, got.last_seen_up.replace(tzinfo=None))

    def test_list_filters(self):
        make_service(self.ctxt, 'h1')
        make_service(self.ctxt, 'h2', disabled=True,
                     disabled_reason='maintenance')
        make_service(self.ctxt, 'h1', 'nova-scheduler')
        cases = [
            ({}, {('h1', 'nova-compute'), ('h2', 'nova-compute'),
                  ('h1', 'nova-scheduler')}),
            ({'binary': 'nova-compute'},
             {('h1', 'nova-compute'), ('h2', 'nova-compute')}),
            ({'disabled': True}, {('h2', 'nova-compute')}),
            ({'disabled': False, 'host': 'h1'},
             {('h1', 'nova-compute'), ('h1', 'nova-scheduler')}),
        ]
        for kwargs, expected in cases:
            got = objects.ServiceList.get_all(self.ctxt, **kwargs)
            self.assertEqual(expected, {(s.host, s.binary) for s in got},
                             kwargs)
        self.assertEqual(2, len(objects.ServiceList.get_by_binary(
            self.ctxt, 'nova-compute')))


class ComputeNodeTestCase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(database.Database())
        self.ctxt = nova_context.get_admin_context()

    def test_create_and_lookups(self):
        node = make_node(self.ctxt, host_ip='192.0.2.7')
        self.assertTrue(uuidutils.is_uuid_like(node.uuid))
        self.assertEqual(0, node.mapped)
        for getter, args in (
                (objects.ComputeNode.get_by_id, (node.id,)),
                (objects.ComputeNode.get_by_uuid, (node.uuid,)),
                (objects.ComputeNode.get_by_host_and_nodename,
                 ('host1', 'host1'))):
            got = getter(self.ctxt, *args)
            self.assertEqual(node.uuid, got.uuid)
            self.assertEqual('192.0.2.7', str(got.host_ip))
        self.assertRaises(exception.ComputeHostNotFound,
                          objects.ComputeNode.get_by_host_and_nodename,
                          self.ctxt, 'host1', 'other')

    def test_save_and_destroy(self):
        node = make_node(self.ctxt)
        node.vcpus_used = 3
        node.mapped = 1
        node.save()
        got = objects.ComputeNode.get_by_uuid(self.ctxt, node.uuid)
        self.assertEqual(3, got.vcpus_used)
        self.assertIsNotNone(got.updated_at)
        node.destroy()
        self.assertRaises(exception.ComputeHostNotFound,
                          objects.ComputeNode.get_by_uuid, self.ctxt,
                          node.uuid)

    def test_lists(self):
        nodes = [make_node(self.ctxt, 'h1', 'n1'),
                 make_node(self.ctxt, 'h1', 'n2'),
                 make_node(self.ctxt, 'h2', 'n3')]
        nodes[2].mapped = 1
        nodes[2].save()
        list_cls = objects.ComputeNodeList
        self.assertEqual(['n1', 'n2', 'n3'], [
            n.hypervisor_hostname for n in list_cls.get_all(self.ctxt)])
        self.assertEqual(['n2'], [
            n.hypervisor_hostname for n in list_cls.get_all(
                self.ctxt, limit=1, marker_id=nodes[0].id)])
        self.assertEqual({'n1', 'n2'}, {
            n.hypervisor_hostname for n in list_cls.get_all_by_host(
                self.ctxt, 'h1')})
        self.assertEqual({'n1', 'n3'}, {
            n.hypervisor_hostname for n in list_cls.get_all_by_uuids(
                self.ctxt, [nodes[0].uuid, nodes[2].uuid])})
        self.assertEqual({'n1', 'n2'}, {
            n.hypervisor_hostname for n in list_cls.get_all_unmapped(
                self.ctxt)})


class InstanceFaultTestCase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(database.Database())
        self.ctxt = nova_context.get_admin_context()

    def _fault(self, uuid, code, when):
        fault = objects.InstanceFault(
            context=self.ctxt, instance_uuid=uuid, code=code,
            message='code %d' % code, details='', host='h1',
            created_at=when)
        fault.create()
        return fault

    def test_latest_by_time_then_by_id(self):
        uuid = uuidutils.generate_uuid()
        self.assertIsNone(objects.InstanceFault.get_latest_for_instance(
            self.ctxt, uuid))
        t0 = datetime.datetime(2024, 1, 1)
        self._fault(uuid, 500, t0 + datetime.timedelta(hours=1))
        self._fault(uuid, 400, t0)
        latest = objects.InstanceFault.get_latest_for_instance(
            self.ctxt, uuid)
        self.assertEqual(500, latest.code)
        # Same timestamp: the later row wins.
        self._fault(uuid, 409, t0 + datetime.timedelta(hours=1))
        self.assertEqual(409, objects.InstanceFault.get_latest_for_instance(
            self.ctxt, uuid).code)

    def test_from_exception(self):
        uuid = uuidutils.generate_uuid()
        cases = [
            (exception.InstanceNotFound(instance_id='x'), 404,
             'Instance x could not be found.'),
            (ValueError('secret detail'), 500, 'ValueError'),
        ]
        for error, code, message in cases:
            try:
                raise error
            except Exception as caught:
                fault = objects.InstanceFault.from_exception(
                    self.ctxt, uuid, caught, host='h1')
            self.assertEqual(code, fault.code)
            self.assertEqual(message, fault.message)
            self.assertIn(type(error).__name__, fault.details)
            self.assertEqual('h1', fault.host)
