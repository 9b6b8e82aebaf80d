"""Closed-loop load: N client threads, each with one keep-alive ``http.client`` connection."""

from __future__ import annotations

import http.client
import itertools
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from bench.directory.stats import Measurement

HOST = "127.0.0.1"  # loopback only, always
HEADERS = {"Accept-Language": "de", "User-Agent": "vernetzt-bench"}
TIMEOUT_SECONDS = 30


def measure(*, label, shown_path, port, paths, clients, requests, time_limit, seed=0,
            in_order=False, weights=None):
    """Send ``requests`` GETs (paths drawn from ``paths``, a list) from ``clients`` threads.

    ``in_order``: request ``paths`` one after the other instead of at random (with distinct
    paths, no two requests ask the same). ``weights``: how often each path is drawn relative
    to the others (a query log's counts, a Zipf law's popularity); uniform without. Stops early
    at ``time_limit`` seconds; requests not sent then show up as "planned".
    """
    cumulative = list(itertools.accumulate(weights)) if weights else None
    measurement = Measurement(label=label, path=shown_path, planned=requests)
    tickets = itertools.count()
    lock = threading.Lock()
    deadline = time.monotonic() + time_limit

    def client(number):
        rng = random.Random(f"{seed}-{label}-{number}")
        connection = http.client.HTTPConnection(HOST, port, timeout=TIMEOUT_SECONDS)
        latencies, errors, samples = [], 0, []
        while (ticket := next(tickets)) < requests and time.monotonic() < deadline:
            if in_order:
                path = paths[ticket % len(paths)]
            elif cumulative:
                path = rng.choices(paths, cum_weights=cumulative)[0]
            else:
                path = rng.choice(paths)
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=HEADERS)
                response = connection.getresponse()
                response.read()
                elapsed = (time.perf_counter() - started) * 1000
                if response.status == 200:
                    latencies.append(elapsed)
                else:
                    errors += 1
                    samples.append(f"{response.status} {path}")
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except (OSError, http.client.HTTPException) as error:
                errors += 1
                samples.append(f"{type(error).__name__}: {error} ({path})")
                connection.close()
        connection.close()
        with lock:
            measurement.latencies_ms.extend(latencies)
            measurement.errors += errors
            measurement.error_samples.extend(samples[:3])

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(client, range(clients)))
    measurement.wall_seconds = time.perf_counter() - started
    return measurement


def wait_until_up(port, *, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/health/", headers=HEADERS)
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"The server on port {port} did not answer /health/ in {timeout} s.")
