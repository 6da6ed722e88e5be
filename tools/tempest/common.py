"""What every module of the Tempest runner shares.

Where the runner lives (``HERE``) and the repository it tests (``REPO``),
the defaults several steps agree on, ``SetupError`` (a step before or
around Tempest failed: the run ends with exit status 2), the ``[tempest]``
progress messages, the tail of a log file for error messages, and the
environment of a child process that runs with another venv's Python.
Standard library only.
"""

import os

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

DEFAULT_REGEX = r'^tempest\.api\.compute\.'
REGION = 'RegionOne'


class SetupError(Exception):
    """A step before Tempest failed; the message says which and why."""


def log(message):
    print('[tempest] %s' % message, flush=True)


def tail(path, lines=60):
    try:
        with open(path, errors='replace') as f:
            return ''.join(f.readlines()[-lines:])
    except OSError as error:
        return '(cannot read %s: %s)\n' % (path, error)


def clean_env(venv=None):
    """The environment for a child of another venv: this process's venv
    must not leak into it."""
    env = dict(os.environ)
    for name in ('PYTHONPATH', 'PYTHONHOME', 'VIRTUAL_ENV', 'PYTHON',
                 '__PYVENV_LAUNCHER__'):
        env.pop(name, None)
    if venv:
        env['VIRTUAL_ENV'] = venv
        env['PATH'] = os.path.join(venv, 'bin') + os.pathsep + \
            env.get('PATH', '')
    env['PYTHONWARNINGS'] = 'ignore'
    return env
