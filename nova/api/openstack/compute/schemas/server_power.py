"""Schemas of the power actions of POST /servers/{server_id}/action."""

from nova.api.openstack.compute.schemas.server_actions import no_arguments


stop = no_arguments('os-stop')
start = no_arguments('os-start')
pause = no_arguments('pause')
unpause = no_arguments('unpause')
suspend = no_arguments('suspend')
resume = no_arguments('resume')

reboot = {
    'type': 'object',
    'properties': {
        'reboot': {
            'type': 'object',
            'properties': {
                'type': {'type': 'string',
                         'enum': ['HARD', 'Hard', 'hard', 'SOFT', 'Soft',
                                  'soft']},
            },
            'required': ['type'],
            'additionalProperties': False,
        },
    },
    'required': ['reboot'],
    'additionalProperties': False,
}

# 202 with no body.
no_body_response = {'type': 'null'}
