#!/usr/bin/env bash
# Starts vernetzt at http://127.0.0.1:8000 on SQLite with the demo town "Musterstadt", and a
# background task worker beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export VERNETZT_DEBUG=${VERNETZT_DEBUG:-1}
.venv/bin/python manage.py migrate --no-input -v 0
.venv/bin/python manage.py seed_demo_town --if-empty

# A task worker beside the server (imports, e-mails), stopped together with it. It asks the
# queue every 2 s: each ask briefly takes SQLite's write lock, so more often would only
# compete with the server's writes.
# Both run in the background so that this script's traps fire at once (bash runs a trap only
# after a foreground command ends); Ctrl+C or a TERM stops both, and so does the server's end.
.venv/bin/python manage.py task_worker --interval 2 --no-reload &
worker=$!
.venv/bin/python manage.py runserver "${VERNETZT_ADDRESS:-127.0.0.1:8000}" &
server=$!
trap 'kill "$server" "$worker" 2>/dev/null; wait 2>/dev/null || true' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
wait "$server"
