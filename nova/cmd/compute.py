"""nova-compute: runs the compute service of this host.

The whole process is barred from the database: every object method goes
through the conductor.
"""

import sys

from nova.cmd import common
from nova.conductor import rpcapi as conductor_rpcapi
from nova.db.main import api as main_db
from nova.objects import base as objects_base
from nova import service


def main():
    common.setup(sys.argv)
    main_db.DISABLE_DB_ACCESS = 'nova-compute'
    objects_base.set_process_indirection_api(conductor_rpcapi.ConductorAPI())
    server = service.Service.create(binary='nova-compute', db_allowed=False)
    server.start()
    common.wait_for_signal(server.stop)
