"""Entry point for serving the Compute API (``nova-api``, uWSGI, mod_wsgi).

``init_application()`` returns the WSGI app; given ``argv`` (or config
files) it first parses the configuration and sets up logging, otherwise it
expects the caller to have done that.
"""

from oslo_log import log as logging

import nova.conf
from nova.api.openstack import compute

CONF = nova.conf.CONF


def init_application(argv=None, default_config_files=None):
    """The Compute API app; parses configuration when asked to."""
    if argv is not None or default_config_files is not None:
        try:
            logging.register_options(CONF)
        except Exception:  # NOTE: already registered by the caller.
            pass
        CONF(argv or [], project='nova',
             default_config_files=default_config_files)
        logging.setup(CONF, 'nova')
    return compute.build_app(CONF)
