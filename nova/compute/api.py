"""The compute front end the REST API calls: create, show, list, delete.

It runs in nova-api with direct access to the API database and, through
``target_cell``, to the cell databases. Building is handed to the
conductor; deleting a built instance to its compute host.
"""

import contextlib
import functools
import re
import threading

from oslo_log import log as logging
from oslo_utils import excutils
from oslo_utils import uuidutils

from nova import availability_zones
import nova.conf
from nova.compute import consoles
from nova.compute import disk_config as disk_config_api
from nova.compute import guest
from nova.compute import instance_actions
from nova.compute import instance_list
from nova.compute import locking
from nova.compute import metadata_limit
from nova.compute import moves
from nova.compute import power_state
from nova.compute import rpcapi as compute_rpcapi
from nova.compute import states
from nova.compute import vm_states
from nova.conductor import rpcapi as conductor_rpcapi
from nova import context as nova_context
from nova import exception
from nova.image import glance
from nova.network import neutron
from nova import objects
from nova import quota
from nova import rpc
from nova.scheduler.client import report
from nova.servicegroup import api as servicegroup_api
from nova import utils

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)

MULTI_NAME_TEMPLATE = '%(name)s-%(count)d'


def _has_address(instance, patterns):
    """Whether a fixed or floating address of ``instance`` matches
    ``patterns`` ({'ip': IPv4 regex, 'ip6': IPv6 regex})."""
    for vif in instance.info_cache or []:
        for subnet in (vif.get('network') or {}).get('subnets', []):
            for ip in subnet.get('ips', []):
                found = [(ip.get('version', 4), ip.get('address', ''))] + [
                    (f.get('version', 4), f.get('address', ''))
                    for f in ip.get('floating_ips', [])]
                for version, address in found:
                    key = 'ip6' if version == 6 else 'ip'
                    if key in patterns and re.search(patterns[key],
                                                     address):
                        return True
    return False


class CellCache(object):
    """Cell mappings, read once and re-read when asked for a cell that
    is not known yet."""

    def __init__(self):
        self._cells = None
        self._lock = threading.Lock()

    def all(self, context, refresh=False):
        with self._lock:
            if self._cells is None or refresh:
                self._cells = list(objects.CellMappingList.get_all(
                    nova_context.get_admin_context()))
            return list(self._cells)

    def reset(self):
        with self._lock:
            self._cells = None


CELLS = CellCache()


_CLIENTS = {}
_CLIENTS_LOCK = threading.Lock()


def _shared(factory):
    """A client built once per process and message transport (RPC clients
    are bound to the transport; a new transport gets new clients), shared
    by every API object: building them per request is measurable."""
    key = factory.__name__

    @functools.wraps(factory)
    def getter(self):
        transport = rpc.TRANSPORT
        with _CLIENTS_LOCK:
            cached = _CLIENTS.get(key)
            if cached is None or cached[0] is not transport:
                cached = (transport, factory(self))
                _CLIENTS[key] = cached
            return cached[1]
    return property(getter)


class API(guest.GuestAPI, moves.MoveAPI, consoles.ConsoleAPI):
    """Server operations for nova-api."""

    def __init__(self):
        self.image_api = glance.API()
        self.network_api = neutron.API()
        self.servicegroup_api = servicegroup_api.API()

    @_shared
    def compute_task_api(self):
        return conductor_rpcapi.ComputeTaskAPI()

    @_shared
    def compute_rpcapi(self):
        return compute_rpcapi.ComputeAPI()

    @_shared
    def report_client(self):
        return report.SchedulerReportClient()

    # -- create -----------------------------------------------------------

    def _get_flavor(self, context, flavor):
        if isinstance(flavor, objects.Flavor):
            return flavor
        return objects.Flavor.get_by_flavor_id(context, flavor)

    def _get_image(self, context, image_href):
        image = self.image_api.get(context, image_href)
        if image.get('status') != 'active':
            raise exception.ImageNotActive(image_id=image_href)
        return image

    @staticmethod
    def _check_flavor_fits_image(flavor, image):
        image_size = int(image.get('size') or 0)
        if flavor.root_gb and image_size > flavor.root_gb * 1024 ** 3:
            raise exception.FlavorDiskSmallerThanImage(
                flavor_size=flavor.root_gb * 1024 ** 3,
                image_size=image_size)
        min_disk = int(image.get('min_disk') or 0)
        if flavor.root_gb and min_disk > flavor.root_gb:
            raise exception.FlavorDiskSmallerThanImage(
                flavor_size=flavor.root_gb * 1024 ** 3,
                image_size=min_disk * 1024 ** 3)
        if int(image.get('min_ram') or 0) > flavor.memory_mb:
            raise exception.FlavorMemoryTooSmall()

    def create(self, context, flavor, image_href, name=None, min_count=1,
               max_count=1, metadata=None, requested_networks=None,
               description=None, key_name=None, availability_zone=None,
               user_data=None, access_ips=(None, None),
               return_reservation_id=False, tags=None, hostname=None,
               requested_host=None, requested_node=None,
               admin_password=None, scheduler_hints=None,
               disk_config=None, security_groups=None):
        """Accept a request for servers and hand it to the conductor.

        ``access_ips``: the user-given ``(IPv4, IPv6)`` access addresses
        (strings or None), shown as ``accessIPv4``/``accessIPv6``.
        ``tags``: strings (2.52); ``hostname``: the guest's hostname
        (2.90; else derived from the name); ``requested_host`` /
        ``requested_node``: where to build (2.74; ComputeHostNotFound
        when unknown); ``key_name``: one of the caller's key pairs
        (KeypairNotFound); ``admin_password``: handed to the driver;
        ``scheduler_hints``: ``os:scheduler_hints`` as given;
        ``availability_zone``: a zone with an enabled compute service
        (else InvalidRequest); ``disk_config``: ``AUTO``, ``MANUAL`` or
        None (``nova.compute.disk_config``); ``security_groups``: names
        or IDs of the caller's security groups (SecurityGroupNotFound,
        NoUniqueMatch when a name is several groups'). Returns
        ``(instances, reservation_id)``; the instances exist as build
        requests in the API database when this returns.
        """
        if hostname and max_count > 1:
            raise exception.InvalidRequest(
                'hostname cannot be given when creating several servers')
        self._check_requested_destination(context, requested_host,
                                          requested_node)
        if availability_zone:
            self._check_availability_zone(context, availability_zone)
        flavor = self._get_flavor(context, flavor)
        image = self._get_image(context, image_href)
        self._check_flavor_fits_image(flavor, image)
        auto_disk_config = disk_config_api.choose(image, disk_config)
        key_data = self._key_data(context, key_name)
        metadata_limit.check(context, context.project_id, metadata or {})
        group = self._server_group(context, scheduler_hints)
        max_count = max(max_count or min_count, min_count)
        requested_networks = objects.NetworkRequestList.from_api(
            requested_networks)
        self.network_api.validate_networks(context, requested_networks,
                                           max_count)
        self.network_api.validate_security_groups(context, security_groups)
        image_meta = objects.ImageMeta.from_image_dict(image)
        reservation_id = 'r-' + uuidutils.generate_uuid()[:8]
        build_requests, request_specs, instances = [], [], []
        placement = dict(
            # Only the default group: the network service's default.
            security_groups=(list(security_groups)
                             if set(security_groups or ()) - {'default'}
                             else None),
            availability_zone=availability_zone,
            scheduler_hints=scheduler_hints,
            force_hosts=[requested_host] if requested_host else None,
            force_nodes=[requested_node] if requested_node else None)
        # Counting what the project uses and creating the records is one
        # step for the project (nova.quota), so its quota holds exactly.
        with quota.claim_instances(context, flavor, min_count,
                                   max_count) as count:
            for index in range(count):
                instance = self._new_instance(
                    context, flavor, image, name, index, count, metadata,
                    description, key_name, availability_zone, user_data,
                    reservation_id, access_ips, sorted(set(tags or ())),
                    hostname)
                instance.key_data = key_data
                instance.auto_disk_config = auto_disk_config
                spec, build_request = self._create_build_records(
                    context, instance, image_meta, flavor, count, placement)
                build_requests.append(build_request)
                request_specs.append(spec)
                instances.append(instance)
            if group is not None:
                quota.check_group_members(context, group, count)
                objects.InstanceGroup.add_members(
                    context, group.uuid, [i.uuid for i in instances])
        self.compute_task_api.schedule_and_build_instances(
            context, build_requests, request_specs,
            requested_networks=requested_networks,
            admin_password=admin_password)
        return instances, reservation_id

    @staticmethod
    def _create_build_records(context, instance, image_meta, flavor, count,
                              placement):
        """The request spec, build request and instance mapping of a new
        ``instance`` (``placement``: the spec's placement arguments);
        returns ``(spec, build_request)``."""
        spec = objects.RequestSpec.from_components(
            context, instance.uuid, image_meta, flavor, count,
            context.project_id, context.user_id, **placement)
        spec.create()
        build_request = objects.BuildRequest(
            context=context, instance=instance, instance_uuid=instance.uuid,
            project_id=context.project_id, user_id=context.user_id,
            tags=list(instance.tags))
        build_request.create()
        objects.InstanceMapping(
            context=context, instance_uuid=instance.uuid, cell_mapping=None,
            project_id=context.project_id, user_id=context.user_id,
            queued_for_delete=False).create()
        return spec, build_request

    @staticmethod
    def _new_instance(context, flavor, image, name, index, count, metadata,
                      description, key_name, availability_zone, user_data,
                      reservation_id, access_ips, tags, hostname):
        display_name = name
        if count > 1 and name:
            display_name = MULTI_NAME_TEMPLATE % {'name': name,
                                                  'count': index + 1}
        system_metadata = guest.image_system_metadata(image)
        return objects.Instance(
            context=context, uuid=uuidutils.generate_uuid(),
            user_id=context.user_id, project_id=context.project_id,
            display_name=display_name, display_description=description,
            hostname=hostname or utils.sanitize_hostname(
                display_name or 'server'),
            image_ref=image['id'], flavor=flavor,
            instance_type_id=flavor.id, memory_mb=flavor.memory_mb,
            vcpus=flavor.vcpus, root_gb=flavor.root_gb,
            ephemeral_gb=flavor.ephemeral_gb,
            vm_state=states.INITIAL[0], task_state=states.INITIAL[1],
            power_state=power_state.NOSTATE, launch_index=index,
            reservation_id=reservation_id, metadata=dict(metadata or {}),
            system_metadata=system_metadata, key_name=key_name,
            availability_zone=availability_zone, user_data=user_data,
            progress=0, locked=False, config_drive='', host=None,
            node=None, launched_at=None, terminated_at=None,
            access_ip_v4=access_ips[0], access_ip_v6=access_ips[1],
            # Whole seconds: every database stores them the same way, so
            # the order of a listing never depends on where a row lives.
            created_at=utils.utcnow().replace(microsecond=0),
            updated_at=None, deleted=False,
            tags=list(tags), info_cache=[], root_device_name=None)

    @staticmethod
    def _server_group(context, scheduler_hints):
        """The server group the ``group`` hint names (None without one);
        InstanceGroupNotFound (400) when the caller's project has no such
        group."""
        group_uuid = (scheduler_hints or {}).get('group')
        if not group_uuid:
            return None
        group = objects.InstanceGroup.get_by_uuid(context, group_uuid)
        if not context.is_admin and group.project_id != context.project_id:
            raise exception.InstanceGroupNotFound(group_uuid=group_uuid)
        return group

    @staticmethod
    def _key_data(context, key_name):
        """The public key of the caller's key pair ``key_name`` (None for
        no key); KeypairNotFound (400) when the user has no such pair."""
        if key_name is None:
            return None
        return objects.KeyPair.get_by_name(context, context.user_id,
                                           key_name).public_key

    @staticmethod
    def _check_requested_destination(context, host, node):
        """ComputeHostNotFound unless ``host`` (and ``node``, on that host
        when both are given) name a known compute host and node."""
        if not host and not node:
            return
        admin = nova_context.get_admin_context()
        for cell in CELLS.all(admin):
            with nova_context.target_cell(admin, cell) as cctxt:
                for compute_node in objects.ComputeNodeList.get_all(cctxt):
                    if ((not host or compute_node.host == host) and
                            (not node or
                             compute_node.hypervisor_hostname == node)):
                        return
        raise exception.ComputeHostNotFound(host=node or host)

    # -- read -------------------------------------------------------------

    def _lookup(self, context, instance_id, expected_attrs=None):
        """``(cell_mapping or None, instance)`` of ``instance_id``."""
        if not uuidutils.is_uuid_like(instance_id):
            raise exception.InstanceNotFound(instance_id=instance_id)
        for _attempt in range(2):
            try:
                mapping = objects.InstanceMapping.get_by_instance_uuid(
                    context, instance_id)
            except exception.InstanceMappingNotFound:
                raise exception.InstanceNotFound(instance_id=instance_id)
            if mapping.cell_mapping is None:
                try:
                    return None, objects.BuildRequest.get_by_instance_uuid(
                        context, instance_id).instance
                except exception.BuildRequestNotFound:
                    # Scheduled meanwhile: the mapping now names a cell.
                    continue
            with nova_context.target_cell(context,
                                          mapping.cell_mapping) as cctxt:
                return mapping.cell_mapping, objects.Instance.get_by_uuid(
                    cctxt, instance_id, expected_attrs=expected_attrs)
        raise exception.InstanceNotFound(instance_id=instance_id)

    def get(self, context, instance_id, expected_attrs=None):
        """The instance, or InstanceNotFound (also for other projects'
        instances unless the context is admin)."""
        _cell, instance = self._lookup(context, instance_id, expected_attrs)
        if not context.is_admin and instance.project_id != context.project_id:
            raise exception.InstanceNotFound(instance_id=instance_id)
        return instance

    def get_all(self, context, search_opts=None, limit=None, marker=None,
                sort_keys=None, sort_dirs=None, expected_attrs=None):
        """Instances from the build requests and every cell, merged in
        sort order; ``marker`` is the UUID of the last one seen."""
        filters = self._db_filters(context, search_opts or {})
        if filters is None:
            return objects.InstanceList(context, objects=[])
        addresses = {key: filters.pop(key) for key in ('ip', 'ip6')
                     if key in filters}
        marker_instance = None
        if marker is not None:
            # A deleted server still marks where the last page ended.
            lookup_ctxt = context.elevated(read_deleted='yes')
            try:
                _cell, marker_instance = self._lookup(lookup_ctxt, marker)
            except exception.InstanceNotFound:
                raise exception.MarkerNotFound(marker=marker)
        instances = instance_list.get_instances_sorted(
            context, CELLS.all(context), filters, limit,
            marker_instance, sort_keys, sort_dirs, expected_attrs)
        if addresses:
            instances = objects.InstanceList(context, objects=[
                i for i in instances if _has_address(i, addresses)])
        return instances

    _RENAMED_FILTERS = {'name': 'display_name', 'status': 'vm_state',
                        'image': 'image_ref'}

    def _db_filters(self, context, search_opts):
        """Translate API search options to instance fields; None when
        the filter can match nothing (an unknown flavor)."""
        filters = {}
        for key, value in search_opts.items():
            filters[self._RENAMED_FILTERS.get(key, key)] = value
        if 'power_state' in filters:
            try:
                filters['power_state'] = int(filters['power_state'])
            except ValueError:
                raise exception.InvalidRequest(
                    'power_state must be an integer')
        if 'flavor' in filters:
            try:
                flavor = objects.Flavor.get_by_flavor_id(
                    context, filters.pop('flavor'))
            except exception.FlavorNotFound:
                return None
            filters['instance_type_id'] = flavor.id
        return filters

    # -- delete -----------------------------------------------------------

    def delete(self, context, instance):
        """Delete ``instance`` wherever it is in its life; a locked one
        only for admins (InstanceIsLocked). With ``reclaim_instance_interval``
        a server on a live host is only soft-deleted (SOFT_DELETED, its
        guest stopped) until its host reclaims it."""
        locking.check(context, instance)
        if CONF.reclaim_instance_interval > 0 and self._soft_deletable(
                context, instance):
            self.power_action(context, instance, 'soft_delete')
            return
        self._hard_delete(context, instance, instance_actions.DELETE)

    def _soft_deletable(self, context, instance):
        mapping = objects.InstanceMapping.get_by_instance_uuid(
            context, instance.uuid)
        if mapping.cell_mapping is None:
            return False
        with nova_context.target_cell(context, mapping.cell_mapping) as cctxt:
            instance = objects.Instance.get_by_uuid(cctxt, instance.uuid)
            return (bool(instance.host) and instance.task_state is None and
                    instance.vm_state in states.TRANSITIONS['soft_delete'][0]
                    and self._host_is_up(cctxt, instance.host))

    def _hard_delete(self, context, instance, action):
        mapping = objects.InstanceMapping.get_by_instance_uuid(
            context, instance.uuid)
        mapping.queued_for_delete = True
        mapping.save()
        if mapping.cell_mapping is None:
            if self._delete_build_request(context, instance):
                return
            mapping = objects.InstanceMapping.get_by_instance_uuid(
                context, instance.uuid)
        with nova_context.target_cell(context, mapping.cell_mapping) as cctxt:
            instance = objects.Instance.get_by_uuid(
                cctxt, instance.uuid, expected_attrs=['system_metadata'])
            instance_actions.record(cctxt, instance.uuid, action)
            self._delete_shelved_image(context, instance)
            self._confirm_before_delete(cctxt, instance)
            if instance.host and self._host_is_up(cctxt, instance.host):
                instance.task_state = states.check(instance, 'delete')
                instance.save()
                self.compute_rpcapi.terminate_instance(cctxt, instance)
                return
            self._local_delete(cctxt, instance)

    def restore(self, context, instance):
        """Bring a SOFT_DELETED server back (ACTIVE)."""
        self.power_action(context, instance, 'restore')

    def force_delete(self, context, instance):
        """Delete ``instance`` now, also a SOFT_DELETED one waiting to be
        reclaimed."""
        locking.check(context, instance)
        self._hard_delete(context, instance, instance_actions.FORCE_DELETE)

    def _delete_shelved_image(self, context, instance):
        """A shelved server's saved image goes with it."""
        image_id = instance.system_metadata.get('shelved_image_id')
        if instance.vm_state not in (vm_states.SHELVED,
                                     vm_states.SHELVED_OFFLOADED) or \
                not image_id:
            return
        try:
            self.image_api.delete(context, image_id)
        except exception.ImageNotFound:
            pass
        except Exception:
            LOG.exception('Could not delete image %s of shelved instance '
                          '%s', image_id, instance.uuid)

    def _delete_build_request(self, context, instance):
        """Delete a not yet scheduled instance; False if it got scheduled
        while we looked (then it must be deleted from its cell)."""
        try:
            objects.BuildRequest.get_by_instance_uuid(
                context, instance.uuid).destroy()
        except exception.BuildRequestNotFound:
            mapping = objects.InstanceMapping.get_by_instance_uuid(
                context, instance.uuid)
            if mapping.cell_mapping is not None:
                return False
        # The scheduler may already have claimed; the conductor releases
        # it when it finds the build request gone, and so do we.
        self.report_client.delete_allocation_for_instance(
            context, instance.uuid)
        return True

    def _host_is_up(self, context, host):
        try:
            service = objects.Service.get_by_compute_host(context, host)
        except exception.ComputeHostNotFound:
            return False
        return self.servicegroup_api.service_is_up(service)

    def _local_delete(self, context, instance):
        """Delete without the compute host (never scheduled, in cell0, or
        its host is down)."""
        LOG.info('Deleting instance %s locally', instance.uuid)
        try:
            self.network_api.deallocate_for_instance(context, instance)
        except Exception:
            LOG.exception('Could not release the ports of instance %s',
                          instance.uuid)
        instance.destroy()
        self.report_client.delete_allocation_for_instance(
            context, instance.uuid)

    def update_instance(self, context, instance, changes):
        """Write ``changes`` (instance field -> value: display_name,
        display_description, access_ip_v4, access_ip_v6) to the instance,
        in its build request while it is not scheduled, else in its cell.
        """
        mapping = objects.InstanceMapping.get_by_instance_uuid(
            context, instance.uuid)
        if mapping.cell_mapping is None:
            try:
                build_request = objects.BuildRequest.get_by_instance_uuid(
                    context, instance.uuid)
                for field, value in changes.items():
                    setattr(build_request.instance, field, value)
                build_request.save()
            except exception.BuildRequestNotFound:
                pass
            # Scheduled meanwhile: the cell's copy needs the change too.
            mapping = objects.InstanceMapping.get_by_instance_uuid(
                context, instance.uuid)
            if mapping.cell_mapping is None:
                return
        with nova_context.target_cell(context, mapping.cell_mapping) as cctxt:
            instance = objects.Instance.get_by_uuid(cctxt, instance.uuid)
            for field, value in changes.items():
                setattr(instance, field, value)
            instance.save()

    # -- power operations ---------------------------------------------------

    @contextlib.contextmanager
    def _task(self, context, instance, operation, check_lock=True,
              expected_attrs=None):
        """Move ``instance`` into ``operation``'s task_state in its cell
        and yield ``(cell context, instance)`` to start the work; an
        exception from the body puts the task_state back.

        Raises InstanceInvalidState (409) when the vm_state does not allow
        ``operation`` or another task is in progress, InstanceIsLocked
        (409) for a non-admin on a locked server (with ``check_lock``),
        and InstanceNotFound when the instance is gone. A server still
        being scheduled is in BUILD, which no such operation starts from.
        """
        mapping = objects.InstanceMapping.get_by_instance_uuid(
            context, instance.uuid)
        if mapping.cell_mapping is None:
            states.check_idle(instance, operation)
            raise exception.InstanceNotReady(instance_id=instance.uuid)
        with nova_context.target_cell(context, mapping.cell_mapping) as cctxt:
            instance = objects.Instance.get_by_uuid(
                cctxt, instance.uuid, expected_attrs=expected_attrs)
            if check_lock:
                locking.check(context, instance)
            instance.task_state = states.check_idle(instance, operation)
            try:
                instance.save(expected_task_state=[None])
            except exception.UnexpectedTaskStateError:
                # Another request started a task since we read it.
                raise exception.InstanceInvalidState(
                    instance_uuid=instance.uuid, attr='task_state',
                    state='busy', method=operation)
            instance_actions.record(cctxt, instance.uuid,
                                    instance_actions.BY_OPERATION[operation])
            try:
                yield cctxt, instance
            except Exception:
                with excutils.save_and_reraise_exception():
                    states.cancel(instance, operation)

    # operation -> the compute RPC method doing it
    _POWER_RPC = {'stop': 'stop_instance', 'start': 'start_instance',
                  'reboot_soft': 'reboot_instance',
                  'reboot_hard': 'reboot_instance',
                  'pause': 'pause_instance', 'unpause': 'unpause_instance',
                  'suspend': 'suspend_instance',
                  'resume': 'resume_instance',
                  'soft_delete': 'soft_delete_instance',
                  'restore': 'restore_instance'}

    def power_action(self, context, instance, operation):
        """Start ``operation`` (``stop``, ``start``, ``reboot_soft``,
        ``reboot_hard``, ``pause``, ``unpause``, ``suspend``, ``resume``)
        on ``instance``; its host finishes it (asynchronously). Raises as
        ``_task`` does."""
        with self._task(context, instance, operation) as (cctxt, instance):
            rpc_method = getattr(self.compute_rpcapi,
                                 self._POWER_RPC[operation])
            if operation.startswith('reboot'):
                rpc_method(cctxt, instance, reboot_type=(
                    'HARD' if operation == 'reboot_hard' else 'SOFT'))
            else:
                rpc_method(cctxt, instance)

    @staticmethod
    def _check_availability_zone(context, availability_zone):
        """InvalidRequest unless an enabled compute service is in the
        zone (``nova.availability_zones``)."""
        # NOTE: Nova also accepts the zone of the internal services here,
        # where no server can be placed; we refuse it up front.
        zones = availability_zones.available_compute_zones(
            nova_context.get_admin_context(), HostAPI())
        if availability_zone not in zones:
            raise exception.InvalidRequest(
                'The requested availability zone is not available')

    # -- events from other services ------------------------------------------

    def external_instance_event(self, context, instances, events):
        """Send ``events`` (InstanceExternalEvent) to the compute hosts of
        ``instances`` (each with a host), one cast per cell and host."""
        by_uuid = {instance.uuid: instance for instance in instances}
        groups = {}
        for event in events:
            instance = by_uuid[event.instance_uuid]
            mapping = objects.InstanceMapping.get_by_instance_uuid(
                context, instance.uuid)
            key = (mapping.cell_mapping.uuid, instance.host)
            group = groups.setdefault(key, (mapping.cell_mapping, {}, []))
            group[1][instance.uuid] = instance
            group[2].append(event)
        for cell, group_instances, group_events in groups.values():
            with nova_context.target_cell(context, cell) as cctxt:
                self.compute_rpcapi.external_instance_event(
                    cctxt, list(group_instances.values()), group_events)


class HostAPI(object):
    """Services and hypervisors across cells, for the admin API."""

    def __init__(self):
        self.servicegroup_api = servicegroup_api.API()

    def _in_cells(self, context, fetch):
        results = []
        for cell in CELLS.all(context):
            if cell.is_cell0():
                continue
            with nova_context.target_cell(context, cell) as cctxt:
                results.extend(fetch(cctxt))
        return results

    def service_get_all(self, context, filters=None, set_zones=False):
        """The services of every cell (``filters``: ``binary``, ``host``);
        with ``set_zones`` each carries its real ``availability_zone``."""
        filters = filters or {}
        services = self._in_cells(context, lambda c: objects.ServiceList.
                                  get_all(c, binary=filters.get('binary'),
                                          host=filters.get('host')))
        if set_zones:
            availability_zones.set_availability_zones(context, services)
        return services

    def service_is_up(self, service):
        return self.servicegroup_api.service_is_up(service)

    def service_get_by_compute_host(self, context, host):
        mapping = objects.HostMapping.get_by_host(context, host)
        with nova_context.target_cell(context,
                                      mapping.cell_mapping) as cctxt:
            return objects.Service.get_by_compute_host(cctxt, host)

    def compute_node_get_all(self, context, limit=None, marker=None):
        nodes = self._in_cells(context, objects.ComputeNodeList.get_all)
        if marker is not None:
            ids = [n.uuid for n in nodes]
            if marker not in ids:
                raise exception.MarkerNotFound(marker=marker)
            nodes = nodes[ids.index(marker) + 1:]
        return nodes[:limit] if limit is not None else nodes
