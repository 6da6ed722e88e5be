#!/usr/bin/env python3
"""Run ``nova-all`` under a profiler that sees every thread.

    python tools/bench/profile_nova_all.py --out nova-all.prof \\
        -- --state-dir /tmp/benchstate \\
        --config-file tools/bench/nova-all-bench.conf

Everything after ``--`` goes to nova-all. On SIGTERM or SIGINT nova-all
stops and the stats are written to ``--out`` (pstats format; read them
with ``python -m pstats`` or ``--show``) and summarised on stdout.

``--engine yappi`` (default when installed) measures CPU time in all
threads; ``--engine cprofile`` gives each thread its own cProfile (wall
time, threads started after the profiler only) and merges them.
"""

import argparse
import cProfile
import importlib.util
import pstats
import sys
import threading


class ThreadProfiles(object):
    """One ``cProfile.Profile`` per thread, merged at the end."""

    def __init__(self):
        self.profiles = []
        self.lock = threading.Lock()

    def _start_in_thread(self, *unused):
        # Called by threading for the first event of each new thread:
        # replace this hook with a real profiler for that thread.
        sys.setprofile(None)
        profile = cProfile.Profile()
        with self.lock:
            self.profiles.append(profile)
        profile.enable()

    def start(self):
        threading.setprofile(self._start_in_thread)
        self._start_in_thread()

    def stop_and_save(self, path):
        threading.setprofile(None)
        for profile in self.profiles:
            profile.disable()
        stats = None
        for profile in self.profiles:
            try:
                profile.create_stats()
            except Exception:
                continue
            if not profile.stats:
                continue
            if stats is None:
                stats = pstats.Stats(profile)
            else:
                stats.add(profile)
        stats.dump_stats(path)
        return stats


class YappiProfile(object):
    def start(self):
        import yappi
        yappi.set_clock_type('cpu')
        yappi.start(builtins=False, profile_threads=True)

    def stop_and_save(self, path):
        import yappi
        yappi.stop()
        yappi.get_func_stats().save(path, type='pstat')
        return pstats.Stats(path)


def summarise(stats, top, pattern):
    for key in ('cumulative', 'tottime'):
        print('\n==== top %d by %s%s' % (
            top, key, ' matching %r' % pattern if pattern else ''))
        stats.sort_stats(key)
        if pattern:
            stats.print_stats(pattern, top)
        else:
            stats.print_stats(top)


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('--out', default='nova-all.prof')
    p.add_argument('--engine', choices=('yappi', 'cprofile'))
    p.add_argument('--top', type=int, default=25)
    p.add_argument('--filter', default='/nova/',
                   help='regex on file:function for the summary')
    p.add_argument('--show', metavar='PROF',
                   help='only summarise an existing stats file')
    p.add_argument('nova_args', nargs=argparse.REMAINDER)
    return p.parse_args(argv)


def main():
    args = parse_args(sys.argv[1:])
    if args.show:
        summarise(pstats.Stats(args.show), args.top, args.filter)
        return 0
    engine = args.engine
    if engine is None:
        engine = ('yappi' if importlib.util.find_spec('yappi')
                  else 'cprofile')
    nova_args = [a for a in args.nova_args if a != '--']
    profiler = YappiProfile() if engine == 'yappi' else ThreadProfiles()

    # nova.cmd.all.main() installs its own SIGTERM/SIGINT handlers and
    # returns once nova-all has stopped, so the stats are saved after it.
    sys.argv = ['nova-all'] + nova_args
    from nova.cmd import all as nova_all
    profiler.start()
    try:
        nova_all.main()
    finally:
        stats = profiler.stop_and_save(args.out)
        print('profile (%s) written to %s' % (engine, args.out), flush=True)
        summarise(stats, args.top, args.filter)
    return 0


if __name__ == '__main__':
    sys.exit(main())
