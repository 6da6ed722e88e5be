"""Schemas of the power actions of POST /servers/{server_id}/action."""


def _no_arguments(action):
    """``{"<action>": null}``; Nova also takes an empty object."""
    return {
        'type': 'object',
        'properties': {action: {'type': ['null', 'object'],
                                'additionalProperties': False}},
        'required': [action],
        'additionalProperties': False,
    }


stop = _no_arguments('os-stop')
start = _no_arguments('os-start')
pause = _no_arguments('pause')
unpause = _no_arguments('unpause')
suspend = _no_arguments('suspend')
resume = _no_arguments('resume')

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
