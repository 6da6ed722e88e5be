"""Security groups: ``/v2.0/security-groups[/{group_id}]``.

Like Neutron, the ``default`` group of a project is made the first time
the project needs it (listing groups, creating a port or another group),
with Neutron's default rules: all egress, and ingress from members of the
same group; other new groups get the egress rules only. No other group
may be called ``default``, and the default group keeps its name. A group
on a port cannot be deleted; deleting one also deletes the rules of other
groups that name it as their remote group. Only the owner (or an admin)
sees or changes a project's groups.
"""

import sqlalchemy as sa

from nova.builtin.network import auth
from nova.builtin.network import errors
from nova.builtin.network import models
from nova.builtin.network import rest
from nova.builtin.network import schema
from nova.builtin.network import store
from nova.builtin.network import views

DEFAULT_NAME = 'default'
DEFAULT_DESCRIPTION = 'Default security group'


def _add_rules(session, group, with_ingress):
    """Neutron's rules of a new group: egress anywhere for both
    ethertypes and, in a default group, ingress from its members."""
    for ethertype in ('IPv4', 'IPv6'):
        directions = ('egress', 'ingress') if with_ingress else ('egress',)
        for direction in directions:
            remote = group.id if direction == 'ingress' else None
            session.add(models.SecurityGroupRule(**store.stamp_new({
                'security_group_id': group.id,
                'project_id': group.project_id, 'direction': direction,
                'ethertype': ethertype, 'remote_group_id': remote})))


def _insert(session, values, default=False):
    group = models.SecurityGroup(**store.stamp_new(values))
    session.add(group)
    session.flush()
    _add_rules(session, group, with_ingress=default)
    session.flush()
    return group


def ensure_default(session, project_id):
    """The id of ``project_id``'s default group, made if missing."""
    found = session.scalar(sa.select(models.SecurityGroup.id).where(
        models.SecurityGroup.project_id == project_id,
        models.SecurityGroup.name == DEFAULT_NAME))
    if found is not None:
        return found
    return _insert(session, {'project_id': project_id, 'name': DEFAULT_NAME,
                             'description': DEFAULT_DESCRIPTION},
                   default=True).id


def _missing(group_id):
    return errors.not_found(errors.SECURITY_GROUP_NOT_FOUND,
                            'Security group %s does not exist' % group_id)


def load(session, caller, group_id):
    """The group row if the caller owns it (or is an admin); 404."""
    group = session.get(models.SecurityGroup, group_id)
    if group is None or not auth.owns(caller, group):
        raise _missing(group_id)
    return group


def check_usable(session, caller, project_id, group_ids):
    """Raise 404 unless every group exists and belongs to ``project_id``."""
    for group_id in group_ids:
        group = load(session, caller, group_id)
        if group.project_id != project_id:
            raise _missing(group_id)


def rules_of(session, group_ids):
    """{group id: [its rule rows, oldest first]}."""
    found = {group_id: [] for group_id in group_ids}
    query = sa.select(models.SecurityGroupRule).where(
        models.SecurityGroupRule.security_group_id.in_(group_ids)).order_by(
        models.SecurityGroupRule.created_at, models.SecurityGroupRule.id)
    for rule in session.scalars(query):
        found[rule.security_group_id].append(rule)
    return found


def _document(session, group):
    return views.security_group(group, rules_of(session, [group.id])[
        group.id])


def _check_name(values):
    if values.get('name', '').lower() == DEFAULT_NAME:
        raise errors.conflict(errors.SECURITY_GROUP_DEFAULT_EXISTS,
                              'Default security group already exists.')


def _in_use(session, group_id):
    return any(group_id in (groups or ()) for groups in session.scalars(
        sa.select(models.Port.security_groups)))


# -- handlers ----------------------------------------------------------------

def list_groups(app, req, caller):
    with app.store.transaction() as session:
        ensure_default(session, caller.project_id)
        groups = [g for g in session.scalars(
                  sa.select(models.SecurityGroup).order_by(
                      models.SecurityGroup.created_at,
                      models.SecurityGroup.id))
                  if auth.owns(caller, g)]
        rules = rules_of(session, [g.id for g in groups])
        docs = [views.security_group(g, rules[g.id]) for g in groups]
    return rest.list_response(req, 'security_groups', docs,
                              'security_group')


def create_group(app, req, caller):
    values = schema.parse(rest.json_body(req), 'security_group', 'post')
    _check_name(values)
    project_id = auth.check_project(caller, values)
    with app.store.transaction() as session:
        ensure_default(session, project_id)
        doc = _document(session, _insert(session, values))
    return rest.json_response({'security_group': doc}, status=201)


def show_group(app, req, caller, group_id):
    with app.store.transaction() as session:
        doc = _document(session, load(session, caller, group_id))
    return rest.show_response(req, 'security_group', doc)


def update_group(app, req, caller, group_id):
    values = schema.parse(rest.json_body(req), 'security_group', 'put')
    _check_name(values)
    with app.store.transaction() as session:
        group = load(session, caller, group_id)
        if group.name == DEFAULT_NAME and 'name' in values:
            raise errors.conflict(
                errors.SECURITY_GROUP_CANNOT_UPDATE_DEFAULT,
                'Updating default security group not allowed.')
        if values.get('stateful', group.stateful) != group.stateful and (
                _in_use(session, group_id)):
            raise errors.conflict(
                errors.SECURITY_GROUP_IN_USE,
                'Security Group %s in use, cannot change its stateful '
                'attribute.' % group_id)
        store.apply(group, values)
        doc = _document(session, group)
    return rest.json_response({'security_group': doc})


def delete_group(app, req, caller, group_id):
    with app.store.transaction() as session:
        group = load(session, caller, group_id)
        if _in_use(session, group_id):
            raise errors.conflict(errors.SECURITY_GROUP_IN_USE,
                                  'Security Group %s in use.' % group_id)
        if group.name == DEFAULT_NAME and not caller.is_admin:
            raise errors.conflict(
                errors.SECURITY_GROUP_CANNOT_REMOVE_DEFAULT,
                'Insufficient rights for removing default security group.')
        rule = models.SecurityGroupRule
        session.execute(sa.delete(rule).where(sa.or_(
            rule.security_group_id == group_id,
            rule.remote_group_id == group_id)))
        session.delete(group)
    return rest.no_content()
