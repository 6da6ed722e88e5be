"""POST /servers/{server_id}/action: one dispatcher for every action.

The body names the action: ``{"<action>": {...}}``. ``ACTIONS`` holds the
actions this cloud serves; every other action Nova knows answers as
``not_implemented.SERVER_ACTIONS`` says (501 after the server is looked
up, 404 outside its microversions, 410 or 400 for ones Nova removed), and
an action Nova does not know either is a 400, as in Nova.
"""

import webob.exc

from nova.api.openstack.compute import console_output
from nova.api.openstack.compute import deferred_delete
from nova.api.openstack.compute import floating_ips
from nova.api.openstack.compute import lock_server
from nova.api.openstack.compute import multinic
from nova.api.openstack.compute import not_implemented
from nova.api.openstack.compute import remote_consoles
from nova.api.openstack.compute import security_groups
from nova.api.openstack.compute import server_images
from nova.api.openstack.compute import server_migrate
from nova.api.openstack.compute import server_power
from nova.api.openstack.compute import server_rebuild
from nova.api.openstack.compute import server_shelve
from nova.api.openstack.compute import server_tasks
from nova.api.openstack.compute.schemas import server_actions as schemas
from nova.api.openstack import handler
from nova.api.openstack import wsgi
from nova.api import validation
from nova.i18n import _
from nova.policies import servers as servers_policies

# Action name -> handler. A handler is declared like any API handler
# (``@wsgi.response``, ``@wsgi.expected_errors``, ``@wsgi.policies``,
# ``@wsgi.api_version``, ``@validation.schema`` for the whole body and
# ``@validation.response_body_schema``), is called as
# ``handler(req, server_id=..., body=...)`` and looks the server up and
# checks its own policy itself. Serving an action = adding it here (and
# its policy rule documenting POST /servers/{server_id}/action). The
# dispatcher declares the union of their policies and expected errors when
# this module loads, so entries are added here, not at run time.
ACTIONS = {
    'lock': lock_server.lock,
    'unlock': lock_server.unlock,
    'os-getConsoleOutput': console_output.get_console_output,
    'os-getVNCConsole': remote_consoles.get_vnc_console,
    'os-getSPICEConsole': remote_consoles.get_spice_console,
    'os-getSerialConsole': remote_consoles.get_serial_console,
    'os-stop': server_power.stop,
    'os-start': server_power.start,
    'reboot': server_power.reboot,
    'pause': server_power.pause,
    'unpause': server_power.unpause,
    'suspend': server_power.suspend,
    'resume': server_power.resume,
    'createImage': server_images.create_image,
    'createBackup': server_images.create_backup,
    'rescue': server_tasks.rescue,
    'unrescue': server_tasks.unrescue,
    'changePassword': server_tasks.change_password,
    'trigger_crash_dump': server_tasks.trigger_crash_dump,
    'injectNetworkInfo': server_tasks.inject_network_info,
    'addFixedIp': multinic.add_fixed_ip,
    'removeFixedIp': multinic.remove_fixed_ip,
    'os-resetState': server_tasks.reset_state,
    'rebuild': server_rebuild.rebuild,
    'shelve': server_shelve.shelve,
    'shelveOffload': server_shelve.shelve_offload,
    'unshelve': server_shelve.unshelve,
    'resize': server_migrate.resize,
    'confirmResize': server_migrate.confirm_resize,
    'revertResize': server_migrate.revert_resize,
    'migrate': server_migrate.migrate,
    'os-migrateLive': server_migrate.migrate_live,
    'evacuate': server_migrate.evacuate,
    'addSecurityGroup': security_groups.add_security_group,
    'removeSecurityGroup': security_groups.remove_security_group,
    'addFloatingIp': floating_ips.add_floating_ip,
    'removeFloatingIp': floating_ips.remove_floating_ip,
    'restore': deferred_delete.restore,
    'forceDelete': deferred_delete.force_delete,
}

# What the dispatcher itself answers, besides its actions' answers.
_OWN_ERRORS = (400, 404, 410, 501)


def action_name(body):
    """The single key of an action body; 400 with Nova's message for
    anything else (no body, not an object, no key or several keys)."""
    if not isinstance(body, dict) or len(body) != 1:
        raise webob.exc.HTTPBadRequest(
            explanation=_('Malformed request body'))
    return next(iter(body))


def _union(own, attribute):
    found = list(own)
    for func in ACTIONS.values():
        for item in getattr(handler.spec_of(func), attribute):
            if item not in found:
                found.append(item)
    return tuple(found)


@wsgi.response(202)
@wsgi.expected_errors(_union(_OWN_ERRORS, 'expected_errors'))
@wsgi.policies(*_union((servers_policies.SHOW,), 'policies'))
@validation.schema(schemas.action)
@validation.response_body_schema(schemas.action_response)
def action(req, server_id, body):
    name = action_name(body)
    func = ACTIONS.get(name)
    if func is not None:
        return wsgi.call_action(func, req, {'server_id': server_id}, body)
    raise not_implemented.unserved_action(req, server_id, name)
