"""Client side of the conductor's two RPC APIs.

``ConductorAPI`` (default namespace) is the object indirection API: it runs
remotable object methods for services that have no database access.

``ComputeTaskAPI`` (namespace ``compute_task``) starts workflows.

API version history (ConductorAPI):

    * 1.0 - Initial version: object_class_action_versions, object_action,
            object_backport_versions.

API version history (ComputeTaskAPI):

    * 1.0 - Initial version: schedule_and_build_instances,
            build_instances (reschedule from a compute host).
    * 1.1 - Add unshelve_instance.
    * 1.2 - Add migrate_server.
    * 1.3 - Add live_migrate_instance.
    * 1.4 - Add evacuate_instance.
    * 1.5 - schedule_and_build_instances and build_instances take
            admin_password.
"""

import oslo_messaging as messaging

import nova.conf
from nova import exception
from nova.objects import base as objects_base
from nova import rpc

CONF = nova.conf.CONF

RPC_TOPIC = 'conductor'

# Release name -> highest version that release understands; used to cap
# clients during a rolling upgrade.
CONDUCTOR_VERSION_ALIASES = {'epoxy-lite': '1.0'}
COMPUTE_TASK_VERSION_ALIASES = {'epoxy-lite': '1.0'}


class ConductorAPI(object):
    """Object indirection: run object methods in the conductor."""

    VERSION = '1.0'

    def __init__(self):
        target = messaging.Target(topic=RPC_TOPIC, version='1.0')
        self.client = rpc.get_client(
            target, serializer=rpc.RequestContextSerializer(
                objects_base.NovaObjectSerializer()))

    def object_class_action_versions(self, context, objname, objmethod,
                                     object_versions, args, kwargs):
        cctxt = self.client.prepare()
        return cctxt.call(context, 'object_class_action_versions',
                          objname=objname, objmethod=objmethod,
                          object_versions=object_versions,
                          args=args, kwargs=kwargs)

    def object_action(self, context, objinst, objmethod, args, kwargs):
        cctxt = self.client.prepare()
        return cctxt.call(context, 'object_action', objinst=objinst,
                          objmethod=objmethod, args=args, kwargs=kwargs)

    def object_backport_versions(self, context, objinst, object_versions):
        cctxt = self.client.prepare()
        return cctxt.call(context, 'object_backport_versions',
                          objinst=objinst, object_versions=object_versions)


class ComputeTaskAPI(object):
    """Start multi-step workflows in the conductor."""

    VERSION = '1.5'

    def __init__(self):
        target = messaging.Target(topic=RPC_TOPIC, namespace='compute_task',
                                  version='1.0')
        level = CONF.upgrade_levels.conductor
        self.client = rpc.get_client(
            target, version_cap=COMPUTE_TASK_VERSION_ALIASES.get(level,
                                                                 level))

    def _build_client(self, admin_password, kwargs):
        """A client for the build casts; ``admin_password`` goes along
        from 1.5 on (an older conductor builds without it)."""
        if self.client.can_send_version('1.5'):
            kwargs['admin_password'] = admin_password
            return self.client.prepare(version='1.5')
        return self.client.prepare(version='1.0')

    def schedule_and_build_instances(self, context, build_requests,
                                     request_specs, requested_networks=None,
                                     admin_password=None):
        kwargs = {}
        cctxt = self._build_client(admin_password, kwargs)
        cctxt.cast(context, 'schedule_and_build_instances',
                   build_requests=build_requests,
                   request_specs=request_specs,
                   requested_networks=requested_networks, **kwargs)

    def build_instances(self, context, instance, request_spec, host_list,
                        requested_networks=None, admin_password=None):
        """Reschedule ``instance`` onto the next of ``host_list``."""
        kwargs = {}
        cctxt = self._build_client(admin_password, kwargs)
        cctxt.cast(context, 'build_instances', instance=instance,
                   request_spec=request_spec, host_list=host_list,
                   requested_networks=requested_networks, **kwargs)

    def unshelve_instance(self, context, instance, request_spec):
        """Place a SHELVED_OFFLOADED ``instance`` (in ``unshelving``) as
        ``request_spec`` asks and spawn it there (1.1)."""
        if not self.client.can_send_version('1.1'):
            raise exception.ConductorTooOld(method='unshelve', version='1.1')
        cctxt = self.client.prepare(version='1.1')
        cctxt.cast(context, 'unshelve_instance', instance=instance,
                   request_spec=request_spec)

    def migrate_server(self, context, instance, flavor, request_spec,
                       host=None):
        """Start a resize to ``flavor`` (the instance's own: a cold
        migration) onto ``host`` (None: the scheduler's choice); returns
        once the destination is claimed and the source told to move.
        Raises NoValidHost (1.2)."""
        if not self.client.can_send_version('1.2'):
            raise exception.ConductorTooOld(method='migrate', version='1.2')
        cctxt = self.client.prepare(version='1.2')
        return cctxt.call(context, 'migrate_server', instance=instance,
                          flavor=flavor, request_spec=request_spec,
                          host=host)

    def live_migrate_instance(self, context, instance, request_spec,
                              host=None):
        """Start a live migration of ``instance`` (in ``migrating``) to
        ``host`` (None: the scheduler's choice); failures end up on the
        migration and the instance, not here (1.3)."""
        if not self.client.can_send_version('1.3'):
            raise exception.ConductorTooOld(method='os-migrateLive',
                                            version='1.3')
        cctxt = self.client.prepare(version='1.3')
        cctxt.cast(context, 'live_migrate_instance', instance=instance,
                   request_spec=request_spec, host=host)

    def evacuate_instance(self, context, instance, request_spec, host,
                          admin_password, stop):
        """Rebuild ``instance`` (in ``rebuilding``), whose host is down,
        on ``host`` (None: the scheduler's choice); ``stop``: leave it
        stopped there (1.4)."""
        if not self.client.can_send_version('1.4'):
            raise exception.ConductorTooOld(method='evacuate',
                                            version='1.4')
        cctxt = self.client.prepare(version='1.4')
        cctxt.cast(context, 'evacuate_instance', instance=instance,
                   request_spec=request_spec, host=host,
                   admin_password=admin_password, stop=stop)
