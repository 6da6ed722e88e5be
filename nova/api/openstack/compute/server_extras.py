"""/servers/{server_id}/diagnostics (admin),
/servers/{server_id}/os-server-password and /servers/{server_id}/topology
(2.78).

Diagnostics come from the server's host: the driver's own keys before
2.48, the standard form from 2.48. 404: no such server; 409: it is
building or has no host; 501: its driver keeps none.

The password is the one the guest posted, encrypted with its key pair,
kept in system metadata (``password_0`` .. ``password_3``, 255 characters
each): GET shows it ("" when none), DELETE (204) forgets it.
"""

import webob.exc

from nova.api.openstack import api_version_request as avr
from nova.api.openstack.compute.schemas import server_extras as schemas
from nova.api.openstack.compute import servers
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import api as compute_api
from nova import context as nova_context
from nova import exception
from nova import objects
from nova.policies import server_extras as policies
from nova.policies import server_topology as topology_policies

PASSWORD_KEYS = tuple('password_%d' % n for n in range(4))


def _load(req, server_id, rule, attrs=None):
    ctx = req.context
    instance = servers.get(ctx, server_id, attrs)
    ctx.can(rule, target={'project_id': instance.project_id,
                          'user_id': instance.user_id})
    return instance


@wsgi.expected_errors((404, 409, 501))
@wsgi.policies(policies.DIAGNOSTICS)
@validation.query_schema(schemas.no_query)
@validation.response_body_schema(schemas.diagnostics_response, '2.1',
                                 '2.47')
@validation.response_body_schema(schemas.diagnostics_response_v248, '2.48')
def diagnostics(req, server_id):
    instance = _load(req, server_id, policies.DIAGNOSTICS)
    try:
        return compute_api.API().get_diagnostics(
            req.context, instance, avr.is_supported(req, '2.48'))
    except exception.InstanceNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    except (exception.InstanceInvalidState,
            exception.ComputeServiceTooOld) as exc:
        raise webob.exc.HTTPConflict(explanation=exc.format_message())
    except exception.DiagnosticsNotSupported as exc:
        raise webob.exc.HTTPNotImplemented(explanation=exc.format_message())


@wsgi.expected_errors(404)
@wsgi.policies(policies.PASSWORD_SHOW)
@validation.query_schema(schemas.no_query)
@validation.response_body_schema(schemas.password_response)
def show_password(req, server_id):
    instance = _load(req, server_id, policies.PASSWORD_SHOW,
                     ['system_metadata'])
    sysmeta = instance.system_metadata or {}
    return {'password': ''.join(sysmeta.get(k) or '' for k in PASSWORD_KEYS)}


@wsgi.response(204)
@wsgi.expected_errors(404)
@wsgi.policies(policies.PASSWORD_CLEAR)
@validation.query_schema(schemas.no_query)
@validation.response_body_schema(schemas.no_body_response)
def clear_password(req, server_id):
    ctx = req.context
    instance = _load(req, server_id, policies.PASSWORD_CLEAR)
    mapping = objects.InstanceMapping.get_by_instance_uuid(ctx,
                                                           instance.uuid)
    if mapping.cell_mapping is None:
        return None
    with nova_context.target_cell(ctx, mapping.cell_mapping) as cctxt:
        instance = objects.Instance.get_by_uuid(
            cctxt, instance.uuid, expected_attrs=['system_metadata'])
        instance.system_metadata = {
            key: value for key, value in instance.system_metadata.items()
            if key not in PASSWORD_KEYS}
        instance.save()
    return None


@wsgi.expected_errors(404)
@wsgi.api_version('2.78')
@wsgi.policies(topology_policies.INDEX)
@validation.query_schema(schemas.no_query)
@validation.response_body_schema(schemas.topology_response)
def topology(req, server_id):
    """The server's NUMA topology (2.78). Servers here have none (no
    flavor asks for NUMA placement): no nodes and no page size."""
    _load(req, server_id, topology_policies.INDEX)
    return {'nodes': [], 'pagesize_kb': None}
