"""nova-conductor: runs the conductor service on this host."""

import sys

from nova.cmd import common
from nova import service


def main():
    common.setup(sys.argv)
    server = service.Service.create(binary='nova-conductor')
    server.start()
    common.wait_for_signal(server.stop)
