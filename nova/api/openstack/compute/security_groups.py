"""A server's security groups, kept by the network service on its ports:
the addSecurityGroup and removeSecurityGroup actions (202) and
GET /servers/{server_id}/os-security-groups.

400: the server has no port, the group is already there (add) or not
there (remove); 404: no such server or group; 409: several groups have
that name. The views of groups and rules here (``group_views``,
``rule_view``) are also those of the /os-security-groups proxy.
"""

import webob.exc

from nova.api.openstack.compute.schemas import security_groups as schemas
from nova.api.openstack.compute import servers
from nova.api.openstack import wsgi
from nova.api import validation
from nova import exception
from nova.network import neutron
from nova.network import security_group_rules as rules
from nova.policies import security_groups as policies


def _load(req, server_id, rule):
    ctx = req.context
    instance = servers.get(ctx, server_id, None)
    ctx.can(rule, target={'project_id': instance.project_id,
                          'user_id': instance.user_id})
    return instance


def _remote(group):
    return {'name': group['name'],
            'tenant_id': group.get('project_id') or group.get('tenant_id')}


def remote_groups(ctx, groups):
    """{group id: {name, tenant_id}} of ``groups`` and of the remote
    groups their ingress rules name, those the caller may see."""
    found = {group['id']: _remote(group) for group in groups}
    wanted = {rule['group_id'] for group in groups
              for rule in rules.ingress_rules(group)
              if rule['group_id']} - set(found)
    if wanted:
        for group in neutron.API().list_security_groups(ctx,
                                                        id=sorted(wanted)):
            found[group['id']] = _remote(group)
    return found


def rule_view(rule, remotes):
    """A Compute API rule (``security_group_rules.from_neutron``) as the
    API shows it: the remote group's name and project in ``group``, or
    the CIDR in ``ip_range``. None for a rule whose remote group is not
    in ``remotes`` (gone or not visible: Nova leaves such rules out)."""
    view = {'id': rule['id'], 'parent_group_id': rule['parent_group_id'],
            'ip_protocol': rule['protocol'], 'from_port': rule['from_port'],
            'to_port': rule['to_port'], 'group': {}, 'ip_range': {}}
    if rule['group_id']:
        if rule['group_id'] not in remotes:
            return None
        view['group'] = dict(remotes[rule['group_id']])
    else:
        view['ip_range'] = {'cidr': rule['cidr']}
    return view


def group_view(group, remotes):
    """A Neutron security group as the Compute API shows it: its ingress
    rules only; ``remotes`` as ``remote_groups`` returns it."""
    views = [rule_view(r, remotes) for r in rules.ingress_rules(group)]
    return {
        'id': group['id'], 'name': group['name'],
        'description': group.get('description') or '',
        'tenant_id': group.get('project_id') or group.get('tenant_id'),
        'rules': [v for v in views if v is not None],
    }


def group_views(ctx, groups):
    """``group_view`` of each group, sorted by project and name as Nova
    sorts them."""
    remotes = remote_groups(ctx, groups)
    return sorted((group_view(g, remotes) for g in groups),
                  key=lambda v: (v['tenant_id'] or '', v['name']))


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
    return {'security_groups': group_views(req.context, groups)}
