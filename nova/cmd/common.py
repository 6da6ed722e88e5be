"""What every Nova command does first: configuration, logging, objects,
database engines and the message transport."""

from oslo_log import log as logging

import nova.conf
from nova import version

CONF = nova.conf.CONF


def setup(argv, with_rpc=True, default_config_files=None):
    parse_args(argv, default_config_files=default_config_files)
    configure(with_rpc=with_rpc)


def parse_args(argv, default_config_files=None, **kwargs):
    """Read the command line and the configuration files (``--help`` and
    ``--version`` exit here, having touched nothing). ``kwargs`` go to
    ``ConfigOpts.__call__`` (``prog``, ``description``, ``epilog``)."""
    logging.register_options(CONF)
    CONF(argv[1:], project='nova', version=version.version_string(),
         default_config_files=default_config_files, **kwargs)


def configure(with_rpc=True):
    """Logging, objects, database engines (and the message transport)
    from the parsed configuration."""
    # NOTE: imported here, not at the top: they pull in the policies,
    # whose parsing writes a cache of entry points under ~/.cache, and
    # ``--help`` or ``--version`` should leave no file behind.
    from nova.db.api import api as api_db
    from nova.db.main import api as main_db
    from nova import objects
    from nova import rpc

    logging.setup(CONF, 'nova')
    objects.register_all()
    api_db.configure(CONF)
    main_db.configure(CONF)
    if with_rpc:
        rpc.init(CONF)


def wait_for_signal(stop):
    """Block until SIGINT or SIGTERM, then call ``stop()``."""
    import signal
    import threading

    done = threading.Event()

    def handler(signum, frame):
        done.set()

    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)
    while not done.wait(1):
        pass
    stop()
