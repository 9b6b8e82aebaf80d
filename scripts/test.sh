#!/usr/bin/env bash
# Runs the whole test suite (browser tests skip with a reason where Chromium is missing).
# Extra arguments go to pytest, e.g. scripts/test.sh tests/directory -x
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python -m pytest "$@"
