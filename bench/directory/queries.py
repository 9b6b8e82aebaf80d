"""Queries and database time per request of each benchmarked URL, one request at a time.

``python -m bench.directory.queries PATH...`` (inside the benchmark's Django settings) prints
JSON: for every path the status, the number of SQL queries, their total time and the whole
request's time, each the median of a few repetitions after one warm-up. The cached pages are
dropped before each repetition, so the numbers are those of a cache miss.
"""

import json
import statistics
import sys
import time

import django

REPETITIONS = 5


def profile(client, path):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # warm-up: caches, prepared templates
    runs = []
    for _ in range(REPETITIONS):
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            total = (time.perf_counter() - started) * 1000
        sql = sum(float(query["time"]) for query in captured.captured_queries) * 1000
        slowest = max(captured.captured_queries, key=lambda q: float(q["time"]), default=None)
        runs.append((response.status_code, len(captured), sql, total, slowest))
    status, count, _sql, _total, slowest = runs[-1]
    return {
        "path": path,
        "status": status,
        "queries": count,
        "sql_ms": statistics.median(run[2] for run in runs),
        "total_ms": statistics.median(run[3] for run in runs),
        "slowest_sql": (slowest["sql"][:400] if slowest else ""),
        "slowest_ms": float(slowest["time"]) * 1000 if slowest else 0.0,
    }


def main(paths):
    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="de")
    print(json.dumps([profile(client, path) for path in paths]))


if __name__ == "__main__":
    main(sys.argv[1:])
