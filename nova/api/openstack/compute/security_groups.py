"""A server's security groups, kept by the network service on its ports:
the addSecurityGroup and removeSecurityGroup actions (202) and
GET /servers/{server_id}/os-security-groups.

400: the server has no port, the group is already there (add) or not
there (remove); 404: no such server or group; 409: several groups have
that name.
"""

import webob.exc

from nova.api.openstack.compute.schemas import security_groups as schemas
from nova.api.openstack.compute import servers
from nova.api.openstack import wsgi
from nova.api import validation
from nova import exception
from nova.network import neutron
from nova.policies import security_groups as policies


def _load(req, server_id, rule):
    ctx = req.context
    instance = servers.get(ctx, server_id, None)
    ctx.can(rule, target={'project_id': instance.project_id,
                          'user_id': instance.user_id})
    return instance


def _rule_view(rule, group_id):
    cidr = rule.get('remote_ip_prefix')
    view = {'id': rule['id'], 'parent_group_id': group_id,
            'ip_protocol': rule.get('protocol'),
            'from_port': rule.get('port_range_min'),
            'to_port': rule.get('port_range_max'),
            'group': {}, 'ip_range': {'cidr': cidr} if cidr else {}}
    if rule.get('protocol') is None:
        view['from_port'] = view['to_port'] = None
    return view


def group_view(group):
    """A Neutron security group as the Compute API shows it."""
    return {
        'id': group['id'], 'name': group['name'],
        'description': group.get('description') or '',
        'tenant_id': group.get('project_id') or group.get('tenant_id'),
        'rules': [_rule_view(r, group['id'])
                  for r in group.get('security_group_rules') or ()
                  if r.get('direction', 'ingress') == 'ingress'],
    }


def _change(req, instance, name, method):
    try:
        getattr(neutron.API(), method)(req.context, instance, name)
    except exception.SecurityGroupNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    except exception.NoUniqueMatch as exc:
        raise webob.exc.HTTPConflict(explanation=exc.format_message())
    except (exception.SecurityGroupExistsForInstance,
            exception.SecurityGroupNotExistsForInstance,
            exception.SecurityGroupCannotBeApplied) as exc:
        raise webob.exc.HTTPBadRequest(explanation=exc.format_message())


@wsgi.response(202)
@wsgi.expected_errors((400, 404, 409))
@wsgi.policies(policies.ADD)
@validation.schema(schemas.add_security_group)
@validation.response_body_schema(schemas.no_body_response)
def add_security_group(req, server_id, body):
    instance = _load(req, server_id, policies.ADD)
    _change(req, instance, body['addSecurityGroup']['name'],
            'add_to_instance')


@wsgi.response(202)
@wsgi.expected_errors((400, 404, 409))
@wsgi.policies(policies.REMOVE)
@validation.schema(schemas.remove_security_group)
@validation.response_body_schema(schemas.no_body_response)
def remove_security_group(req, server_id, body):
    instance = _load(req, server_id, policies.REMOVE)
    _change(req, instance, body['removeSecurityGroup']['name'],
            'remove_from_instance')


@wsgi.expected_errors(404)
@wsgi.policies(policies.LIST)
@validation.query_schema(schemas.no_query)
@validation.response_body_schema(schemas.list_response)
def index(req, server_id):
    instance = _load(req, server_id, policies.LIST)
    groups = neutron.API().instance_security_groups(req.context, instance)
    return {'security_groups': [group_view(g) for g in groups]}
