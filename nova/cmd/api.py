"""nova-api: serves the Compute API over HTTP."""

import sys

from nova.api.openstack import compute
from nova.cmd import common
import nova.conf
from nova import service

CONF = nova.conf.CONF


def main():
    common.setup(sys.argv)
    server = service.WSGIService(compute.build_app(CONF))
    server.start()
    common.wait_for_signal(server.stop)
