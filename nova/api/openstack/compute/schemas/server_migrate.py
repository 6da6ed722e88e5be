"""Schemas of the resize, confirmResize, revertResize and migrate server
actions, and of restore and forceDelete."""

from nova.api.validation import parameter_types as types
from nova.api.openstack.compute.schemas.server_actions import no_arguments

resize = {
    'type': 'object',
    'properties': {
        'resize': {
            'type': 'object',
            'properties': {
                'flavorRef': types.flavor_ref,
                'OS-DCF:diskConfig': {'type': 'string',
                                      'enum': ['AUTO', 'MANUAL']},
            },
            'required': ['flavorRef'],
            'additionalProperties': False,
        },
    },
    'required': ['resize'],
    'additionalProperties': False,
}


confirm_resize = no_arguments('confirmResize')
revert_resize = no_arguments('revertResize')
migrate = no_arguments('migrate')
# Deferred delete's actions take no arguments either.
restore = no_arguments('restore')
force_delete = no_arguments('forceDelete')
# 2.56: a target host (null: the scheduler's choice).
migrate_v256 = {
    'type': 'object',
    'properties': {
        'migrate': {
            'type': ['object', 'null'],
            'properties': {'host': {'oneOf': [{'type': 'null'},
                                              types.fqdn]}},
            'additionalProperties': False,
        },
    },
    'required': ['migrate'],
    'additionalProperties': False,
}

no_body_response = types.empty_response

# os-migrateLive: host (null: the scheduler's choice) and block_migration
# always; disk_over_commit until 2.24; "auto" block migration from 2.25;
# force from 2.30 to 2.67.
_host = {'oneOf': [{'type': 'null'}, types.fqdn]}


def _migrate_live(arguments, required):
    return {
        'type': 'object',
        'properties': {
            'os-migrateLive': {
                'type': 'object',
                'properties': dict(arguments, host=_host),
                'required': list(required),
                'additionalProperties': False,
            },
        },
        'required': ['os-migrateLive'],
        'additionalProperties': False,
    }


_auto = {'oneOf': [types.boolean, {'type': 'string', 'enum': ['auto']}]}
migrate_live = _migrate_live(
    {'block_migration': types.boolean, 'disk_over_commit': types.boolean},
    ('block_migration', 'disk_over_commit', 'host'))
migrate_live_v225 = _migrate_live({'block_migration': _auto},
                                  ('block_migration', 'host'))
migrate_live_v230 = _migrate_live(
    {'block_migration': _auto, 'force': types.boolean},
    ('block_migration', 'host'))

# evacuate: a host and a password; onSharedStorage (required) until 2.13,
# force from 2.29 to 2.67.


def _evacuate(arguments, required=()):
    inner = {'type': 'object',
             'properties': dict(arguments, host=types.fqdn,
                                adminPass=types.admin_password),
             'additionalProperties': False}
    if required:
        inner['required'] = list(required)
    return {'type': 'object', 'properties': {'evacuate': inner},
            'required': ['evacuate'], 'additionalProperties': False}


evacuate = _evacuate({'onSharedStorage': types.boolean},
                     ('onSharedStorage',))
evacuate_v214 = _evacuate({})
evacuate_v229 = _evacuate({'force': types.boolean})
evacuate_response = {
    'type': 'object',
    'properties': {'adminPass': {'type': ['string', 'null']}},
    'additionalProperties': False,
}
