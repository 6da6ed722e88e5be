"""The policy matrix: every route of the Compute API and every server action,
called over HTTP as four personas, against real resources of the project
``demo``:

- ``admin``: the admin role;
- ``member``: a member (and reader) of ``demo``, the owner;
- ``reader``: only a reader of ``demo`` (the no-auth user ``reader``);
- ``other``: a member of another project, ``alt``.

What each persona should get comes from the default of the rule the
handler checks, as Nova defines it (``test_policy_defaults``): allowed
(a 2xx, or a 4xx that is not a policy refusal, such as 400, 404 or 409
for that input, or 501) or refused (403); another project's server and
what hangs off it is hidden (404), as Nova hides it. A 500, 502 or 503 is
always wrong. Personas run refused ones first, so that the call a
permitted persona makes (deleting, say) comes last.
"""

import collections
import uuid

from nova.api.openstack.compute import routes
from nova.api.openstack.compute import server_actions
from nova.api.openstack import handler
from nova.tests.fixtures import cloud as cloud_fixture
from nova.tests.functional import api_client
from nova.tests.unit import test_policy_defaults as defaults

IMAGE = api_client.DEFAULT_IMAGE
ACTION_PATH = '/servers/{server_id}/action'
PERSONAS = ('other', 'reader', 'member', 'admin')

# How the other project sees the target of a call.
HIDDEN = 'hidden'     # another project's server: 404, as Nova hides it
PROJECT = 'project'   # a resource of demo's: project rules refuse (403)

# A call: ``path`` is the route template (ROUTE_TABLE's), filled from the
# resources made in setUp; ``rule`` is the rule deciding it (by default the
# first its handler declares); ``version`` defaults to the newest the
# route serves.
Call = collections.namedtuple(
    'Call', 'method path body version rule scope')


def call(method, path, body=None, version=None, rule=None, scope=None):
    return Call(method, path, body, version, rule, scope)


def action(name, args=None, version=None, scope=HIDDEN):
    return Call('POST', ACTION_PATH, {name: args}, version, None, scope)


def expected(category, persona, scope):
    """'allowed', 403 or 404 for ``persona`` under a default of
    ``category`` (``test_policy_defaults``)."""
    if persona == 'admin':
        return 'allowed'
    if persona == 'other' and scope == HIDDEN:
        return 404
    passes = {
        'member': (defaults.ANY, defaults.MEMBER, defaults.READER,
                   defaults.OWNER),
        'reader': (defaults.ANY, defaults.READER, defaults.OWNER),
        'other': (defaults.ANY, defaults.OWNER) if scope == PROJECT else (
            defaults.ANY, defaults.MEMBER, defaults.READER,
            defaults.OWNER),
    }[persona]
    return 'allowed' if category in passes else 403


def outcome(status):
    """'allowed', 403, 404 or 'error' (a 500, 502, 503 or a 401)."""
    if status in (401, 500, 502, 503):
        return 'error'
    if status in (403, 404):
        return status
    return 'allowed'


def agrees(expect, status):
    got = outcome(status)
    if expect == 'allowed':
        # A 404 is an answer the permitted get for a missing resource.
        return got in ('allowed', 404)
    return got == expect


class TestPolicyMatrix(cloud_fixture.SharedCloudTestCase):

    cloud_options = {'network': True}

    def setUp(self):
        super().setUp()
        self.apis = {
            'admin': self.cloud.admin_api,
            'member': self.cloud.api_for('demo', 'demo'),
            'reader': self.cloud.api_for('reader', 'demo'),
            'other': self.cloud.api_for('alt', 'alt'),
        }
        self.ids = self._resources()

    def _ok(self, resp, *codes):
        self.assertIn(resp.status_code, codes or (200, 201, 202),
                      resp.text)
        return resp.json() if resp.content else None

    def _resources(self):
        """Create what the calls act on; the template values."""
        admin, demo = self.apis['admin'], self.apis['member']
        ids = {'tenant_id': 'demo', 'quota_class': 'default',
               'image_id': IMAGE, 'key': 'k', 'tag': 't1',
               'flavor_extra_spec_key': 'hw:cpu_policy',
               'migration_id': '1', 'console_token': 'no-such-token',
               'alias': 'os-keypairs', 'network_label': 'private',
               'before_timestamp': '2020-01-01 00:00:00',
               'port_id': str(uuid.uuid4())}
        host = self.cloud.computes[0].host
        ids['host_name'] = ids['hypervisor_hostname_pattern'] = host
        ids['server_id'] = demo.create_server(name='pm-vm')['server']['id']
        ids['doomed'] = demo.create_server(name='pm-doomed')['server']['id']
        for server in (ids['server_id'], ids['doomed']):
            demo.wait_for_status(server, 'ACTIVE')
        ids['request_id'] = self._ok(demo.get(
            '/servers/%s/os-instance-actions' % ids['server_id']))[
                'instanceActions'][0]['request_id']
        flavor = self._ok(admin.post('/flavors', {'flavor': {
            'name': 'pm-flavor', 'id': 'pm-flavor', 'ram': 512,
            'vcpus': 1, 'disk': 1, 'os-flavor-access:is_public': False}}))
        ids['flavor_id'] = flavor['flavor']['id']
        self._ok(admin.post('/flavors/pm-flavor/action', {
            'addTenantAccess': {'tenant': 'demo'}}))
        self._ok(admin.post('/flavors/pm-flavor/os-extra_specs', {
            'extra_specs': {'hw:cpu_policy': 'shared'}}))
        self._ok(demo.post('/os-keypairs', {'keypair': {'name': 'pm-key'}},
                           microversion='2.91'))
        ids['keypair_name'] = 'pm-key'
        ids['aggregate_id'] = self._ok(admin.post('/os-aggregates', {
            'aggregate': {'name': 'pm-agg'}}))['aggregate']['id']
        ids['server_group_id'] = self._ok(demo.post('/os-server-groups', {
            'server_group': {'name': 'pm-group', 'policy': 'affinity'}}))[
                'server_group']['id']
        old = '2.35'
        ids['security_group_id'] = self._ok(demo.post(
            '/os-security-groups', {'security_group': {
                'name': 'pm-sg', 'description': 'matrix'}},
            microversion=old))['security_group']['id']
        ids['security_group_rule_id'] = self._ok(demo.post(
            '/os-security-group-rules', {'security_group_rule': {
                'parent_group_id': ids['security_group_id'],
                'ip_protocol': 'tcp', 'from_port': 80, 'to_port': 80,
                'cidr': '10.1.0.0/24'}}, microversion=old))[
                    'security_group_rule']['id']
        floating = self._ok(demo.post('/os-floating-ips', {'pool': 'public'},
                                      microversion=old))['floating_ip']
        ids['floating_ip_id'], ids['address'] = floating['id'], floating['ip']
        networks = self._ok(demo.get('/os-networks', microversion=old))[
            'networks']
        ids['network_id'] = [n['id'] for n in networks
                             if n['label'] == 'private'][0]
        ids['hypervisor_id'] = self._ok(admin.get('/os-hypervisors'))[
            'hypervisors'][0]['id']
        ids['service_id'] = [s['id'] for s in self._ok(admin.get(
            '/os-services'))['services'] if s['binary'] == 'nova-compute'][0]
        return ids

    def _calls(self):
        """Every route and action, readers' calls first, deletions last."""
        ids = self.ids
        meta = {'metadata': {'a': '1'}}
        return [
            call('GET', '/extensions'),
            call('GET', '/extensions/{alias}'),
            call('GET', '/limits'),
            call('GET', '/flavors'),
            call('GET', '/flavors/detail'),
            call('GET', '/flavors/{flavor_id}'),
            call('POST', '/flavors', {'flavor': {
                'name': 'pm-new', 'ram': 512, 'vcpus': 1, 'disk': 1}}),
            call('PUT', '/flavors/{flavor_id}', {
                'flavor': {'description': 'matrix'}}),
            call('GET', '/flavors/{flavor_id}/os-flavor-access'),
            call('POST', '/flavors/{flavor_id}/action', {
                'addTenantAccess': {'tenant': 'nobody'}},
                rule='os_compute_api:os-flavor-access:add_tenant_access'),
            call('POST', '/flavors/{flavor_id}/action', {
                'removeTenantAccess': {'tenant': 'nobody'}},
                rule='os_compute_api:os-flavor-access:'
                     'remove_tenant_access'),
            call('GET', '/flavors/{flavor_id}/os-extra_specs'),
            call('POST', '/flavors/{flavor_id}/os-extra_specs', {
                'extra_specs': {'hw:cpu_policy': 'shared'}}),
            call('GET', '/flavors/{flavor_id}/os-extra_specs/'
                 '{flavor_extra_spec_key}'),
            call('PUT', '/flavors/{flavor_id}/os-extra_specs/'
                 '{flavor_extra_spec_key}', {'hw:cpu_policy': 'shared'}),
            call('GET', '/images'),
            call('GET', '/images/detail'),
            call('GET', '/images/{image_id}'),
            call('GET', '/images/{image_id}/metadata'),
            call('GET', '/images/{image_id}/metadata/{key}'),
            call('POST', '/images/{image_id}/metadata', meta),
            call('PUT', '/images/{image_id}/metadata', meta),
            call('PUT', '/images/{image_id}/metadata/{key}',
                 {'meta': {'k': 'v'}}),
            call('DELETE', '/images/{image_id}/metadata/{key}'),
            call('GET', '/os-aggregates'),
            call('POST', '/os-aggregates', {'aggregate': {'name': 'pm-a2'}}),
            call('GET', '/os-aggregates/{aggregate_id}'),
            call('PUT', '/os-aggregates/{aggregate_id}', {
                'aggregate': {'name': 'pm-agg'}}),
            call('POST', '/os-aggregates/{aggregate_id}/action', {
                'add_host': {'host': ids['host_name']}},
                rule='os_compute_api:os-aggregates:add_host'),
            call('POST', '/os-aggregates/{aggregate_id}/action', {
                'set_metadata': {'metadata': {'k': 'v'}}},
                rule='os_compute_api:os-aggregates:set_metadata'),
            call('POST', '/os-aggregates/{aggregate_id}/images', {
                'cache': [{'id': IMAGE}]}),
            call('POST', '/os-aggregates/{aggregate_id}/action', {
                'remove_host': {'host': ids['host_name']}},
                rule='os_compute_api:os-aggregates:remove_host'),
            call('GET', '/os-availability-zone'),
            call('GET', '/os-availability-zone/detail'),
            call('GET', '/os-console-auth-tokens/{console_token}'),
            call('GET', '/os-floating-ip-pools'),
            call('GET', '/os-floating-ips'),
            call('POST', '/os-floating-ips', {'pool': 'public'}),
            call('GET', '/os-floating-ips/{floating_ip_id}', scope=HIDDEN),
            call('GET', '/os-hosts'),
            call('GET', '/os-hosts/{host_name}'),
            call('PUT', '/os-hosts/{host_name}', {'status': 'enable'}),
            call('GET', '/os-hosts/{host_name}/reboot'),
            call('GET', '/os-hosts/{host_name}/shutdown'),
            call('GET', '/os-hosts/{host_name}/startup'),
            call('GET', '/os-hypervisors'),
            call('GET', '/os-hypervisors/detail'),
            call('GET', '/os-hypervisors/statistics'),
            call('GET', '/os-hypervisors/{hypervisor_id}'),
            call('GET', '/os-hypervisors/{hypervisor_id}/uptime'),
            call('GET', '/os-hypervisors/{hypervisor_hostname_pattern}/'
                 'search'),
            call('GET', '/os-hypervisors/{hypervisor_hostname_pattern}/'
                 'servers'),
            call('GET', '/os-instance_usage_audit_log'),
            call('GET', '/os-instance_usage_audit_log/{before_timestamp}'),
            call('GET', '/os-keypairs'),
            call('POST', '/os-keypairs', {'keypair': {'name': 'pm-k2'}},
                 version='2.91'),
            call('GET', '/os-keypairs/{keypair_name}'),
            call('GET', '/os-migrations'),
            call('GET', '/os-networks'),
            call('GET', '/os-networks/{network_id}'),
            call('GET', '/os-tenant-networks'),
            call('GET', '/os-tenant-networks/{network_id}'),
            call('GET', '/os-quota-class-sets/{quota_class}'),
            call('PUT', '/os-quota-class-sets/{quota_class}', {
                'quota_class_set': {'cores': 20}}),
            call('GET', '/os-quota-sets/{tenant_id}', scope=PROJECT),
            call('GET', '/os-quota-sets/{tenant_id}/detail', scope=PROJECT),
            call('GET', '/os-quota-sets/{tenant_id}/defaults',
                 scope=PROJECT),
            call('PUT', '/os-quota-sets/{tenant_id}', {
                'quota_set': {'instances': 10}}, scope=PROJECT),
            call('DELETE', '/os-quota-sets/{tenant_id}', scope=PROJECT),
            call('GET', '/os-security-groups'),
            call('POST', '/os-security-groups', {'security_group': {
                'name': 'pm-sg2', 'description': 'matrix'}}),
            call('GET', '/os-security-groups/{security_group_id}',
                 scope=HIDDEN),
            call('PUT', '/os-security-groups/{security_group_id}', {
                'security_group': {'name': 'pm-sg', 'description': 'm'}},
                scope=HIDDEN),
            call('POST', '/os-security-group-rules', {'security_group_rule': {
                'parent_group_id': ids['security_group_id'],
                'ip_protocol': 'tcp', 'from_port': 22, 'to_port': 22,
                'cidr': '10.2.0.0/24'}}, scope=HIDDEN),
            call('POST', '/os-server-external-events', {'events': [{
                'name': 'network-changed',
                'server_uuid': ids['server_id']}]}),
            call('GET', '/os-server-groups'),
            call('POST', '/os-server-groups', {'server_group': {
                'name': 'pm-g2', 'policy': 'affinity'}}),
            call('GET', '/os-server-groups/{server_group_id}',
                 scope=PROJECT),
            call('GET', '/os-services'),
            call('PUT', '/os-services/{service_id}', {'status': 'enabled'}),
            call('GET', '/os-simple-tenant-usage'),
            call('GET', '/os-simple-tenant-usage/{tenant_id}',
                 scope=PROJECT),
            call('GET', '/servers'),
            call('GET', '/servers/detail'),
            call('POST', '/servers', {'server': {
                'name': 'pm-new', 'flavorRef': '1', 'imageRef': IMAGE,
                'networks': 'none'}}),
            call('GET', '/servers/{server_id}', scope=HIDDEN),
            call('PUT', '/servers/{server_id}', {
                'server': {'name': 'pm-vm'}}, scope=HIDDEN),
            call('GET', '/servers/{server_id}/ips', scope=HIDDEN),
            call('GET', '/servers/{server_id}/ips/{network_label}',
                 scope=HIDDEN),
            call('GET', '/servers/{server_id}/migrations', scope=HIDDEN),
            call('GET', '/servers/{server_id}/migrations/{migration_id}',
                 scope=HIDDEN),
            call('POST', '/servers/{server_id}/migrations/{migration_id}/'
                 'action', {'force_complete': None}, scope=HIDDEN),
            call('DELETE', '/servers/{server_id}/migrations/'
                 '{migration_id}', scope=HIDDEN),
            call('GET', '/servers/{server_id}/os-interface', scope=HIDDEN),
            call('GET', '/servers/{server_id}/os-interface/{port_id}',
                 scope=HIDDEN),
            call('POST', '/servers/{server_id}/os-interface', {
                'interfaceAttachment': {'net_id': ids['network_id']}},
                scope=HIDDEN),
            call('DELETE', '/servers/{server_id}/os-interface/{port_id}',
                 scope=HIDDEN),
            call('POST', '/servers/{server_id}/remote-consoles', {
                'remote_console': {'protocol': 'vnc', 'type': 'novnc'}},
                scope=HIDDEN),
            call('GET', '/servers/{server_id}/os-security-groups',
                 scope=HIDDEN),
            call('GET', '/servers/{server_id}/os-instance-actions',
                 scope=HIDDEN),
            call('GET', '/servers/{server_id}/os-instance-actions/'
                 '{request_id}', scope=HIDDEN),
            call('GET', '/servers/{server_id}/diagnostics', scope=HIDDEN),
            call('GET', '/servers/{server_id}/topology', scope=HIDDEN),
            call('GET', '/servers/{server_id}/os-server-password',
                 scope=HIDDEN),
            call('DELETE', '/servers/{server_id}/os-server-password',
                 scope=HIDDEN),
            call('GET', '/servers/{server_id}/metadata', scope=HIDDEN),
            call('POST', '/servers/{server_id}/metadata', meta,
                 scope=HIDDEN),
            call('PUT', '/servers/{server_id}/metadata', meta,
                 scope=HIDDEN),
            call('GET', '/servers/{server_id}/metadata/{key}',
                 scope=HIDDEN),
            call('PUT', '/servers/{server_id}/metadata/{key}',
                 {'meta': {'k': '2'}}, scope=HIDDEN),
            call('DELETE', '/servers/{server_id}/metadata/{key}',
                 scope=HIDDEN),
            call('GET', '/servers/{server_id}/tags', scope=HIDDEN),
            call('PUT', '/servers/{server_id}/tags', {'tags': ['t1']},
                 scope=HIDDEN),
            call('GET', '/servers/{server_id}/tags/{tag}', scope=HIDDEN),
            call('PUT', '/servers/{server_id}/tags/{tag}', scope=HIDDEN),
            call('DELETE', '/servers/{server_id}/tags/{tag}',
                 scope=HIDDEN),
            call('DELETE', '/servers/{server_id}/tags', scope=HIDDEN),
            action('lock'),
            action('unlock'),
            action('os-getConsoleOutput', {'length': 5}),
            action('os-getVNCConsole', {'type': 'novnc'}),
            action('os-getSPICEConsole', {'type': 'spice-html5'}),
            action('os-getSerialConsole', {'type': 'serial'}),
            action('changePassword', {'adminPass': 'pw'}),
            action('trigger_crash_dump'),
            action('injectNetworkInfo'),
            action('addSecurityGroup', {'name': 'pm-sg'}),
            action('removeSecurityGroup', {'name': 'pm-sg'}),
            action('addFloatingIp', {'address': ids['address']}),
            action('removeFloatingIp', {'address': ids['address']}),
            action('addFixedIp', {'networkId': ids['network_id']}),
            action('removeFixedIp', {'address': '10.254.0.1'}),
            action('createImage', {'name': 'pm-image'}),
            action('createBackup', {'name': 'pm-backup',
                                    'backup_type': 'daily',
                                    'rotation': 1}),
            action('reboot', {'type': 'SOFT'}),
            action('os-stop'),
            action('os-start'),
            action('pause'),
            action('unpause'),
            action('suspend'),
            action('resume'),
            action('rescue', {}),
            action('unrescue'),
            action('os-resetState', {'state': 'active'}),
            action('rebuild', {'imageRef': IMAGE}),
            action('resize', {'flavorRef': '2'}),
            action('confirmResize'),
            action('revertResize'),
            action('migrate'),
            action('os-migrateLive', {'host': None,
                                      'block_migration': 'auto'}),
            action('evacuate', {}),
            action('shelve'),
            action('shelveOffload'),
            action('unshelve'),
            action('restore'),
            # The deletions.
            call('DELETE', '/os-security-group-rules/'
                 '{security_group_rule_id}', scope=HIDDEN),
            call('DELETE', '/os-security-groups/{security_group_id}',
                 scope=HIDDEN),
            call('DELETE', '/os-floating-ips/{floating_ip_id}',
                 scope=HIDDEN),
            call('DELETE', '/os-server-groups/{server_group_id}',
                 scope=PROJECT),
            call('DELETE', '/os-keypairs/{keypair_name}'),
            call('DELETE', '/os-aggregates/{aggregate_id}'),
            call('DELETE', '/flavors/{flavor_id}/os-extra_specs/'
                 '{flavor_extra_spec_key}'),
            call('DELETE', '/flavors/{flavor_id}'),
            call('DELETE', '/images/{image_id}',
                 rule='os_compute_api:image-proxy:delete'),
            call('DELETE', '/os-services/{service_id}'),
            call('DELETE', '/servers/{server_id}', scope=HIDDEN),
            action('forceDelete', scope=HIDDEN),
        ]

    def _handler(self, method, path):
        for template, methods in routes.ROUTE_TABLE:
            if template == path and method in methods:
                return methods[method]
        raise AssertionError('no route %s %s' % (method, path))

    def _resolve(self, item):
        """(url, body, version, rule) of a call."""
        if item.path == ACTION_PATH:
            name = next(iter(item.body))
            func = server_actions.ACTIONS[name]
        else:
            func = self._handler(item.method, item.path)
        spec = handler.spec_of(func)
        rule = item.rule or spec.policies[0]
        version = item.version or spec.max_version or '2.100'
        values = dict(self.ids)
        if (item.method, item.path) == ('DELETE', '/servers/{server_id}') or (
                item.path == ACTION_PATH and name == 'forceDelete'):
            values['server_id'] = self.ids['doomed']
        if item.method != 'GET' and item.path.startswith('/images/'):
            # The shared image is the admin's: a member may not change
            # it (the image service's 403); permitted callers get a 404.
            values['image_id'] = str(uuid.uuid4())
        if item.method == 'DELETE' and item.path == (
                '/os-services/{service_id}'):
            values['service_id'] = str(uuid.uuid4())
        return item.path.format(**values), item.body, version, rule

    def test_every_route_as_every_persona(self):
        calls = self._calls()
        served = {(m, p) for p, methods in routes.ROUTE_TABLE
                  for m in methods} - {('POST', ACTION_PATH)}
        self.assertEqual(set(), served - {(c.method, c.path) for c in calls},
                         'routes the matrix does not call')
        self.assertEqual(set(), set(server_actions.ACTIONS) - {
            next(iter(c.body)) for c in calls if c.path == ACTION_PATH},
            'server actions the matrix does not call')
        made, mismatches = 0, []
        statuses = collections.Counter()
        for item in calls:
            url, body, version, rule = self._resolve(item)
            category = defaults.expected_category(rule)
            for persona in PERSONAS:
                resp = self.apis[persona].request(
                    item.method, url, body=body, microversion=version)
                made += 1
                statuses[persona, resp.status_code] += 1
                expect = expected(category, persona, item.scope)
                if not agrees(expect, resp.status_code):
                    label = item.method + ' ' + item.path
                    if item.path == ACTION_PATH:
                        label += ' ' + next(iter(item.body))
                    mismatches.append('%s @%s as %s (%s, %s): expected %s, '
                                      'got %s %s' % (
                                          label, version, persona, rule,
                                          category, expect,
                                          resp.status_code,
                                          resp.text[:160]))
        print('policy matrix: %d calls (%d routes and actions x %d '
              'personas), %d mismatches'
              % (made, len(calls), len(PERSONAS), len(mismatches)))
        for persona in PERSONAS:
            print('  %s: %s' % (persona, ', '.join(
                '%d x%d' % (status, count) for (who, status), count in
                sorted(statuses.items()) if who == persona)))
        for line in mismatches:
            print('  ' + line)
        self.assertEqual([], mismatches)
