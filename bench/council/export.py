"""OParl export benchmark: the first page of every list over the whole Hürtgenwald crawl.

    .venv/bin/python -m bench.council.export

Creates a fresh SQLite database in a temporary directory (production-like settings: DEBUG
off), imports the crawl, then asks each list three times in process (Django's test client,
the whole middleware stack) and prints per list the median time, the number of queries and
the size of the answer. No target in the issue; a page is a fixed number of queries.
"""

import os
import statistics
import tempfile
import time
from pathlib import Path


def main():
    with tempfile.TemporaryDirectory(prefix="vernetzt-oparl-export-bench-") as workdir:
        workdir = Path(workdir)
        from bench.directory.server import production_environment

        os.environ.update(production_environment(workdir, "sqlite"))
        (workdir / "static").mkdir()  # no collected static files needed
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection
        from django.test.utils import CaptureQueriesContext, setup_test_environment

        from bench.council.data import unpack_huertgenwald
        from vernetzt.audit.services import SystemActor
        from vernetzt.council.oparl.export.objects import KINDS
        from vernetzt.council.oparl.importer import import_oparl

        setup_test_environment()  # the test client's host
        from django.test import Client

        call_command("migrate", "--no-input", verbosity=0)
        import_oparl(source=str(unpack_huertgenwald(workdir / "crawl")), actor=SystemActor("bench"))
        client = Client()
        client.get("/oparl/v1/system/")
        print("| list | objects | page | median ms | queries | KiB |\n|---|---|---|---|---|---|")
        for kind in KINDS:
            times = []
            for _ in range(3):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(f"/oparl/v1/body/1/{kind}/")
                    times.append((time.perf_counter() - started) * 1000)
            data = response.json()
            print(
                f"| {kind} | {data['pagination']['totalElements']} | {len(data['data'])} "
                f"| {statistics.median(times):.0f} | {len(queries.captured_queries)} "
                f"| {len(response.content) // 1024} |"
            )


if __name__ == "__main__":
    main()
