"""Nova's versioned objects.

``register_all()`` imports every object module so each class registers
with ``NovaObjectRegistry`` and appears as ``nova.objects.<Name>``. Code
uses ``objects.Instance`` (never the module path) so registration is the
single source of the current version of each class.
"""


def register_all():
    __import__('nova.objects.aggregate')
    __import__('nova.objects.build_request')
    __import__('nova.objects.cell_mapping')
    __import__('nova.objects.compute_node')
    __import__('nova.objects.console_auth_token')
    __import__('nova.objects.external_event')
    __import__('nova.objects.flavor')
    __import__('nova.objects.host_mapping')
    __import__('nova.objects.image_meta')
    __import__('nova.objects.instance')
    __import__('nova.objects.instance_action')
    __import__('nova.objects.instance_fault')
    __import__('nova.objects.instance_group')
    __import__('nova.objects.instance_mapping')
    __import__('nova.objects.keypair')
    __import__('nova.objects.migration')
    __import__('nova.objects.network_request')
    __import__('nova.objects.request_spec')
    __import__('nova.objects.selection')
    __import__('nova.objects.service')
    __import__('nova.objects.tag')
    __import__('nova.objects.task_log')
