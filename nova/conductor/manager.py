"""The conductor's RPC endpoints. Each method dispatches to a flow module
(``nova.conductor.tasks``) or, for object indirection, runs the object
method here, where the database is."""

import copy

from oslo_log import log as logging
import oslo_messaging as messaging

from nova.conductor.tasks import build as build_tasks
from nova.conductor.tasks import migrate as migrate_tasks
from nova.conductor.tasks import unshelve as unshelve_tasks
import nova.conf
from nova import context as nova_context
from nova import exception
from nova import manager
from nova.objects import base as objects_base

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)


class ConductorManager(manager.Manager):
    """Object indirection for services without database access."""

    target = messaging.Target(version='1.0')

    def __init__(self, *args, **kwargs):
        super().__init__(service_name='conductor', *args, **kwargs)
        self.compute_task_mgr = ComputeTaskManager()
        self.additional_endpoints = [self.compute_task_mgr]

    def post_start_hook(self):
        self._fail_stale_build_requests(nova_context.get_admin_context())

    # NOTE: the spacing is read when this module is imported, which the
    # service commands do after parsing the configuration.
    @manager.periodic_task_decorator(
        spacing=CONF.conductor.build_request_check_interval,
        run_immediately=False)
    def _fail_stale_build_requests(self, context):
        """Builds that never reached a cell end in ERROR, not BUILD."""
        timeout = CONF.conductor.build_request_timeout
        if timeout <= 0:
            return
        try:
            self.compute_task_mgr.builder.fail_stale_build_requests(
                context, timeout)
        except Exception:
            LOG.exception('Checking for stale build requests failed')

    @messaging.expected_exceptions(exception.NovaException)
    def object_class_action_versions(self, context, objname, objmethod,
                                     object_versions, args, kwargs):
        objclass = objects_base.NovaObject.obj_class_from_name(
            objname, object_versions[objname])
        args = tuple([context] + list(args))
        result = getattr(objclass, objmethod)(*args, **kwargs)
        # Answer in the version the caller asked for.
        if isinstance(result, objects_base.NovaObject):
            return result.obj_to_primitive(
                target_version=object_versions[objname],
                version_manifest=object_versions)
        return result

    @messaging.expected_exceptions(exception.NovaException)
    def object_action(self, context, objinst, objmethod, args, kwargs):
        """Run ``objmethod`` on ``objinst`` and report what changed."""
        oldobj = objinst.obj_clone()
        result = getattr(objinst, objmethod)(*args, **kwargs)
        updates = {}
        for name, field in objinst.fields.items():
            if not objinst.obj_attr_is_set(name):
                continue
            if (not oldobj.obj_attr_is_set(name) or
                    getattr(oldobj, name) != getattr(objinst, name)):
                updates[name] = field.to_primitive(objinst, name,
                                                   getattr(objinst, name))
        updates['obj_what_changed'] = objinst.obj_what_changed()
        return updates, result

    @messaging.expected_exceptions(exception.NovaException)
    def object_backport_versions(self, context, objinst, object_versions):
        target = object_versions[objinst.obj_name()]
        LOG.debug('Backporting %s to %s', objinst.obj_name(), target)
        return objinst.obj_to_primitive(target_version=target,
                                        version_manifest=object_versions)


class ComputeTaskManager(object):
    """Workflows: placing and building servers."""

    target = messaging.Target(namespace='compute_task', version='1.5')

    def __init__(self):
        self.builder = build_tasks.BuildTask()
        self.unshelver = unshelve_tasks.UnshelveTask()
        self.migrator = migrate_tasks.MigrateTask()

    def schedule_and_build_instances(self, context, build_requests,
                                     request_specs, requested_networks=None,
                                     admin_password=None):
        self.builder.schedule_and_build(
            context, build_requests, request_specs, requested_networks,
            admin_password)

    def build_instances(self, context, instance, request_spec, host_list,
                        requested_networks=None, admin_password=None):
        self.builder.reschedule(context, instance, request_spec,
                                copy.copy(host_list), requested_networks,
                                admin_password)

    def unshelve_instance(self, context, instance, request_spec):
        self.unshelver.unshelve_instance(context, instance, request_spec)

    @messaging.expected_exceptions(exception.NoValidHost)
    def migrate_server(self, context, instance, flavor, request_spec,
                       host=None):
        self.migrator.migrate_server(context, instance, flavor,
                                     request_spec, host)

    def live_migrate_instance(self, context, instance, request_spec,
                              host=None):
        self.migrator.live_migrate_instance(context, instance, request_spec,
                                            host)

    def evacuate_instance(self, context, instance, request_spec, host,
                          admin_password, stop):
        self.migrator.evacuate_instance(context, instance, request_spec,
                                        host, admin_password, stop)
