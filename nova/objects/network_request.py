"""NetworkRequest: the networks a user asked a server to be attached to."""

from nova.objects import base
from nova.objects import fields

# Special network_id values of the API's ``networks`` field.
NETWORK_ID_AUTO = 'auto'
NETWORK_ID_NONE = 'none'


@base.NovaObjectRegistry.register
class NetworkRequest(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'network_id': fields.StringField(nullable=True),
        'address': fields.IPAddressField(nullable=True),
        'port_id': fields.UUIDField(nullable=True),
        'tag': fields.StringField(nullable=True),
    }

    @property
    def auto_allocate(self):
        return self.network_id == NETWORK_ID_AUTO

    @property
    def no_allocate(self):
        return self.network_id == NETWORK_ID_NONE


@base.NovaObjectRegistry.register
class NetworkRequestList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'objects': fields.ListOfObjectsField('NetworkRequest'),
    }

    @classmethod
    def from_api(cls, requested):
        """Build from what the API handler parsed: None, 'auto', 'none',
        or a list of dicts with network_id / port_id / address / tag."""
        if requested is None:
            return None
        if isinstance(requested, str):
            return cls(objects=[NetworkRequest(network_id=requested,
                                               address=None, port_id=None,
                                               tag=None)])
        return cls(objects=[NetworkRequest(
            network_id=item.get('network_id'), address=item.get('address'),
            port_id=item.get('port_id'), tag=item.get('tag'))
            for item in requested])

    @property
    def is_single_unspecified(self):
        return len(self.objects) == 1 and self.objects[0].auto_allocate

    @property
    def no_allocate(self):
        return len(self.objects) == 1 and self.objects[0].no_allocate
