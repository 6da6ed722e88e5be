"""Run Tempest's ``tempest.api.compute`` against nova-all and a real Keystone.

Started by ``tools/tempest/run`` (see ``--help`` and README.md next to this
file). Standard library only: Tempest and Keystone live in their own venv
(``tools/tempest/.venv``, built from ``requirements.txt``), nova-all in the
project's venv, and this script talks to them over HTTP and subprocesses.

Steps: (1) create or refresh the Tempest venv, (2) start Keystone (SQLite,
own process, free port), create the ``service`` project and the ``nova``
user, (3) start nova-all with a generated nova.conf and wait for its
"nova-all ready" line, (4) register compute, image, network and placement
in Keystone's catalog, (5) upload two images and check flavors 1 and 2,
(6) write tempest.conf into a ``tempest init`` workspace, (7) run Tempest,
(8) compare the per-test results with ``expected-pass.txt``. Keystone and
nova-all are stopped and the logs saved to ``last-run/`` whatever happens.

This module holds the command line, the order of the steps (``Run``) and
the exit status; the steps live in the modules next to it, imported as
siblings: ``common`` (shared helpers, ``SetupError``), ``cloud`` (the
Keystone and nova-all processes, free ports, nova.conf), ``provision``
(identity REST calls, service user, catalog, images, flavors), ``config``
(INI rendering, overrides, tempest.conf), ``tempest_run`` (the Tempest
venv and ``tempest run``) and ``results`` (per-test results, the expected
list, the failure summary, ``--summary-file``).
"""

import argparse
import os
import shutil
import signal
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
# The sibling modules are imported by name: this directory comes first on
# sys.path however this file is started (as a script it is there already,
# unless -P or PYTHONSAFEPATH is in effect; imported, it is not).
sys.path.insert(0, HERE)

from cloud import LocalCloud  # noqa: E402
from common import DEFAULT_REGEX, REGION, SetupError, log  # noqa: E402
from provision import HTTPError, existing_cloud, prepare  # noqa: E402
from results import report, write_summary  # noqa: E402
from tempest_run import ensure_venv, run_tempest  # noqa: E402


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog='tools/tempest/run',
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="""\
Run Tempest's tempest.api.compute against nova-all behind a real Keystone
(or, with --against-cloud, against any deployment) and compare the results
with tools/tempest/expected-pass.txt.

By default it builds tools/tempest/.venv (tempest + keystone, from
requirements.txt; rebuilt when that file changes), starts Keystone (SQLite)
and the project's nova-all on free ports of 127.0.0.1, registers the
catalog, uploads two images, writes tempest.conf and runs Tempest. Logs go
to tools/tempest/last-run/ (tempest.log: Tempest's output; tempest-debug.log:
every request; nova-all.log; keystone.log; results.json; summary.txt).

Exit status: 0 when every test of expected-pass.txt passed, 1 when one did
not, 2 when the setup failed.""",
        epilog="""\
environment: TEMPEST_VENV (the Tempest venv), NOVA_VENV (the project venv
holding nova-all), TEMPEST_PYTHON (the Python that creates the Tempest venv);
with --against-cloud the OS_AUTH_URL, OS_USERNAME, OS_PASSWORD,
OS_PROJECT_NAME, OS_USER_DOMAIN_NAME, OS_REGION_NAME variables and
TEMPEST_IMAGE_REF, TEMPEST_IMAGE_REF_ALT fill the flags left out.""")
    parser.add_argument('--regex', default=DEFAULT_REGEX,
                        help='tests to run (default %(default)s)')
    parser.add_argument('--concurrency', type=int, default=2,
                        help='Tempest workers (default %(default)s)')
    parser.add_argument('--neutron', action='store_true',
                        help='run with [service_available] neutron = True '
                             'against the built-in network service')
    parser.add_argument('--network-name', default='private',
                        help='--neutron: the shared network servers use '
                             '(default %(default)s)')
    parser.add_argument('--build-timeout', type=int, default=60,
                        help='Tempest [compute] build_timeout in seconds '
                             '(default %(default)s)')
    parser.add_argument('--test-timeout', type=int, default=300,
                        help='seconds one test may take (default '
                             '%(default)s)')
    parser.add_argument('--run-timeout', type=int, default=3600,
                        help='seconds the whole Tempest run may take '
                             '(default %(default)s)')
    parser.add_argument('--expected', help='the expected-pass list '
                        '(default: expected-pass.txt, with --neutron '
                        'expected-pass-neutron.txt, next to this script)')
    parser.add_argument('--write-expected', action='store_true',
                        help='add the tests that passed to the expected-pass '
                             'list (it only grows)')
    parser.add_argument('--keep', action='store_true',
                        help='keep the temporary directory (Keystone and '
                             'nova-all state, the Tempest workspace)')
    parser.add_argument('--output-dir', default=os.path.join(
        HERE, 'last-run'), help='where the logs go (default %(default)s)')
    parser.add_argument('--summary-file', metavar='PATH',
                        help='write the outcome as JSON to PATH at the end: '
                             'passed, failed, skipped, expected (tests of '
                             'the expected list), expected_passed, '
                             'regressions, newly_passing, seconds; '
                             '{"setup_failed": MESSAGE} when the setup '
                             'failed (exit status 2)')
    parser.add_argument('--verbose', '-v', action='store_true',
                        help="print Tempest's output as it runs")
    parser.add_argument('--venv', default=os.environ.get(
        'TEMPEST_VENV', os.path.join(HERE, '.venv')),
        help='the Tempest venv (default %(default)s)')
    parser.add_argument('--nova-venv', default=os.environ.get('NOVA_VENV'),
                        help='the project venv whose bin/nova-all runs '
                             '(default: the repository .venv, else the '
                             'running Python\'s)')
    parser.add_argument('--nova-all', metavar='PATH',
                        help='the nova-all command to run (default: '
                             'bin/nova-all of the project venv)')
    parser.add_argument('--nova-conf', action='append', metavar='S.K=V',
                        help='extra nova.conf option, e.g. '
                             'DEFAULT.debug=true (repeatable)')
    parser.add_argument('--tempest-conf', action='append', metavar='S.K=V',
                        help='extra tempest.conf option, e.g. '
                             'compute-feature-enabled.pause=False '
                             '(repeatable)')
    parser.add_argument('--start-timeout', type=int, default=180,
                        help='seconds nova-all may take to be ready')
    cloud = parser.add_argument_group(
        'against another cloud', 'skip Keystone and nova-all and test the '
        'deployment of --auth-url; the images are uploaded (and deleted '
        'afterwards) unless --image-ref and --image-ref-alt are given, and '
        'flavors 1 and 2 are created when absent')
    cloud.add_argument('--against-cloud', action='store_true')
    cloud.add_argument('--auth-url', default=os.environ.get('OS_AUTH_URL'))
    cloud.add_argument('--admin-username',
                       default=os.environ.get('OS_USERNAME', 'admin'))
    cloud.add_argument('--admin-password',
                       default=os.environ.get('OS_PASSWORD'))
    cloud.add_argument('--admin-project-name',
                       default=os.environ.get('OS_PROJECT_NAME', 'admin'))
    cloud.add_argument('--admin-domain-name', default=os.environ.get(
        'OS_USER_DOMAIN_NAME', 'Default'))
    cloud.add_argument('--region',
                       default=os.environ.get('OS_REGION_NAME', REGION))
    cloud.add_argument('--image-ref',
                       default=os.environ.get('TEMPEST_IMAGE_REF'))
    cloud.add_argument('--image-ref-alt',
                       default=os.environ.get('TEMPEST_IMAGE_REF_ALT'))
    cloud.add_argument('--flavor-ref', default='1')
    cloud.add_argument('--flavor-ref-alt', default='2')
    cloud.add_argument('--public-network-id',
                       help='--neutron: [network] public_network_id')
    parser.add_argument('--min-compute-nodes', type=int, default=2,
                        help='Tempest [compute] min_compute_nodes (default '
                             '%(default)s: nova-all runs 2 fake hosts)')
    args = parser.parse_args(argv)
    if args.expected is None:
        args.expected = os.path.join(HERE, 'expected-pass-neutron.txt'
                                     if args.neutron else 'expected-pass.txt')
    if args.against_cloud and not (args.auth_url and args.admin_password):
        parser.error('--against-cloud needs --auth-url and --admin-password '
                     '(or OS_AUTH_URL and OS_PASSWORD)')
    if args.summary_file:
        args.summary_file = os.path.abspath(args.summary_file)
        if (os.path.isdir(args.summary_file) or
                not os.path.isdir(os.path.dirname(args.summary_file))):
            parser.error('--summary-file %s: not a file in an existing '
                         'directory' % args.summary_file)
    return args


class Run(object):
    """One run: ``main`` takes the steps in order, ``stop`` stops and
    removes whatever they started, whether ``main`` finished or not."""

    def __init__(self, args):
        self.args = args
        self.out = os.path.abspath(args.output_dir)
        self.venv = os.path.abspath(args.venv)
        self.work = None
        self.cloud = None
        self.cleanups = []

    def prepare_output(self):
        if os.path.isdir(self.out):
            for name in os.listdir(self.out):
                path = os.path.join(self.out, name)
                if os.path.isdir(path) and not os.path.islink(path):
                    shutil.rmtree(path)
                else:
                    os.unlink(path)
        os.makedirs(self.out, exist_ok=True)

    def main(self):
        args = self.args
        self.prepare_output()
        started = time.monotonic()
        ensure_venv(self.venv, os.path.join(HERE, 'requirements.txt'),
                    os.environ.get('TEMPEST_PYTHON', sys.executable),
                    self.out)
        self.work = tempfile.mkdtemp(prefix='tempest-nova-')
        if args.against_cloud:
            identity, cloud = existing_cloud(args)
        else:
            self.cloud = LocalCloud(self.venv, self.work, self.out)
            identity, cloud = self.cloud.start(args)
        prepare(identity, cloud, args, self.cleanups)
        log('cloud ready after %.0fs' % (time.monotonic() - started))
        listed, raw = run_tempest(self.venv, self.work, self.out, cloud,
                                  args)
        status, summary = report(listed, raw, args, self.out)
        seconds = time.monotonic() - started
        log('total %.0fs' % seconds)
        if args.summary_file:
            summary['seconds'] = round(seconds, 1)
            write_summary(args.summary_file, summary)
        return status

    def stop(self):
        for cleanup in reversed(self.cleanups):
            try:
                cleanup()
            except Exception as error:  # cleanups must not hide the result
                log('cleanup failed: %s' % error)
        if self.cloud is not None:
            self.cloud.stop()
            self.cloud = None
        if self.work:
            if self.args.keep:
                log('kept %s (keystone/, nova-all/, workspace/)' % self.work)
            else:
                shutil.rmtree(self.work, ignore_errors=True)
            self.work = None


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)

    def terminate(signum, frame):
        raise SystemExit(128 + signum)
    signal.signal(signal.SIGTERM, terminate)
    signal.signal(signal.SIGHUP, terminate)
    # A summary left by an earlier run must not pass for this one's when
    # this one ends without writing any (killed, or an unexpected error).
    if (args.summary_file and os.path.isfile(args.summary_file) and
            not os.path.islink(args.summary_file)):
        os.unlink(args.summary_file)
    run = Run(args)
    try:
        return run.main()
    except (SetupError, HTTPError) as error:
        print('[tempest] setup failed: %s' % error, file=sys.stderr,
              flush=True)
        print('[tempest] logs: %s' % run.out, file=sys.stderr, flush=True)
        if args.summary_file:
            write_summary(args.summary_file, {'setup_failed': str(error)})
        return 2
    finally:
        run.stop()


if __name__ == '__main__':
    sys.exit(main())
