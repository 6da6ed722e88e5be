"""Selection: one host the scheduler picked (or an alternate) and the
placement allocation that was claimed, or would be, for it."""

from oslo_serialization import jsonutils

from nova.objects import base
from nova.objects import fields


@base.NovaObjectRegistry.register
class Selection(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'compute_node_uuid': fields.UUIDField(),
        'service_host': fields.StringField(),
        'nodename': fields.StringField(),
        'cell_uuid': fields.UUIDField(),
        # JSON of the placement allocation request for this host.
        'allocation_request': fields.StringField(nullable=True),
        'allocation_request_version': fields.StringField(nullable=True),
    }

    @classmethod
    def from_host_state(cls, host_state, allocation_request=None,
                        allocation_request_version=None):
        return cls(
            compute_node_uuid=host_state.uuid,
            service_host=host_state.host,
            nodename=host_state.nodename,
            cell_uuid=host_state.cell_uuid,
            allocation_request=(jsonutils.dumps(allocation_request)
                                if allocation_request else None),
            allocation_request_version=allocation_request_version)
