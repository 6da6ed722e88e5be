"""nova-all: the whole cloud in one process (see nova.standalone).

Order matters: the command line and configuration files are read first
(``--help`` and ``--version`` exit there, having created nothing), then
the state directory is locked (one nova-all per directory), and only
then is anything created in it. A taken state directory or port ends the
command with one line on stderr and exit status 1.
"""

import contextlib
import glob
import os
import sys
import time

import nova.conf
from nova.cmd import common
from nova.conf import all_in_one as aio_conf
from nova import state_dir

CONF = nova.conf.CONF

DESCRIPTION = (
    'Run a whole OpenStack compute cloud in one process: the compute API, '
    'conductor, scheduler and fake compute hosts, with built-in '
    'placement, identity, image and network services, SQLite databases '
    'and in-memory messaging, all kept in the state directory.')

EPILOG = (
    'Every other option is read from the configuration files given with '
    '--config-file and --config-dir (nova-all reads no other file), with '
    "Nova's option names: quotas in [quota] (instances, cores, ram, "
    'key_pairs, ...), the flavors of a first start in [all_in_one] '
    'flavors, the fake hypervisor size in [fake] (vcpus, memory_mb, '
    'local_gb), heartbeats in [DEFAULT] report_interval, the libvirt '
    'driver in [libvirt], and [glance], [neutron], [placement] for '
    'external services. Each start writes the configuration it runs with '
    'to STATE/nova.conf (no passwords): "nova-manage --state-dir STATE" '
    'uses it.')


def _fail(message):
    print('nova-all: %s' % message, file=sys.stderr, flush=True)
    sys.exit(1)


def _state_dir():
    """``--state-dir``, else ``$NOVA_STATE_DIR``, else ``state_path``."""
    return os.path.abspath(os.path.expanduser(
        CONF.state_dir or os.environ.get('NOVA_STATE_DIR') or
        CONF.state_path))


def _config_files():
    """The configuration files read, in the order read."""
    files = list(CONF.config_file or [])
    for directory in CONF.config_dir or []:
        files.extend(sorted(glob.glob(os.path.join(directory, '*.conf'))))
    return [os.path.abspath(path) for path in files]


class Progress(object):
    """What a start is doing, on stdout: on a first start each step (what
    it creates and the seconds it took), on later ones a single line."""

    def __init__(self, path, first):
        self.path = path
        self.first = first
        self.started = time.monotonic()
        if first:
            self._say('first start: creating a cloud in %s' % path)

    @staticmethod
    def _say(text):
        print('nova-all: %s' % text, flush=True)

    @contextlib.contextmanager
    def step(self, label):
        started = time.monotonic()
        yield
        if self.first:
            self._say('%s ... %.1f s' % (label, time.monotonic() - started))

    def done(self):
        elapsed = time.monotonic() - self.started
        if self.first:
            self._say('cloud created in %.1f s' % elapsed)
        else:
            self._say('started from the existing state in %s in %.1f s'
                      % (self.path, elapsed))


def main():
    # The command runs the whole cloud: identity and network included.
    CONF.set_default('identity', True, group='all_in_one')
    CONF.set_default('network', True, group='all_in_one')
    aio_conf.register_cli_opts(CONF)
    common.parse_args(sys.argv, default_config_files=[], prog='nova-all',
                      description=DESCRIPTION, epilog=EPILOG)
    aio_conf.apply_cli_opts(CONF)
    path = _state_dir()
    try:
        lock = state_dir.lock(path)
    except state_dir.InUse as error:
        _fail(error)
    except OSError as error:
        _fail('cannot use the state directory %s: %s' % (
            path, error.strerror or error))
    # A state directory of an older nova-all has no nova.conf yet.
    first = not any(os.path.exists(os.path.join(path, name))
                    for name in (state_dir.CONFIG_FILE, 'nova_api.sqlite'))

    # NOTE: imported once the command line is read: --help and --version
    # need none of the cloud (nor its import time).
    from nova import ports
    from nova import standalone

    standalone.set_defaults(path)
    common.configure(with_rpc=False)
    progress = Progress(path, first)
    try:
        cloud = standalone.AllInOne(path, progress=progress.step).start()
    except ports.PortInUse as error:
        _fail(error)
    progress.done()
    state_dir.write_config(path, CONF, _config_files(), cloud.urls)
    print('nova-all ready: compute API at %s (state in %s)'
          % (cloud.urls['compute'], path), flush=True)
    if cloud.identity is not None:
        print('export OS_CLIENT_CONFIG_FILE=%s OS_CLOUD=demo'
              % os.path.join(path, 'clouds.yaml'), flush=True)
    common.wait_for_signal(cloud.stop)
    lock.release()
