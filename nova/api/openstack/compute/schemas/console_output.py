"""Schemas of the os-getConsoleOutput server action."""

get_console_output = {
    'type': 'object',
    'properties': {
        'os-getConsoleOutput': {
            'type': 'object',
            'properties': {
                # Lines from the end of the log; -1 or none: all of it.
                'length': {
                    'type': ['integer', 'string', 'null'],
                    'pattern': '^-?[0-9]+$',
                    'minimum': -1,
                },
            },
            'additionalProperties': False,
        },
    },
    'required': ['os-getConsoleOutput'],
    'additionalProperties': False,
}

get_console_output_response = {
    'type': 'object',
    'properties': {'output': {'type': 'string'}},
    'required': ['output'],
    'additionalProperties': False,
}
