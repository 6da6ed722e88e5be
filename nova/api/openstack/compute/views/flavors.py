"""Flavor views, masked by microversion."""

from nova.api.openstack import api_version_request as avr
from nova.api.openstack import common


def basic(req, flavor):
    view = {'id': flavor.flavorid, 'name': flavor.name,
            'links': common.resource_links(req, 'flavors', flavor.flavorid)}
    if avr.allow_flavor_description(req):
        view['description'] = common.field(flavor, 'description')
    return view


def show(req, flavor, include_extra_specs=False):
    swap = common.field(flavor, 'swap', 0)
    view = {
        'id': flavor.flavorid,
        'name': flavor.name,
        'ram': flavor.memory_mb,
        'disk': flavor.root_gb,
        # NOTE: before 2.75 a zero swap is shown as "".
        'swap': swap if (swap or avr.flavor_swap_as_integer(req)) else '',
        'OS-FLV-EXT-DATA:ephemeral': flavor.ephemeral_gb,
        'OS-FLV-DISABLED:disabled': bool(common.field(flavor, 'disabled')),
        'vcpus': flavor.vcpus,
        'os-flavor-access:is_public': bool(common.field(
            flavor, 'is_public', True)),
        'rxtx_factor': common.field(flavor, 'rxtx_factor') or '',
        'links': common.resource_links(req, 'flavors', flavor.flavorid),
    }
    if avr.allow_flavor_description(req):
        view['description'] = common.field(flavor, 'description')
    if include_extra_specs and avr.embed_extra_specs_in_flavor(req):
        view['extra_specs'] = dict(common.field(flavor, 'extra_specs', {}))
    return view


def list_view(req, flavors, detail, include_extra_specs=False):
    if detail:
        items = [show(req, f, include_extra_specs) for f in flavors]
        collection = 'flavors/detail'
    else:
        items = [basic(req, f) for f in flavors]
        collection = 'flavors'
    body = {'flavors': items}
    if items:
        links = common.collection_links(req, items, collection,
                                        items[-1]['id'])
        if links:
            body['flavors_links'] = links
    return body
