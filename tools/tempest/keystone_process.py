"""Start a real Keystone (the PyPI ``keystone`` package) in its own process.

Standard library only, so any Python can drive it; Keystone itself runs
with the interpreter of the environment it is installed in (``python``,
whose directory must also hold ``keystone-manage``)::

    ks = Keystone(python='/path/venv/bin/python', workdir=tmp, port=23456,
                  admin_password='secret', log_path=tmp + '/keystone.log')
    ks.start()          # db_sync, fernet/credential keys, bootstrap, serve
    ks.url              # http://127.0.0.1:23456/v3
    ks.stop()

The database is SQLite in ``workdir``; ``bootstrap`` creates the domain
``Default``, the project ``admin``, the user ``admin`` with role ``admin``
on it, the roles ``reader``, ``member``, ``manager``, ``service``, the
region and Keystone's own catalog entry. Run as a script
(``python keystone_process.py serve``) this module is the server process:
it serves Keystone's WSGI application with cheroot on ``127.0.0.1``, one
request at a time (see ``serialized``).
"""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

START_TIMEOUT = 90

CONF_TEMPLATE = """\
[DEFAULT]
debug = false
use_stderr = true

[database]
connection = sqlite:///{dir}/keystone.sqlite

[token]
provider = fernet
expiration = 14400

[fernet_tokens]
key_repository = {dir}/fernet-keys

[fernet_receipts]
key_repository = {dir}/fernet-receipts

[credential]
key_repository = {dir}/credential-keys

[identity]
# The fewest bcrypt rounds: Tempest creates many users.
password_hash_rounds = 4

[cache]
# One process: an in-memory cache stays coherent and halves the time of
# Tempest's credential set-up (token validation, role and project lookups).
enabled = true
backend = dogpile.cache.memory
"""


class KeystoneError(Exception):
    """Keystone could not be started; the message ends with its log."""


class Keystone(object):

    def __init__(self, python, workdir, port, admin_password, log_path,
                 region='RegionOne', host='127.0.0.1', threads=16):
        self.python = python
        self.dir = workdir
        self.port = port
        self.host = host
        self.admin_password = admin_password
        self.log_path = log_path
        self.region = region
        self.threads = threads
        self.url = 'http://%s:%d/v3' % (host, port)
        self.conf_file = os.path.join(workdir, 'keystone.conf')
        self.process = None
        self._log = None

    # -- lifecycle ---------------------------------------------------------

    def start(self):
        os.makedirs(self.dir, exist_ok=True)
        with open(self.conf_file, 'w') as f:
            f.write(CONF_TEMPLATE.format(dir=self.dir))
        self._log = open(self.log_path, 'a')
        owner = ['--keystone-user', str(os.getuid()),
                 '--keystone-group', str(os.getgid())]
        self._manage('db_sync')
        self._manage('fernet_setup', *owner)
        self._manage('credential_setup', *owner)
        self._manage('bootstrap',
                     '--bootstrap-password', self.admin_password,
                     '--bootstrap-admin-url', self.url,
                     '--bootstrap-public-url', self.url,
                     '--bootstrap-internal-url', self.url,
                     '--bootstrap-region-id', self.region)
        self._serve()
        return self

    def stop(self, timeout=10):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._log is not None:
            self._log.close()
            self._log = None

    def log_tail(self, lines=40):
        try:
            with open(self.log_path, errors='replace') as f:
                return ''.join(f.readlines()[-lines:])
        except OSError as error:
            return '(no log: %s)\n' % error

    # -- steps -------------------------------------------------------------

    def _env(self):
        env = dict(os.environ, PYTHONWARNINGS='ignore',
                   OS_KEYSTONE_CONFIG_FILES=self.conf_file,
                   TEMPEST_KEYSTONE_HOST=self.host,
                   TEMPEST_KEYSTONE_PORT=str(self.port),
                   TEMPEST_KEYSTONE_THREADS=str(self.threads))
        env.pop('OS_KEYSTONE_CONFIG_DIR', None)
        # Keystone must import from its own environment only.
        env.pop('PYTHONPATH', None)
        env.pop('VIRTUAL_ENV', None)
        return env

    def _manage(self, *args):
        manage = os.path.join(os.path.dirname(self.python), 'keystone-manage')
        self._log.write('$ keystone-manage %s\n' % ' '.join(
            '***' if i > 0 and args[i - 1] == '--bootstrap-password' else a
            for i, a in enumerate(args)))
        self._log.flush()
        try:
            status = subprocess.call(
                [manage, '--config-file', self.conf_file] + list(args),
                stdout=self._log, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, env=self._env(), cwd=self.dir,
                timeout=START_TIMEOUT)
        except (OSError, subprocess.TimeoutExpired) as error:
            self._failed('keystone-manage %s: %s' % (args[0], error))
        if status != 0:
            self._failed('keystone-manage %s exited with %s' % (
                args[0], status))

    def _serve(self):
        self._log.write('$ serve keystone on %s\n' % self.url)
        self._log.flush()
        self.process = subprocess.Popen(
            [self.python, os.path.abspath(__file__), 'serve'],
            stdout=self._log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, env=self._env(), cwd=self.dir)
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if self.process.poll() is not None:
                self._failed('keystone exited with %s' %
                             self.process.returncode)
            try:
                with urllib.request.urlopen(self.url, timeout=2) as resp:
                    if resp.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                self._failed('keystone did not answer GET %s in %ss' % (
                    self.url, START_TIMEOUT))
            time.sleep(0.3)

    def _failed(self, reason):
        self.stop()
        raise KeystoneError('%s; the end of %s:\n%s' % (
            reason, self.log_path, self.log_tail()))


def serialized(app):
    """``app`` answering one request at a time.

    Keystone on SQLite answers 500 (``database is locked``) when two
    requests write at once, as Tempest's workers do when they create and
    delete their projects and users; the requests are short, so taking
    them in turn costs little.
    """
    import threading
    lock = threading.Lock()

    def call(environ, start_response):
        with lock:
            body = app(environ, start_response)
            try:
                return [b''.join(body)]
            finally:
                close = getattr(body, 'close', None)
                if close is not None:
                    close()
    return call


def serve():
    """The server process (run with Keystone's interpreter)."""
    from cheroot import wsgi
    from keystone.server import wsgi as keystone_wsgi

    # Keystone parses sys.argv as its command line.
    sys.argv = sys.argv[:1]
    host = os.environ.get('TEMPEST_KEYSTONE_HOST', '127.0.0.1')
    port = int(os.environ['TEMPEST_KEYSTONE_PORT'])
    threads = int(os.environ.get('TEMPEST_KEYSTONE_THREADS', '16'))
    app = serialized(keystone_wsgi.initialize_public_application())
    server = wsgi.Server((host, port), app, numthreads=threads,
                         request_queue_size=64)
    print('keystone listening on %s:%d' % (host, port), flush=True)
    try:
        server.start()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


if __name__ == '__main__':
    if sys.argv[1:2] == ['serve']:
        import signal

        def _stop(signum, frame):
            raise KeyboardInterrupt()
        signal.signal(signal.SIGTERM, _stop)
        serve()
    else:
        sys.exit('usage: %s serve' % sys.argv[0])
