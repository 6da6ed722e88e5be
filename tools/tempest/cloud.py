"""The local cloud under test: Keystone and nova-all in their own processes.

``LocalCloud`` starts Keystone (``keystone_process``, SQLite, the Tempest
venv's Python) and the project venv's ``nova-all`` with a generated
nova.conf, each on free ports of 127.0.0.1, creates the service user and
registers the catalog (with ``provision``), and stops both processes
again. ``free_port``, ``nova_conf``, ``find_nova_all`` and ``Process`` (a
child whose output goes to a log file) are its parts. Standard library
only.
"""

import collections
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time

import keystone_process as keystone_launcher
from common import REGION, REPO, SetupError, clean_env, log, tail
import config
from config import apply_overrides, render_ini
from provision import Identity, register_catalog, set_up_service_user

NOVA_READY = 'nova-all ready'


def _local_port_range():
    try:
        with open('/proc/sys/net/ipv4/ip_local_port_range') as f:
            low, high = (int(x) for x in f.read().split())
            return low, high
    except (OSError, ValueError):
        return 32768, 60999


_TAKEN = set()


def free_port(host='127.0.0.1'):
    """A port nothing listens on, below the kernel's ephemeral range (so no
    outgoing connection can take it before the server binds it) and away
    from the well-known service ports."""
    low, _high = _local_port_range()
    top = min(low, 32768) - 1
    rng = random.SystemRandom()
    for _ in range(500):
        port = rng.randint(20000, top)
        if port in _TAKEN:
            continue
        for family, address in ((socket.AF_INET, host),
                                (socket.AF_INET, '0.0.0.0')):
            with socket.socket(family, socket.SOCK_STREAM) as sock:
                try:
                    sock.bind((address, port))
                except OSError:
                    break
        else:
            _TAKEN.add(port)
            return port
    raise SetupError('no free port found between 20000 and %d' % top)


def find_nova_all(nova_venv, given=None):
    if given:
        if not os.access(given, os.X_OK):
            raise SetupError('--nova-all %s is not an executable' % given)
        return os.path.abspath(given)
    candidates = []
    if nova_venv:
        candidates.append(os.path.join(nova_venv, 'bin', 'nova-all'))
    else:
        candidates.append(os.path.join(REPO, '.venv', 'bin', 'nova-all'))
        candidates.append(os.path.join(os.path.dirname(sys.executable),
                                       'nova-all'))
        found = shutil.which('nova-all')
        if found:
            candidates.append(found)
    for path in candidates:
        if os.access(path, os.X_OK):
            return path
    raise SetupError('nova-all not found (looked at %s); set NOVA_VENV or '
                     '--nova-venv to the project venv' % ', '.join(candidates))


def nova_conf(ports, keystone_url, nova_password, overrides):
    auth = collections.OrderedDict((
        ('auth_url', keystone_url), ('auth_type', 'password'),
        ('username', 'nova'), ('password', nova_password),
        ('project_name', 'service'), ('user_domain_name', 'Default'),
        ('project_domain_name', 'Default')))
    authtoken = collections.OrderedDict(
        [('www_authenticate_uri', keystone_url)] + list(auth.items()))
    sections = collections.OrderedDict()
    sections['DEFAULT'] = collections.OrderedDict((
        ('host', 'tempest-host'),
        ('osapi_compute_listen', '127.0.0.1'),
        ('osapi_compute_listen_port', ports['compute']),
        # Tempest's cold-migration and resize tests use the other host;
        # the option is read only where it exists.
        ('allow_resize_to_same_host', True),
    ))
    sections['all_in_one'] = collections.OrderedDict((
        ('identity', False), ('image', True), ('network', True),
        ('fake_hosts', 2), ('listen', '127.0.0.1'),
        ('placement_port', ports['placement']),
        ('image_port', ports['image']),
        ('network_port', ports['network']),
        ('identity_port', ports['identity']),
    ))
    sections['filter_scheduler'] = collections.OrderedDict((
        ('enabled_filters', ','.join(config.SCHEDULER_FILTERS)),))
    # Tempest's spice-direct test asks for a SPICE console (off by
    # default, as in Nova).
    sections['spice'] = collections.OrderedDict((('enabled', True),))
    sections['keystone_authtoken'] = authtoken
    sections['neutron'] = collections.OrderedDict(auth)
    sections['placement'] = collections.OrderedDict(auth)
    apply_overrides(sections, overrides, '--nova-conf')
    return render_ini(sections)


class Process(object):
    """A child process whose output goes to a log file."""

    def __init__(self, name, cmd, log_path, env, cwd):
        self.name = name
        self.log_path = log_path
        self._log = open(log_path, 'ab')
        self.proc = subprocess.Popen(cmd, stdout=self._log,
                                     stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, env=env,
                                     cwd=cwd)

    def wait_for_line(self, text, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SetupError('%s exited with %s before printing %r; the '
                                 'end of %s:\n%s' % (
                                     self.name, self.proc.returncode, text,
                                     self.log_path, tail(self.log_path)))
            with open(self.log_path, errors='replace') as f:
                if text in f.read():
                    return
            time.sleep(0.3)
        raise SetupError('%s did not print %r in %ss; the end of %s:\n%s' % (
            self.name, text, timeout, self.log_path, tail(self.log_path)))

    def stop(self, grace=20):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(grace)
            except subprocess.TimeoutExpired:
                log('%s did not stop in %ss after SIGTERM: killing it' % (
                    self.name, grace))
                self.proc.kill()
                self.proc.wait()
        self._log.close()


class LocalCloud(object):
    """Keystone and nova-all of one run. ``venv`` is the Tempest venv
    (Keystone is installed in it), ``work`` the temporary directory for
    their state, ``out`` the directory of the logs."""

    def __init__(self, venv, work, out):
        self.venv = venv
        self.work = work
        self.out = out
        self.keystone = None
        self.nova = None

    def start(self, args):
        """Start both and register the catalog; returns an admin
        ``Identity`` and the cloud's values for tempest.conf."""
        python = os.path.join(self.venv, 'bin', 'python')
        admin_password = 'admin-' + secrets.token_urlsafe(12)
        nova_password = 'nova-' + secrets.token_urlsafe(12)
        ports = {name: free_port() for name in (
            'keystone', 'compute', 'placement', 'image', 'network',
            'identity')}
        started = time.monotonic()
        self.keystone = keystone_launcher.Keystone(
            python=python, workdir=os.path.join(self.work, 'keystone'),
            port=ports['keystone'], admin_password=admin_password,
            log_path=os.path.join(self.out, 'keystone.log'), region=REGION)
        try:
            self.keystone.start()
        except keystone_launcher.KeystoneError as error:
            raise SetupError(str(error))
        log('keystone at %s (%.0fs)' % (self.keystone.url,
                                        time.monotonic() - started))
        identity = Identity(self.keystone.url, 'admin', admin_password,
                            'admin')
        set_up_service_user(identity, nova_password)

        state = os.path.join(self.work, 'nova-all')
        os.makedirs(state)
        conf_path = os.path.join(self.work, 'nova.conf')
        with open(conf_path, 'w') as f:
            f.write(nova_conf(ports, self.keystone.url, nova_password,
                              args.nova_conf))
        shutil.copy(conf_path, os.path.join(self.out, 'nova.conf'))
        nova_all = find_nova_all(args.nova_venv, args.nova_all)
        started = time.monotonic()
        env = clean_env(os.path.dirname(os.path.dirname(nova_all)))
        env['NOVA_STATE_DIR'] = state
        self.nova = Process('nova-all', [
            nova_all, '--state-dir', state, '--config-file', conf_path],
            os.path.join(self.out, 'nova-all.log'), env, self.work)
        self.nova.wait_for_line(NOVA_READY, args.start_timeout)
        log('nova-all (%s) ready in %.0fs' % (nova_all,
                                              time.monotonic() - started))
        urls = {
            'compute': 'http://127.0.0.1:%d/v2.1' % ports['compute'],
            'image': 'http://127.0.0.1:%d' % ports['image'],
            'network': 'http://127.0.0.1:%d' % ports['network'],
            'placement': 'http://127.0.0.1:%d' % ports['placement'],
        }
        register_catalog(identity, urls)
        # A new token carries the new catalog.
        identity.refresh('admin', admin_password, 'admin')
        return identity, {
            'auth_url': self.keystone.url, 'region': REGION,
            'admin_username': 'admin', 'admin_password': admin_password,
            'admin_project_name': 'admin', 'admin_domain_name': 'Default',
            'flavor_ref': '1', 'flavor_ref_alt': '2',
        }

    def stop(self):
        """nova-all first, then Keystone; safe after a failed start."""
        if self.nova is not None:
            self.nova.stop()
            self.nova = None
        if self.keystone is not None:
            self.keystone.stop()
            self.keystone = None
