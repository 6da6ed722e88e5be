"""Our policy defaults mean what Nova's defaults mean.

``NOVA_DEFAULTS`` is Nova's default for each rule name, read from upstream
``nova/policies`` and written down here as data: who the default lets
through, as one of the categories below. Each of our registered API rules
is evaluated for a set of personas and the pattern of decisions is named
with the same categories, so a check string written differently but
meaning the same passes, and a default that lets a different set of
callers through fails.

The functional policy matrix (nova/tests/functional/test_policy_matrix.py)
derives its expectations from this table.
"""

from oslo_policy import policy as oslo_policy

from nova import policies
from nova import policy as nova_policy
from nova import test

# The categories of default, by who passes them.
ANY = 'any'            # every authenticated caller
ADMIN = 'admin'        # the admin role only
MEMBER = 'member'      # a member of the target project, or an admin
READER = 'reader'      # a reader of the target project, or an admin
OWNER = 'owner'        # the user the target belongs to, or an admin
SERVICE = 'service'    # the service role, or an admin
MANAGER = 'manager'    # a manager of the target project, or an admin
NOBODY = 'nobody'      # no one

# Nova's defaults (upstream master), rule name -> category.
NOVA_DEFAULTS = {
    'compute:aggregates:images':                                 ADMIN,
    'compute:server:topology:host:index':                        ADMIN,
    'compute:server:topology:index':                             READER,
    'compute:servers:create:requested_destination':              ADMIN,
    'compute:servers:resize:cross_cell':                         NOBODY,
    'network:attach_external_network':                           ADMIN,
    'os_compute_api:extensions':                                 ANY,
    'os_compute_api:ips:index':                                  READER,
    'os_compute_api:ips:show':                                   READER,
    'os_compute_api:limits':                                     ANY,
    'os_compute_api:limits:other_project':                       ADMIN,
    'os_compute_api:os-admin-actions:inject_network_info':       ADMIN,
    'os_compute_api:os-admin-actions:reset_state':               ADMIN,
    'os_compute_api:os-admin-password':                          MEMBER,
    'os_compute_api:os-aggregates:add_host':                     ADMIN,
    'os_compute_api:os-aggregates:create':                       ADMIN,
    'os_compute_api:os-aggregates:delete':                       ADMIN,
    'os_compute_api:os-aggregates:index':                        ADMIN,
    'os_compute_api:os-aggregates:remove_host':                  ADMIN,
    'os_compute_api:os-aggregates:set_metadata':                 ADMIN,
    'os_compute_api:os-aggregates:show':                         ADMIN,
    'os_compute_api:os-aggregates:update':                       ADMIN,
    'os_compute_api:os-assisted-volume-snapshots:create':        SERVICE,
    'os_compute_api:os-assisted-volume-snapshots:delete':        SERVICE,
    'os_compute_api:os-attach-interfaces:create':                MEMBER,
    'os_compute_api:os-attach-interfaces:delete':                MEMBER,
    'os_compute_api:os-attach-interfaces:list':                  READER,
    'os_compute_api:os-attach-interfaces:show':                  READER,
    'os_compute_api:os-availability-zone:detail':                ADMIN,
    'os_compute_api:os-availability-zone:list':                  ANY,
    'os_compute_api:os-baremetal-nodes:list':                    ADMIN,
    'os_compute_api:os-baremetal-nodes:show':                    ADMIN,
    'os_compute_api:os-console-auth-tokens':                     ADMIN,
    'os_compute_api:os-console-output':                          MEMBER,
    'os_compute_api:os-create-backup':                           MEMBER,
    'os_compute_api:os-deferred-delete:force':                   MEMBER,
    'os_compute_api:os-deferred-delete:restore':                 MEMBER,
    'os_compute_api:os-evacuate':                                ADMIN,
    'os_compute_api:os-extended-server-attributes':              ADMIN,
    'os_compute_api:os-flavor-access':                           ADMIN,
    'os_compute_api:os-flavor-access:add_tenant_access':         ADMIN,
    'os_compute_api:os-flavor-access:remove_tenant_access':      ADMIN,
    'os_compute_api:os-flavor-extra-specs:create':               ADMIN,
    'os_compute_api:os-flavor-extra-specs:delete':               ADMIN,
    'os_compute_api:os-flavor-extra-specs:index':                READER,
    'os_compute_api:os-flavor-extra-specs:show':                 READER,
    'os_compute_api:os-flavor-extra-specs:update':               ADMIN,
    'os_compute_api:os-flavor-manage:create':                    ADMIN,
    'os_compute_api:os-flavor-manage:delete':                    ADMIN,
    'os_compute_api:os-flavor-manage:update':                    ADMIN,
    'os_compute_api:os-floating-ip-pools':                       ANY,
    'os_compute_api:os-floating-ips:add':                        MEMBER,
    'os_compute_api:os-floating-ips:create':                     MEMBER,
    'os_compute_api:os-floating-ips:delete':                     MEMBER,
    'os_compute_api:os-floating-ips:list':                       READER,
    'os_compute_api:os-floating-ips:remove':                     MEMBER,
    'os_compute_api:os-floating-ips:show':                       READER,
    'os_compute_api:os-hosts:list':                              ADMIN,
    'os_compute_api:os-hosts:reboot':                            ADMIN,
    'os_compute_api:os-hosts:show':                              ADMIN,
    'os_compute_api:os-hosts:shutdown':                          ADMIN,
    'os_compute_api:os-hosts:start':                             ADMIN,
    'os_compute_api:os-hosts:update':                            ADMIN,
    'os_compute_api:os-hypervisors:list':                        ADMIN,
    'os_compute_api:os-hypervisors:list-detail':                 ADMIN,
    'os_compute_api:os-hypervisors:search':                      ADMIN,
    'os_compute_api:os-hypervisors:servers':                     ADMIN,
    'os_compute_api:os-hypervisors:show':                        ADMIN,
    'os_compute_api:os-hypervisors:statistics':                  ADMIN,
    'os_compute_api:os-hypervisors:uptime':                      ADMIN,
    'os_compute_api:os-instance-actions:events':                 ADMIN,
    'os_compute_api:os-instance-actions:events:details':         ADMIN,
    'os_compute_api:os-instance-actions:list':                   READER,
    'os_compute_api:os-instance-actions:show':                   READER,
    'os_compute_api:os-instance-usage-audit-log:list':           ADMIN,
    'os_compute_api:os-instance-usage-audit-log:show':           ADMIN,
    'os_compute_api:os-keypairs:create':                         OWNER,
    'os_compute_api:os-keypairs:delete':                         OWNER,
    'os_compute_api:os-keypairs:index':                          OWNER,
    'os_compute_api:os-keypairs:show':                           OWNER,
    'os_compute_api:os-lock-server:lock':                        MEMBER,
    'os_compute_api:os-lock-server:unlock':                      MEMBER,
    'os_compute_api:os-lock-server:unlock:unlock_override':      ADMIN,
    'os_compute_api:os-migrate-server:migrate':                  MANAGER,
    'os_compute_api:os-migrate-server:migrate:host':             ADMIN,
    'os_compute_api:os-migrate-server:migrate_live':             MANAGER,
    'os_compute_api:os-migrate-server:migrate_live:host':        ADMIN,
    'os_compute_api:os-migrations:index':                        MANAGER,
    'os_compute_api:os-migrations:index:all_projects':           ADMIN,
    'os_compute_api:os-migrations:index:host':                   ADMIN,
    'os_compute_api:os-multinic:add':                            MEMBER,
    'os_compute_api:os-multinic:remove':                         MEMBER,
    'os_compute_api:os-networks:list':                           READER,
    'os_compute_api:os-networks:show':                           READER,
    'os_compute_api:os-pause-server:pause':                      MEMBER,
    'os_compute_api:os-pause-server:unpause':                    MEMBER,
    'os_compute_api:os-quota-class-sets:show':                   ADMIN,
    'os_compute_api:os-quota-class-sets:update':                 ADMIN,
    'os_compute_api:os-quota-sets:defaults':                     ANY,
    'os_compute_api:os-quota-sets:delete':                       ADMIN,
    'os_compute_api:os-quota-sets:detail':                       READER,
    'os_compute_api:os-quota-sets:show':                         READER,
    'os_compute_api:os-quota-sets:update':                       ADMIN,
    'os_compute_api:os-remote-consoles':                         MEMBER,
    'os_compute_api:os-rescue':                                  MEMBER,
    'os_compute_api:os-security-groups:add':                     MEMBER,
    'os_compute_api:os-security-groups:create':                  MEMBER,
    'os_compute_api:os-security-groups:delete':                  MEMBER,
    'os_compute_api:os-security-groups:get':                     READER,
    'os_compute_api:os-security-groups:list':                    READER,
    'os_compute_api:os-security-groups:remove':                  MEMBER,
    'os_compute_api:os-security-groups:rule:create':             MEMBER,
    'os_compute_api:os-security-groups:rule:delete':             MEMBER,
    'os_compute_api:os-security-groups:show':                    READER,
    'os_compute_api:os-security-groups:update':                  MEMBER,
    'os_compute_api:os-server-diagnostics':                      ADMIN,
    'os_compute_api:os-server-external-events:create':           SERVICE,
    'os_compute_api:os-server-groups:create':                    MEMBER,
    'os_compute_api:os-server-groups:delete':                    MEMBER,
    'os_compute_api:os-server-groups:index':                     READER,
    'os_compute_api:os-server-groups:index:all_projects':        ADMIN,
    'os_compute_api:os-server-groups:show':                      READER,
    'os_compute_api:os-server-password:clear':                   MEMBER,
    'os_compute_api:os-server-password:show':                    READER,
    'os_compute_api:os-server-shares:create':                    MEMBER,
    'os_compute_api:os-server-shares:delete':                    MEMBER,
    'os_compute_api:os-server-shares:index':                     READER,
    'os_compute_api:os-server-shares:show':                      READER,
    'os_compute_api:os-server-tags:delete':                      MEMBER,
    'os_compute_api:os-server-tags:delete_all':                  MEMBER,
    'os_compute_api:os-server-tags:index':                       READER,
    'os_compute_api:os-server-tags:show':                        READER,
    'os_compute_api:os-server-tags:update':                      MEMBER,
    'os_compute_api:os-server-tags:update_all':                  MEMBER,
    'os_compute_api:os-services:delete':                         ADMIN,
    'os_compute_api:os-services:list':                           ADMIN,
    'os_compute_api:os-services:update':                         ADMIN,
    'os_compute_api:os-shelve:shelve':                           MEMBER,
    'os_compute_api:os-shelve:shelve_offload':                   ADMIN,
    'os_compute_api:os-shelve:unshelve':                         MEMBER,
    'os_compute_api:os-shelve:unshelve_to_host':                 ADMIN,
    'os_compute_api:os-simple-tenant-usage:list':                ADMIN,
    'os_compute_api:os-simple-tenant-usage:show':                READER,
    'os_compute_api:os-suspend-server:resume':                   MEMBER,
    'os_compute_api:os-suspend-server:suspend':                  MEMBER,
    'os_compute_api:os-tenant-networks:list':                    READER,
    'os_compute_api:os-tenant-networks:show':                    READER,
    'os_compute_api:os-unrescue':                                MEMBER,
    'os_compute_api:os-volumes-attachments:create':              MEMBER,
    'os_compute_api:os-volumes-attachments:delete':              MEMBER,
    'os_compute_api:os-volumes-attachments:index':               READER,
    'os_compute_api:os-volumes-attachments:show':                READER,
    'os_compute_api:os-volumes-attachments:swap':                SERVICE,
    'os_compute_api:os-volumes-attachments:update':              MEMBER,
    'os_compute_api:os-volumes:create':                          MEMBER,
    'os_compute_api:os-volumes:delete':                          MEMBER,
    'os_compute_api:os-volumes:detail':                          READER,
    'os_compute_api:os-volumes:list':                            READER,
    'os_compute_api:os-volumes:show':                            READER,
    'os_compute_api:os-volumes:snapshots:create':                MEMBER,
    'os_compute_api:os-volumes:snapshots:delete':                MEMBER,
    'os_compute_api:os-volumes:snapshots:detail':                READER,
    'os_compute_api:os-volumes:snapshots:list':                  READER,
    'os_compute_api:os-volumes:snapshots:show':                  READER,
    'os_compute_api:server-metadata:create':                     MEMBER,
    'os_compute_api:server-metadata:delete':                     MEMBER,
    'os_compute_api:server-metadata:index':                      READER,
    'os_compute_api:server-metadata:show':                       READER,
    'os_compute_api:server-metadata:update':                     MEMBER,
    'os_compute_api:server-metadata:update_all':                 MEMBER,
    'os_compute_api:servers:allow_all_filters':                  ADMIN,
    'os_compute_api:servers:confirm_resize':                     MEMBER,
    'os_compute_api:servers:create':                             MEMBER,
    'os_compute_api:servers:create:attach_network':              MEMBER,
    'os_compute_api:servers:create:attach_volume':               MEMBER,
    'os_compute_api:servers:create:forced_host':                 ADMIN,
    'os_compute_api:servers:create:trusted_certs':               MEMBER,
    'os_compute_api:servers:create:zero_disk_flavor':            ADMIN,
    'os_compute_api:servers:create_image':                       MEMBER,
    'os_compute_api:servers:create_image:allow_volume_backed':   MEMBER,
    'os_compute_api:servers:delete':                             MEMBER,
    'os_compute_api:servers:detail':                             READER,
    'os_compute_api:servers:detail:get_all_tenants':             ADMIN,
    'os_compute_api:servers:index':                              READER,
    'os_compute_api:servers:index:get_all_tenants':              ADMIN,
    'os_compute_api:servers:migrations:delete':                  MANAGER,
    'os_compute_api:servers:migrations:force_complete':          MANAGER,
    'os_compute_api:servers:migrations:index':                   MANAGER,
    'os_compute_api:servers:migrations:index:host':              ADMIN,
    'os_compute_api:servers:migrations:show':                    ADMIN,
    'os_compute_api:servers:reboot':                             MEMBER,
    'os_compute_api:servers:rebuild':                            MEMBER,
    'os_compute_api:servers:rebuild:trusted_certs':              MEMBER,
    'os_compute_api:servers:resize':                             MEMBER,
    'os_compute_api:servers:revert_resize':                      MEMBER,
    'os_compute_api:servers:show':                               READER,
    'os_compute_api:servers:show:flavor-extra-specs':            READER,
    'os_compute_api:servers:show:host_status':                   ADMIN,
    'os_compute_api:servers:show:host_status:unknown-only':      ADMIN,
    'os_compute_api:servers:start':                              MEMBER,
    'os_compute_api:servers:stop':                               MEMBER,
    'os_compute_api:servers:trigger_crash_dump':                 MEMBER,
    'os_compute_api:servers:update':                             MEMBER,
}

# Rules Nova does not have: name -> why we check one.
OURS_ONLY = {
    'os_compute_api:flavors:index': (
        ANY, 'Nova checks no rule on listing and showing flavors; ours '
             'lets everyone through, so that every route names a rule.'),
    'os_compute_api:image-proxy:index': (
        READER, 'Nova checks no rule on the /images proxy and leaves it '
                'to the image service; ours authorizes before proxying.'),
    'os_compute_api:image-proxy:detail': (
        READER, 'as image-proxy:index'),
    'os_compute_api:image-proxy:show': (READER, 'as image-proxy:index'),
    'os_compute_api:image-proxy:delete': (MEMBER, 'as image-proxy:index'),
    'os_compute_api:image-proxy:metadata:show': (
        READER, 'as image-proxy:index'),
    'os_compute_api:image-proxy:metadata:update': (
        MEMBER, 'as image-proxy:index'),
}

# Rules whose default differs from Nova's on purpose: name -> (our
# category, why).
_NO_MANAGER = ('this cloud has no manager role (the built-in identity '
               'seeds admin, member and reader); admin-only is what Nova '
               'defaulted to before it introduced project managers')
DIFFERENT_ON_PURPOSE = {
    'os_compute_api:os-migrate-server:migrate': (ADMIN, _NO_MANAGER),
    'os_compute_api:os-migrate-server:migrate_live': (ADMIN, _NO_MANAGER),
    'os_compute_api:os-migrations:index': (ADMIN, _NO_MANAGER),
    'os_compute_api:servers:migrations:index': (ADMIN, _NO_MANAGER),
    'os_compute_api:servers:migrations:force_complete': (
        ADMIN, _NO_MANAGER),
    'os_compute_api:servers:migrations:delete': (ADMIN, _NO_MANAGER),
}

# (roles, user, project) of each persona; the target is project p1 and
# user u1.
_PERSONAS = (
    ('admin', ['admin', 'member', 'reader'], 'ua', 'pa'),
    ('member', ['member', 'reader'], 'u1', 'p1'),
    ('reader', ['reader'], 'u1', 'p1'),
    ('peer', ['member', 'reader'], 'u2', 'p1'),
    ('other', ['member', 'reader'], 'u1', 'p2'),
    ('service', ['service'], 'us', 'ps'),
    ('manager', ['manager', 'member', 'reader'], 'um', 'p1'),
)
_TARGET = {'project_id': 'p1', 'user_id': 'u1'}

# The personas each category lets through.
_PASSES = {
    ANY: {name for name, _r, _u, _p in _PERSONAS},
    ADMIN: {'admin'},
    MEMBER: {'admin', 'member', 'peer', 'manager'},
    READER: {'admin', 'member', 'reader', 'peer', 'manager'},
    OWNER: {'admin', 'member', 'reader', 'other'},
    SERVICE: {'admin', 'service'},
    MANAGER: {'admin', 'manager'},
    NOBODY: set(),
}


def enforcer():
    """The cloud's enforcer: our defaults, as no policy file overrides
    them in tests."""
    nova_policy.reset()
    return nova_policy.get_enforcer()


def category_of(rule_name, rules_enforcer):
    """The category whose personas ``rule_name``'s default lets through,
    or the set of personas when no category matches."""
    passed = set()
    for name, roles, user, project in _PERSONAS:
        creds = {'roles': roles, 'user_id': user, 'project_id': project}
        if rules_enforcer.authorize(rule_name, dict(_TARGET), creds,
                                    do_raise=False):
            passed.add(name)
    for category, expected in _PASSES.items():
        if passed == expected:
            return category
    return frozenset(passed)


def expected_category(rule_name):
    """What the matrix test expects of ``rule_name``: Nova's default, or
    ours where we differ on purpose or Nova has no such rule."""
    if rule_name in DIFFERENT_ON_PURPOSE:
        return DIFFERENT_ON_PURPOSE[rule_name][0]
    if rule_name in OURS_ONLY:
        return OURS_ONLY[rule_name][0]
    return NOVA_DEFAULTS[rule_name]


class TestDefaultsMatchNova(test.TestCase):

    def setUp(self):
        super().setUp()
        self.addCleanup(nova_policy.reset)
        self.enforcer = enforcer()
        self.api_rules = [
            r for r in policies.list_rules()
            if isinstance(r, oslo_policy.DocumentedRuleDefault)]

    def test_every_rule_means_what_nova_means(self):
        wrong = []
        for rule in self.api_rules:
            self.assertTrue(
                rule.name in NOVA_DEFAULTS or rule.name in OURS_ONLY,
                '%s is neither a Nova rule nor listed in OURS_ONLY'
                % rule.name)
            ours = category_of(rule.name, self.enforcer)
            if ours != expected_category(rule.name):
                wrong.append('%s: ours %s, expected %s' % (
                    rule.name, ours, expected_category(rule.name)))
        self.assertEqual([], wrong)

    def test_deviations_are_real_and_current(self):
        registered = {r.name for r in self.api_rules}
        for name, (ours, _why) in DIFFERENT_ON_PURPOSE.items():
            self.assertIn(name, registered)
            self.assertNotEqual(NOVA_DEFAULTS[name], ours, name)
        for name in OURS_ONLY:
            self.assertIn(name, registered)
            self.assertNotIn(name, NOVA_DEFAULTS)

    def test_personas_tell_the_categories_apart(self):
        # Two categories with the same personas could not be told apart.
        self.assertEqual(len(_PASSES), len(
            {frozenset(v) for v in _PASSES.values()}))
        self.assertEqual(ADMIN, category_of('context_is_admin',
                                            self.enforcer))
