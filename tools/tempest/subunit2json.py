"""Summarise a subunit v2 stream as JSON (run with the Tempest venv's Python).

    python subunit2json.py results.subunit > results.json

Writes ``{test_id: {"status": ..., "reason": ...}}`` where ``test_id`` is
the id as Tempest reports it (with its ``[id-...,attrs]`` suffix) and
``status`` one of subunit's: success, fail, skip, xfail, uxsuccess.
``reason`` is the skip reason, or the last lines of a failure's traceback.
"""

import json
import sys

import subunit
import testtools


def _text(details, key):
    content = details.get(key)
    if content is None:
        return ''
    try:
        return b''.join(bytes(chunk) for chunk in content.iter_bytes()
                        ).decode('utf-8', 'replace')
    except Exception:  # a detail we cannot read is no reason to fail
        return ''


def _reason(test):
    details = test.get('details') or {}
    if test['status'] == 'skip':
        return _text(details, 'reason').strip()
    if test['status'] in ('fail', 'uxsuccess'):
        trace = _text(details, 'traceback').strip().splitlines()
        return '\n'.join(trace[-12:])
    return ''


def main(path):
    results = {}

    def on_test(test):
        if test['status'] in ('exists', 'inprogress', None):
            return
        results[test['id']] = {'status': test['status'],
                               'reason': _reason(test)}

    with open(path, 'rb') as stream:
        case = subunit.ByteStreamToStreamResult(
            stream, non_subunit_name='stdout')
        result = testtools.StreamToDict(on_test)
        result.startTestRun()
        try:
            case.run(result)
        finally:
            result.stopTestRun()
    json.dump(results, sys.stdout, indent=1, sort_keys=True)


if __name__ == '__main__':
    main(sys.argv[1])
