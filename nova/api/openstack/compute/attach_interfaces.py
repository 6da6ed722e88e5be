"""/servers/{server_id}/os-interface[/{port_id}]: the ports of a server
(api-ref "Port Interfaces (servers, os-interface)").

GET lists or shows them from the network service (its ports whose
``device_id`` is the server); POST hot-plugs a port (the user's
``port_id``, or a new one on ``net_id``, optionally at one fixed IP, or on
the project's one network) and answers 200 with it once the host plugged
it; DELETE unplugs one (202; the host deletes the port if Nova made it,
else releases it). The device ``tag`` is accepted from 2.49 and shown from
2.70.

400: both net_id and port_id, an address without net_id, no or several
candidate networks, another project's port, a driver that cannot
hot-plug; 404: no such server, port or network; 409: the server's state
or lock, the port or address already in use; 500: the driver failed.
"""

import webob.exc

from nova.api.openstack.compute import action_runner
from nova.api.openstack.compute.schemas import attach_interfaces as schemas
from nova.api.openstack.compute import servers
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import api as compute_api
from nova import exception
from nova.i18n import _
from nova.network import neutron
from nova.policies import attach_interfaces as policies

_BAD_REQUESTS = (exception.InterfaceAttachFailedNoNetwork,
                 exception.NetworkAmbiguous, exception.PortNotUsable,
                 exception.AttachInterfaceNotSupported,
                 exception.NetworkBadRequest)
_CONFLICTS = (exception.FixedIpAlreadyInUse, exception.PortInUse)
_NOT_FOUND = (exception.PortNotFound, exception.NetworkNotFound)


def _load(req, server_id, rule):
    ctx = req.context
    instance = servers.get(ctx, server_id, None)
    ctx.can(rule, target={'project_id': instance.project_id})
    return instance


def _view(port, tags, show_tag):
    view = {'net_id': port['network_id'], 'port_id': port['id'],
            'mac_addr': port.get('mac_address'),
            'port_state': port.get('status'),
            'fixed_ips': [{'subnet_id': ip.get('subnet_id'),
                           'ip_address': ip.get('ip_address')}
                          for ip in port.get('fixed_ips') or ()]}
    if show_tag:
        view['tag'] = tags.get(port['id'])
    return view


def _tags(instance):
    """Port id -> the tag it was attached with (kept in the VIFs)."""
    return {vif['id']: vif.get('tag') for vif in instance.info_cache or ()}


def _show_tag(req):
    return req.api_version_request.matches('2.70')


@wsgi.expected_errors(404)
@wsgi.policies(policies.LIST)
@validation.query_schema(schemas.no_query)
@validation.response_body_schemas(schemas.index_responses)
def index(req, server_id):
    ctx = req.context
    instance = _load(req, server_id, policies.LIST)
    ports = []
    if neutron.is_configured(ctx):
        ports = neutron.API().list_ports(ctx, device_id=instance.uuid)
    tags = _tags(instance)
    return {'interfaceAttachments': [_view(p, tags, _show_tag(req))
                                     for p in ports]}


def _port_of(req, instance, port_id):
    ctx = req.context
    missing = _('Instance %(instance)s does not have a port with id '
                '%(port)s') % {'instance': instance.uuid, 'port': port_id}
    if not neutron.is_configured(ctx):
        raise webob.exc.HTTPNotFound(explanation=missing)
    try:
        port = neutron.API().show_port(ctx, port_id)
    except exception.PortNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    if port.get('device_id') != instance.uuid:
        raise webob.exc.HTTPNotFound(explanation=missing)
    return port


@wsgi.expected_errors(404)
@wsgi.policies(policies.SHOW)
@validation.query_schema(schemas.no_query)
@validation.response_body_schemas(schemas.show_responses)
def show(req, server_id, port_id):
    instance = _load(req, server_id, policies.SHOW)
    port = _port_of(req, instance, port_id)
    return {'interfaceAttachment': _view(port, _tags(instance),
                                         _show_tag(req))}


def _request(body):
    """(net_id, port_id, address, tag) of a create body."""
    attachment = body.get('interfaceAttachment') or {}
    net_id, port_id = attachment.get('net_id'), attachment.get('port_id')
    address = attachment.get('fixed_ips', [{}])[0].get('ip_address')
    if net_id and port_id:
        raise webob.exc.HTTPBadRequest(
            explanation=_('Must not input both network_id and port_id'))
    if address and not net_id:
        raise webob.exc.HTTPBadRequest(
            explanation=_('Must input network_id when request IP address'))
    return net_id, port_id, address, attachment.get('tag')


@wsgi.expected_errors((400, 404, 409, 500))
@wsgi.policies(policies.CREATE)
@validation.schemas(((schemas.create, '2.1', '2.48'),
                     (schemas.create_v249, '2.49', None)))
@validation.response_body_schemas(schemas.show_responses)
def create(req, server_id, body):
    ctx = req.context
    instance = _load(req, server_id, policies.CREATE)
    net_id, port_id, address, tag = _request(body)

    def attach(ctx, instance):
        try:
            return compute_api.API().attach_interface(
                ctx, instance, net_id, port_id, address, tag=tag)
        except _BAD_REQUESTS as exc:
            raise webob.exc.HTTPBadRequest(explanation=exc.format_message())
        except _CONFLICTS as exc:
            raise webob.exc.HTTPConflict(explanation=exc.format_message())
        except _NOT_FOUND as exc:
            raise webob.exc.HTTPNotFound(explanation=exc.format_message())
        except exception.InterfaceAttachFailed as exc:
            raise webob.exc.HTTPInternalServerError(
                explanation=exc.format_message())

    port = action_runner.start(ctx, instance, attach)
    return {'interfaceAttachment': _view(port, {port['id']: tag},
                                         _show_tag(req))}


@wsgi.response(202)
@wsgi.expected_errors((404, 409))
@wsgi.policies(policies.DELETE)
@validation.query_schema(schemas.no_query)
@validation.response_body_schema(schemas.delete_response)
def delete(req, server_id, port_id):
    ctx = req.context
    instance = _load(req, server_id, policies.DELETE)

    def detach(ctx, instance):
        try:
            compute_api.API().detach_interface(ctx, instance, port_id)
        except exception.PortNotFound as exc:
            raise webob.exc.HTTPNotFound(explanation=exc.format_message())

    action_runner.start(ctx, instance, detach)
