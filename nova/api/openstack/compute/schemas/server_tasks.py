"""Schemas of the createImage, createBackup, rescue, unrescue,
changePassword, trigger_crash_dump and os-resetState server actions."""

from nova.api.openstack.compute.schemas import server_actions
from nova.api.validation import parameter_types as types


def _action(name, arguments, required=(), nullable=False):
    inner = {'type': ['object', 'null'] if nullable else 'object',
             'properties': arguments, 'additionalProperties': False}
    if required:
        inner['required'] = list(required)
    return {
        'type': 'object',
        'properties': {name: inner},
        'required': [name],
        'additionalProperties': False,
    }


create_image = _action('createImage', {'name': types.name,
                                       'metadata': types.metadata},
                       required=('name',))
create_backup = _action('createBackup', {
    'name': types.name,
    'backup_type': {'type': 'string'},
    'rotation': types.non_negative_integer,
    'metadata': types.metadata,
}, required=('name', 'backup_type', 'rotation'))
rescue = _action('rescue', {'adminPass': types.admin_password,
                            'rescue_image_ref': types.uuid}, nullable=True)
unrescue = _action('unrescue', {}, nullable=True)
change_password = _action('changePassword',
                          {'adminPass': types.admin_password},
                          required=('adminPass',))
trigger_crash_dump = {
    'type': 'object',
    'properties': {'trigger_crash_dump': {'type': 'null'}},
    'required': ['trigger_crash_dump'],
    'additionalProperties': False,
}
reset_state = _action('os-resetState', {
    'state': {'type': 'string', 'enum': ['active', 'error']},
}, required=('state',))
# Tempest sends an empty object, Nova's documented body is null.
inject_network_info = server_actions.no_arguments('injectNetworkInfo')

no_body_response = {'type': 'null'}
# Before 2.45 the image is named by the Location header; from 2.45 on in
# the body (a backup with rotation 0 keeps no image: no body).
image_id_response = {
    'type': 'object',
    'properties': {'image_id': types.uuid},
    'required': ['image_id'],
    'additionalProperties': False,
}
backup_response_v245 = {'oneOf': [no_body_response, image_id_response]}
rescue_response = {
    'type': ['object', 'null'],
    'properties': {'adminPass': {'type': 'string'}},
    'additionalProperties': False,
}
