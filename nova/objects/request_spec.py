"""RequestSpec: what the scheduler needs to place one request."""

from oslo_serialization import jsonutils
from oslo_utils import versionutils
import sqlalchemy as sa

from nova.db.api import api as api_db_api
from nova.db.api import models as api_models
from nova import exception
from nova.objects import base
from nova.objects import fields


@api_db_api.context_manager.reader
def _get_by_instance_uuid_from_db(context, instance_uuid):
    db_spec = context.session.execute(sa.select(api_models.RequestSpec).where(
        api_models.RequestSpec.instance_uuid == instance_uuid)
    ).scalars().first()
    if db_spec is None:
        raise exception.RequestSpecNotFound(instance_uuid=instance_uuid)
    return db_spec.id, db_spec.spec


@api_db_api.context_manager.reader
def _get_specs_from_db(context, instance_uuids):
    return context.session.execute(sa.select(
        api_models.RequestSpec.instance_uuid, api_models.RequestSpec.spec
    ).where(api_models.RequestSpec.instance_uuid.in_(instance_uuids))).all()


@api_db_api.context_manager.writer
def _create_in_db(context, instance_uuid, spec):
    db_spec = api_models.RequestSpec(instance_uuid=instance_uuid, spec=spec)
    context.session.add(db_spec)
    context.session.flush()
    return db_spec.id


@api_db_api.context_manager.writer
def _save_in_db(context, instance_uuid, spec):
    context.session.execute(sa.update(api_models.RequestSpec).where(
        api_models.RequestSpec.instance_uuid == instance_uuid).values(
        spec=spec))


@api_db_api.context_manager.writer
def _destroy_in_db(context, instance_uuid):
    context.session.execute(sa.delete(api_models.RequestSpec).where(
        api_models.RequestSpec.instance_uuid == instance_uuid))


@base.NovaObjectRegistry.register
class RequestSpec(base.NovaObject):
    # Version 1.0: Initial version
    # Version 1.1: Flavor 1.1
    # Version 1.2: security_groups
    VERSION = '1.2'

    fields = {
        'id': fields.IntegerField(),
        'instance_uuid': fields.UUIDField(),
        'project_id': fields.StringField(nullable=True),
        'user_id': fields.StringField(nullable=True),
        'image': fields.ObjectField('ImageMeta', nullable=True),
        'flavor': fields.ObjectField('Flavor'),
        'num_instances': fields.IntegerField(default=1),
        'availability_zone': fields.StringField(nullable=True),
        'ignore_hosts': fields.ListOfStringsField(nullable=True),
        'force_hosts': fields.ListOfStringsField(nullable=True),
        'force_nodes': fields.ListOfStringsField(nullable=True),
        'scheduler_hints': fields.JSONField(nullable=True),
        'is_bfv': fields.BooleanField(default=False),
        # The security groups (names or IDs) the request asked the new
        # ports to be in; None: the network service's default.
        'security_groups': fields.ListOfStringsField(nullable=True),
    }

    def obj_make_compatible(self, primitive, target_version):
        super().obj_make_compatible(primitive, target_version)
        if versionutils.convert_version_to_tuple(target_version) < (1, 2):
            primitive.pop('security_groups', None)

    def requested_security_groups(self):
        """The security groups new ports go in (None: the default)."""
        if not self.obj_attr_is_set('security_groups'):
            return None
        return self.security_groups

    @property
    def vcpus(self):
        return self.flavor.vcpus

    @property
    def memory_mb(self):
        return self.flavor.memory_mb

    @property
    def root_gb(self):
        return self.flavor.root_gb

    @property
    def ephemeral_gb(self):
        return self.flavor.ephemeral_gb

    def resources(self):
        """The placement resources one instance of this spec needs."""
        flavor = self.flavor
        disk = 0 if self.is_bfv else flavor.root_gb
        disk += flavor.ephemeral_gb + (flavor.swap + 1023) // 1024
        resources = {'VCPU': flavor.vcpus, 'MEMORY_MB': flavor.memory_mb}
        if disk:
            resources['DISK_GB'] = disk
        return resources

    @classmethod
    def from_components(cls, context, instance_uuid, image, flavor,
                        num_instances, project_id, user_id,
                        availability_zone=None, scheduler_hints=None,
                        force_hosts=None, force_nodes=None,
                        security_groups=None):
        """A new spec; ``force_hosts``/``force_nodes``: lists of the
        only hosts/nodes the scheduler may pick (None: any);
        ``scheduler_hints``: the request's hints (``os:scheduler_hints``),
        each value kept as a list, as Nova keeps them; ``security_groups``:
        the names or IDs of the groups a request asked for besides the
        project's ``default`` (None: only that)."""
        scheduler_hints = {
            key: value if isinstance(value, list) else [value]
            for key, value in (scheduler_hints or {}).items()}
        spec = cls(context=context, instance_uuid=instance_uuid,
                   image=image, flavor=flavor, num_instances=num_instances,
                   project_id=project_id, user_id=user_id,
                   availability_zone=availability_zone,
                   scheduler_hints=scheduler_hints,
                   ignore_hosts=None, force_hosts=force_hosts,
                   force_nodes=force_nodes, is_bfv=False,
                   security_groups=security_groups)
        return spec

    def _spec_json(self):
        prim = self.obj_to_primitive()
        prim['nova_object.data'].pop('id', None)
        return jsonutils.dumps(prim)

    @base.remotable_classmethod
    def get_by_instance_uuid(cls, context, instance_uuid):
        spec_id, spec = _get_by_instance_uuid_from_db(context, instance_uuid)
        obj = cls.obj_from_primitive(jsonutils.loads(spec), context=context)
        obj.id = spec_id
        obj.obj_reset_changes(recursive=True)
        return obj

    @classmethod
    def get_view_fields(cls, context, instance_uuids):
        """``{instance UUID: (scheduler hints, availability zone)}`` for
        those of ``instance_uuids`` that have a spec: the hints (each a
        list of strings) of the 2.100 server views and the zone the
        server was asked into, at create or unshelve (None: any), its
        ``pinned_availability_zone`` of 2.96. Read in one query (nova-api
        only)."""
        found = {}
        for instance_uuid, spec in _get_specs_from_db(context,
                                                      list(instance_uuids)):
            data = jsonutils.loads(spec)['nova_object.data']
            found[instance_uuid] = (data.get('scheduler_hints') or {},
                                    data.get('availability_zone'))
        return found

    @base.remotable
    def create(self):
        self.id = _create_in_db(self._context, self.instance_uuid,
                                self._spec_json())
        self.obj_reset_changes()

    @base.remotable
    def save(self):
        _save_in_db(self._context, self.instance_uuid, self._spec_json())
        self.obj_reset_changes()

    @base.remotable
    def destroy(self):
        _destroy_in_db(self._context, self.instance_uuid)
