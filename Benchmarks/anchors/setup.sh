#!/usr/bin/env bash
# Creates Benchmarks/.venv (if absent) and installs the anchors' packages
# (if missing). Idempotent; a no-op apart from one import check once set up.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$(cd "$here/.." && pwd)/.venv"
py="$venv/bin/python"

if [ ! -x "$py" ]; then
    python3 -m venv "$venv" || { echo "setup.sh: could not create virtualenv at $venv" >&2; exit 1; }
fi

# Fast path: both packages present at the pinned IronCalc version.
if "$py" - <<'PY' 2>/dev/null; then exit 0; fi
import importlib.metadata as m, numpy, ironcalc
assert m.version("ironcalc") == "0.9.1"
PY

if ! "$py" -m pip install --quiet --disable-pip-version-check numpy "ironcalc==0.9.1"; then
    echo "setup.sh: pip install of numpy and ironcalc==0.9.1 into $venv failed" >&2
    exit 1
fi
