"""Field types of Nova's objects: oslo.versionedobjects' plus Nova enums."""

from oslo_versionedobjects import fields

# Re-exported so objects import every field type from one place.
AutoTypedField = fields.AutoTypedField
BaseEnumField = fields.BaseEnumField
BooleanField = fields.BooleanField
DateTimeField = fields.DateTimeField
DictOfIntegersField = fields.DictOfIntegersField
DictOfNullableStringsField = fields.DictOfNullableStringsField
DictOfStringsField = fields.DictOfStringsField
Enum = fields.Enum
EnumField = fields.EnumField
Field = fields.Field
FieldType = fields.FieldType
FlexibleBooleanField = fields.FlexibleBooleanField
FloatField = fields.FloatField
IntegerField = fields.IntegerField
IPAddressField = fields.IPAddressField
IPV4AddressField = fields.IPV4AddressField
IPV6AddressField = fields.IPV6AddressField
ListOfDictOfNullableStringsField = fields.ListOfDictOfNullableStringsField
ListOfObjectsField = fields.ListOfObjectsField
ListOfStringsField = fields.ListOfStringsField
NonNegativeIntegerField = fields.NonNegativeIntegerField
ObjectField = fields.ObjectField
SensitiveStringField = fields.SensitiveStringField
StringField = fields.StringField
UnspecifiedDefault = fields.UnspecifiedDefault
UUIDField = fields.UUIDField


class VMState(Enum):
    ACTIVE = 'active'
    BUILDING = 'building'
    PAUSED = 'paused'
    SUSPENDED = 'suspended'
    STOPPED = 'stopped'
    RESCUED = 'rescued'
    RESIZED = 'resized'
    SOFT_DELETED = 'soft-delete'
    DELETED = 'deleted'
    ERROR = 'error'
    SHELVED = 'shelved'
    SHELVED_OFFLOADED = 'shelved_offloaded'

    ALL = (ACTIVE, BUILDING, PAUSED, SUSPENDED, STOPPED, RESCUED, RESIZED,
           SOFT_DELETED, DELETED, ERROR, SHELVED, SHELVED_OFFLOADED)

    def __init__(self):
        super().__init__(valid_values=VMState.ALL)


class VMStateField(BaseEnumField):
    AUTO_TYPE = VMState()


class HostStatus(Enum):
    UP = 'UP'
    DOWN = 'DOWN'
    MAINTENANCE = 'MAINTENANCE'
    UNKNOWN = 'UNKNOWN'
    NONE = ''

    ALL = (UP, DOWN, MAINTENANCE, UNKNOWN, NONE)

    def __init__(self):
        super().__init__(valid_values=HostStatus.ALL)


class HostStatusField(BaseEnumField):
    AUTO_TYPE = HostStatus()


class JSONType(FieldType):
    """Any JSON-serialisable value (lists and dicts of primitives)."""

    @staticmethod
    def coerce(obj, attr, value):
        return value

    @staticmethod
    def to_primitive(obj, attr, value):
        return value

    @staticmethod
    def from_primitive(obj, attr, value):
        return value


class JSONField(AutoTypedField):
    AUTO_TYPE = JSONType()
