"""The extra spec rules of 2.86, table-driven: a known key needs a value of
its kind, an unknown key of a known namespace is refused, anything else
passes."""

from nova.api.validation import extra_specs
from nova import exception
from nova import test

ACCEPTED = [
    ('hw:cpu_policy', 'dedicated'),
    ('hw:cpu_policy', 'mixed'),
    ('hw:cpu_thread_policy', 'isolate'),
    ('hw:cpu_realtime', 'yes'),
    ('hw:cpu_realtime_mask', '^0-1'),
    ('hw:cpu_dedicated_mask', '0-3,^2,6'),
    ('hw:mem_page_size', 'large'),
    ('hw:mem_page_size', '2048'),
    ('hw:mem_page_size', '1GiB'),
    ('hw:numa_nodes', '2'),
    ('hw:numa_cpus.0', '0,1'),
    ('hw:numa_mem.1', '512'),
    ('hw:cpu_sockets', '1'),
    ('hw:serial_port_count', '0'),
    ('hw:redirected_usb_ports', '15'),
    ('hw:watchdog_action', 'reset'),
    ('hw:pmem', 'label_a,label_b'),
    ('hw:tpm_version', '2.0'),
    ('hw_rng:rate_bytes', '1024'),
    ('hw_video:ram_max_mb', '64'),
    ('os:secure_boot', 'required'),
    ('pci_passthrough:alias', 'a1:2, b2:1'),
    ('accel:device_profile', 'anything'),
    ('vmware:hw_version', 'vmx-13'),
    ('quota:cpu_quota', '-1'),
    ('quota:cpu_shares', '1024'),
    ('quota:disk_total_iops_sec', '100'),
    ('quota:vif_inbound_peak', '10'),
    ('quota:memory_shares_level', 'custom'),
    ('resources:VCPU', '2'),
    ('resources1:MEMORY_MB', '512'),
    ('resources_gpu:CUSTOM_GPU_A', '1'),
    ('trait:HW_CPU_X86_AVX', 'required'),
    ('trait2:CUSTOM_FAST', 'forbidden'),
    ('capabilities:hypervisor_type', 's== QEMU'),
    ('capabilities:cpu_info:arch', 'x86_64'),
    ('capabilities:stats', 'x'),
    ('aggregate_instance_extra_specs:ssd', 'true'),
    ('group_policy', 'isolate'),
    ('hide_hypervisor_id', 'true'),
    # Other namespaces and unknown bare keys are not checked.
    ('foo:bar', 'baz'),
    ('hw.cpu', 'anything'),
    ('plain', 'anything'),
]

REFUSED = [
    ('hw:cpu_policy', 'sometimes'),
    ('hw:cpu_realtime', 'maybe'),
    ('hw:cpu_realtime_mask', 'all'),
    ('hw:cpu_dedicated_mask', '0-'),
    ('hw:mem_page_size', 'huge'),
    ('hw:numa_nodes', '0'),
    ('hw:numa_nodes', 'two'),
    ('hw:numa_cpus.x', '0'),
    ('hw:numa_mem.0', '0'),
    ('hw:redirected_usb_ports', '16'),
    ('hw:serial_port_count', '-1'),
    ('hw:no_such_key', '1'),
    ('hw:numa_cpus', '0'),
    ('hw_rng:rate_period', '-5'),
    ('hw_rng:other', '1'),
    ('os:secure_boot', 'optional'),
    ('pci_passthrough:alias', 'a1'),
    ('quota:disk_read_bytes_sec', '-1'),
    ('quota:cpu_limit', 'lots'),
    ('quota:unknown', '1'),
    ('resources:VCPU', 'two'),
    ('resources:vcpu', '1'),
    ('resources1:NOT_A_CLASS', '1'),
    ('trait:HW_CPU_X86_AVX', 'preferred'),
    ('trait:NOT_A_TRAIT', 'required'),
    ('capabilities:no_such_attribute', 'x'),
    ('group_policy', 'spread'),
    ('hide_hypervisor_id', 'perhaps'),
]


class ExtraSpecRulesTest(test.TestCase):

    def test_accepted(self):
        for key, value in ACCEPTED:
            try:
                extra_specs.validate(key, value)
            except exception.ValidationError as exc:
                self.fail('%s=%s refused: %s' % (key, value, exc))

    def test_refused(self):
        for key, value in REFUSED:
            exc = self.assertRaises(exception.ValidationError,
                                    extra_specs.validate, key, value)
            self.assertIn(key, exc.format_message())
            self.assertEqual(400, exc.code)

    def test_messages_say_why(self):
        exc = self.assertRaises(exception.ValidationError,
                                extra_specs.validate, 'hw:cpu_policy', 'x')
        self.assertIn('dedicated, shared, mixed', exc.format_message())
        exc = self.assertRaises(exception.ValidationError,
                                extra_specs.validate, 'hw:numa_nodes', '0')
        self.assertIn('minimum of 1', exc.format_message())
        exc = self.assertRaises(exception.ValidationError,
                                extra_specs.validate, 'hw:nope', '1')
        self.assertIn("'hw' namespace", exc.format_message())
