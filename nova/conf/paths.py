"""Where Nova keeps its local state."""

import os

from oslo_config import cfg

path_opts = [
    cfg.StrOpt('state_path',
               default=os.path.join(os.path.expanduser('~'), '.nova-all'),
               help="""
Top-level directory for Nova's local state: SQLite databases of the
all-in-one deployment, image bits of the built-in image service, instance
files of the libvirt driver.

Possible values:

* An absolute path; it is created on first use.
"""),
]


def register_opts(conf):
    conf.register_opts(path_opts)


def list_opts():
    return {'DEFAULT': path_opts}


def state_path_def(*parts):
    """Return a path under ``$state_path`` for use as an option default."""
    return os.path.join('$state_path', *parts)
