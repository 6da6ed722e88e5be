"""Schemas of POST /servers/{server_id}/action (the envelope only).

The body is ``{"<action>": <its arguments>}``. The envelope accepts any
JSON: the dispatcher answers Nova's "Malformed request body" unless it is
an object with exactly one key, and each served action's handler declares
the schemas of its own body and response.
"""

action = {}

# 202 with no body for most actions; a few answer a body (console
# output, image id), which their own handlers declare.
action_response = {'type': ['object', 'null']}


def no_arguments(action):
    """The body of an action that takes no arguments: ``{"<action>":
    null}``; Nova also takes an empty object."""
    return {
        'type': 'object',
        'properties': {action: {'type': ['null', 'object'],
                                'additionalProperties': False}},
        'required': [action],
        'additionalProperties': False,
    }
