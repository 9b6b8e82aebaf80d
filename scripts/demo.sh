#!/usr/bin/env bash
# Starts vernetzt at http://127.0.0.1:8000 on SQLite with the demo town "Musterstadt".
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export VERNETZT_DEBUG=${VERNETZT_DEBUG:-1}
.venv/bin/python manage.py migrate --no-input -v 0
.venv/bin/python manage.py seed_demo_town --if-empty
exec .venv/bin/python manage.py runserver "${VERNETZT_ADDRESS:-127.0.0.1:8000}"
