"""Print the closing line of ./run_tests.sh from what each step recorded.

    python tools/test_summary.py PYTEST_JUNIT_XML [TEMPEST_SUMMARY_JSON]

The line reads ``gate: N passed, N failed``: the pytest tests that passed
plus the Tempest tests of ``tools/tempest/expected-pass.txt`` that passed,
and the pytest tests that failed or errored plus the listed Tempest tests
that did not pass. Tempest tests that are not listed yet do not gate a
run; ``tools/tempest/run`` prints their count on its own line
(``tempest: N passed, N failed, N skipped``). A missing or unreadable file
counts as one failure.
"""

import json
import sys
import xml.etree.ElementTree as ElementTree


def pytest_counts(path):
    """(passed, failed) of a JUnit XML report written by pytest."""
    root = ElementTree.parse(path).getroot()
    suites = [root] if root.tag == 'testsuite' else root.iter('testsuite')
    passed = failed = 0
    for suite in suites:
        tests = int(suite.get('tests', 0))
        bad = int(suite.get('failures', 0)) + int(suite.get('errors', 0))
        skipped = int(suite.get('skipped', 0))
        passed += tests - bad - skipped
        failed += bad
    return passed, failed


def tempest_counts(path):
    """(passed, failed) of the listed Tempest tests in a runner summary."""
    with open(path) as handle:
        summary = json.load(handle)
    if 'setup_failed' in summary:
        return 0, 1
    return summary['expected_passed'], len(summary['regressions'])


def main(argv):
    passed = failed = 0
    for path, reader in zip(argv, (pytest_counts, tempest_counts)):
        try:
            step_passed, step_failed = reader(path)
        except (OSError, ValueError, KeyError, ElementTree.ParseError) as e:
            print('test_summary: cannot read %s: %s' % (path, e))
            step_passed, step_failed = 0, 1
        passed += step_passed
        failed += step_failed
    print('gate: %d passed, %d failed' % (passed, failed))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
