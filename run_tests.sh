#!/usr/bin/env bash
# Run nova's test suite and style checks.
#
#   ./run_tests.sh                 all tests under nova/tests, then flake8
#   ./run_tests.sh ARGS...         only pytest, with ARGS instead of the
#                                  default path (e.g. a file and -k EXPR)
#
# Outside a virtualenv it creates .venv (once) and installs nova in
# editable mode with the test requirements; it reinstalls when
# requirements.txt, test-requirements.txt or setup.cfg change.
# Inside an active virtualenv it uses that one as it is.
#
# Environment:
#   NOVA_TEST_WORKERS   run pytest with pytest-xdist on this many workers
#                       ("2", "auto"); unset or 1 runs serially.
#   NOVA_SKIP_FLAKE8    set to 1 to skip flake8.
#
# The exit status is pytest's when it failed (5 means no test ran),
# otherwise flake8's.
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
workers="${NOVA_TEST_WORKERS:-1}"
if [[ "$workers" != "1" ]]; then
    pytest_args+=(-n "$workers")
fi

run_flake8=1
if [[ $# -gt 0 ]]; then
    pytest_args+=("$@")
    run_flake8=0
else
    pytest_args+=(nova/tests)
fi
if [[ "${NOVA_SKIP_FLAKE8:-0}" == "1" ]]; then
    run_flake8=0
fi

pytest_rc=0
"$PYTHON" -m pytest "${pytest_args[@]}" || pytest_rc=$?

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

if [[ "$pytest_rc" != "0" ]]; then
    exit "$pytest_rc"
fi
exit "$flake8_rc"
