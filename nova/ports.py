"""Are the ports nova-all is about to listen on free?

``check_free(listeners)`` binds each address the way the servers will
(``SO_REUSEADDR``, as cheroot does) and lets go at once, before anything
starts: a port in use then stops nova-all with one line naming the
service, the address, the option that sets it and, when ``/proc`` tells,
the process listening there, instead of a traceback after half of the
cloud started.
"""

import collections
import errno
import os
import socket

# service: what listens ("the compute API"); option: what moves it.
Listener = collections.namedtuple('Listener',
                                  'service host port option')


class PortInUse(Exception):
    """A listener's address cannot be bound."""

    def __init__(self, listener, reason, holder=None):
        self.listener = listener
        message = 'cannot listen on %s:%s for %s: %s' % (
            listener.host, listener.port, listener.service, reason)
        if holder:
            message += ' (by %s)' % holder
        if listener.option:
            message += '; choose another port with %s' % listener.option
        super().__init__(message)


def _family(host):
    return socket.AF_INET6 if ':' in host else socket.AF_INET


def _probe(listener):
    with socket.socket(_family(listener.host), socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((listener.host, listener.port))


def check_free(listeners):
    """Raise ``PortInUse`` for the first of ``listeners`` (``Listener``)
    whose address cannot be bound or whose port another of them uses too;
    a port of 0 (any free one) is not checked. Binds nothing for good."""
    seen = {}
    for listener in listeners:
        if not listener.port:
            continue
        other = seen.setdefault(listener.port, listener)
        if other is not listener:
            raise PortInUse(listener, 'the port of %s too' % other.service)
        try:
            _probe(listener)
        except OSError as error:
            holder = None
            if error.errno == errno.EADDRINUSE:
                holder = listening_process(listener.port)
            raise PortInUse(listener, error.strerror or error, holder)


def raise_in_use(listener, error):
    """Re-raise ``error`` (``OSError`` from binding ``listener``, when
    another process took the port after ``check_free``) as
    ``PortInUse``."""
    holder = (listening_process(listener.port)
              if error.errno == errno.EADDRINUSE else None)
    raise PortInUse(listener, error.strerror or error, holder) from error


def _listening_inodes(port):
    inodes = set()
    for table in ('/proc/net/tcp', '/proc/net/tcp6'):
        try:
            with open(table) as handle:
                next(handle, None)
                for line in handle:
                    fields = line.split()
                    # local address "hex ip:hex port"; state 0A: LISTEN
                    if (len(fields) > 9 and fields[3] == '0A' and
                            int(fields[1].rsplit(':', 1)[1], 16) == port):
                        inodes.add('socket:[%s]' % fields[9])
        except OSError:
            continue
    return inodes


def _command_line(pid):
    try:
        with open('/proc/%s/cmdline' % pid, 'rb') as handle:
            words = handle.read().split(b'\0')
    except OSError:
        return ''
    # One line: arguments may hold newlines (python -c '...').
    return ' '.join(' '.join(w.decode('utf-8', 'replace').split())
                    for w in words if w)


def listening_process(port):
    """``"pid N: command line"`` of the process listening on TCP ``port``,
    ``"another user's process"`` when only the socket is visible, or None
    (no ``/proc``, nobody listening). Reads ``/proc`` (Linux)."""
    inodes = _listening_inodes(port)
    if not inodes:
        return None
    try:
        pids = [name for name in os.listdir('/proc') if name.isdigit()]
    except OSError:
        return None
    for pid in pids:
        fd_dir = '/proc/%s/fd' % pid
        try:
            fds = os.listdir(fd_dir)
        except OSError:
            continue
        for fd in fds:
            try:
                if os.readlink(os.path.join(fd_dir, fd)) in inodes:
                    command = _command_line(pid)
                    return 'pid %s: %s' % (pid, command[:80]) if command \
                        else 'pid %s' % pid
            except OSError:
                continue
    return "another user's process"
