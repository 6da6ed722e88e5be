"""Building blocks the per-resource policy defaults are made of."""

from oslo_policy import policy

ADMIN = 'rule:context_is_admin'
PROJECT_MEMBER = 'role:member and project_id:%(project_id)s'
PROJECT_READER = 'role:reader and project_id:%(project_id)s'
PROJECT_MEMBER_OR_ADMIN = 'rule:project_member_or_admin'
PROJECT_READER_OR_ADMIN = 'rule:project_reader_or_admin'
SERVICE_OR_ADMIN = 'rule:service_or_admin'
ANY = '@'

rules = [
    policy.RuleDefault('context_is_admin', 'role:admin',
                       'Decides what counts as an administrator.'),
    policy.RuleDefault('project_member_api', PROJECT_MEMBER,
                       'A member of the project owning the target.'),
    policy.RuleDefault('project_reader_api', PROJECT_READER,
                       'A reader of the project owning the target.'),
    policy.RuleDefault('project_member_or_admin',
                       'rule:project_member_api or rule:context_is_admin',
                       'A member of the target project, or an admin.'),
    policy.RuleDefault('project_reader_or_admin',
                       'rule:project_reader_api or rule:context_is_admin',
                       'A reader of the target project, or an admin.'),
    # NOTE: other services (the network service's events) call with the
    # service role.
    policy.RuleDefault('service_api', 'role:service',
                       'A service user (another OpenStack service).'),
    policy.RuleDefault('service_or_admin',
                       'rule:service_api or rule:context_is_admin',
                       'A service user, or an admin.'),
]


def list_rules():
    return rules
