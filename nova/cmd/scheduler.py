"""nova-scheduler: runs the scheduler service on this host."""

import sys

from nova.cmd import common
from nova import service


def main():
    common.setup(sys.argv)
    server = service.Service.create(binary='nova-scheduler')
    server.start()
    common.wait_for_signal(server.stop)
