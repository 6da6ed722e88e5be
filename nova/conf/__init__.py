"""All of Nova's configuration options, registered on one ``CONF``.

Each functional area keeps its options in its own module exposing
``register_opts(conf)`` and ``list_opts()``; code uses ``nova.conf.CONF``.
"""

from oslo_config import cfg

from nova.conf import all_in_one
from nova.conf import api
from nova.conf import api_database
from nova.conf import availability_zone
from nova.conf import compute
from nova.conf import conductor
from nova.conf import consoleauth
from nova.conf import glance
from nova.conf import keystone
from nova.conf import mks
from nova.conf import neutron
from nova.conf import paths
from nova.conf import placement
from nova.conf import quota
from nova.conf import rpc
from nova.conf import scheduler
from nova.conf import serial_console
from nova.conf import service
from nova.conf import spice
from nova.conf import upgrade_levels
from nova.conf import vnc
from nova.conf import wsgi

CONF = cfg.CONF

_MODULES = (all_in_one, api, api_database, availability_zone, compute,
            conductor, consoleauth, glance, keystone, mks, neutron,
            paths, placement, quota, rpc, scheduler,
            serial_console, service, spice, upgrade_levels, vnc,
            wsgi)

for _module in _MODULES:
    _module.register_opts(CONF)
