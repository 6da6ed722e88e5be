"""Security group rules: ``/v2.0/security-group-rules[/{rule_id}]``.

A rule belongs to a group the caller owns and, unless an admin says
otherwise, to that group's project. Its values are checked as Neutron
checks them (``rule_values``); a rule equal to one the group already has
is a 409 ``SecurityGroupRuleExists``. Creating or deleting a rule bumps
its group's revision, as a change of the group.
"""

import sqlalchemy as sa

from nova.builtin.network import auth
from nova.builtin.network import errors
from nova.builtin.network import models
from nova.builtin.network import rest
from nova.builtin.network import rule_values
from nova.builtin.network import schema
from nova.builtin.network import security_groups
from nova.builtin.network import store
from nova.builtin.network import views

REQUIRED = ('security_group_id', 'direction')
OPTIONAL = ('protocol', 'port_range_min', 'port_range_max',
            'remote_ip_prefix', 'remote_group_id')


def _missing(rule_id):
    return errors.not_found(errors.SECURITY_GROUP_RULE_NOT_FOUND,
                            'Security group rule %s does not exist'
                            % rule_id)


def _load(session, caller, rule_id):
    rule = session.get(models.SecurityGroupRule, rule_id)
    if rule is None or not auth.owns(caller, rule):
        raise _missing(rule_id)
    return rule


def _parse(req):
    """The column values of a new rule, checked on their own and
    together (400 otherwise)."""
    values = schema.parse(rest.json_body(req), 'security_group_rule',
                          'post')
    for name in REQUIRED:
        if name not in values:
            raise errors.bad_request("Failed to parse request. Required "
                                     "attribute '%s' not specified" % name)
    values.setdefault('ethertype', 'IPv4')
    for name in OPTIONAL:
        values.setdefault(name, None)
    rule_values.check(values)
    return values


def _check_unique(session, group, values):
    new_key = rule_values.key(values)
    for rule in security_groups.rules_of(session, [group.id])[group.id]:
        if rule_values.key(rule) == new_key:
            raise errors.conflict(errors.SECURITY_GROUP_RULE_EXISTS,
                                  'Security group rule already exists. '
                                  'Rule id is %s.' % rule.id)


# -- handlers ----------------------------------------------------------------

def list_rules(app, req, caller):
    with app.store.transaction() as session:
        security_groups.ensure_default(session, caller.project_id)
        docs = [views.security_group_rule(r) for r in session.scalars(
                sa.select(models.SecurityGroupRule).order_by(
                    models.SecurityGroupRule.created_at,
                    models.SecurityGroupRule.id))
                if auth.owns(caller, r)]
    return rest.list_response(req, 'security_group_rules', docs,
                              'security_group_rule')


def create(app, req, caller):
    values = _parse(req)
    with app.store.transaction() as session:
        group = security_groups.load(session, caller,
                                     values['security_group_id'])
        values.setdefault('project_id', group.project_id)
        auth.check_project(caller, values)
        if values['remote_group_id'] is not None:
            security_groups.load(session, caller, values['remote_group_id'])
        _check_unique(session, group, values)
        rule = models.SecurityGroupRule(**store.stamp_new(values))
        session.add(rule)
        store.bump(group)
        session.flush()
        doc = views.security_group_rule(rule)
    return rest.json_response({'security_group_rule': doc}, status=201)


def show_rule(app, req, caller, rule_id):
    with app.store.transaction() as session:
        doc = views.security_group_rule(_load(session, caller, rule_id))
    return rest.show_response(req, 'security_group_rule', doc)


def delete(app, req, caller, rule_id):
    with app.store.transaction() as session:
        rule = _load(session, caller, rule_id)
        group = session.get(models.SecurityGroup, rule.security_group_id)
        session.delete(rule)
        if group is not None:
            store.bump(group)
    return rest.no_content()
