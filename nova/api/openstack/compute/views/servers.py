"""Server views, masked by microversion.

``show()`` builds the detailed view of one server (GET /servers/{id} and
each entry of /servers/detail); ``basic()`` the index entry; ``create()``
the 202 body of POST /servers. What the caller may see beyond the
microversion (admin attributes, extra specs, host status) is decided by
the handler and passed in as ``ServerViewOptions``.
"""

from nova.api.openstack import api_version_request as avr
from nova.api.openstack import common

PROGRESS_STATUSES = ('ACTIVE', 'BUILD', 'REBUILD', 'RESIZE',
                     'VERIFY_RESIZE', 'MIGRATING')
FAULT_STATUSES = ('ERROR', 'DELETED')

# system_metadata 'image_*' keys that describe the image record itself,
# not image properties; not shown under image.properties (2.98).
_IMAGE_RECORD_KEYS = frozenset(('base_image_ref', 'min_ram', 'min_disk',
                                'disk_format', 'container_format',
                                'image_name', 'image_id', 'owner_specified'))
_IMAGE_PROP_PREFIX = 'image_'


class ServerViewOptions:
    """What the caller may see; decided by policy in the handler."""

    def __init__(self, extended_attrs=False, flavor_extra_specs=False,
                 host_status=None, server_groups=None,
                 security_groups=None, scheduler_hints=None,
                 pinned_azs=None):
        self.extended_attrs = extended_attrs
        self.flavor_extra_specs = flavor_extra_specs
        # instance uuid -> [{'name': group}] for servers with ports.
        self.security_groups = security_groups or {}
        # host -> host status, or None when policy hides it.
        self.host_status = host_status
        # instance uuid -> [group uuid]; None outside GET /servers/{id}.
        self.server_groups = server_groups
        # instance uuid -> its scheduler hints (2.100).
        self.scheduler_hints = scheduler_hints
        # instance uuid -> the zone it was asked into, or None (2.96).
        self.pinned_azs = pinned_azs


def basic(req, instance):
    return {'id': instance.uuid,
            'name': common.field(instance, 'display_name', ''),
            'links': common.resource_links(req, 'servers', instance.uuid)}


def create(req, instance, admin_pass, disk_config):
    server = {
        'id': instance.uuid,
        'links': common.resource_links(req, 'servers', instance.uuid),
        'OS-DCF:diskConfig': disk_config,
        'security_groups': [{'name': 'default'}],
    }
    if admin_pass:
        server['adminPass'] = admin_pass
    return {'server': server}


def status(instance):
    if common.field(instance, 'deleted'):
        return 'DELETED'
    return common.status_from_state(common.field(instance, 'vm_state'),
                                    common.field(instance, 'task_state'))


def image(req, instance):
    image_ref = common.field(instance, 'image_ref', '')
    if not image_ref:
        return ''
    image_id = str(image_ref).rstrip('/').split('/')[-1]
    view = {'id': image_id,
            'links': [{'rel': 'bookmark',
                       'href': common.bookmark_href(req, 'images',
                                                    image_id)}]}
    if avr.embed_image_properties(req):
        view['properties'] = image_properties(
            common.field(instance, 'system_metadata', {}))
    return view


def image_properties(system_metadata):
    props = {}
    for key, value in system_metadata.items():
        if not key.startswith(_IMAGE_PROP_PREFIX) or value is None:
            continue
        name = key[len(_IMAGE_PROP_PREFIX):]
        if name not in _IMAGE_RECORD_KEYS:
            props[name] = value
    return props


def flavor(req, instance, show_extra_specs):
    flv = common.field(instance, 'flavor')
    if flv is None:
        return {}
    if avr.embed_flavor_in_server(req):
        view = {'vcpus': flv.vcpus, 'ram': flv.memory_mb,
                'disk': flv.root_gb, 'ephemeral': flv.ephemeral_gb,
                'swap': flv.swap, 'original_name': flv.name}
        if show_extra_specs:
            view['extra_specs'] = dict(common.field(flv, 'extra_specs', {}))
        return view
    flavor_id = str(flv.flavorid)
    return {'id': flavor_id,
            'links': [{'rel': 'bookmark',
                       'href': common.bookmark_href(req, 'flavors',
                                                    flavor_id)}]}


def fault(instance, is_admin):
    flt = common.field(instance, 'fault')
    if not flt:
        return None
    view = {'code': flt.code, 'created': common.isotime(flt.created_at),
            'message': flt.message}
    details = common.field(flt, 'details')
    if details and (is_admin or flt.code != 500):
        view['details'] = details
    return view


def _naive_str(value):
    # Nova renders these as naive ISO 8601 with microseconds.
    return value.strftime('%Y-%m-%dT%H:%M:%S.%f') if value else None


def _core(req, instance, opts):
    project_id = common.field(instance, 'project_id', '')
    ip_v4 = common.field(instance, 'access_ip_v4')
    ip_v6 = common.field(instance, 'access_ip_v6')
    server = {
        'id': instance.uuid,
        'name': common.field(instance, 'display_name', ''),
        'status': status(instance),
        'tenant_id': project_id,
        'user_id': common.field(instance, 'user_id', ''),
        'metadata': dict(common.field(instance, 'metadata', {})),
        'hostId': common.host_id(common.field(instance, 'host'), project_id),
        'image': image(req, instance),
        'flavor': flavor(req, instance, opts.flavor_extra_specs),
        'created': common.isotime(instance.created_at),
        'updated': common.isotime(common.field(instance, 'updated_at') or
                                  instance.created_at),
        'addresses': addresses(instance),
        'accessIPv4': str(ip_v4) if ip_v4 is not None else '',
        'accessIPv6': str(ip_v6) if ip_v6 is not None else '',
        'links': common.resource_links(req, 'servers', instance.uuid),
        'OS-DCF:diskConfig': (
            'AUTO' if common.field(instance, 'auto_disk_config')
            else 'MANUAL'),
        'OS-EXT-AZ:availability_zone': common.field(
            instance, 'availability_zone', ''),
        'config_drive': common.field(instance, 'config_drive', ''),
        'key_name': common.field(instance, 'key_name'),
        'OS-SRV-USG:launched_at': _naive_str(
            common.field(instance, 'launched_at')),
        'OS-SRV-USG:terminated_at': _naive_str(
            common.field(instance, 'terminated_at')),
        'OS-EXT-STS:task_state': common.field(instance, 'task_state'),
        'OS-EXT-STS:vm_state': common.field(instance, 'vm_state'),
        'OS-EXT-STS:power_state': common.field(instance, 'power_state', 0),
        'os-extended-volumes:volumes_attached': [],
    }
    if server['status'] in FAULT_STATUSES:
        flt = fault(instance, req.context.is_admin)
        if flt:
            server['fault'] = flt
    if server['status'] in PROGRESS_STATUSES:
        server['progress'] = common.field(instance, 'progress', 0)
    return server


def addresses(instance):
    """Addresses by network label, from the instance's network info."""
    if common.field(instance, 'vm_state') == 'building':
        return {}
    info_cache = common.field(instance, 'info_cache')
    # NOTE: the cache is either the VIF list itself or an object holding
    # it as ``network_info``.
    if isinstance(info_cache, list):
        network_info = info_cache
    else:
        network_info = common.field(info_cache, 'network_info', []) or []
    result = {}
    for vif in network_info:
        label = vif.get('network', {}).get('label') or 'network'
        entries = result.setdefault(label, [])
        for subnet in vif.get('network', {}).get('subnets', []):
            for ip in subnet.get('ips', []):
                entries.append({'version': ip.get('version', 4),
                                'addr': ip.get('address'),
                                'OS-EXT-IPS:type': 'fixed',
                                'OS-EXT-IPS-MAC:mac_addr': vif.get(
                                    'address')})
                for fip in ip.get('floating_ips', []):
                    entries.append({'version': fip.get('version', 4),
                                    'addr': fip.get('address'),
                                    'OS-EXT-IPS:type': 'floating',
                                    'OS-EXT-IPS-MAC:mac_addr': vif.get(
                                        'address')})
    return result


def instance_name(instance):
    name = common.field(instance, 'name')
    if name:
        return name
    db_id = common.field(instance, 'id')
    return 'instance-%08x' % db_id if db_id is not None else ''


def _extended_attrs(req, instance, server):
    server['OS-EXT-SRV-ATTR:host'] = common.field(instance, 'host')
    server['OS-EXT-SRV-ATTR:instance_name'] = instance_name(instance)
    server['OS-EXT-SRV-ATTR:hypervisor_hostname'] = common.field(
        instance, 'node')
    if not avr.allow_extended_server_attrs(req):
        return
    for attr in ('hostname', 'kernel_id', 'launch_index', 'ramdisk_id',
                 'reservation_id', 'root_device_name', 'user_data'):
        server['OS-EXT-SRV-ATTR:%s' % attr] = common.field(instance, attr)


def _versioned(req, instance, server, opts):
    sysmeta = common.field(instance, 'system_metadata', {})
    if avr.allow_server_locked(req):
        server['locked'] = bool(common.field(instance, 'locked_by') or
                                common.field(instance, 'locked'))
    if avr.allow_host_status(req) and opts.host_status is not None:
        host = common.field(instance, 'host')
        server['host_status'] = opts.host_status.get(host, '')
    if avr.allow_server_description(req):
        server['description'] = common.field(
            instance, 'display_description')
    if avr.allow_server_tags(req):
        server['tags'] = [getattr(t, 'tag', t)
                          for t in common.field(instance, 'tags', [])]
    if avr.allow_trusted_certs(req):
        certs = common.field(instance, 'trusted_certs')
        server['trusted_image_certificates'] = (
            list(common.field(certs, 'ids', [])) or None if certs else None)
    if avr.allow_server_groups_in_show(req) and (
            opts.server_groups is not None):
        server['server_groups'] = opts.server_groups.get(instance.uuid, [])
    if avr.allow_locked_reason(req):
        server['locked_reason'] = sysmeta.get('locked_reason')
    if avr.show_hostname_to_everyone(req):
        server['OS-EXT-SRV-ATTR:hostname'] = common.field(instance,
                                                          'hostname')
    if avr.allow_pinned_az(req):
        server['pinned_availability_zone'] = (opts.pinned_azs or {}).get(
            instance.uuid)
    if avr.allow_scheduler_hints_in_view(req):
        server['scheduler_hints'] = (opts.scheduler_hints or {}).get(
            instance.uuid, {})


def show(req, instance, opts):
    """The detailed view of one server (without the outer key)."""
    server = _core(req, instance, opts)
    if opts.extended_attrs:
        _extended_attrs(req, instance, server)
    _versioned(req, instance, server, opts)
    # Shown only when the server has some, as Nova does.
    if opts.security_groups.get(instance.uuid):
        server['security_groups'] = opts.security_groups[instance.uuid]
    return server


# What the views of PUT /servers/{id} and rebuild leave out before 2.75.
_NOT_IN_CHANGE_VIEWS = (
    'OS-EXT-AZ:availability_zone', 'config_drive', 'key_name',
    'OS-SRV-USG:launched_at', 'OS-SRV-USG:terminated_at',
    'OS-EXT-STS:task_state', 'OS-EXT-STS:vm_state',
    'OS-EXT-STS:power_state', 'os-extended-volumes:volumes_attached')


def show_changed(req, instance, opts):
    """The view answering an update or a rebuild: before 2.75 the show
    view without the extended attributes, status and usage fields, host
    status and server groups; from 2.75 on the show view itself."""
    if avr.consistent_change_views(req):
        return show(req, instance, opts)
    server = _core(req, instance, opts)
    for key in _NOT_IN_CHANGE_VIEWS:
        server.pop(key, None)
    # Plain addresses: no type or MAC before 2.75.
    server['addresses'] = {
        label: [{'version': entry['version'], 'addr': entry['addr']}
                for entry in entries]
        for label, entries in server['addresses'].items()}
    _versioned(req, instance, server, ServerViewOptions(
        flavor_extra_specs=opts.flavor_extra_specs))
    return server


def index_list(req, instances):
    servers = [basic(req, inst) for inst in instances]
    return _with_links(req, {'servers': servers}, servers, 'servers')


def detail_list(req, instances, opts):
    servers = [show(req, inst, opts) for inst in instances]
    return _with_links(req, {'servers': servers}, servers, 'servers/detail')


def _with_links(req, body, servers, collection):
    if servers:
        links = common.collection_links(req, servers, collection,
                                        servers[-1]['id'])
        if links:
            body['servers_links'] = links
    return body
