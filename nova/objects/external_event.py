"""InstanceExternalEvent: something another service tells Nova about an
instance (``POST /os-server-external-events``), routed to its host."""

from nova.objects import base
from nova.objects import fields

EVENT_NAMES = (
    'network-changed',
    'network-vif-plugged',
    'network-vif-unplugged',
    'network-vif-deleted',
    'volume-extended',
    'power-update',
    'accelerator-request-bound',
    'volume-reimaged',
)

EVENT_STATUSES = ('failed', 'completed', 'in-progress')


@base.NovaObjectRegistry.register
class InstanceExternalEvent(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'instance_uuid': fields.UUIDField(),
        'name': fields.EnumField(valid_values=EVENT_NAMES),
        'status': fields.EnumField(valid_values=EVENT_STATUSES),
        'tag': fields.StringField(nullable=True),
    }

    @staticmethod
    def make_key(name, tag=None):
        return '%s-%s' % (name, tag) if tag else name

    @property
    def key(self):
        return self.make_key(self.name, self.tag)
