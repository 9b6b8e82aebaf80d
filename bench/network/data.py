"""Benchmark data for the network: the demo town with its cooperations, at any size.

    .venv/bin/python -m bench.network.data --organisations 10000 --cooperations 100000

runs, in the current settings (``DATABASE_URL``, ``VERNETZT_DATA_DIR``), ``migrate`` and
``seed_demo_town --organisations N --cooperations M --force`` and prints one JSON line with
the counts and seconds. Other benchmarks call ``prepare(environment, …)`` with the environment
of ``bench.directory.server.production_environment`` (a fresh SQLite directory or PostgreSQL
database), or ``seed(…)`` inside a configured Django process (tests, notebooks).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

from bench.directory import server


def prepare(environment, *, organisations, cooperations, seed=1):
    """Migrate and seed a fresh database in ``environment``; returns seconds and counts."""
    started = time.perf_counter()
    server.manage(environment, "migrate", "--no-input", "-v", "0")
    migrated = time.perf_counter()
    result = subprocess.run(
        [str(server.PYTHON), "manage.py", "seed_demo_town", "--organisations", str(organisations),
         "--cooperations", str(cooperations), "--seed", str(seed), "--force"],
        cwd=server.REPO, env=environment, check=True, capture_output=True, text=True,
    )
    seeded = time.perf_counter()
    lines = result.stdout.splitlines()
    return {
        "organisations": organisations,
        "cooperations": cooperations,
        "migrate_seconds": round(migrated - started, 1),
        "seed_seconds": round(seeded - migrated, 1),
        "output": lines[:2],
    }


def seed(*, organisations, cooperations, seed=1):
    """In a configured Django process with an empty directory: the town and its cooperations."""
    from vernetzt.directory.demo.services import seed_town
    from vernetzt.network.demo import seed_cooperations

    seed_town(seed=seed, organisations=organisations, password="bench-not-a-login")
    return seed_cooperations(seed=seed, count=cooperations)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--cooperations", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args(argv)
    import os

    environment = dict(os.environ)
    print(json.dumps(prepare(environment, organisations=arguments.organisations,
                             cooperations=arguments.cooperations, seed=arguments.seed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
