#!/usr/bin/env bash
# Installs everything vernetzt needs from the project's own files (idempotent, safe to re-run):
# a virtualenv with the pinned Python packages, the npm packages from the lockfile, the
# front-end files copied into static/, and the compiled translation catalogues.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.requirements-installed
if [ ! -f "$stamp" ] || [ -n "$(find requirements -newer "$stamp" -print -quit)" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r requirements/dev.txt
  touch "$stamp"
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
.venv/bin/python scripts/copy_vendor.py
.venv/bin/python scripts/compile_translations.py
