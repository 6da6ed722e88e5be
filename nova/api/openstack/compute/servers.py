"""/servers: list, show, create and delete servers."""

import re

from oslo_utils import strutils
from oslo_utils import timeutils
import webob.exc

from nova.api.openstack import api_version_request as avr
from nova.api.openstack import common
from nova.api.openstack.compute.schemas import servers as schemas
from nova.api.openstack.compute.views import servers as views
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import api as compute_api
from nova.compute import disk_config
import nova.conf
from nova import exception
from nova.i18n import _
from nova.network import neutron
from nova import objects
from nova.policies import servers as policies
from nova import utils

CONF = nova.conf.CONF

SHOW_ATTRS = ['flavor', 'info_cache', 'metadata', 'system_metadata',
              'tags', 'fault']
LIST_ATTRS = ['flavor', 'info_cache', 'metadata', 'system_metadata',
              'tags']
# Query parameters passed to compute_api.get_all as they are: for
# everyone, for admins, and (2.83) for everyone too.
_PASSED_FILTERS = ('name', 'image', 'flavor', 'reservation_id', 'ip',
                   'ip6')
_ADMIN_FILTERS = ('host', 'node', 'uuid', 'hostname')
_FILTERS_V283 = ('availability_zone', 'key_name', 'user_id', 'vm_state',
                 'task_state', 'power_state', 'config_drive')


def server_response_schemas(wrap):
    """Declare ``wrap(server schema)`` for each server view version."""
    def decorator(func):
        for schema, low, high in schemas.SERVER_VERSIONS:
            func = validation.response_body_schema(
                wrap(schema), low, high)(func)
        return func
    return decorator


def view_options(req, instances, show=False):
    ctx = req.context
    opts = views.ServerViewOptions(
        extended_attrs=ctx.can(policies.EXTENDED_ATTRIBUTES, fatal=False),
        flavor_extra_specs=ctx.can(policies.SHOW_FLAVOR_EXTRA_SPECS,
                                   fatal=False))
    if avr.allow_host_status(req) and ctx.can(policies.SHOW_HOST_STATUS,
                                              fatal=False):
        opts.host_status = _host_statuses(ctx, instances)
    if show:
        opts.server_groups = _server_groups(ctx, instances)
    if avr.allow_pinned_az(req):
        fields = objects.RequestSpec.get_view_fields(
            ctx, [i.uuid for i in instances])
        opts.pinned_azs = {uuid: az for uuid, (_hints, az) in fields.items()}
        if avr.allow_scheduler_hints_in_view(req):
            opts.scheduler_hints = {
                uuid: hints for uuid, (hints, _az) in fields.items()}
    # The security groups of servers with ports, from the network service.
    opts.security_groups = neutron.API().security_group_names(
        ctx, instances)
    return opts


def _server_groups(ctx, instances):
    """``{instance uuid: [the UUID of its server group]}`` (2.71)."""
    groups = {}
    for instance in instances:
        try:
            group = objects.InstanceGroup.get_by_instance_uuid(
                ctx, instance.uuid)
        except exception.InstanceGroupNotFound:
            continue
        groups[instance.uuid] = [group.uuid]
    return groups


def _host_statuses(ctx, instances):
    host_api = compute_api.HostAPI()
    statuses = {}
    for host in {common.field(i, 'host') for i in instances}:
        if not host:
            continue
        try:
            service = host_api.service_get_by_compute_host(ctx, host)
        except exception.NotFound:
            statuses[host] = 'UNKNOWN'
            continue
        if not host_api.service_is_up(service):
            statuses[host] = 'DOWN'
        elif service.disabled:
            statuses[host] = 'MAINTENANCE'
        else:
            statuses[host] = 'UP'
    return statuses


def _search_opts(req, all_tenants):
    ctx = req.context
    opts = {}
    names = _PASSED_FILTERS + (_ADMIN_FILTERS if ctx.is_admin else ())
    if avr.is_supported(req, '2.83') or ctx.is_admin:
        names += _FILTERS_V283
    for name in names:
        value = common.last_value(req, name)
        if value is not None:
            opts[name] = value
    for name in ('name', 'ip', 'ip6'):
        if name in opts:
            _check_regex(name, opts[name])
    if not all_tenants:
        opts['project_id'] = ctx.project_id
    elif ctx.is_admin:
        project = (common.last_value(req, 'project_id') or
                   common.last_value(req, 'tenant_id'))
        if project:
            opts['project_id'] = project
    deleted = common.last_value(req, 'deleted')
    if ctx.is_admin and deleted and strutils.bool_from_string(deleted):
        opts['deleted'] = True
    _time_filters(req, opts)
    if avr.allow_locked_filter(req) and 'locked' in req.GET:
        opts['locked'] = _strict_bool('locked', common.last_value(
            req, 'locked'))
    if avr.allow_server_tags(req):
        for key in ('tags', 'tags-any', 'not-tags', 'not-tags-any'):
            value = common.last_value(req, key)
            if value:
                opts[key] = [tag for tag in value.split(',') if tag]
    statuses = req.GET.getall('status')
    if statuses:
        vm_states = common.vm_states_from_status(statuses)
        if not vm_states and avr.reject_invalid_status_filter(req):
            raise webob.exc.HTTPBadRequest(
                explanation=_('Invalid status value'))
        opts['vm_state'] = vm_states
    return opts


def _check_regex(name, value):
    try:
        re.compile(value)
    except re.error:
        raise webob.exc.HTTPBadRequest(
            explanation=_('Invalid regular expression for %s') % name)


def _strict_bool(name, value):
    try:
        return strutils.bool_from_string(value, strict=True)
    except ValueError:
        raise webob.exc.HTTPBadRequest(explanation=_(
            "Unrecognized value '%(value)s' for %(name)s: only 'true' or "
            "'false' (and their equivalents) are accepted") % {
                'value': value, 'name': name})


def _time(req, name):
    value = common.last_value(req, name)
    if not value:
        return None
    try:
        return timeutils.normalize_time(timeutils.parse_isotime(value))
    except ValueError:
        raise webob.exc.HTTPBadRequest(
            explanation=_('Invalid %s value') % name)


def _time_filters(req, opts):
    """changes-since and (2.66) changes-before; either one lists
    deleted servers too, as Nova does."""
    since = _time(req, 'changes-since')
    before = (_time(req, 'changes-before')
              if avr.allow_changes_before(req) else None)
    if since and before and since > before:
        raise webob.exc.HTTPBadRequest(explanation=_(
            'The value of changes-since must be less than or equal to '
            'changes-before.'))
    if since:
        opts['changes-since'] = since
    if before:
        opts['changes-before'] = before
    if (since or before) and 'deleted' not in opts:
        opts['include_deleted'] = True


def _list(req, rule, all_tenants_rule, expected_attrs):
    ctx = req.context
    ctx.can(rule, target={'project_id': ctx.project_id})
    all_tenants = common.is_all_tenants(req.GET.dict_of_lists())
    if all_tenants:
        ctx.can(all_tenants_rule)
    search_opts = _search_opts(req, all_tenants)
    if 'vm_state' in search_opts and not search_opts['vm_state']:
        return []
    limit, marker = common.get_limit_and_marker(req)
    sort_keys = req.GET.getall('sort_key') or None
    sort_dirs = req.GET.getall('sort_dir') or None
    try:
        return compute_api.API().get_all(
            ctx, search_opts=search_opts, limit=limit, marker=marker,
            sort_keys=sort_keys, sort_dirs=sort_dirs,
            expected_attrs=expected_attrs)
    except (exception.MarkerNotFound, exception.InvalidSortKey,
            exception.Invalid) as exc:
        raise webob.exc.HTTPBadRequest(explanation=exc.format_message())


@wsgi.expected_errors(400)
@wsgi.policies(policies.INDEX, policies.INDEX_ALL_TENANTS)
@validation.query_schema(schemas.index_query, '2.1', '2.74')
@validation.query_schema(schemas.index_query_v275, '2.75')
@validation.response_body_schema(schemas.index_response)
def index(req):
    instances = _list(req, policies.INDEX, policies.INDEX_ALL_TENANTS, [])
    return views.index_list(req, list(instances))


@wsgi.expected_errors(400)
@wsgi.policies(policies.DETAIL, policies.DETAIL_ALL_TENANTS,
               policies.EXTENDED_ATTRIBUTES)
@validation.query_schema(schemas.index_query, '2.1', '2.74')
@validation.query_schema(schemas.index_query_v275, '2.75')
@server_response_schemas(schemas.detail_response)
def detail(req):
    instances = list(_list(req, policies.DETAIL, policies.DETAIL_ALL_TENANTS,
                           LIST_ATTRS))
    return views.detail_list(req, instances,
                             view_options(req, instances))


def get(ctx, server_id, expected_attrs):
    """The server ``server_id`` as ``ctx`` may see it, or 404."""
    try:
        return compute_api.API().get(ctx, server_id,
                                     expected_attrs=expected_attrs)
    except exception.InstanceNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())


@wsgi.expected_errors(404)
@wsgi.policies(policies.SHOW, policies.SHOW_HOST_STATUS,
               policies.SHOW_FLAVOR_EXTRA_SPECS, policies.EXTENDED_ATTRIBUTES)
@validation.query_schema(schemas.show_query, '2.1', '2.74')
@validation.query_schema(schemas.show_query_v275, '2.75')
@server_response_schemas(schemas.show_response)
def show(req, server_id):
    ctx = req.context
    instance = get(ctx, server_id, SHOW_ATTRS)
    ctx.can(policies.SHOW, target={'project_id': instance.project_id})
    opts = view_options(req, [instance], show=True)
    return {'server': views.show(req, instance, opts)}


# Request field -> instance field of PUT /servers/{server_id}.
_UPDATABLE = {'name': 'display_name', 'description': 'display_description',
              'accessIPv4': 'access_ip_v4', 'accessIPv6': 'access_ip_v6',
              'hostname': 'hostname'}


@wsgi.expected_errors((400, 404, 409))
@wsgi.policies(policies.UPDATE, policies.SHOW_HOST_STATUS,
               policies.SHOW_FLAVOR_EXTRA_SPECS, policies.EXTENDED_ATTRIBUTES)
@validation.schema(schemas.update, '2.1', '2.18')
@validation.schema(schemas.update_v219, '2.19', '2.89')
@validation.schema(schemas.update_v290, '2.90', '2.93')
@validation.schema(schemas.update_v294, '2.94')
@server_response_schemas(schemas.show_response)
def update(req, server_id, body):
    ctx = req.context
    instance = get(ctx, server_id, None)
    ctx.can(policies.UPDATE, target={'project_id': instance.project_id,
                                     'user_id': instance.user_id})
    changes = {_UPDATABLE[key]: value
               for key, value in body['server'].items()
               if key in _UPDATABLE}
    if 'OS-DCF:diskConfig' in body['server']:
        changes['auto_disk_config'] = disk_config.from_api(
            body['server']['OS-DCF:diskConfig'])
    try:
        compute_api.API().update_instance(ctx, instance, changes)
    except exception.InstanceNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    except exception.InstanceNotReady as exc:
        raise webob.exc.HTTPConflict(explanation=exc.format_message())
    instance = get(ctx, server_id, SHOW_ATTRS)
    opts = view_options(req, [instance], show=True)
    return {'server': views.show_changed(req, instance, opts)}


def _requested_networks(networks):
    """'auto' / 'none' as is; a list as NetworkRequest-style dicts."""
    if networks is None or isinstance(networks, str):
        return networks
    requested = []
    for net in networks:
        requested.append({'network_id': net.get('uuid'),
                          'port_id': net.get('port'),
                          'address': net.get('fixed_ip')})
    return requested


def _flavor(ctx, flavor_ref):
    flavor_id = str(flavor_ref).rstrip('/').split('/')[-1]
    try:
        return objects.Flavor.get_by_flavor_id(ctx, flavor_id)
    except exception.FlavorNotFound as exc:
        raise webob.exc.HTTPBadRequest(explanation=exc.format_message())


def _boot_image(server):
    """The image to boot: ``imageRef``, or the image of the one block
    device mapping clients send for a plain image boot. Anything else
    (volumes, several disks) is not supported here: 400."""
    image_href = server.get('imageRef', '')
    bdms = server.get('block_device_mapping_v2') or []
    if not bdms:
        return image_href
    bdm = bdms[0]
    if (len(bdms) > 1 or bdm.get('source_type') != 'image' or
            bdm.get('destination_type', 'local') != 'local' or
            str(bdm.get('boot_index', 0)) not in ('0', 'None') or
            not bdm.get('uuid') or
            (image_href and image_href != bdm['uuid'])):
        raise webob.exc.HTTPBadRequest(explanation=_(
            'Only an image-backed local root disk is supported in '
            'block_device_mapping_v2.'))
    return bdm['uuid']


def _counts(server):
    min_count = int(server.get('min_count', 1))
    max_count = int(server.get('max_count', min_count))
    if min_count > max_count:
        raise webob.exc.HTTPBadRequest(
            explanation=_('min_count must be <= max_count'))
    return min_count, max_count


def _create_kwargs(req, server):
    min_count, max_count = _counts(server)
    return {
        'name': server['name'],
        'min_count': min_count,
        'max_count': max_count,
        'metadata': server.get('metadata', {}),
        'requested_networks': _requested_networks(server.get('networks')),
        'description': server.get('description'),
        'key_name': server.get('key_name'),
        'availability_zone': server.get('availability_zone'),
        'user_data': server.get('user_data'),
        'access_ips': (server.get('accessIPv4'), server.get('accessIPv6')),
        'return_reservation_id': strutils.bool_from_string(
            server.get('return_reservation_id', False)),
        'tags': server.get('tags'),
        'security_groups': sorted({g['name'] for g in server.get(
            'security_groups') or () if g.get('name')}),
        'hostname': server.get('hostname'),
        'requested_host': server.get('host'),
        'requested_node': server.get('hypervisor_hostname'),
        'disk_config': server.get('OS-DCF:diskConfig'),
    }


@wsgi.response(202)
@wsgi.expected_errors((400, 403, 409))
@wsgi.policies(policies.CREATE, policies.CREATE_REQUESTED_DESTINATION)
@validation.schema(schemas.create, '2.1', '2.18')
@validation.schema(schemas.create_v219, '2.19', '2.36')
@validation.schema(schemas.create_v237, '2.37', '2.51')
@validation.schema(schemas.create_v252, '2.52', '2.62')
@validation.schema(schemas.create_v263, '2.63', '2.73')
@validation.schema(schemas.create_v274, '2.74', '2.89')
@validation.schema(schemas.create_v290, '2.90', '2.93')
@validation.schema(schemas.create_v294, '2.94')
@validation.response_body_schema(schemas.create_response)
def create(req, body):
    ctx = req.context
    server = body['server']
    ctx.can(policies.CREATE, target={'project_id': ctx.project_id,
                                     'user_id': ctx.user_id})
    flavor = _flavor(ctx, server['flavorRef'])
    kwargs = _create_kwargs(req, server)
    kwargs['scheduler_hints'] = (body.get('os:scheduler_hints') or
                                 body.get('OS-SCH-HNT:scheduler_hints'))
    if kwargs['requested_host'] or kwargs['requested_node']:
        ctx.can(policies.CREATE_REQUESTED_DESTINATION,
                target={'project_id': ctx.project_id})
    admin_pass = server.get('adminPass') or utils.generate_password()
    image_href = _boot_image(server)
    try:
        instances, reservation_id = compute_api.API().create(
            ctx, flavor, image_href, admin_password=admin_pass, **kwargs)
    except exception.OverQuota as exc:
        raise webob.exc.HTTPForbidden(explanation=exc.format_message())
    except exception.KeypairNotFound:
        raise webob.exc.HTTPBadRequest(
            explanation=_('Invalid key_name provided.'))
    except (exception.Invalid, exception.NotFound,
            exception.ImageNotAuthorized,
            exception.FlavorDiskSmallerThanImage,
            exception.FlavorMemoryTooSmall) as exc:
        raise webob.exc.HTTPBadRequest(explanation=exc.format_message())
    except (exception.Conflict, exception.NoUniqueMatch) as exc:
        raise webob.exc.HTTPConflict(explanation=exc.format_message())
    if kwargs['return_reservation_id']:
        return {'reservation_id': reservation_id}
    instance = instances[0]
    if not CONF.api.enable_instance_password:
        admin_pass = None
    body = views.create(req, instance, admin_pass,
                        disk_config.to_api(instance.auto_disk_config))
    location = common.self_href(req, 'servers', instance.uuid)
    return wsgi.ResponseObject(body, headers={'Location': location})


@wsgi.response(204)
@wsgi.expected_errors((404, 409))
@wsgi.policies(policies.DELETE)
@validation.query_schema(schemas.delete_query, '2.1', '2.74')
@validation.query_schema(schemas.delete_query_v275, '2.75')
@validation.response_body_schema(schemas.delete_response)
def delete(req, server_id):
    ctx = req.context
    instance = get(ctx, server_id, None)
    ctx.can(policies.DELETE, target={'project_id': instance.project_id,
                                     'user_id': instance.user_id})
    try:
        compute_api.API().delete(ctx, instance)
    except exception.InstanceNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    except (exception.InstanceInvalidState, exception.InstanceIsLocked,
            exception.Conflict) as exc:
        raise webob.exc.HTTPConflict(explanation=exc.format_message())
    return None
