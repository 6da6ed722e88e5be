"""The verdict of a Tempest run: per-test results against the expected list.

``per_test_results`` gives every listed test one outcome (class fixtures
count for their tests), ``read_expected`` and ``write_expected`` handle
``expected-pass.txt`` (it only grows), ``failure_summary`` groups the
failures by reason and by the error answers Tempest got, and ``report``
writes ``results.json`` and ``summary.txt``, prints the verdict ending with
``tempest: N passed, N failed, N skipped`` and returns the exit status and
the counts that ``write_summary`` stores for ``--summary-file``. Standard
library only.
"""

import collections
import json
import os
import re

from common import DEFAULT_REGEX

SUFFIX = re.compile(r'\[.*\]$')
CLASS_FIXTURE = re.compile(r'^(setUpClass|tearDownClass|setUpModule|'
                           r'tearDownModule) \((.+)\)$')


def short_id(test_id):
    return SUFFIX.sub('', test_id)


def per_test_results(listed, raw):
    """{short test id: (status, reason)} for every listed test, plus the
    class-level errors. A class whose setUpClass failed (or was skipped)
    gives each of its tests that outcome; a listed test with no result at
    all (a crashed worker, the run stopped) counts as failed."""
    results = {}
    class_errors = {}
    class_outcome = {}
    for test_id, outcome in raw.items():
        match = CLASS_FIXTURE.match(test_id)
        if match:
            where = match.group(2)
            if match.group(1).startswith('setUp'):
                class_outcome[where] = outcome
            if outcome['status'] in ('fail', 'uxsuccess'):
                class_errors[test_id] = outcome
            continue
        results[short_id(test_id)] = (outcome['status'], outcome['reason'])
    for test_id in listed:
        name = short_id(test_id)
        if name in results:
            continue
        owner = None
        for where in (name.rsplit('.', 1)[0], name.rsplit('.', 2)[0]):
            if where in class_outcome:
                owner = class_outcome[where]
                break
        if owner is not None:
            status = owner['status']
            results[name] = ('skip' if status == 'skip' else 'fail',
                             owner['reason'])
        else:
            results[name] = ('fail', 'no result (the run did not reach it)')
    return results, class_errors


def shown(path):
    """``path`` relative to the current directory when it is below it."""
    rel = os.path.relpath(path)
    return path if rel.startswith('..') else rel


def read_expected(path):
    expected = []
    try:
        with open(path) as f:
            for line in f:
                line = line.split('#', 1)[0].strip()
                if line:
                    expected.append(short_id(line))
    except FileNotFoundError:
        pass
    return expected


EXPECTED_HEADER = """\
# Tempest tests (tempest.api.compute) that pass against nova-all behind a
# real Keystone with `tools/tempest/run%(mode)s`. One test id per line,
# sorted; the list only grows: `tools/tempest/run%(mode)s --write-expected`
# adds what newly passes. A listed test that does not pass fails the run.
"""


def write_expected(path, tests, neutron=False):
    with open(path, 'w') as f:
        f.write(EXPECTED_HEADER % {'mode': ' --neutron' if neutron else ''})
        for test in sorted(set(tests)):
            f.write(test + '\n')


UUID = re.compile(r'[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?'
                  r'[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}')
REQUEST = re.compile(r'Request \((\w+):(\w+)\): (\d{3}) (\w+) (\S+)')


def normalise_url(url):
    path = re.sub(r'^\w+://[^/]+', '', url).split('?', 1)[0]
    path = UUID.sub('{id}', path)
    return re.sub(r'/\d+(?=/|$)', '/{n}', path)


def failure_reason(traceback):
    """The exception line of ``traceback`` and its ``Details:`` line, with
    ids, numbers and generated names blanked so that alike failures group."""
    lines = [x.strip() for x in traceback.splitlines() if x.strip()]
    if not lines:
        return '(no traceback)'
    at = len(lines) - 1
    for i, line in enumerate(lines):
        if re.match(r'^[\w.]+(Error|Exception|Failure|NotImplemented|'
                    r'NotFound|BadRequest|Conflict|Forbidden|Fault|'
                    r'Timeout|Mismatch\w*|Unauthorized|IdentityError|'
                    r'UnexpectedResponseCode|KeyError)\b', line):
            at = i
    text = lines[at]
    if at + 1 < len(lines) and lines[at + 1].startswith('Details:'):
        text += ' ' + lines[at + 1]
    text = UUID.sub('{id}', text)
    text = re.sub(r'tempest-[\w-]+', 'tempest-*', text)
    text = re.sub(r'\d+', 'N', text)
    return text[:200]


def failure_summary(results, class_errors, debug_log, top=15):
    """The most common failure reasons and the error answers (4xx/5xx)
    Tempest got in failed tests, by route."""
    lines = []
    reasons = collections.Counter()
    failed_names = set()
    for name, (status, reason) in results.items():
        if status not in ('fail', 'uxsuccess'):
            continue
        cls, method = name.rsplit('.', 2)[-2:]
        failed_names.add((cls, method))
        failed_names.add((cls, 'setUpClass'))
        reasons[failure_reason(reason)] += 1
    for test_id in class_errors:
        cls = CLASS_FIXTURE.match(test_id).group(2).rsplit('.', 1)[-1]
        failed_names.add((cls, 'tearDownClass'))
    lines.append('Most common failure reasons (tests):')
    for reason, count in reasons.most_common(top or None):
        lines.append('  %4d  %s' % (count, reason))
    routes = collections.Counter()
    deleted = set()
    try:
        with open(debug_log, errors='replace') as f:
            for line in f:
                match = REQUEST.search(line)
                if not match:
                    continue
                cls, method, code, verb, url = match.group(1, 2, 3, 4, 5)
                if (cls, method) not in failed_names:
                    continue
                url = url.split('?', 1)[0]
                if verb == 'DELETE':
                    deleted.add(url)
                # Waiting for a deletion ends with a 404, and cleanups
                # delete what may be gone already: no error either.
                if code[0] not in '45' or (code == '404' and (
                        verb == 'DELETE' or url in deleted)):
                    continue
                routes['%s %s %s' % (code, verb, normalise_url(url))] += 1
    except OSError:
        pass
    lines.append('Error answers in failed tests (status, method, route):')
    for route, count in routes.most_common(top * 2 if top else None):
        lines.append('  %4d  %s' % (count, route))
    return '\n'.join(lines)


def report(listed, raw, args, out):
    """Write results.json and summary.txt to ``out``, print the verdict
    (and, with ``--write-expected``, extend the expected list). Returns
    the exit status (1 when a listed test did not pass, else 0) and the
    counts for ``write_summary``: passed, failed, skipped, expected (the
    tests of the expected list), expected_passed (those that passed),
    regressions (those selected that did not pass) and newly_passing."""
    results, class_errors = per_test_results(listed, raw)
    with open(os.path.join(out, 'results.json'), 'w') as f:
        json.dump({name: {'status': s, 'reason': r} for name, (s, r)
                   in sorted(results.items())}, f, indent=1)
    passed = sorted(n for n, (s, _r) in results.items()
                    if s in ('success', 'xfail'))
    failed = sorted(n for n, (s, _r) in results.items()
                    if s in ('fail', 'uxsuccess'))
    skipped = sorted(n for n, (s, _r) in results.items() if s == 'skip')
    selected = {short_id(t) for t in listed}
    expected = read_expected(args.expected)
    regressions = [t for t in expected if t in selected and
                   t not in passed]
    unknown = [t for t in expected if t not in selected]
    newly = [t for t in passed if t not in set(expected)]
    debug_log = os.path.join(out, 'tempest-debug.log')
    summary = failure_summary(results, class_errors, debug_log)
    with open(os.path.join(out, 'summary.txt'), 'w') as f:
        f.write(failure_summary(results, class_errors, debug_log, None))
        f.write('\n\nFailed tests:\n')
        for name in failed:
            f.write('%s\n    %s\n' % (name, results[name][1].replace(
                '\n', '\n    ')))
    if failed or class_errors:
        print()
        print(summary)
    if class_errors:
        print('\nClass-level errors (tests of the class may have passed):')
        for test_id in sorted(class_errors):
            print('  ' + test_id)
    if unknown and args.regex == DEFAULT_REGEX:
        print('\nListed in %s but not a Tempest test (renamed or '
              'removed?):' % shown(args.expected))
        for name in unknown:
            print('  ' + name)
    if newly:
        print('\nNewly passing (not in %s; add them with '
              '--write-expected):' % shown(args.expected))
        for name in newly:
            print('  ' + name)
    if regressions:
        print('\nEXPECTED TO PASS BUT DID NOT (%d):' % len(regressions))
        for name in regressions:
            print('  %s: %s' % (name, results[name][0]))
    if args.write_expected:
        write_expected(args.expected, list(expected) + passed,
                       args.neutron)
        print('\n%s now lists %d tests' % (
            shown(args.expected),
            len(set(expected) | set(passed))))
    print('\nlogs: %s' % out)
    print('tempest: %d passed, %d failed, %d skipped' % (
        len(passed), len(failed), len(skipped)), flush=True)
    counts = {
        'passed': len(passed), 'failed': len(failed),
        'skipped': len(skipped), 'expected': len(set(expected)),
        'expected_passed': len(set(expected) & set(passed)),
        'regressions': sorted(set(regressions)),
        'newly_passing': newly,
    }
    return (1 if regressions else 0), counts


def write_summary(path, summary):
    """``summary`` as JSON in ``path`` (``--summary-file``)."""
    with open(path, 'w') as f:
        json.dump(summary, f, indent=1)
        f.write('\n')
