"""Remote consoles: URLs that open a guest's VNC, SPICE, serial or WebMKS
console through a console proxy.

nova-api checks the server can have one (``ConsoleAPI``, a part of
``nova.compute.api.API``) and asks the server's host
(``get_<protocol>_console``, compute RPC 1.15); the host asks its driver
where the console listens, stores a console auth token for it
(``nova.objects.ConsoleAuthToken``, through the conductor) and answers the
URL (``connect_info``). ``GET /os-console-auth-tokens/{console_token}``
turns a token back into the console (``ConsoleAPI.validate_console_token``).

Whether a host hands out a protocol's consoles, and the base of their
URLs, is that host's configuration (``[vnc]``, ``[spice]``,
``[serial_console]``, ``[mks]``), as in Nova.
"""

from oslo_db import exception as db_exc
from oslo_log import log as logging

import nova.conf
from nova.compute import task_states
from nova.compute import vm_states
from nova import context as nova_context
from nova import exception
from nova import objects

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)

# protocol -> (option group enabling it, {console type: option of the
# group giving the base of its URLs}).
CONSOLES = {
    'vnc': ('vnc', {'novnc': 'novncproxy_base_url'}),
    'spice': ('spice', {'spice-html5': 'html5proxy_base_url',
                        'spice-direct': 'spice_direct_proxy_base_url'}),
    'serial': ('serial_console', {'serial': 'base_url'}),
    'mks': ('mks', {'webmks': 'mksproxy_base_url'}),
}

# A console server exists while the guest's emulator runs: running or
# paused guests, also those rescued or waiting for a resize to be
# confirmed. Stopped, suspended, shelved and soft-deleted ones have none.
GUEST_RUNS = frozenset([vm_states.ACTIVE, vm_states.PAUSED,
                        vm_states.RESCUED, vm_states.RESIZED])

# Tasks after which the console found now would be gone (Nova refuses
# these too): the guest is being deleted or moves to another host.
_REFUSING_TASKS = frozenset([task_states.DELETING, task_states.MIGRATING])

# What a host answers a console request with, besides the URL.
EXPECTED_ERRORS = (exception.ConsoleTypeInvalid,
                   exception.ConsoleTypeUnavailable,
                   exception.ConsoleTypeNotSupported,
                   exception.InstanceNotReady, exception.InstanceNotFound,
                   exception.TokenInUse)


def check_ready(instance, console_type):
    """Raise InstanceNotReady (409) while ``instance`` has no host, and
    InstanceInvalidState (409) unless its guest runs there with no task
    that deletes or moves it."""
    if not instance.host:
        raise exception.InstanceNotReady(instance_id=instance.uuid)
    if instance.vm_state not in GUEST_RUNS:
        raise exception.InstanceInvalidState(
            instance_uuid=instance.uuid, attr='vm_state',
            state=instance.vm_state,
            method='get a %s console' % console_type)
    if instance.task_state in _REFUSING_TASKS:
        raise exception.InstanceInvalidState(
            instance_uuid=instance.uuid, attr='task_state',
            state=instance.task_state,
            method='get a %s console' % console_type)


class ConsoleAPI(object):
    """Remote consoles (mixed into ``nova.compute.api.API``)."""

    def get_remote_console(self, context, instance, protocol, console_type):
        """The URL of a new ``console_type`` console of ``instance``
        (``protocol``: vnc, spice, serial or mks), valid for ``[consoleauth]
        token_ttl`` seconds.

        Raises what ``check_ready`` raises (409), and what the host
        raised: ConsoleTypeUnavailable (400: the protocol is disabled
        there), ConsoleTypeInvalid (400: not a type of the protocol),
        ConsoleTypeNotSupported (501: its driver has no such console),
        InstanceNotFound (404), ComputeServiceTooOld (409).
        """
        check_ready(instance, console_type)
        rpc = {'vnc': self.compute_rpcapi.get_vnc_console,
               'spice': self.compute_rpcapi.get_spice_console,
               'serial': self.compute_rpcapi.get_serial_console,
               'mks': self.compute_rpcapi.get_mks_console}[protocol]
        return rpc(context, instance, console_type)['access_url']

    def validate_console_token(self, context, token):
        """The ConsoleAuthToken of ``token`` (looked for in every cell
        but cell0, which holds no guest); InvalidToken when no cell knows
        it or it has expired."""
        for cell in objects.CellMappingList.get_all(context):
            if cell.is_cell0():
                continue
            with nova_context.target_cell(context, cell) as cctxt:
                try:
                    return objects.ConsoleAuthToken.validate(cctxt, token)
                except exception.InvalidToken:
                    continue
                except db_exc.DBError:
                    # A cell that cannot answer holds no token we could
                    # use; the others may still know it.
                    LOG.exception('Looking up a console token in cell %s '
                                  'failed', cell.uuid)
        raise exception.InvalidToken(token='***')


def connect_info(context, instance, protocol, console_type, driver):
    """On the server's host: store a console auth token for the
    ``console_type`` console (of ``protocol``) of ``instance``'s guest and
    return ``{'host', 'port', 'tls_port', 'internal_access_path', 'token',
    'access_url'}`` (the URL the user opens).

    Raises ConsoleTypeUnavailable when this host does not hand out the
    protocol's consoles, ConsoleTypeInvalid for a type the protocol does
    not have, ConsoleTypeNotSupported when the driver has no such
    console, InstanceNotFound when the guest is not here (InstanceNotReady
    while it is still being built).
    """
    group, base_url_options = CONSOLES[protocol]
    options = getattr(CONF, group)
    if not options.enabled:
        raise exception.ConsoleTypeUnavailable(console_type=console_type)
    if console_type not in base_url_options:
        raise exception.ConsoleTypeInvalid(console_type=console_type)
    try:
        info = getattr(driver, 'get_%s_console' % protocol)(context,
                                                            instance)
    except NotImplementedError:
        raise exception.ConsoleTypeNotSupported(console_type=console_type)
    except exception.InstanceNotFound:
        if instance.vm_state == vm_states.BUILDING:
            raise exception.InstanceNotReady(instance_id=instance.uuid)
        raise
    console = objects.ConsoleAuthToken(
        context=context.elevated(), console_type=console_type,
        host=info.host, port=info.port, tls_port=info.tls_port,
        # A native SPICE client talks to the ports themselves.
        internal_access_path=(None if console_type == 'spice-direct'
                              else info.internal_access_path),
        instance_uuid=instance.uuid,
        access_url_base=getattr(options, base_url_options[console_type]))
    console.authorize(CONF.consoleauth.token_ttl)
    LOG.debug('Instance %s: %s console authorized until %d', instance.uuid,
              console_type, console.expires)
    return {'host': console.host, 'port': console.port,
            'tls_port': console.tls_port,
            'internal_access_path': console.internal_access_path,
            'token': console.token, 'access_url': console.access_url}
