"""Nova's versioned-object base classes.

Objects are what crosses RPC. A service that must not touch a database
(nova-compute) routes every remotable method through the conductor: the
``indirection_api`` is chosen per thread, so in the all-in-one process
compute threads go through the conductor while the conductor's and the
API's threads use the database directly.
"""

import datetime
import threading

from oslo_utils import versionutils
from oslo_versionedobjects import base as ovoo_base
from oslo_versionedobjects import exception as ovoo_exc

from nova import exception
from nova.objects import fields as obj_fields
from nova import utils


# -- per-thread service role --------------------------------------------------

class _ThreadRole(threading.local):
    indirection_api = None
    binary = None


_THREAD_ROLE = _ThreadRole()
# Used by threads that never declared a role; a dedicated nova-compute
# process sets it once at start.
_PROCESS_INDIRECTION = {'api': None}


def set_thread_role(role):
    """Adopt ``role`` (``(indirection_api, binary)``) in this thread."""
    _THREAD_ROLE.indirection_api, _THREAD_ROLE.binary = role or (None, None)


def current_thread_role():
    return (_THREAD_ROLE.indirection_api, _THREAD_ROLE.binary)


def set_process_indirection_api(api):
    """Route every thread of this process through ``api`` by default."""
    _PROCESS_INDIRECTION['api'] = api


class _IndirectionDescriptor:
    """Resolves ``NovaObject.indirection_api`` for the calling thread."""

    def __get__(self, obj, objtype=None):
        return (_THREAD_ROLE.indirection_api
                or _PROCESS_INDIRECTION['api'])


class NovaObjectRegistry(ovoo_base.VersionedObjectRegistry):
    notification_classes = []

    def registration_hook(self, cls, index):
        # Expose the newest version of each class as nova.objects.<Name>.
        from nova import objects
        version = versionutils.convert_version_to_tuple(cls.VERSION)
        if not hasattr(objects, cls.obj_name()):
            setattr(objects, cls.obj_name(), cls)
        else:
            cur = versionutils.convert_version_to_tuple(
                getattr(objects, cls.obj_name()).VERSION)
            if version >= cur:
                setattr(objects, cls.obj_name(), cls)


remotable = ovoo_base.remotable


def remotable_classmethod(fn):
    """A classmethod that runs in the conductor when indirected."""
    return classmethod(ovoo_base.remotable(fn))


obj_make_list = ovoo_base.obj_make_list
NovaObjectDictCompat = ovoo_base.VersionedObjectDictCompat
NovaTimestampObject = ovoo_base.TimestampedObject


class NovaObject(ovoo_base.VersionedObject):
    """Base class and object factory for Nova's objects."""

    OBJ_SERIAL_NAMESPACE = 'nova_object'
    OBJ_PROJECT_NAMESPACE = 'nova'

    indirection_api = _IndirectionDescriptor()

    def obj_reset_changes(self, fields=None, recursive=False):
        super().obj_reset_changes(fields, recursive=recursive)

    @staticmethod
    def should_migrate_data():
        return False


class NovaPersistentObject(object):
    """Mixin with the timestamp and soft-delete fields of cell DB rows."""

    fields = {
        'created_at': obj_fields.DateTimeField(nullable=True),
        'updated_at': obj_fields.DateTimeField(nullable=True),
        'deleted_at': obj_fields.DateTimeField(nullable=True),
        'deleted': obj_fields.BooleanField(default=False),
    }


class ObjectListBase(ovoo_base.ObjectListBase):
    @classmethod
    def _obj_primitive_key(cls, field):
        return 'nova_object.%s' % field

    @classmethod
    def _obj_primitive_field(cls, primitive, field,
                             default=obj_fields.UnspecifiedDefault):
        key = cls._obj_primitive_key(field)
        if default == obj_fields.UnspecifiedDefault:
            return primitive[key]
        return primitive.get(key, default)


class NovaObjectSerializer(ovoo_base.VersionedObjectSerializer):
    """Serializes Nova objects over RPC; backports through the conductor
    when this service receives an object newer than it knows."""

    OBJ_BASE_CLASS = NovaObject

    @property
    def conductor(self):
        if not hasattr(self, '_conductor'):
            from nova.conductor import rpcapi as conductor_rpcapi
            self._conductor = conductor_rpcapi.ConductorAPI()
        return self._conductor

    def _process_object(self, context, objprim):
        try:
            return self.OBJ_BASE_CLASS.obj_from_primitive(
                objprim, context=context)
        except ovoo_exc.IncompatibleObjectVersion:
            objver = objprim['nova_object.version']
            if objver.count('.') == 2:
                objprim['nova_object.version'] = '.'.join(
                    objver.split('.')[:2])
                return self._process_object(context, objprim)
            objname = objprim['nova_object.name']
            version_manifest = ovoo_base.obj_tree_get_versions(objname)
            if objname in version_manifest:
                return self.conductor.object_backport_versions(
                    context, objprim, version_manifest)
            raise exception.IncompatibleObjectVersion(
                objname=objname, objver=objver)


# Where oslo.versionedobjects keeps a field's value on the object; a unit
# test checks this still holds.
_ATTR_PREFIX = '_obj_'


def load_trusted_fields(obj, values, plain, datetimes):
    """Set fields of ``obj`` from database ``values`` without coercion.

    Loading hundreds of rows spends most of its time coercing values the
    database already returned with the right type; this sets the stored
    attribute directly. Naive datetimes become UTC as coercion would.
    Only for values read from our own database.
    """
    for key in plain:
        object.__setattr__(obj, _ATTR_PREFIX + key, values[key])
    for key in datetimes:
        value = values[key]
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        object.__setattr__(obj, _ATTR_PREFIX + key, value)


def obj_to_primitive(obj):
    """Recursively turn an object (or list/dict of them) into primitives."""
    if isinstance(obj, ObjectListBase):
        return [obj_to_primitive(x) for x in obj]
    if isinstance(obj, NovaObject):
        result = {}
        for key in obj.obj_fields:
            if obj.obj_attr_is_set(key) or key in obj.obj_extra_fields:
                result[key] = obj_to_primitive(getattr(obj, key))
        return result
    return obj


def obj_equal_prims(obj_1, obj_2, ignore=None):
    """Compare two objects by their primitives, optionally ignoring keys."""
    def _strip(prim, keys):
        if isinstance(prim, dict):
            for k in keys:
                prim.pop(k, None)
            for v in prim.values():
                _strip(v, keys)
        if isinstance(prim, list):
            for v in prim:
                _strip(v, keys)
        return prim

    keys = ['nova_object.changes'] + (ignore or [])
    return (_strip(obj_1.obj_to_primitive(), keys)
            == _strip(obj_2.obj_to_primitive(), keys))


__all__ = ['NovaObject', 'NovaObjectRegistry', 'NovaPersistentObject',
           'ObjectListBase', 'NovaObjectSerializer', 'remotable',
           'remotable_classmethod', 'obj_make_list', 'utils']
