"""Small helpers shared across Nova; one job each.

Time comes from ``utcnow()`` so tests can freeze it (oslo.utils timeutils).
"""

import threading

from oslo_utils import timeutils


def utcnow():
    """Timezone-naive UTC now, as stored in the databases."""
    return timeutils.utcnow()


def spawn(func, *args, **kwargs):
    """Run ``func`` in a daemon thread that inherits this thread's
    service role (see ``nova.service.adopt_role``)."""
    from nova.objects import base as obj_base
    from nova import service

    role = obj_base.current_thread_role()

    def run():
        service.adopt_role(role)
        func(*args, **kwargs)

    thread = threading.Thread(target=run, daemon=True,
                              name=getattr(func, '__name__', 'nova-spawn'))
    thread.start()
    return thread


def sanitize_hostname(hostname):
    """A valid DNS label from a server name: lowercase letters, digits and
    dashes, at most 63 characters, never empty."""
    import re
    hostname = hostname.lower().replace(' ', '-').replace('_', '-')
    hostname = re.sub(r'[^a-z0-9.-]', '', hostname)
    hostname = re.sub(r'[.-]{2,}', '-', hostname).strip('.-')
    return hostname[:63].rstrip('.-') or 'server'


def generate_password(length=None):
    """A random password of ``length`` (default ``[DEFAULT]
    password_length``) letters and digits, from the ``secrets`` module."""
    import secrets
    import string
    import nova.conf
    length = nova.conf.CONF.password_length if length is None else length
    alphabet = string.ascii_letters + string.digits
    return ''.join(secrets.choice(alphabet) for _ in range(length))
