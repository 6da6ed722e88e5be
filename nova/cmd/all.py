"""nova-all: the whole cloud in one process (see nova.standalone)."""

import os
import sys

from oslo_log import log as logging

from nova.cmd import common
import nova.conf
from nova.conf import all_in_one as aio_conf
from nova import standalone

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)


def _state_dir(argv):
    for i, arg in enumerate(argv):
        if arg == '--state-dir' and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith('--state-dir='):
            return arg.split('=', 1)[1]
    return os.environ.get('NOVA_STATE_DIR') or os.path.join(
        os.path.expanduser('~'), '.nova-all')


def main():
    aio_conf.register_cli_opts(CONF)
    state_dir = os.path.abspath(_state_dir(sys.argv))
    standalone.set_defaults(state_dir)
    # The command runs the whole cloud: identity and network included.
    CONF.set_default('identity', True, group='all_in_one')
    CONF.set_default('network', True, group='all_in_one')
    common.setup(sys.argv, with_rpc=False, default_config_files=[])
    cloud = standalone.AllInOne(state_dir).start()
    print('nova-all ready: compute API at %s (state in %s)'
          % (cloud.urls['compute'], state_dir), flush=True)
    if cloud.identity is not None:
        print('export OS_CLIENT_CONFIG_FILE=%s OS_CLOUD=demo'
              % os.path.join(state_dir, 'clouds.yaml'), flush=True)
    common.wait_for_signal(cloud.stop)
