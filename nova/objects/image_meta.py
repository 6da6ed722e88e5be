"""ImageMeta: the image a server boots from, as the scheduler needs it."""

from nova.objects import base
from nova.objects import fields


@base.NovaObjectRegistry.register
class ImageMeta(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.UUIDField(),
        'name': fields.StringField(nullable=True),
        'status': fields.StringField(nullable=True),
        'size': fields.IntegerField(nullable=True),
        'disk_format': fields.StringField(nullable=True),
        'container_format': fields.StringField(nullable=True),
        'min_ram': fields.NonNegativeIntegerField(default=0),
        'min_disk': fields.NonNegativeIntegerField(default=0),
        'properties': fields.DictOfNullableStringsField(default={}),
    }

    _CORE = ('id', 'name', 'status', 'size', 'disk_format',
             'container_format', 'min_ram', 'min_disk')

    @classmethod
    def from_image_dict(cls, image):
        """Build from a Glance v2 image document (extra keys become
        properties, as Glance v2 puts them at the top level)."""
        meta = cls()
        for key in cls._CORE:
            if image.get(key) is not None:
                setattr(meta, key, image[key])
        meta.min_ram = meta.min_ram if meta.obj_attr_is_set('min_ram') else 0
        meta.min_disk = (meta.min_disk if meta.obj_attr_is_set('min_disk')
                         else 0)
        skip = set(cls._CORE) | {
            'checksum', 'created_at', 'updated_at', 'file', 'self', 'schema',
            'tags', 'visibility', 'protected', 'owner', 'virtual_size',
            'os_hidden', 'os_hash_algo', 'os_hash_value', 'locations',
            'direct_url', 'properties'}
        meta.properties = {
            key: None if value is None else str(value)
            for key, value in image.items() if key not in skip}
        return meta
