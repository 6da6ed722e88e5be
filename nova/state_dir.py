"""The all-in-one's state directory as other processes meet it.

* ``lock(path)``: one nova-all per state directory. An exclusive
  ``flock`` on ``nova-all.lock`` (holding the pid of its owner) is taken
  before anything else touches the state; the kernel drops it when the
  process ends, however it ends, so a stale lock never blocks a restart.
* ``write_config(path, conf)``: the configuration nova-all runs with, as
  ``nova.conf`` (mode 0600), for ``nova-manage --state-dir`` (or
  ``--config-file STATE/nova.conf``). Values holding a password are left
  out and named in a comment instead.
"""

import datetime
import errno
import fcntl
import os
import re

from oslo_config import cfg

LOCK_FILE = 'nova-all.lock'
CONFIG_FILE = 'nova.conf'
PASSWORDS_FILE = 'identity-passwords.json'

# The options nova-manage needs (databases, message queue), the
# endpoints and ports of the all-in-one and what tells an operator which
# cloud this is; ``None`` means every option of the group.
WRITTEN_OPTIONS = (
    ('DEFAULT', ('state_path', 'host', 'transport_url',
                 'osapi_compute_listen', 'osapi_compute_listen_port',
                 'compute_driver')),
    ('api_database', ('connection',)),
    ('database', ('connection',)),
    ('placement', ('endpoint_override',)),
    ('glance', ('endpoint_override',)),
    ('neutron', ('endpoint_override',)),
    ('all_in_one', None),
)

# ``scheme://user:password@host``: a URL with a password in it.
_URL_PASSWORD = re.compile(r'://[^/@:]*:[^/@]+@')


class InUse(Exception):
    """Another process holds the lock of the state directory."""

    def __init__(self, path, pid):
        self.path = path
        self.pid = pid
        holder = 'nova-all (pid %s)' % pid if pid else 'another nova-all'
        super().__init__(
            'the state directory %s is in use by %s; stop it or use '
            'another --state-dir' % (path, holder))


class Lock(object):
    """The held lock of a state directory; ``release()`` gives it up
    (ending the process does too)."""

    def __init__(self, path, fd):
        self.path = path
        self._fd = fd

    def release(self):
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def lock(path):
    """Create the directory ``path`` if needed and lock it for this
    process; returns a ``Lock``. Raises ``InUse`` (with the owner's pid
    when it wrote one) if another process holds it, ``OSError`` if the
    directory cannot be created or written."""
    os.makedirs(path, exist_ok=True)
    lock_path = os.path.join(path, LOCK_FILE)
    # NOTE: no O_TRUNC: the pid in the file is the owner's until the lock
    # is ours.
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        owner = os.read(fd, 32).decode('ascii', 'replace').strip()
        os.close(fd)
        if error.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            raise InUse(path, owner if owner.isdigit() else None)
        raise
    os.ftruncate(fd, 0)
    os.write(fd, b'%d\n' % os.getpid())
    return Lock(path, fd)


def _has_password(value):
    return isinstance(value, str) and bool(_URL_PASSWORD.search(value))


def _format(value):
    """``value`` as an ini value oslo.config reads back unchanged."""
    if isinstance(value, bool):
        text = 'true' if value else 'false'
    elif isinstance(value, (list, tuple)):
        text = ','.join(str(item) for item in value)
    elif isinstance(value, dict):
        text = ','.join('%s:%s' % item for item in sorted(value.items()))
    else:
        text = str(value)
    # A ``$`` would start a substitution.
    return text.replace('$', '$$')


def _group_values(conf, group, names):
    """``(name, value)`` of the options ``names`` of ``group`` that are
    registered (every one of the group if ``names`` is None)."""
    try:
        section = conf if group == 'DEFAULT' else conf[group]
    except cfg.NoSuchOptError:
        return
    present = set(section)
    for name in sorted(present) if names is None else names:
        if name in present:
            yield name, section[name]


def render_config(conf, config_files=(), urls=None, pid=None):
    """The text of ``nova.conf``: ``WRITTEN_OPTIONS`` with their values in
    ``conf`` (unset ones left out, those holding a password as a comment
    pointing at the files they came from), after a comment with ``urls``
    (``{endpoint name: URL}``, where each listens)."""
    sources = ' '.join(config_files) or 'none'
    lines = [
        '# Written by nova-all (pid %s) at %s: the configuration it runs '
        'with,' % (pid or os.getpid(),
                   datetime.datetime.now().isoformat(timespec='seconds')),
        '# for "nova-manage --state-dir DIR" or "--config-file '
        'DIR/nova.conf".',
        '# Rewritten at every start: keep your own settings in a '
        '--config-file.',
        '# Configuration files nova-all read: %s' % sources,
        '# No passwords here: those of the built-in identity service users '
        'are in',
        '# %s (mode 0600).' % PASSWORDS_FILE,
    ]
    for name, url in sorted((urls or {}).items()):
        lines.append('# %s listens at %s' % (name, url))
    for group, names in WRITTEN_OPTIONS:
        written = []
        for name, value in _group_values(conf, group, names):
            if value is None:
                continue
            if _has_password(value):
                written.append(
                    '# %s holds a password: not written; pass the file that '
                    'sets it to nova-manage too' % name)
            else:
                written.append('%s = %s' % (name, _format(value)))
        if written:
            lines.extend(['', '[%s]' % group] + written)
    return '\n'.join(lines) + '\n'


def write_config(path, conf, config_files=(), urls=None):
    """Write ``render_config()`` to ``path/nova.conf`` (mode 0600, in one
    step: a reader sees the old file or the new one); returns its path."""
    target = os.path.join(path, CONFIG_FILE)
    temporary = target + '.tmp'
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    # A file left by a crash keeps its mode through O_CREAT.
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, 'w') as handle:
        handle.write(render_config(conf, config_files, urls))
    os.replace(temporary, target)
    return target
