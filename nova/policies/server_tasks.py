"""Policy defaults of the server actions that make images, rescue the
guest, set its password, dump its memory, reset its state or push its
network info."""

from oslo_policy import policy

from nova.policies import base

CREATE_IMAGE = 'os_compute_api:servers:create_image'
CREATE_BACKUP = 'os_compute_api:os-create-backup'
RESCUE = 'os_compute_api:os-rescue'
UNRESCUE = 'os_compute_api:os-unrescue'
ADMIN_PASSWORD = 'os_compute_api:os-admin-password'
CRASH_DUMP = 'os_compute_api:servers:trigger_crash_dump'
RESET_STATE = 'os_compute_api:os-admin-actions:reset_state'
INJECT_NETWORK_INFO = 'os_compute_api:os-admin-actions:inject_network_info'

_ACTION = [{'method': 'POST', 'path': '/servers/{server_id}/action'}]


def _rule(name, check_str, description):
    return policy.DocumentedRuleDefault(
        name=name, check_str=check_str, description=description,
        operations=_ACTION)


rules = [
    _rule(CREATE_IMAGE, base.PROJECT_MEMBER_OR_ADMIN,
          'Snapshot a server into an image (createImage)'),
    _rule(CREATE_BACKUP, base.PROJECT_MEMBER_OR_ADMIN,
          'Back a server up into a rotated image (createBackup)'),
    _rule(RESCUE, base.PROJECT_MEMBER_OR_ADMIN,
          'Boot a server from a rescue image (rescue)'),
    _rule(UNRESCUE, base.PROJECT_MEMBER_OR_ADMIN,
          'Boot a rescued server from its own disk again (unrescue)'),
    _rule(ADMIN_PASSWORD, base.PROJECT_MEMBER_OR_ADMIN,
          "Change the administrator password in a server's guest "
          "(changePassword)"),
    _rule(CRASH_DUMP, base.PROJECT_MEMBER_OR_ADMIN,
          "Trigger a crash dump in a server's guest (trigger_crash_dump)"),
    _rule(RESET_STATE, base.ADMIN,
          "Force a server's state to active or error (os-resetState)"),
    _rule(INJECT_NETWORK_INFO, base.ADMIN,
          "Push a server's network info into its guest again "
          "(injectNetworkInfo)"),
]


def list_rules():
    return rules
