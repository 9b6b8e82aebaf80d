"""A fresh benchmark database, the app prepared in it, and gunicorn serving it on loopback."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PYTHON = REPO / ".venv" / "bin" / "python"
GUNICORN = REPO / ".venv" / "bin" / "gunicorn"
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
POSTGRES_DATABASE = "vernetzt_bench"


def production_environment(workdir, database):
    """Production-like settings: DEBUG off, manifest static files, our own data directory."""
    environment = {
        key: value for key, value in os.environ.items()
        if not key.startswith("VERNETZT_") and key != "DATABASE_URL"
    }
    environment.update({
        "DJANGO_SETTINGS_MODULE": "vernetzt.settings",
        "VERNETZT_DEBUG": "0",
        "VERNETZT_SECRET_KEY": secrets.token_urlsafe(50),
        "VERNETZT_ALLOWED_HOSTS": "127.0.0.1",
        "VERNETZT_SECURE_SSL_REDIRECT": "0",
        "VERNETZT_DATA_DIR": str(workdir / "data"),
        "VERNETZT_STATIC_ROOT": str(workdir / "static"),
        "VERNETZT_LOG_LEVEL": "WARNING",
    })
    if database == "postgres":
        environment["DATABASE_URL"] = f"{POSTGRES_SERVER}/{POSTGRES_DATABASE}"
    return environment


def recreate_postgres_database():
    import psycopg

    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {POSTGRES_DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {POSTGRES_DATABASE}")


def manage(environment, *arguments):
    subprocess.run(
        [str(PYTHON), "manage.py", *arguments], cwd=REPO, env=environment, check=True
    )


def prepare(environment, *, organisations, seed):
    """Migrate, seed the demo town and collect static files; returns the seed's output."""
    manage(environment, "migrate", "--no-input", "-v", "0")
    result = subprocess.run(
        [str(PYTHON), "manage.py", "seed_demo_town", "--organisations", str(organisations),
         "--seed", str(seed), "--force"],
        cwd=REPO, env=environment, check=True, capture_output=True, text=True,
    )
    manage(environment, "collectstatic", "--no-input", "-v", "0")
    return result.stdout.splitlines()[0]


def clear_cache(environment):
    """Empty the app's shared page cache (the file-based default, in the data directory)."""
    shutil.rmtree(Path(environment["VERNETZT_DATA_DIR"]) / "cache", ignore_errors=True)


def python_json(environment, module, *arguments):
    output = subprocess.run(
        [str(PYTHON), "-m", module, *arguments],
        cwd=REPO, env=environment, check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(output)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    """``with Gunicorn(env, workers=…, threads=…) as port:`` serves the app until the block ends."""

    def __init__(self, environment, *, workers, threads):
        self.environment = environment
        self.workers = workers
        self.threads = threads
        self.process = None

    @property
    def description(self):
        return f"gunicorn gthread, {self.workers} workers × {self.threads} threads"

    def __enter__(self):
        self.port = free_port()
        self.process = subprocess.Popen(
            [str(GUNICORN), "vernetzt.wsgi:application", "--bind", f"127.0.0.1:{self.port}",
             "--worker-class", "gthread", "--workers", str(self.workers),
             "--threads", str(self.threads), "--keep-alive", "10", "--log-level", "warning",
             "--graceful-timeout", "10"],
            cwd=REPO, env=self.environment, stdout=sys.stderr, stderr=sys.stderr,
            start_new_session=True,  # its own process group: the workers end with it
        )
        return self.port

    def __exit__(self, *exc_info):
        """Graceful stop; workers still busy with a backlog after 20 s are killed with it."""
        group = os.getpgid(self.process.pid)
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGKILL)  # orphaned workers of this server only
