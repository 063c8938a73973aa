#!/usr/bin/env bash
# ProofPack developer entry point.
#   ./dev.sh run    install everything, then open the window
#   ./dev.sh test   install everything, then run the whole test suite (what CI runs)
#   ./dev.sh lint   ruff + mypy
#   ./dev.sh bench  run the benchmarks in bench/
#   ./dev.sh package  build the Debian package into dist/ (README, "Installers")
set -euo pipefail
cd "$(dirname "$0")"

VENV=${PROOFPACK_VENV:-.venv}
PY="$VENV/bin/python"

install() {
    bash scripts/install-system-deps.sh "$1"
    if [ ! -x "$PY" ]; then
        python3 -m venv "$VENV"
    fi
    # Re-install only when the project's requirements changed since the last install.
    local stamp="$VENV/.proofpack-installed"
    if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
        "$PY" -m pip install --quiet --upgrade pip
        "$PY" -m pip install --quiet -e '.[dev]'
        touch "$stamp"
    fi
    "$PY" scripts/build_translations.py
}

cmd=${1:-}
shift || true
case "$cmd" in
    run)
        install run
        exec "$VENV/bin/proofpack" "$@"
        ;;
    test)
        install test
        export QT_QPA_PLATFORM=offscreen
        "$VENV/bin/ruff" check app ui tests bench scripts
        "$VENV/bin/mypy"
        exec "$PY" -m pytest -n 2 "$@"
        ;;
    lint)
        "$VENV/bin/ruff" check app ui tests bench scripts
        "$VENV/bin/mypy"
        ;;
    package)
        install run
        "$PY" scripts/sync_briefcase.py
        if [ "${1:-}" = briefcase ]; then
            # Briefcase's own route; it clones its app template from github.com.
            "$PY" -m pip install --quiet briefcase
            "$VENV/bin/briefcase" package linux system --adhoc-sign --no-input
        else
            exec "$PY" scripts/build_deb.py
        fi
        ;;
    bench)
        install test
        export QT_QPA_PLATFORM=offscreen
        for b in bench/*_bench.py; do "$PY" "$b" "$@"; done
        ;;
    *)
        echo "usage: ./dev.sh run|test|lint|bench|package" >&2
        exit 2
        ;;
esac
