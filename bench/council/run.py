"""Council benchmark: importing the whole Hürtgenwald OParl crawl, then again unchanged.

One command (from the repository root)::

    .venv/bin/python -m bench.council.run [--database sqlite|postgres|both] [--repeat 1]

For each database it creates a fresh one (SQLite in a temporary directory, PostgreSQL
database ``vernetzt_bench_council``, dropped afterwards), migrates, unpacks the crawl
(``../shared/data/oparl/huertgenwald-oparl1.0.tar.zst``) into the temporary directory and runs
``manage.py import_oparl FOLDER --json`` twice under production-like settings, measuring the
command's wall time (Django's start included) and the import's own time (``seconds`` of its
report). Targets (issue 10): the first import < 120 s, the unchanged re-import < 30 s with 0
changes. Prints a Markdown report, writes it to ``bench/results/council-import.md`` and exits
with status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.council.data import unpack_huertgenwald
from bench.directory.server import POSTGRES_SERVER, PYTHON, REPO, manage, production_environment

POSTGRES_DATABASE = "vernetzt_bench_council"  # not pytest's test database, not the directory's
TARGET_FIRST_SECONDS = 120
TARGET_AGAIN_SECONDS = 30
RESULTS = REPO / "bench" / "results"


def postgres_database(action):
    import psycopg

    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {POSTGRES_DATABASE} WITH (FORCE)")
        if action == "create":
            connection.execute(f"CREATE DATABASE {POSTGRES_DATABASE}")


def import_once(environment, folder):
    started = time.perf_counter()
    output = subprocess.run(
        [str(PYTHON), "manage.py", "import_oparl", str(folder), "--json", "--language", "en"],
        cwd=REPO, env=environment, check=True, capture_output=True, text=True,
    ).stdout
    wall = time.perf_counter() - started
    return wall, json.loads(output)


def measure(database, repeat):
    with tempfile.TemporaryDirectory(prefix="vernetzt-council-bench-") as workdir:
        workdir = Path(workdir)
        environment = production_environment(workdir, database)
        if database == "postgres":
            environment["DATABASE_URL"] = f"{POSTGRES_SERVER}/{POSTGRES_DATABASE}"
            postgres_database("create")
        try:
            folder = unpack_huertgenwald(workdir / "huertgenwald")
            manage(environment, "migrate", "--no-input", "-v", "0")
            first_wall, first = import_once(environment, folder)
            again = [import_once(environment, folder) for _ in range(repeat)]
        finally:
            if database == "postgres":
                postgres_database("drop")
    return {"database": database, "first": (first_wall, first), "again": again}


def rows(result):
    first_wall, first = result["first"]
    yield result["database"], "first import", first_wall, first
    for number, (wall, report) in enumerate(result["again"], start=1):
        yield result["database"], f"unchanged re-import {number}", wall, report


def missed(result):
    first_wall, first = result["first"]
    problems = []
    if first["status"] != "done" or first_wall >= TARGET_FIRST_SECONDS:
        problems.append(f"{result['database']}: first import {first_wall:.1f} s")
    for wall, report in result["again"]:
        if report["status"] != "done" or wall >= TARGET_AGAIN_SECONDS or report["changes"]:
            problems.append(f"{result['database']}: re-import {wall:.1f} s, {report['changes']} changes")
    return problems


def report_lines(results):
    yield f"# Council OParl import benchmark, {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC"
    yield ""
    yield (
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}."
    )
    yield "Hürtgenwald crawl (OParl 1.0): 22 organizations, 49 persons, 533 memberships, 346 meetings, "
    yield "5,106 agenda items, 2,097 papers, 2,228 consultations, 6,947 files."
    yield ""
    yield "| database | run | wall time (s, with Django start) | import (s) | created | updated | unchanged | skipped | changes |"
    yield "|---|---|---|---|---|---|---|---|---|"
    for result in results:
        for database, label, wall, report in rows(result):
            totals = {
                outcome: sum(counts[outcome] for counts in report["counts"].values())
                for outcome in ("created", "updated", "unchanged", "skipped")
            }
            yield (
                f"| {database} | {label} | {wall:.1f} | {report['seconds']:.1f} | {totals['created']} "
                f"| {totals['updated']} | {totals['unchanged']} | {totals['skipped']} | {report['changes']} |"
            )
    yield ""
    yield f"Targets: first import < {TARGET_FIRST_SECONDS} s, unchanged re-import < {TARGET_AGAIN_SECONDS} s with 0 changes."


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--repeat", type=int, default=1, help="unchanged re-imports to time")
    arguments = parser.parse_args(argv)
    databases = ["sqlite", "postgres"] if arguments.database == "both" else [arguments.database]
    results = [measure(database, arguments.repeat) for database in databases]
    text = "\n".join(report_lines(results)) + "\n"
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "council-import.md").write_text(text, encoding="utf-8")
    problems = [problem for result in results for problem in missed(result)]
    for problem in problems:
        print(f"MISSED: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
