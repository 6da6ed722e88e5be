"""Server, flavor and hypervisor views: one masking case per version.

Plain stand-in objects are used; the views only read attributes.
"""

import datetime
import types


from nova.api.openstack import api_version_request as avr
from nova.api.openstack.compute.schemas import flavors as flavor_schemas
from nova.api.openstack.compute.schemas import servers as server_schemas
from nova.api.openstack.compute.views import flavors as flavor_views
from nova.api.openstack.compute.views import hypervisors as hyp_views
from nova.api.openstack.compute.views import servers as views
from nova.api.openstack import wsgi
from nova.api.validation import validators
from nova import context as nova_context
from nova import test

NOW = datetime.datetime(2026, 5, 1, 12, 0, 0)
UUID = '7d1e4a5e-0d3c-4c38-9a55-3ff1a1d3c001'


def make_request(version, admin=False):
    req = wsgi.Request.blank('/v2.1/servers')
    req.environ[wsgi.ENV_VERSION] = avr.APIVersionRequest(version)
    req.environ[wsgi.ENV_API_ROOT] = 'http://localhost'
    roles = ['admin', 'member', 'reader'] if admin else ['member', 'reader']
    req.environ[wsgi.ENV_CONTEXT] = nova_context.RequestContext(
        user_id='u1', project_id='p1', roles=roles)
    return req


def make_flavor(**kw):
    values = dict(id=1, flavorid='m1', name='m1.small', memory_mb=512,
                  vcpus=1, root_gb=1, ephemeral_gb=0, swap=0,
                  rxtx_factor=1.0, vcpu_weight=None, disabled=False,
                  is_public=True, description=None,
                  extra_specs={'hw:cpu_policy': 'shared'})
    values.update(kw)
    return types.SimpleNamespace(**values)


def make_instance(**kw):
    values = dict(
        id=1, uuid=UUID, display_name='vm1', display_description='d',
        user_id='u1', project_id='p1', image_ref='img-1',
        vm_state='active', task_state=None, power_state=1,
        flavor=make_flavor(), host='cmp1', node='cmp1.node',
        hostname='vm1', launched_at=NOW, terminated_at=None,
        created_at=NOW, updated_at=NOW, availability_zone='nova',
        key_name=None, access_ip_v4=None, access_ip_v6=None,
        config_drive='', locked=False, locked_by=None,
        metadata={'k': 'v'},
        system_metadata={'image_hw_disk_bus': 'virtio',
                         'image_min_ram': '0',
                         'locked_reason': None},
        reservation_id='r-1', launch_index=0, progress=0,
        root_device_name='/dev/vda', user_data=None, fault=None,
        tags=['a'], info_cache=[], kernel_id='', ramdisk_id='',
        auto_disk_config=False, deleted=False)
    values.update(kw)
    return types.SimpleNamespace(**values)


def server_at(version, admin=False, **kw):
    req = make_request(version, admin)
    opts = views.ServerViewOptions(extended_attrs=admin,
                                   flavor_extra_specs=True,
                                   host_status={'cmp1': 'UP'} if admin
                                   else None,
                                   server_groups={})
    server = views.show(req, make_instance(**kw), opts)
    schema, found = None, False
    for schema, low, high in server_schemas.SERVER_VERSIONS:
        if req.api_version_request.matches(low, high):
            found = True
            break
    assert found
    problem = validators.check_response(
        server_schemas.show_response(schema), {'server': server})
    assert problem is None, problem
    return server


class ServerViewTest(test.TestCase):

    def test_v21_basics(self):
        server = server_at('2.1')
        self.assertEqual('ACTIVE', server['status'])
        self.assertEqual({'id': 'm1', 'links': [{
            'rel': 'bookmark', 'href': 'http://localhost/flavors/m1'}]},
            server['flavor'])
        self.assertEqual('http://localhost/v2.1/servers/' + UUID,
                         server['links'][0]['href'])
        self.assertEqual(0, server['progress'])
        for key in ('locked', 'description', 'tags',
                    'OS-EXT-SRV-ATTR:host'):
            self.assertNotIn(key, server)

    def test_admin_extended_attrs_v23(self):
        self.assertNotIn('OS-EXT-SRV-ATTR:hostname',
                         server_at('2.2', admin=True))
        server = server_at('2.3', admin=True)
        self.assertEqual('cmp1', server['OS-EXT-SRV-ATTR:host'])
        self.assertEqual('instance-00000001',
                         server['OS-EXT-SRV-ATTR:instance_name'])
        self.assertEqual('r-1', server['OS-EXT-SRV-ATTR:reservation_id'])

    def test_locked_v29(self):
        self.assertFalse(server_at('2.9')['locked'])

    def test_host_status_v216_admin_only(self):
        self.assertEqual('UP', server_at('2.16', admin=True)['host_status'])
        self.assertNotIn('host_status', server_at('2.16'))

    def test_description_v219_tags_v226(self):
        self.assertEqual('d', server_at('2.19')['description'])
        self.assertNotIn('tags', server_at('2.25'))
        self.assertEqual(['a'], server_at('2.26')['tags'])

    def test_embedded_flavor_v247(self):
        flavor = server_at('2.47')['flavor']
        self.assertEqual('m1.small', flavor['original_name'])
        self.assertEqual({'hw:cpu_policy': 'shared'}, flavor['extra_specs'])

    def test_late_fields(self):
        self.assertIsNone(server_at('2.63')['trusted_image_certificates'])
        self.assertEqual([], server_at('2.71')['server_groups'])
        self.assertIsNone(server_at('2.73')['locked_reason'])
        self.assertEqual('vm1', server_at('2.90')['OS-EXT-SRV-ATTR:hostname'])
        self.assertIsNone(server_at('2.96')['pinned_availability_zone'])
        self.assertNotIn('properties', server_at('2.97')['image'])
        self.assertEqual({'hw_disk_bus': 'virtio'},
                         server_at('2.98')['image']['properties'])
        self.assertNotIn('scheduler_hints', server_at('2.99'))
        self.assertEqual({}, server_at('2.100')['scheduler_hints'])

    def test_fault_shown_in_error(self):
        fault = types.SimpleNamespace(code=500, message='boom',
                                      details='trace', created_at=NOW)
        server = server_at('2.1', vm_state='error', fault=fault)
        self.assertEqual('ERROR', server['status'])
        self.assertEqual({'code': 500, 'message': 'boom',
                          'created': '2026-05-01T12:00:00Z'},
                         server['fault'])
        self.assertNotIn('progress', server)

    def test_addresses_from_network_info(self):
        vif = {'address': 'fa:16:3e:00:00:01', 'network': {
            'label': 'private', 'subnets': [{'ips': [
                {'address': '10.0.0.5', 'version': 4}]}]}}
        server = server_at('2.1', info_cache=[vif])
        self.assertEqual('10.0.0.5',
                         server['addresses']['private'][0]['addr'])


class FlavorViewTest(test.TestCase):

    def _show(self, version, **kw):
        req = make_request(version)
        view = flavor_views.show(req, make_flavor(**kw), True)
        for schema, low, high in flavor_schemas.FLAVOR_VERSIONS:
            if req.api_version_request.matches(low, high):
                self.assertIsNone(validators.check_response(
                    flavor_schemas.one_of(schema), {'flavor': view}))
        return view

    def test_swap_empty_string_before_2_75(self):
        self.assertEqual('', self._show('2.74')['swap'])
        self.assertEqual(0, self._show('2.75')['swap'])
        self.assertEqual(512, self._show('2.1', swap=512)['swap'])

    def test_description_and_extra_specs(self):
        self.assertNotIn('description', self._show('2.54'))
        self.assertIn('description', self._show('2.55'))
        self.assertNotIn('extra_specs', self._show('2.60'))
        self.assertEqual({'hw:cpu_policy': 'shared'},
                         self._show('2.61')['extra_specs'])


class HypervisorViewTest(test.TestCase):

    def _view(self, version):
        node = types.SimpleNamespace(
            id=3, uuid=UUID, host='cmp1', hypervisor_hostname='cmp1.node',
            hypervisor_type='QEMU', hypervisor_version=8002000,
            vcpus=4, vcpus_used=1, memory_mb=8192, memory_mb_used=512,
            local_gb=100, local_gb_used=1, free_ram_mb=7680,
            free_disk_gb=99, running_vms=1, current_workload=0,
            disk_available_least=90, host_ip='192.0.2.1',
            cpu_info='{"arch": "x86_64"}', service_id=7)
        service = types.SimpleNamespace(id=7, uuid='svc-uuid',
                                        disabled=False, disabled_reason=None)
        return hyp_views.hypervisor(make_request(version), node, service,
                                    True, detail=True)

    def test_ids_and_stats_by_version(self):
        view = self._view('2.27')
        self.assertEqual(3, view['id'])
        self.assertEqual('{"arch": "x86_64"}', view['cpu_info'])
        self.assertEqual({'arch': 'x86_64'}, self._view('2.28')['cpu_info'])
        view = self._view('2.53')
        self.assertEqual(UUID, view['id'])
        self.assertEqual('svc-uuid', view['service']['id'])
        view = self._view('2.88')
        self.assertNotIn('vcpus', view)
        self.assertIn('uptime', view)
