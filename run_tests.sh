#!/usr/bin/env bash
# Run nova's test suite and style checks.
#
#   ./run_tests.sh                 all tests under nova/tests, then Tempest
#                                  (tools/tempest/run: tempest.api.compute
#                                  against nova-all behind a real Keystone),
#                                  then flake8
#   ./run_tests.sh --fast          pytest and flake8 without Tempest and
#                                  without the tests marked slow
#                                  (child processes and servers: services
#                                  over RabbitMQ, a real Keystone, the
#                                  nova-all and nova-manage commands)
#   ./run_tests.sh ARGS...         only pytest, with ARGS instead of the
#                                  default path (e.g. a file and -k EXPR);
#                                  --fast may come first
#
# Outside a virtualenv it creates .venv (once) and installs nova in
# editable mode with the test requirements; it reinstalls when
# requirements.txt, test-requirements.txt or setup.cfg change.
# Inside an active virtualenv it uses that one as it is.
#
# Environment:
#   NOVA_TEST_WORKERS   run pytest with pytest-xdist on this many workers
#                       ("2", "auto"); 1 runs serially. Unset: 2 for the
#                       whole suite (most tests wait on sockets and
#                       threads, so two workers help even on two cores),
#                       1 with ARGS. Workers get whole test classes
#                       (--dist loadscope): a class may share one cloud
#                       among its tests.
#   NOVA_SKIP_FLAKE8    set to 1 to skip flake8.
#   NOVA_SKIP_TEMPEST   set to 1 to skip Tempest in a whole-suite run.
#
# A whole-suite run ends with "gate: N passed, N failed" (see
# tools/test_summary.py): pytest's tests plus the Tempest tests listed in
# tools/tempest/expected-pass.txt.
# The exit status is pytest's when it failed (5 means no test ran), else
# Tempest's (1: a listed test did not pass; 2: it could not set up), else
# flake8's.
set -euo pipefail

cd "$(dirname "$0")"

venv_is_active() {
    [[ -n "${VIRTUAL_ENV:-}" ]]
}

requirements_digest() {
    cat requirements.txt test-requirements.txt setup.cfg | sha256sum |
        cut -d' ' -f1
}

ensure_venv() {
    local stamp=.venv/.nova-requirements
    if [[ ! -x .venv/bin/python ]]; then
        python3 -m venv .venv
    fi
    if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$(requirements_digest)" ]]
    then
        .venv/bin/python -m pip install -q -e . -r test-requirements.txt
        requirements_digest > "$stamp"
    fi
}

if venv_is_active; then
    PYTHON=python
else
    ensure_venv
    PYTHON=.venv/bin/python
fi

pytest_args=(-q)
if [[ "${1:-}" == "--fast" ]]; then
    shift
    pytest_args+=(-m "not slow")
fi

run_flake8=1
run_tempest=1
default_workers=2
if [[ "${pytest_args[*]}" == *"not slow"* ]]; then
    run_tempest=0
fi
if [[ $# -gt 0 ]]; then
    run_flake8=0
    run_tempest=0
    default_workers=1
fi
workers="${NOVA_TEST_WORKERS:-$default_workers}"
if [[ "$workers" != "1" ]]; then
    pytest_args+=(-n "$workers" --dist loadscope)
fi
if [[ $# -gt 0 ]]; then
    pytest_args+=("$@")
else
    pytest_args+=(nova/tests)
fi
if [[ "${NOVA_SKIP_FLAKE8:-0}" == "1" ]]; then
    run_flake8=0
fi
if [[ "${NOVA_SKIP_TEMPEST:-0}" == "1" ]]; then
    run_tempest=0
fi

reports="$(mktemp -d)"
trap 'rm -rf "$reports"' EXIT
if [[ "$run_tempest" == "1" ]]; then
    pytest_args+=(--junitxml "$reports/pytest.xml")
fi

pytest_rc=0
"$PYTHON" -m pytest "${pytest_args[@]}" || pytest_rc=$?

tempest_rc=0
if [[ "$run_tempest" == "1" ]]; then
    echo "tempest: tools/tempest/run"
    NOVA_VENV="$("$PYTHON" -c 'import sys; print(sys.prefix)')" \
        tools/tempest/run --summary-file "$reports/tempest.json" ||
        tempest_rc=$?
fi

flake8_rc=0
if [[ "$run_flake8" == "1" ]]; then
    echo "flake8: checking the tree"
    if "$PYTHON" -m flake8; then
        echo "flake8: no problems found"
    else
        flake8_rc=$?
        echo "flake8: problems found (exit $flake8_rc)"
    fi
fi

if [[ "$run_tempest" == "1" ]]; then
    "$PYTHON" tools/test_summary.py "$reports/pytest.xml" \
        "$reports/tempest.json"
fi

for rc in "$pytest_rc" "$tempest_rc" "$flake8_rc"; do
    if [[ "$rc" != "0" ]]; then
        exit "$rc"
    fi
done
exit 0
