"""Security groups through the network service: those of a server's
ports (addSecurityGroup, removeSecurityGroup, the server views), the
groups and rules of the 2.1 - 2.35 proxies, and the check of a boot
request's groups. Mixed into ``nova.network.neutron.API``.
"""

from oslo_utils import uuidutils

from nova import exception
from nova.network import client


class SecurityGroupAPI(client.Client):
    """Security groups, as the caller of a context may handle them."""

    # -- security groups of servers ------------------------------------------

    def _instance_ports(self, context, instance_uuids):
        """{instance uuid: [port]} of the instances' ports."""
        if not instance_uuids:
            return {}
        found = {}
        for port in self._list(context, 'ports', admin=True,
                               device_id=list(instance_uuids)):
            found.setdefault(port['device_id'], []).append(port)
        return found

    def _list_groups(self, context, **filters):
        return self._request(context, 'GET', '/v2.0/security-groups',
                             admin=True, params=filters).json()[
            'security_groups']

    def _groups_by_id(self, context, group_ids):
        if not group_ids:
            return {}
        return {group['id']: group for group in self._list_groups(
            context, id=sorted(group_ids))}

    def security_group_names(self, context, instances):
        """{instance uuid: [{'name': group name}]} for the instances with
        ports (as the server views show them); {} when networking is not
        configured."""
        if not client.is_configured(context):
            return {}
        wanted = [i.uuid for i in instances if self._cached(i)]
        ports = self._instance_ports(context, wanted)
        groups = self._groups_by_id(context, {
            group_id for found in ports.values() for port in found
            for group_id in port.get('security_groups') or ()})
        names = {}
        for uuid, found in ports.items():
            seen = []
            for port in found:
                for group_id in port.get('security_groups') or ():
                    name = groups.get(group_id, {}).get('name', group_id)
                    if {'name': name} not in seen:
                        seen.append({'name': name})
            names[uuid] = seen
        return names

    def instance_security_groups(self, context, instance):
        """The security groups (Neutron documents) on the ports of
        ``instance``, each once."""
        if not client.is_configured(context):
            return []
        ports = self._instance_ports(context, [instance.uuid]).get(
            instance.uuid, [])
        ids = []
        for port in ports:
            for group_id in port.get('security_groups') or ():
                if group_id not in ids:
                    ids.append(group_id)
        groups = self._groups_by_id(context, set(ids))
        return [groups[i] for i in ids if i in groups]

    def _find_group(self, context, project_id, name_or_id):
        matches = [g for g in self._list_groups(context,
                                                project_id=project_id)
                   if name_or_id in (g['id'], g['name'])]
        if not matches:
            raise exception.SecurityGroupNotFound(
                security_group_id=name_or_id)
        if len(matches) > 1:
            raise exception.NoUniqueMatch(
                'Multiple security groups match %s; use an ID.' % name_or_id)
        return matches[0]

    def _ports_for_groups(self, context, instance):
        ports = self._instance_ports(context, [instance.uuid]).get(
            instance.uuid, [])
        if not ports:
            raise exception.SecurityGroupCannotBeApplied(
                instance_id=instance.uuid)
        return ports

    def add_to_instance(self, context, instance, name_or_id):
        """Add the security group (name or ID, of the instance's project)
        to every port of ``instance``. Raises SecurityGroupNotFound (404),
        NoUniqueMatch (409), SecurityGroupExistsForInstance and
        SecurityGroupCannotBeApplied (400)."""
        group = self._find_group(context, instance.project_id, name_or_id)
        ports = self._ports_for_groups(context, instance)
        if all(group['id'] in (p.get('security_groups') or ())
               for p in ports):
            raise exception.SecurityGroupExistsForInstance(
                security_group_id=name_or_id, instance_id=instance.uuid)
        for port in ports:
            current = list(port.get('security_groups') or ())
            if group['id'] not in current:
                self._update_port(context, port['id'],
                                  {'security_groups': current + [
                                      group['id']]}, admin=True)

    def remove_from_instance(self, context, instance, name_or_id):
        """Remove the security group from every port of ``instance``;
        SecurityGroupNotExistsForInstance (400) when none has it."""
        group = self._find_group(context, instance.project_id, name_or_id)
        ports = self._ports_for_groups(context, instance)
        having = [p for p in ports
                  if group['id'] in (p.get('security_groups') or ())]
        if not having:
            raise exception.SecurityGroupNotExistsForInstance(
                security_group_id=name_or_id, instance_id=instance.uuid)
        for port in having:
            self._update_port(context, port['id'], {'security_groups': [
                g for g in port['security_groups'] if g != group['id']]},
                admin=True)

    # -- security groups and rules (os-security-groups proxies, boot) --------

    def list_security_groups(self, context, **filters):
        """The security groups ``context`` may see that match ``filters``
        (Networking API query parameters, e.g. ``project_id`` or a list
        of ``id``), as Networking API dicts with their rules."""
        return self._request(context, 'GET', '/v2.0/security-groups',
                             params=filters).json()['security_groups']

    def _group_request(self, context, method, group_id, **kwargs):
        def missing():
            return exception.SecurityGroupNotFound(security_group_id=group_id)
        if not uuidutils.is_uuid_like(group_id):
            raise missing()
        return self._request(context, method,
                             '/v2.0/security-groups/%s' % group_id,
                             not_found=missing, **kwargs)

    def show_security_group(self, context, group_id):
        """One security group ``context`` may see; SecurityGroupNotFound
        when it does not exist or is another project's."""
        return self._group_request(context, 'GET', group_id).json()[
            'security_group']

    def create_security_group(self, context, name, description):
        """A new security group of the caller's project (the service adds
        its egress rules). Raises NetworkBadRequest (400) for values the
        service refuses and SecurityGroupLimitExceeded (403) when it
        answers 409 (over quota, or the name ``default``), as Nova maps
        them."""
        try:
            return self._request(
                context, 'POST', '/v2.0/security-groups',
                json={'security_group': {'name': name,
                                         'description': description}},
            ).json()['security_group']
        except exception.NetworkConflict as e:
            raise exception.SecurityGroupLimitExceeded(e.kwargs['reason'])

    def update_security_group(self, context, group_id, name, description):
        """Rename and describe a group; the updated group. Raises
        SecurityGroupNotFound and NetworkBadRequest (also for a 409, e.g.
        renaming the project's ``default`` group)."""
        return self._group_request(
            context, 'PUT', group_id, json={'security_group': {
                'name': name, 'description': description}},
        ).json()['security_group']

    def delete_security_group(self, context, group_id):
        """Delete a group and the rules of other groups naming it. Raises
        SecurityGroupNotFound, NetworkBadRequest (the service refuses: the
        group is on a port, or it is the project's ``default`` group)."""
        self._group_request(context, 'DELETE', group_id)

    def _rule_missing(self, rule_id):
        return exception.SecurityGroupRuleNotFound(rule_id=rule_id)

    def show_security_group_rule(self, context, rule_id):
        """One rule ``context`` may see; SecurityGroupRuleNotFound."""
        if not uuidutils.is_uuid_like(rule_id):
            raise self._rule_missing(rule_id)
        return self._request(
            context, 'GET', '/v2.0/security-group-rules/%s' % rule_id,
            not_found=lambda: self._rule_missing(rule_id),
        ).json()['security_group_rule']

    def create_security_group_rule(self, context, rule):
        """Create ``rule`` (a Networking API ``security_group_rule``
        body); the created rule. Raises SecurityGroupNotFound (its group
        or remote group is gone), SecurityGroupLimitExceeded (409: a
        duplicate or over quota, as Nova maps it) and NetworkBadRequest."""
        group_id = rule['security_group_id']
        try:
            return self._request(
                context, 'POST', '/v2.0/security-group-rules',
                json={'security_group_rule': rule},
                not_found=lambda: exception.SecurityGroupNotFound(
                    security_group_id=group_id),
            ).json()['security_group_rule']
        except exception.NetworkConflict as e:
            raise exception.SecurityGroupLimitExceeded(e.kwargs['reason'])

    def delete_security_group_rule(self, context, rule_id):
        """Delete one rule; SecurityGroupRuleNotFound."""
        if not uuidutils.is_uuid_like(rule_id):
            raise self._rule_missing(rule_id)
        self._request(context, 'DELETE',
                      '/v2.0/security-group-rules/%s' % rule_id,
                      not_found=lambda: self._rule_missing(rule_id))

    def validate_security_groups(self, context, names):
        """Check that each security group a boot request names (by name
        or ID; ``default`` is always there) is one of the caller's
        project. Raises SecurityGroupNotFound (400 at boot, as in Nova)
        or NoUniqueMatch (409) for a name several groups have. A no-op
        when networking is not configured."""
        wanted = [n for n in names or () if n != 'default']
        if not wanted or not client.is_configured(context):
            return
        groups = self.list_security_groups(context,
                                           project_id=context.project_id)
        for name in wanted:
            found = [g for g in groups if name in (g['id'], g['name'])]
            if not found:
                raise exception.SecurityGroupNotFound(
                    security_group_id=name)
            if len(found) > 1:
                raise exception.NoUniqueMatch(
                    'Multiple security groups match %s; use an ID.' % name)
