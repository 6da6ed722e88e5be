#!/usr/bin/env python3
"""Server action benchmark for a running ``nova-all``.

Boots ``--count`` servers (in batches, multi-create), then runs an action
mix over all of them, one phase per action: stop, start, soft reboot,
resize to ``--resize-flavor`` and confirm. Each phase fires the action at
every server with ``--concurrency`` client threads and waits until every
server shows the phase's status (telling how many do at each tenth and
every ``--progress-interval`` seconds); it prints actions per second and the
CPU seconds the nova-all process spent per action (status polling
included). ``--delete`` deletes the servers at the end.

Standard library only (Linux: reads /proc). Start nova-all with the bench
configuration as for boot.py (tools/bench/README.md).
"""

import argparse
import os
import queue
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import boot  # noqa: E402

# (phase name, action body or None for resize's two steps, status each
# server shows once done)
PHASES = (
    ('stop', {'os-stop': None}, 'SHUTOFF'),
    ('start', {'os-start': None}, 'ACTIVE'),
    ('reboot', {'reboot': {'type': 'SOFT'}}, 'ACTIVE'),
    ('resize', 'resize', 'VERIFY_RESIZE'),
    ('confirmResize', {'confirmResize': None}, 'ACTIVE'),
)


def statuses(client):
    """{server id: (status, task_state)} of every server."""
    servers = client.request('GET', '/servers/detail?limit=100000')[
        'servers']
    return {s['id']: (s['status'], s['OS-EXT-STS:task_state'])
            for s in servers}


def wait_for(client, ids, status, timeout, interval, progress=None):
    deadline = time.time() + timeout
    while True:
        current = statuses(client)
        pending = [i for i in ids
                   if current.get(i) != (status, None)]
        if progress is not None:
            progress.update(len(ids) - len(pending))
        errors = [i for i in ids if current.get(i, ('',))[0] == 'ERROR']
        if errors:
            raise boot.BenchError('%d servers in ERROR, e.g. %s'
                                  % (len(errors), errors[0]))
        if not pending:
            return
        if time.time() > deadline:
            raise boot.BenchError('%d servers not %s after %d s'
                                  % (len(pending), status, timeout))
        time.sleep(interval)


def fire(args, ids, body):
    """POST ``body`` to every server's action URL from threads."""
    work = queue.Queue()
    for server_id in ids:
        work.put(server_id)
    errors = []

    def worker():
        client = boot.Client(args.url, args.token, args.microversion)
        while True:
            try:
                server_id = work.get_nowait()
            except queue.Empty:
                return
            try:
                client.request('POST', '/servers/%s/action' % server_id,
                               body, expect=(202, 204))
            except boot.BenchError as error:
                errors.append(error)

    threads = [threading.Thread(target=worker)
               for _ in range(args.concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise boot.BenchError('%d actions refused, e.g. %s'
                              % (len(errors), errors[0]))


def boot_servers(args, client):
    ids, left = [], args.count
    requested = boot.Progress('requested', args.count,
                              args.progress_interval)
    while left:
        count = min(left, args.batch)
        body = boot.server_body(args, 'act-%d' % len(ids), count)
        body['server']['return_reservation_id'] = True
        reservation = client.request('POST', '/servers', body,
                                     expect=(202,))['reservation_id']
        found = client.request(
            'GET', '/servers?reservation_id=%s' % reservation)['servers']
        ids.extend(s['id'] for s in found)
        left -= count
        requested.update(len(ids))
    wait_for(client, ids, 'ACTIVE', args.timeout, args.poll_interval,
             boot.Progress('ACTIVE', len(ids), args.progress_interval))
    return ids


def resize_flavor(client):
    """A flavor one step up from m1.tiny that 200 servers fit into
    twice on the bench hosts (the old flavor stays claimed until the
    resize is confirmed); created when missing."""
    for flavor in client.request('GET', '/flavors')['flavors']:
        if flavor['name'] == 'bench.resize':
            return flavor['id']
    return client.request('POST', '/flavors', {'flavor': {
        'name': 'bench.resize', 'ram': 640, 'vcpus': 1, 'disk': 1}})[
        'flavor']['id']


def run_phases(args, client, pid, ids):
    results = []
    for name, body, status in PHASES:
        if body == 'resize':
            body = {'resize': {'flavorRef': args.resize_flavor}}
        progress = boot.Progress('%s: %s' % (name, status), len(ids),
                                 args.progress_interval)
        cpu0, t0 = boot.cpu_seconds(pid), time.time()
        fire(args, ids, body)
        wait_for(client, ids, status, args.timeout, args.poll_interval,
                 progress)
        wall, cpu = time.time() - t0, boot.cpu_seconds(pid) - cpu0
        results.append((name, len(ids), wall, cpu))
        print('  %-14s %5d servers %7.1f s %9.1f actions/s %9.4f '
              'CPU-s/action' % (name, len(ids), wall, len(ids) / wall,
                                cpu / len(ids)), flush=True)
    return results


def report(results):
    actions = sum(r[1] for r in results)
    wall = sum(r[2] for r in results)
    cpu = sum(r[3] for r in results)
    print('\n== action mix: %d actions in %.1f s: %.1f actions/s, '
          '%.4f CPU-s/action' % (actions, wall, actions / wall,
                                 cpu / actions))


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('--url', default='http://127.0.0.1:8774/v2.1')
    p.add_argument('--token', default='admin:admin',
                   help='X-Auth-Token (no-auth dev mode: user:project)')
    p.add_argument('--microversion', default='2.100')
    p.add_argument('--pid', type=int,
                   help='nova-all pid (default: whoever listens on the '
                        'port of --url)')
    p.add_argument('--count', type=int, default=200)
    p.add_argument('--batch', type=int, default=20,
                   help='servers per POST while booting')
    p.add_argument('--concurrency', type=int, default=4)
    p.add_argument('--flavor', default='1')
    p.add_argument('--resize-flavor', default=None,
                   help='flavor to resize to (default: bench.resize, '
                        '640 MB, created when missing)')
    p.add_argument('--image', default=boot.DEFAULT_IMAGE)
    p.add_argument('--networks', default='none')
    p.add_argument('--poll-interval', type=float, default=0.25)
    p.add_argument('--timeout', type=int, default=900)
    p.add_argument('--progress-interval', type=float, default=10.0,
                   help='print progress at least this often, in seconds '
                        '(besides each tenth; 0: tenths only)')
    p.add_argument('--delete', action='store_true')
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    client = boot.Client(args.url, args.token, args.microversion)
    port = int(args.url.split(':')[2].split('/')[0])
    pid = args.pid or boot.find_pid(port)
    try:
        args.resize_flavor = args.resize_flavor or resize_flavor(client)
        print('booting %d servers...' % args.count, flush=True)
        ids = boot_servers(args, client)
        print('== %d servers ACTIVE; action phases (concurrency %d):'
              % (len(ids), args.concurrency), flush=True)
        report(run_phases(args, client, pid, ids))
        if args.delete:
            for server_id in ids:
                client.request('DELETE', '/servers/%s' % server_id,
                               expect=(204,))
    except boot.BenchError as error:
        print('FAILED: %s' % error, file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
