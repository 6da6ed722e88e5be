"""Schemas of the remote consoles of a server: POST
/servers/{server_id}/remote-consoles (2.6) and the per-protocol actions it
replaced (os-getVNCConsole, os-getSPICEConsole, os-getSerialConsole, until
2.5).

The enums keep the values Nova accepts although their consoles are gone
(``xvpvnc`` of the Xen driver, ``rdp``/``rdp-html5`` of Hyper-V): Nova
rejects those with a 400 naming them after validation, and so do we.
"""

# -- POST /servers/{server_id}/remote-consoles

_PROTOCOLS_V26 = ['vnc', 'spice', 'serial', 'rdp']
_TYPES_V26 = ['novnc', 'xvpvnc', 'spice-html5', 'serial', 'rdp-html5']
# 2.8: WebMKS consoles; 2.99: SPICE consoles for native clients.
_PROTOCOLS_V28 = _PROTOCOLS_V26 + ['mks']
_TYPES_V28 = _TYPES_V26 + ['webmks']
_TYPES_V299 = _TYPES_V28 + ['spice-direct']


def _remote_console(protocols, types, with_url=False):
    properties = {'protocol': {'type': 'string', 'enum': protocols},
                  'type': {'type': 'string', 'enum': types}}
    required = ['protocol', 'type']
    if with_url:
        properties['url'] = {'type': 'string', 'format': 'uri'}
        required.append('url')
    return {
        'type': 'object',
        'properties': {'remote_console': {
            'type': 'object', 'properties': properties,
            'required': required, 'additionalProperties': False}},
        'required': ['remote_console'],
        'additionalProperties': False,
    }


create = _remote_console(_PROTOCOLS_V26, _TYPES_V26)
create_v28 = _remote_console(_PROTOCOLS_V28, _TYPES_V28)
create_v299 = _remote_console(_PROTOCOLS_V28, _TYPES_V299)

create_response = _remote_console(_PROTOCOLS_V26, _TYPES_V26, True)
create_response_v28 = _remote_console(_PROTOCOLS_V28, _TYPES_V28, True)
create_response_v299 = _remote_console(_PROTOCOLS_V28, _TYPES_V299, True)


# -- the server actions of 2.1 - 2.5: {"<action>": {"type": ...}}

def _action(action, types):
    return {
        'type': 'object',
        'properties': {action: {
            'type': 'object',
            'properties': {'type': {'type': 'string', 'enum': types}},
            'required': ['type'],
            'additionalProperties': False}},
        'required': [action],
        'additionalProperties': False,
    }


def _action_response(types):
    return {
        'type': 'object',
        'properties': {'console': {
            'type': 'object',
            'properties': {'type': {'type': 'string', 'enum': types},
                           'url': {'type': 'string', 'format': 'uri'}},
            'required': ['type', 'url'],
            'additionalProperties': False}},
        'required': ['console'],
        'additionalProperties': False,
    }


get_vnc_console = _action('os-getVNCConsole', ['novnc', 'xvpvnc'])
get_spice_console = _action('os-getSPICEConsole', ['spice-html5'])
get_serial_console = _action('os-getSerialConsole', ['serial'])

get_vnc_console_response = _action_response(['novnc'])
get_spice_console_response = _action_response(['spice-html5'])
get_serial_console_response = _action_response(['serial'])
