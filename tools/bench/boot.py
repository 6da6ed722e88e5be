#!/usr/bin/env python3
"""Boot benchmark for a running ``nova-all``.

Boots ``--count`` servers through the Compute API, waits until all are
ACTIVE (telling how far it got at each tenth, and every
``--progress-interval`` seconds in between) and prints throughput, the
CPU seconds the nova-all process spent per server in each tenth of the
run (is the cost flat as the cloud grows?), the latency of listing
every server in one page and, with ``--delete``, delete throughput.

Standard library only; reads CPU time from ``/proc/<pid>/stat`` (Linux).
See tools/bench/README.md for how to start nova-all for it.
"""

import argparse
import datetime
import http.client
import json
import os
import statistics
import sys
import threading
import time
import urllib.parse
import uuid

DEFAULT_IMAGE = '155d900f-4e14-4e4c-a73d-069cbf4541e6'
TARGET_CPU_PER_SERVER = 0.06
TARGET_LIST_MS = 50.0
REAL_NOVA = {'cpu': '0.6-1.9 CPU-s/server', 'list': '1.0 s'}

CONFIG_TEMPLATE = """\
# nova-all configuration for tools/bench/boot.py (written by --write-config).
[quota]
instances = -1
cores = -1
ram = -1

[all_in_one]
fake_hosts = {hosts}

[fake]
vcpus = 64
memory_mb = 65536
local_gb = 500
"""


class BenchError(Exception):
    pass


class Progress(object):
    """Prints ``done/total`` and the rate while a phase runs, at each
    further tenth of ``total`` and every ``interval`` seconds without one
    (0: only at tenths), so a long run shows it is moving."""

    def __init__(self, what, total, interval=10.0):
        self.what = what
        self.total = max(total, 1)
        self.interval = interval
        self.started = self.last = time.monotonic()
        self.tenth = 0

    def update(self, done, note=''):
        now = time.monotonic()
        tenth = min(done * 10 // self.total, 10)
        if tenth <= self.tenth and not (
                self.interval and now - self.last >= self.interval):
            return
        self.tenth = max(tenth, self.tenth)
        self.last = now
        elapsed = now - self.started
        print('  %s: %d/%d, %.1f/s, %.0f s%s' % (
            self.what, done, self.total, done / max(elapsed, 1e-9),
            elapsed, note), flush=True)


# --- HTTP -----------------------------------------------------------------

class Client(object):
    """One keep-alive connection to the Compute API (one per thread)."""

    def __init__(self, url, token, microversion):
        parts = urllib.parse.urlsplit(url)
        self.host, self.port = parts.hostname, parts.port or 80
        self.prefix = parts.path.rstrip('/')
        self.headers = {'X-Auth-Token': token,
                        'Content-Type': 'application/json',
                        'Accept': 'application/json'}
        if microversion:
            self.headers['OpenStack-API-Version'] = (
                'compute %s' % microversion)
        self.conn = None

    def request(self, method, path, body=None, expect=(200,)):
        data = json.dumps(body).encode() if body is not None else None
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(
                    self.host, self.port, timeout=300)
            try:
                self.conn.request(method, self.prefix + path, body=data,
                                  headers=self.headers)
                resp = self.conn.getresponse()
                payload = resp.read()
                break
            except (http.client.HTTPException, ConnectionError):
                # A server may close an idle keep-alive connection.
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
        if resp.status not in expect:
            raise BenchError('%s %s -> %s: %s' % (
                method, path, resp.status, payload[:500].decode('utf-8',
                                                                'replace')))
        return json.loads(payload) if payload else None


# --- the nova-all process -------------------------------------------------

CLK_TCK = os.sysconf('SC_CLK_TCK')


def cpu_seconds(pid):
    """utime + stime of ``pid`` (all threads), in seconds."""
    with open('/proc/%d/stat' % pid) as f:
        stat = f.read()
    # Fields after the ")" closing comm; utime, stime are fields 14, 15.
    fields = stat.rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / float(CLK_TCK)


def rss_mb(pid):
    with open('/proc/%d/status' % pid) as f:
        for line in f:
            if line.startswith('VmRSS:'):
                return int(line.split()[1]) / 1024.0
    return 0.0


def _listening_inodes(port):
    inodes = set()
    for table in ('/proc/net/tcp', '/proc/net/tcp6'):
        try:
            with open(table) as f:
                next(f)
                for line in f:
                    cols = line.split()
                    local, state, inode = cols[1], cols[3], cols[9]
                    if state == '0A' and int(local.rsplit(':', 1)[1],
                                             16) == port:
                        inodes.add(inode)
        except FileNotFoundError:
            pass
    return inodes


def find_pid(port):
    """The pid of the process listening on ``port`` (reads /proc)."""
    inodes = _listening_inodes(port)
    if not inodes:
        raise BenchError('nothing listens on port %d' % port)
    wanted = {'socket:[%s]' % inode for inode in inodes}
    for name in os.listdir('/proc'):
        if not name.isdigit():
            continue
        fd_dir = '/proc/%s/fd' % name
        try:
            for fd in os.listdir(fd_dir):
                if os.readlink(os.path.join(fd_dir, fd)) in wanted:
                    return int(name)
        except OSError:
            continue
    raise BenchError('cannot find the process listening on port %d '
                     '(run as its user, or pass --pid)' % port)


# --- boot -----------------------------------------------------------------

def server_body(args, name, count=1):
    server = {'name': name, 'imageRef': args.image,
              'flavorRef': args.flavor}
    if count > 1:
        server['min_count'] = server['max_count'] = count
    if args.networks:
        server['networks'] = args.networks
    return {'server': server}


class Pipeline(object):
    """Counts servers POSTed and finished (ACTIVE or ERROR) so POSTs stay
    at most ``limit`` servers ahead of the builds: then the CPU spent
    while a tenth of the servers became ACTIVE is the cost of that tenth,
    not of API work for servers far ahead (0: no limit)."""

    def __init__(self, limit):
        self.limit = limit
        self.posted = 0
        self.done = 0
        self.cond = threading.Condition()

    def reserve(self, count):
        with self.cond:
            while self.limit and self.posted - self.done >= self.limit:
                self.cond.wait(1)
            self.posted += count

    def finished(self, done):
        with self.cond:
            self.done = done
            self.cond.notify_all()


def post_servers(args, prefix, pipeline):
    """POST the servers from ``args.concurrency`` threads; returns the
    threads, the POST latencies (seconds) and the errors."""
    per_request = args.batch or 1
    requests = [min(per_request, args.count - i)
                for i in range(0, args.count, per_request)]
    lock = threading.Lock()
    latencies, errors = [], []
    next_index = [0]

    def worker():
        client = Client(args.url, args.token, args.microversion)
        while True:
            with lock:
                if errors or next_index[0] >= len(requests):
                    return
                index = next_index[0]
                next_index[0] += 1
            pipeline.reserve(requests[index])
            name = '%s-%05d' % (prefix, index)
            started = time.monotonic()
            try:
                client.request('POST', '/servers',
                               server_body(args, name, requests[index]),
                               expect=(202,))
            except Exception as exc:
                with lock:
                    errors.append(exc)
                return
            with lock:
                latencies.append(time.monotonic() - started)

    threads = [threading.Thread(target=worker, daemon=True)
               for _ in range(args.concurrency)]
    for thread in threads:
        thread.start()
    return threads, latencies, errors


def utc_iso(ts):
    return datetime.datetime.fromtimestamp(
        ts, datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')


class Watcher(object):
    """Tracks the status of our servers with ``changes-since`` polls, so a
    poll returns only what changed since the previous one (cheap for the
    server however many servers exist).

    After ``stall`` seconds without progress it lists everything once: a
    server buried in cell0 keeps the ``updated_at`` of its build request,
    so ``changes-since`` misses its BUILD -> ERROR transition."""

    def __init__(self, client, prefix, stall=5.0):
        self.client = client
        self.prefix = prefix
        self.stall = stall
        self.status = {}
        self.since = None
        self.progress = (None, time.time())

    def poll(self):
        started = time.time()
        path = '/servers/detail?limit=1000'
        full = (self.since is None or
                started - self.progress[1] >= self.stall)
        if not full:
            # A margin for the second resolution of ``updated_at``.
            path += '&changes-since=' + urllib.parse.quote(
                utc_iso(self.since - 2))
        servers = self.client.request('GET', path)['servers']
        if len(servers) >= 1000:
            raise BenchError('over 1000 servers listed in one poll; '
                             'use fewer servers per run')
        self.since = started
        for server in servers:
            if server['name'].startswith(self.prefix):
                self.status[server['id']] = server['status']
        counts = self.count('ACTIVE'), self.count('ERROR')
        if full or counts != self.progress[0]:
            self.progress = (counts, started)
        return counts

    def count(self, status):
        return sum(1 for s in self.status.values() if s == status)


def wait_active(args, watcher, pid, cpu0, pipeline, post_errors):
    """Poll until ``args.count`` servers are ACTIVE (or ERROR); returns
    the samples ``(active, seconds since start, cpu seconds)`` taken each
    time a further tenth of the servers became ACTIVE."""
    step = max(1, args.count // 10)
    next_mark = step
    samples = [(0, 0.0, cpu0)]
    started = time.monotonic()
    deadline = started + args.timeout
    progress = Progress('ACTIVE', args.count, args.progress_interval)
    while True:
        active, error = watcher.poll()
        cpu = cpu_seconds(pid)
        pipeline.finished(active + error)
        progress.update(active, ', %d ERROR' % error if error else '')
        if active >= next_mark:
            samples.append((active, time.monotonic() - started, cpu))
            next_mark = (active // step + 1) * step
        if post_errors:
            raise BenchError('POST failed: %s' % post_errors[0])
        if error and not args.ignore_errors:
            raise BenchError('%d servers went to ERROR (see their fault; '
                             '--ignore-errors to go on)' % error)
        if active + error >= args.count:
            if samples[-1][0] != active:
                samples.append((active, time.monotonic() - started, cpu))
            return samples, error
        if time.monotonic() > deadline:
            raise BenchError('timed out: %d of %d ACTIVE after %ds' % (
                active, args.count, args.timeout))
        time.sleep(args.poll_interval)


# --- measurements ---------------------------------------------------------

def idle_cpu_rate(pid, seconds):
    """CPU seconds per second the process burns while nobody calls it
    (periodic tasks, service heartbeats)."""
    cpu0, t0 = cpu_seconds(pid), time.monotonic()
    time.sleep(seconds)
    return (cpu_seconds(pid) - cpu0) / (time.monotonic() - t0)


def time_list(client, pid, runs):
    """Wall and CPU seconds of ``GET /servers/detail`` (one page)."""
    walls, cpus, count = [], [], 0
    for _ in range(runs):
        cpu0, t0 = cpu_seconds(pid), time.monotonic()
        count = len(client.request('GET', '/servers/detail?limit=1000')[
            'servers'])
        walls.append(time.monotonic() - t0)
        cpus.append(cpu_seconds(pid) - cpu0)
    return statistics.median(walls), statistics.median(cpus), count


def delete_servers(args, ids, pid):
    """DELETE every server from ``args.concurrency`` threads and wait
    until the API no longer lists them."""
    cpu0, t0 = cpu_seconds(pid), time.monotonic()
    pending = list(ids)
    lock = threading.Lock()
    errors = []

    def worker():
        client = Client(args.url, args.token, args.microversion)
        while True:
            with lock:
                if not pending or errors:
                    return
                server_id = pending.pop()
            try:
                client.request('DELETE', '/servers/' + server_id,
                               expect=(204, 404))
            except Exception as exc:
                with lock:
                    errors.append(exc)

    threads = [threading.Thread(target=worker, daemon=True)
               for _ in range(args.concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    posted = time.monotonic() - t0
    if errors:
        raise BenchError('DELETE failed: %s' % errors[0])
    client = Client(args.url, args.token, args.microversion)
    wanted = set(ids)
    deadline = time.monotonic() + args.timeout
    progress = Progress('deleted', len(ids), args.progress_interval)
    while True:
        listed = client.request('GET', '/servers?limit=1000')['servers']
        left = sum(1 for s in listed if s['id'] in wanted)
        progress.update(len(ids) - left)
        if not left:
            break
        if time.monotonic() > deadline:
            raise BenchError('%d servers still listed after %ds' % (
                left, args.timeout))
        time.sleep(args.poll_interval or 0.2)
    return posted, time.monotonic() - t0, cpu_seconds(pid) - cpu0


# --- report ---------------------------------------------------------------

def verdict(ok):
    return 'ok' if ok else 'OVER TARGET'


def print_tenths(samples, idle_rate):
    print('\nnova-all CPU per server, by tenth of the run '
          '(target < %.2f CPU-s, flat; real Nova %s)'
          % (TARGET_CPU_PER_SERVER, REAL_NOVA['cpu']))
    print('  %-13s %9s %9s %12s %14s' % (
        'ACTIVE', 'elapsed', 'servers/s', 'CPU-s/server',
        'minus idle'))
    per_server = []
    for (n0, t0, c0), (n1, t1, c1) in zip(samples, samples[1:]):
        servers = n1 - n0
        if servers <= 0:
            continue
        cost = (c1 - c0) / servers
        net = (c1 - c0 - idle_rate * (t1 - t0)) / servers
        per_server.append(cost)
        print('  %5d..%-6d %8.1fs %9.1f %12.4f %14.4f  %s' % (
            n0 + 1, n1, t1, servers / max(t1 - t0, 1e-9), cost, net,
            verdict(cost < TARGET_CPU_PER_SERVER)))
    if len(per_server) >= 4:
        head = statistics.mean(per_server[:3])
        tail = statistics.mean(per_server[-3:])
        print('  last three tenths / first three tenths: %.2fx %s' % (
            tail / head if head else float('inf'),
            '(flat)' if tail <= head * 1.25 else '(GROWS with N)'))


def report(args, samples, failed, post_latencies, wall, idle_rate, pid):
    active, _, cpu_end = samples[-1]
    cpu_total = cpu_end - samples[0][2]
    print('\n== boot: %d servers (flavor %s), concurrency %d%s, '
          'at most %s in flight' % (
              args.count, args.flavor, args.concurrency,
              ', batch %d' % args.batch if args.batch else '',
              args.max_in_flight or 'unlimited'))
    print('  ACTIVE: %d, ERROR: %d' % (active, failed))
    print('  wall time to all ACTIVE: %.1f s' % wall)
    print('  throughput:              %.2f servers/s' % (active / wall))
    if post_latencies:
        lat = sorted(post_latencies)
        print('  POST /servers latency:   median %.0f ms, p95 %.0f ms, '
              'max %.0f ms' % (
                  1000 * statistics.median(lat),
                  1000 * lat[int(0.95 * (len(lat) - 1))], 1000 * lat[-1]))
    print('  nova-all CPU:            %.1f s total, %.4f CPU-s/server '
          '(target < %.2f; real Nova %s) %s' % (
              cpu_total, cpu_total / max(active, 1),
              TARGET_CPU_PER_SERVER, REAL_NOVA['cpu'],
              verdict(cpu_total / max(active, 1) < TARGET_CPU_PER_SERVER)))
    print('  nova-all idle CPU:       %.3f CPU-s/s (included above)'
          % idle_rate)
    print('  nova-all RSS:            %.0f MB' % rss_mb(pid))
    print_tenths(samples, idle_rate)


def write_config(path, hosts):
    with open(path, 'w') as f:
        f.write(CONFIG_TEMPLATE.format(hosts=hosts))
    print('wrote %s; start nova-all with --config-file %s' % (path, path))


# --- main -----------------------------------------------------------------

def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('--url', default='http://127.0.0.1:8774/v2.1')
    p.add_argument('--token', default='admin:admin',
                   help='X-Auth-Token (no-auth dev mode: user:project)')
    p.add_argument('--microversion', default=None,
                   help='OpenStack-API-Version to send (default: none)')
    p.add_argument('--pid', type=int,
                   help='nova-all pid (default: whoever listens on the '
                        'port of --url)')
    p.add_argument('--count', type=int, default=200)
    p.add_argument('--concurrency', type=int, default=4,
                   help='client threads POSTing at once')
    p.add_argument('--batch', type=int, default=0,
                   help='servers per POST (min_count = max_count)')
    p.add_argument('--flavor', default='1')
    p.add_argument('--image', default=DEFAULT_IMAGE)
    p.add_argument('--networks', default=None,
                   help='"none" or "auto" (default: omit)')
    p.add_argument('--max-in-flight', type=int, default=16,
                   help='servers POSTed but not yet ACTIVE at most '
                        '(0: no limit; POSTs then run far ahead and the '
                        'early tenths carry their API cost)')
    p.add_argument('--poll-interval', type=float, default=0.25)
    p.add_argument('--timeout', type=int, default=1800)
    p.add_argument('--progress-interval', type=float, default=10.0,
                   help='print progress at least this often, in seconds '
                        '(besides each tenth; 0: tenths only)')
    p.add_argument('--list-runs', type=int, default=5)
    p.add_argument('--idle-seconds', type=float, default=3.0,
                   help='measure idle CPU for this long first (0: skip)')
    p.add_argument('--ignore-errors', action='store_true',
                   help='count ERROR servers as done instead of failing')
    p.add_argument('--delete', action='store_true',
                   help='delete the servers afterwards')
    p.add_argument('--write-config', metavar='PATH',
                   help='write a nova-all config file for the benchmark '
                        'and exit')
    p.add_argument('--hosts', type=int, default=4,
                   help='fake_hosts in --write-config')
    return p.parse_args(argv)


def run(args):
    port = urllib.parse.urlsplit(args.url).port or 80
    pid = args.pid or find_pid(port)
    client = Client(args.url, args.token, args.microversion)
    before = len(client.request('GET', '/servers?limit=1000')['servers'])
    print('nova-all pid %d, %d servers exist before the run' % (pid, before))
    idle_rate = (idle_cpu_rate(pid, args.idle_seconds)
                 if args.idle_seconds else 0.0)
    prefix = 'bench-%s' % uuid.uuid4().hex[:8]
    watcher = Watcher(client, prefix)
    watcher.poll()

    cpu0, t0 = cpu_seconds(pid), time.monotonic()
    pipeline = Pipeline(args.max_in_flight)
    threads, latencies, errors = post_servers(args, prefix, pipeline)
    samples, failed = wait_active(args, watcher, pid, cpu0, pipeline,
                                  errors)
    wall = time.monotonic() - t0
    for thread in threads:
        thread.join()
    report(args, samples, failed, latencies, wall, idle_rate, pid)

    median, cpu, listed = time_list(client, pid, args.list_runs)
    print('\nGET /servers/detail (%d servers, one page): median of %d '
          '%.1f ms wall, %.1f ms CPU (target < %.0f ms with 200; '
          'real Nova %s) %s' % (
              listed, args.list_runs, 1000 * median, 1000 * cpu,
              TARGET_LIST_MS, REAL_NOVA['list'],
              verdict(median * 1000 < TARGET_LIST_MS * max(listed, 200)
                      / 200.0)))

    if args.delete:
        posted, done, cpu = delete_servers(args, list(watcher.status), pid)
        n = len(watcher.status)
        print('\n== delete: %d servers' % n)
        print('  DELETE requests sent in %.1f s; all gone after %.1f s: '
              '%.2f servers/s' % (posted, done, n / done))
        print('  nova-all CPU: %.1f s, %.4f CPU-s/server' % (cpu, cpu / n))


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.write_config:
        write_config(args.write_config, args.hosts)
        return 0
    if args.count < 1 or args.concurrency < 1 or args.batch < 0:
        print('--count and --concurrency must be >= 1', file=sys.stderr)
        return 2
    try:
        run(args)
    except BenchError as exc:
        print('error: %s' % exc, file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
