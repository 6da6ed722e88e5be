"""Pure helpers of the placement report client, and its adapter set-up."""

from keystoneauth1.identity import generic
from keystoneauth1 import loading as ks_loading

from nova.scheduler.client import report
from nova import test


class CandidatesQueryTestCase(test.TestCase):

    def test_resources_are_sorted_and_zero_amounts_dropped(self):
        self.assertEqual(
            'resources=DISK_GB:1,MEMORY_MB:512,VCPU:2',
            report.candidates_query({'VCPU': 2, 'MEMORY_MB': 512,
                                     'DISK_GB': 1, 'VGPU': 0}))

    def test_traits_go_in_one_required_parameter(self):
        self.assertEqual(
            'resources=VCPU:1&required=A,B,!C',
            report.candidates_query({'VCPU': 1}, required_traits=['B', 'A'],
                                    forbidden_traits=['C']))

    def test_each_member_of_entry_is_its_own_parameter(self):
        self.assertEqual(
            'resources=VCPU:1&member_of=in:a1&member_of=in:b1,b2&limit=5',
            report.candidates_query({'VCPU': 1}, limit=5,
                                    member_of=['a1', ['b2', 'b1']]))


class InventoryNormalizationTestCase(test.TestCase):

    def test_missing_fields_take_placement_defaults(self):
        self.assertEqual(
            {'VCPU': {'total': 4, 'reserved': 0, 'min_unit': 1,
                      'max_unit': 2147483647, 'step_size': 1,
                      'allocation_ratio': 16.0}},
            report._normalize_inventory(
                {'VCPU': {'total': 4, 'allocation_ratio': 16}}))

    def test_integer_and_float_ratios_compare_equal(self):
        self.assertEqual(
            report._normalize_inventory({'DISK_GB': {'total': 1,
                                                     'allocation_ratio': 1}}),
            report._normalize_inventory({'DISK_GB': {'total': 1}}))


class ErrorBodyTestCase(test.TestCase):

    class Response:
        def __init__(self, body=None, text=''):
            self._body = body
            self.text = text

        def json(self):
            if self._body is None:
                raise ValueError('not json')
            return self._body

    def test_code_and_detail_of_a_placement_error(self):
        resp = self.Response({'errors': [{
            'status': 409, 'code': 'placement.concurrent_update',
            'detail': 'generation mismatch'}]})
        self.assertEqual(('placement.concurrent_update',
                          'generation mismatch'), report._error(resp))

    def test_text_of_a_non_json_error(self):
        self.assertEqual((None, 'oops'),
                         report._error(self.Response(text='oops')))


class AdapterTestCase(test.TestCase):

    def test_without_auth_type_requests_carry_the_admin_token(self):
        self.flags(endpoint_override='http://127.0.0.1:8778',
                   group='placement')

        adapter = report.create_adapter()

        self.assertIsInstance(adapter.auth, report.NoAuthAdminPlugin)
        self.assertEqual({'X-Auth-Token': 'admin'},
                         adapter.auth.get_headers(adapter.session))
        self.assertEqual('placement', adapter.service_type)
        self.assertEqual('http://127.0.0.1:8778', adapter.endpoint_override)

    def test_password_auth_type_loads_keystone_plugin(self):
        # NOTE: plugin options are registered when the plugin loads (after
        # the config files are read); register them to override them here.
        self.conf_fixture.register_opts(
            ks_loading.get_auth_plugin_conf_options('password'),
            group='placement')
        self.flags(auth_type='password', group='placement')
        self.flags(auth_url='http://keystone:5000/v3', username='nova',
                   password='secret', project_name='service',
                   user_domain_name='Default', project_domain_name='Default',
                   group='placement')

        adapter = report.create_adapter()

        self.assertIsInstance(adapter.auth, generic.Password)
        self.assertEqual('http://keystone:5000/v3', adapter.auth.auth_url)

    def test_version_tuple(self):
        self.assertEqual((1, 36), report._version_tuple('1.36'))
        self.assertLess(report._version_tuple('1.9'),
                        report._version_tuple('1.28'))
