"""Tempest itself: its venv, the workspace, the test run and its raw results.

``ensure_venv`` creates the Tempest venv from ``requirements.txt`` (again
only when that file changes). ``run_tempest`` makes a ``tempest init``
workspace, writes its tempest.conf (``config.tempest_conf``), lists the
selected tests, runs ``tempest run`` with a time limit and ``Progress``
messages, and turns the subunit stream into ``{test id: outcome}`` with
``subunit2json.py`` (run with the Tempest venv's Python). ``run_logged``
runs a command in its own session with its output in a log file.
Standard library only; reading the outcomes is ``results``' part.
"""

import collections
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import time

from common import HERE, SetupError, clean_env, log, tail
from config import tempest_conf


def ensure_venv(venv, requirements, python, out_dir):
    with open(requirements, 'rb') as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    stamp = os.path.join(venv, '.requirements.sha256')
    tempest_bin = os.path.join(venv, 'bin', 'tempest')
    try:
        with open(stamp) as f:
            current = f.read().strip()
        # bin/python is a link to the interpreter the venv was made with:
        # it dangles when that Python is gone.
        if (current == digest and os.access(tempest_bin, os.X_OK) and
                os.path.exists(os.path.join(venv, 'bin', 'python'))):
            return
    except OSError:
        pass
    if os.path.exists(venv):
        if not os.path.exists(os.path.join(venv, 'pyvenv.cfg')):
            raise SetupError('%s exists and is not a venv; remove it or set '
                             'TEMPEST_VENV' % venv)
        log('requirements changed: rebuilding %s' % venv)
        shutil.rmtree(venv)
    else:
        log('creating the Tempest venv %s (one time, about a minute)' % venv)
    pip_log = os.path.join(out_dir, 'pip.log')
    with open(pip_log, 'w') as out:
        def run(cmd):
            out.write('$ %s\n' % ' '.join(cmd))
            out.flush()
            return subprocess.call(cmd, stdout=out, stderr=subprocess.STDOUT,
                                   env=clean_env(), stdin=subprocess.DEVNULL)

        venv_python = os.path.join(venv, 'bin', 'python')
        if run([python, '-m', 'venv', venv]) == 0 and os.access(
                os.path.join(venv, 'bin', 'pip'), os.X_OK):
            pip = [venv_python, '-m', 'pip']
        else:
            # No ensurepip (Debian without python3-venv): a venv without
            # pip, filled by the pip of the Python running this script.
            if os.path.exists(venv):
                shutil.rmtree(venv)
            if run([python, '-m', 'venv', '--without-pip', venv]) != 0:
                raise SetupError('cannot create a venv with %s; see %s'
                                 % (python, pip_log))
            pip = [python, '-m', 'pip', '--python', venv_python]
        status = run(pip + ['install', '--disable-pip-version-check',
                            '-r', requirements])
    if status != 0:
        raise SetupError('pip install -r %s failed; the end of %s:\n%s'
                         % (requirements, pip_log, tail(pip_log, 30)))
    with open(stamp, 'w') as f:
        f.write(digest + '\n')


def _stop_group(proc, grace=30):
    """Stop ``proc`` and every process it started: it leads its own
    session (Tempest's workers are its grandchildren)."""
    if proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, None)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            pass
        try:
            proc.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


def run_logged(cmd, log_path, env, cwd, timeout=None, progress=None):
    """Run ``cmd`` with its output appended to ``log_path``; returns its exit
    status, or -1 when it ran longer than ``timeout`` seconds.
    ``progress(line)`` is called for each new line when given."""
    offset = os.path.getsize(log_path) if os.path.exists(log_path) else 0
    with open(log_path, 'ab') as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, env=env, cwd=cwd,
                                start_new_session=True)
    deadline = None if timeout is None else time.monotonic() + timeout
    try:
        while True:
            try:
                status = proc.wait(timeout=2)
            except subprocess.TimeoutExpired:
                status = None
            if progress is not None:
                with open(log_path, 'rb') as f:
                    f.seek(offset)
                    chunk = f.read()
                end = chunk.rfind(b'\n') + 1
                offset += end
                for line in chunk[:end].decode('utf-8', 'replace') \
                        .splitlines():
                    progress(line)
            if status is not None:
                return status
            if deadline is not None and time.monotonic() > deadline:
                log('%s ran longer than %ss: stopping it' % (
                    os.path.basename(cmd[0]), timeout))
                _stop_group(proc)
                return -1
    finally:
        _stop_group(proc)


class Progress(object):
    """Prints how far the run is, at most every ``every`` seconds."""

    LINE = re.compile(r'^\{\d+\} (\S+) .*\.\.\. (ok|FAILED|SKIPPED)')

    def __init__(self, total, verbose, every=30):
        self.total = total
        self.verbose = verbose
        self.every = every
        self.counts = collections.Counter()
        self.started = time.monotonic()
        self.last = self.started

    def __call__(self, line):
        if self.verbose:
            print(line, flush=True)
        match = self.LINE.match(line)
        if match:
            self.counts[match.group(2)] += 1
        now = time.monotonic()
        if not self.verbose and now - self.last >= self.every:
            self.last = now
            log('%ds: %d ok, %d failed, %d skipped (of about %d tests)' % (
                now - self.started, self.counts['ok'], self.counts['FAILED'],
                self.counts['SKIPPED'], self.total))


def list_tests(tempest, regex, env, ws, out_dir):
    listing = os.path.join(out_dir, 'test-list.txt')
    status = run_logged([tempest, 'run', '--list-tests', '--regex', regex],
                        listing, env, ws, timeout=600)
    with open(listing, errors='replace') as f:
        tests = sorted({line.strip() for line in f
                        if line.startswith('tempest.')})
    if status != 0 or not tests:
        raise SetupError('tempest run --list-tests found no test for %r '
                         '(exit %s); the end of %s:\n%s' % (
                             regex, status, listing, tail(listing)))
    return tests


def run_tempest(venv, work, out, cloud, args):
    """Run Tempest with the venv ``venv`` in a workspace under ``work``
    against ``cloud``; its logs go to ``out``. Returns the listed test ids
    and the raw outcomes ``{test id: {"status": ..., "reason": ...}}``."""
    bin_dir = os.path.join(venv, 'bin')
    tempest = os.path.join(bin_dir, 'tempest')
    ws = os.path.join(work, 'workspace')
    env = clean_env(venv)
    env['PYTHON'] = os.path.join(bin_dir, 'python')
    env['OS_TEST_TIMEOUT'] = str(args.test_timeout)
    env['TEMPEST_CONFIG_DIR'] = os.path.join(ws, 'etc')
    env['TEMPEST_CONFIG'] = 'tempest.conf'
    env['HOME'] = work  # tempest and stestr write under ~
    init_log = os.path.join(out, 'tempest-init.log')
    status = run_logged([tempest, 'init', '--workspace-path',
                         os.path.join(work, 'workspace.yaml'), ws],
                        init_log, env, work, timeout=300)
    if status != 0:
        raise SetupError('tempest init failed; the end of %s:\n%s' % (
            init_log, tail(init_log)))
    conf = os.path.join(ws, 'etc', 'tempest.conf')
    tempest_conf(conf, cloud, args, work)
    shutil.copy(conf, os.path.join(out, 'tempest.conf'))
    listed = list_tests(tempest, args.regex, env, ws, out)
    log('running %d tests: tempest run --regex %r --concurrency %d' % (
        len(listed), args.regex, args.concurrency))
    started = time.monotonic()
    run_log = os.path.join(out, 'tempest.log')
    status = run_logged(
        [tempest, 'run', '--regex', args.regex,
         '--concurrency', str(args.concurrency)],
        run_log, env, ws, timeout=args.run_timeout,
        progress=Progress(len(listed), args.verbose))
    log('tempest run took %.0fs (exit %s)' % (
        time.monotonic() - started, status))
    subunit_path = os.path.join(out, 'results.subunit')
    with open(subunit_path, 'wb') as stream:
        subprocess.call([os.path.join(bin_dir, 'stestr'), 'last',
                         '--subunit'], stdout=stream,
                        stderr=subprocess.DEVNULL, env=env, cwd=ws)
    raw = subprocess.run(
        [os.path.join(bin_dir, 'python'),
         os.path.join(HERE, 'subunit2json.py'), subunit_path],
        stdout=subprocess.PIPE, env=env, check=True).stdout
    for name in os.listdir(os.path.join(ws, 'logs')):
        shutil.copy(os.path.join(ws, 'logs', name),
                    os.path.join(out, 'tempest-debug.log'
                                 if name == 'tempest.log' else name))
    return listed, json.loads(raw or b'{}')
