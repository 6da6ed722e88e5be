"""Security groups, read-only: each project gets a ``default`` group.

Like Neutron, the ``default`` group of a project is made the first time
the project needs it (listing groups, creating a port), with Neutron's
default rules: all egress, and ingress from members of the same group.
"""

import sqlalchemy as sa

from nova.builtin.network import auth
from nova.builtin.network import errors
from nova.builtin.network import models
from nova.builtin.network import rest
from nova.builtin.network import store
from nova.builtin.network import views

DEFAULT_NAME = 'default'
DEFAULT_DESCRIPTION = 'Default security group'


def _default_rules(group_id, project_id):
    for ethertype in ('IPv4', 'IPv6'):
        yield {'direction': 'egress', 'ethertype': ethertype,
               'remote_group_id': None}
        yield {'direction': 'ingress', 'ethertype': ethertype,
               'remote_group_id': group_id}


def ensure_default(session, project_id):
    """The id of ``project_id``'s default group, made if missing."""
    found = session.scalar(sa.select(models.SecurityGroup.id).where(
        models.SecurityGroup.project_id == project_id,
        models.SecurityGroup.name == DEFAULT_NAME))
    if found is not None:
        return found
    group = models.SecurityGroup(**store.stamp_new({
        'project_id': project_id, 'name': DEFAULT_NAME,
        'description': DEFAULT_DESCRIPTION}))
    session.add(group)
    for rule in _default_rules(group.id, project_id):
        rule.update(security_group_id=group.id, project_id=project_id)
        session.add(models.SecurityGroupRule(**store.stamp_new(rule)))
    session.flush()
    return group.id


def check_usable(session, caller, project_id, group_ids):
    """Raise 404 unless every group exists and belongs to ``project_id``."""
    for group_id in group_ids:
        group = session.get(models.SecurityGroup, group_id)
        if group is None or group.project_id != project_id or not (
                auth.owns(caller, group)):
            raise errors.not_found(
                errors.SECURITY_GROUP_NOT_FOUND,
                'Security group %s does not exist' % group_id)


def _rules(session, group_ids):
    found = {group_id: [] for group_id in group_ids}
    query = sa.select(models.SecurityGroupRule).where(
        models.SecurityGroupRule.security_group_id.in_(group_ids)).order_by(
        models.SecurityGroupRule.created_at, models.SecurityGroupRule.id)
    for rule in session.scalars(query):
        found[rule.security_group_id].append(rule)
    return found


# -- handlers ----------------------------------------------------------------

def list_groups(app, req, caller):
    with app.store.transaction() as session:
        ensure_default(session, caller.project_id)
        groups = [g for g in session.scalars(
                  sa.select(models.SecurityGroup).order_by(
                      models.SecurityGroup.created_at,
                      models.SecurityGroup.id))
                  if auth.owns(caller, g)]
        rules = _rules(session, [g.id for g in groups])
        docs = [views.security_group(g, rules[g.id]) for g in groups]
    return rest.list_response(req, 'security_groups', docs,
                              'security_group')


def show_group(app, req, caller, group_id):
    with app.store.transaction() as session:
        group = session.get(models.SecurityGroup, group_id)
        if group is None or not auth.owns(caller, group):
            raise errors.not_found(
                errors.SECURITY_GROUP_NOT_FOUND,
                'Security group %s does not exist' % group_id)
        doc = views.security_group(group, _rules(session, [group_id])[
            group_id])
    return rest.show_response(req, 'security_group', doc)


def list_rules(app, req, caller):
    with app.store.transaction() as session:
        ensure_default(session, caller.project_id)
        docs = [views.security_group_rule(r) for r in session.scalars(
                sa.select(models.SecurityGroupRule).order_by(
                    models.SecurityGroupRule.created_at,
                    models.SecurityGroupRule.id))
                if auth.owns(caller, r)]
    return rest.list_response(req, 'security_group_rules', docs,
                              'security_group_rule')


def show_rule(app, req, caller, rule_id):
    with app.store.transaction() as session:
        rule = session.get(models.SecurityGroupRule, rule_id)
        if rule is None or not auth.owns(caller, rule):
            raise errors.not_found(
                errors.SECURITY_GROUP_RULE_NOT_FOUND,
                'Security group rule %s does not exist' % rule_id)
        doc = views.security_group_rule(rule)
    return rest.show_response(req, 'security_group_rule', doc)
