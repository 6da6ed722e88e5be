"""Policy defaults of /os-migrations and /servers/{server_id}/migrations."""

from oslo_policy import policy

from nova.policies import base

INDEX = 'os_compute_api:os-migrations:index'
SERVER_MIGRATIONS = 'os_compute_api:servers:migrations:%s'
SERVER_INDEX = SERVER_MIGRATIONS % 'index'
SERVER_SHOW = SERVER_MIGRATIONS % 'show'
FORCE_COMPLETE = SERVER_MIGRATIONS % 'force_complete'
ABORT = SERVER_MIGRATIONS % 'delete'

rules = [
    policy.DocumentedRuleDefault(
        name=INDEX, check_str=base.ADMIN,
        description='List the migrations of every server',
        operations=[{'method': 'GET', 'path': '/os-migrations'}]),
    policy.DocumentedRuleDefault(
        name=SERVER_INDEX, check_str=base.ADMIN,
        description="List a server's live migrations in progress (2.23)",
        operations=[{'method': 'GET',
                     'path': '/servers/{server_id}/migrations'}]),
    policy.DocumentedRuleDefault(
        name=SERVER_SHOW, check_str=base.ADMIN,
        description="Show a server's live migration in progress (2.23)",
        operations=[{'method': 'GET', 'path':
                     '/servers/{server_id}/migrations/{migration_id}'}]),
    policy.DocumentedRuleDefault(
        name=FORCE_COMPLETE, check_str=base.ADMIN,
        description="Force a server's live migration to complete (2.22)",
        operations=[{'method': 'POST', 'path':
                     '/servers/{server_id}/migrations/{migration_id}/action'}
                    ]),
    policy.DocumentedRuleDefault(
        name=ABORT, check_str=base.ADMIN,
        description="Abort a server's live migration (2.24)",
        operations=[{'method': 'DELETE', 'path':
                     '/servers/{server_id}/migrations/{migration_id}'}]),
]


def list_rules():
    return rules
