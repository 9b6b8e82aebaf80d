"""Directory benchmark: the public search and profile pages under 20 concurrent clients.

One command (from the repository root)::

    .venv/bin/python -m bench.directory.run [--organisations 10000] [--clients 20]
        [--requests 2000] [--rounds 3] [--database sqlite|postgres|both]
        [--mix realistic cold repeat] [--distinct-queries]

For each database it creates a fresh one (SQLite in a temporary directory, PostgreSQL database
``vernetzt_bench``), migrates, seeds the demo town, serves the app with gunicorn on 127.0.0.1
under production-like settings, warms up, measures p50/p95/p99 latency and errors of each URL
one after the other, in ``--rounds`` rounds (default 3; each statistic is the median over the
rounds, so a drift in the machine's speed does not favour one URL), counts queries per
request, stops the server, prints a Markdown report and writes it to
``bench/results/directory-<database>-<mix>.md``.

The traffic mixes (``--mix``, default ``realistic cold``):

- ``realistic``: searches drawn from a query log (``query_log.tsv``: German searches as typed,
  misspellings, district and community names, several words; weighted by how often each was
  typed), the same searches with a district or field filter, and profiles whose popularity
  follows a Zipf law (s = 1.1) over all public organisations. Target: p95 ≤ 150 ms.
- ``cold``: profiles drawn uniformly, each visited once, so no cached page can answer.
  Target: p95 ≤ 300 ms.
- ``repeat``: one search, one filtered search and uniform random profiles, repeated (the
  earlier benchmark). Targets: p95 ≤ 150 ms and ≤ 3 × the trivial view's p95.

``--distinct-queries`` turns ``repeat`` into the cold path of searches: every request asks a
query no other request asked. Exit status 1 when a target is missed; errors always fail.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlencode

from bench.directory import load, server, stats

RESULTS = server.REPO / "bench" / "results"
QUERY_LOG = Path(__file__).with_name("query_log.tsv")
ZIPF_EXPONENT = 1.1
MIXES = {  # mix → (p95 limit in ms, also ≤ 3 × the trivial view's p95)
    "realistic": (stats.MAX_P95_MS, False),
    "cold": (stats.MAX_P95_COLD_MS, False),
    "repeat": (stats.MAX_P95_MS, True),
}


def query_log(path=QUERY_LOG):
    """(query, how often it was typed) of every line of the log."""
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            count, query = line.split("\t", 1)
            entries.append((query, int(count)))
    return entries


def zipf_weights(count, exponent):
    """Popularity of the ``count`` items by rank: the k-th is visited ∝ 1 / k^s."""
    return [1 / rank**exponent for rank in range(1, count + 1)]


def realistic_endpoints(targets, *, exponent=ZIPF_EXPONENT, seed=1):
    """(label, path shown, paths, weights) of the realistic mix, trivial view first."""
    log = query_log()
    searches = ["/verzeichnis/?" + urlencode({"q": query}) for query, _count in log]
    districts, fields = targets["districts"], targets["fields"]
    filtered = []
    for number, (query, _count) in enumerate(log):
        params = {"q": query, "district": districts[number % len(districts)]}
        if number % 2:
            params["field"] = fields[number * 7 % len(fields)]
        filtered.append("/verzeichnis/?" + urlencode(params))
    counts = [count for _query, count in log]
    profiles = [f"/verzeichnis/{slug}/" for slug in targets["slugs"]]
    random.Random(seed).shuffle(profiles)  # popularity has nothing to do with the name
    return [
        ("trivial view", "/health/", ["/health/"], None),
        ("search (query log)", "/verzeichnis/?q=<query log>", searches, counts),
        ("filtered search (query log + district/field)", "/verzeichnis/?q=<log>&district=…",
         filtered, counts),
        (f"profile (Zipf s={exponent})", "/verzeichnis/<slug>/", profiles,
         zipf_weights(len(profiles), exponent)),
    ]


def cold_endpoints(targets, *, seed=1):
    """Uniform profiles, each once (shuffled), and the trivial view."""
    profiles = [f"/verzeichnis/{slug}/" for slug in targets["slugs"]]
    random.Random(seed).shuffle(profiles)
    return [
        ("trivial view", "/health/", ["/health/"], None),
        ("profile (uniform, cold: each once)", "/verzeichnis/<slug>/", profiles, None),
    ]


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000, help="Measured, per URL.")
    parser.add_argument("--warmup", type=int, default=200, help="Unmeasured, per URL.")
    parser.add_argument("--time-limit", type=float, default=180, help="Seconds per URL at most.")
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--workers", type=int, default=min(4, max(2, os.cpu_count() or 2)))
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out-dir", type=Path, default=RESULTS)
    parser.add_argument("--distinct-queries", action="store_true",
                        help="No two requests alike, so cached pages cannot answer (cold path).")
    parser.add_argument("--rounds", type=int, default=3,
                        help="The URLs take turns this many times; medians over the rounds.")
    parser.add_argument("--mix", nargs="+", choices=list(MIXES), default=["realistic", "cold"],
                        help="Traffic mixes to measure, one report each.")
    parser.add_argument("--zipf", type=float, default=ZIPF_EXPONENT,
                        help="Exponent s of the profiles' Zipf popularity (realistic mix).")
    return parser.parse_args(argv)


def _variants(word, count):
    """``count`` different queries meaning ``word``: a stop word (dropped by the search)
    appended and the letter case varied, so each is a different cache key, but the same work."""
    stop_words = server.REPO / "vernetzt" / "directory" / "german_stopwords.txt"
    lines = stop_words.read_text(encoding="utf-8").splitlines()
    fillers = sorted({line.strip() for line in lines if line.strip() and line[0] != "#"})
    variants = []
    for number in range(count):
        filler = fillers[number % len(fillers)]
        mask = number // len(fillers)
        cased = "".join(
            letter.upper() if mask >> position & 1 else letter.lower()
            for position, letter in enumerate(word)
        )
        variants.append(f"{cased} {filler}")
    return variants


def endpoints(targets, *, distinct=0):
    """(label, path shown, paths to draw from) of the URLs measured, trivial one first.

    ``distinct``: that many different paths per URL, each to be requested once (cold path).
    """
    filtered_params = {"district": targets["district"], "field": targets["field"]}
    filtered = "/verzeichnis/?" + urlencode({"q": "Frauen", **filtered_params})
    profiles = [f"/verzeichnis/{slug}/" for slug in targets["slugs"]]
    if distinct:
        search_paths = [
            "/verzeichnis/?" + urlencode({"q": query})
            for query in _variants("Sprachkurse", distinct)
        ]
        filtered_paths = [
            "/verzeichnis/?" + urlencode({"q": query, **filtered_params})
            for query in _variants("Frauen", distinct)
        ]
        random.Random(1).shuffle(profiles)
        return [
            ("trivial view", "/health/", ["/health/"]),
            ("search, distinct queries", "/verzeichnis/?q=<Sprachkurse + stop word>",
             search_paths),
            ("filtered search, distinct queries", "/verzeichnis/?q=<Frauen + stop word>&…",
             filtered_paths),
            ("profile, each once", "/verzeichnis/<slug>/", profiles[:distinct]),
        ]
    return [
        ("trivial view", "/health/", ["/health/"]),
        ("search", "/verzeichnis/?q=Sprachkurse", ["/verzeichnis/?q=Sprachkurse"]),
        ("filtered search", filtered, [filtered]),
        ("profile (random organisation)", "/verzeichnis/<slug>/", profiles),
    ]


def _measure_on_fresh_server(gunicorn, label, shown, paths, arguments, *, distinct,
                             weights=None):
    """Warm up, then measure, on a server of its own: requests a slow URL left queued must not
    delay the next."""
    with gunicorn as port:
        load.wait_until_up(port)
        common = {"port": port, "clients": arguments.clients,
                  "time_limit": arguments.time_limit, "seed": arguments.seed,
                  "in_order": distinct, "weights": weights}
        # Distinct paths: the warm-up takes the first ones, the measurement the rest.
        split = distinct and len(paths) > 1
        warmup_paths = paths[:arguments.warmup] if split else paths
        measured_paths = paths[arguments.warmup:] if split else paths
        load.measure(label=label, shown_path=shown, requests=arguments.warmup,
                     paths=warmup_paths,
                     **{**common, "time_limit": min(arguments.time_limit, 60)})
        return load.measure(label=label, shown_path=shown, requests=arguments.requests,
                            paths=measured_paths, **common)


def _urls(mix, targets, arguments):
    """(label, path shown, paths, weights) of a mix, and how many distinct paths per round
    (0: paths may repeat)."""
    if mix == "realistic":
        return realistic_endpoints(targets, exponent=arguments.zipf, seed=arguments.seed), 0
    per_round = arguments.warmup + arguments.requests
    if mix == "cold":
        return cold_endpoints(targets, seed=arguments.seed), per_round
    distinct = per_round * arguments.rounds if arguments.distinct_queries else 0
    urls = endpoints(targets, distinct=distinct)
    return [(*url, None) for url in urls], per_round if distinct else 0


def bench_database(database, arguments):
    """{mix: (report, verdicts)} for one database, all mixes on one seeded copy."""
    results = {}
    with tempfile.TemporaryDirectory(prefix=f"vernetzt-bench-{database}-") as directory:
        environment = server.production_environment(Path(directory), database)
        if database == "postgres":
            server.recreate_postgres_database()
        print(f"[{database}] migrate, seed {arguments.organisations} organisations, collectstatic",
              file=sys.stderr)
        seeded = server.prepare(environment, organisations=arguments.organisations,
                                seed=arguments.seed)
        targets = server.python_json(environment, "bench.directory.targets")
        for mix in arguments.mix:
            results[mix] = _bench_mix(database, mix, environment, seeded, targets, arguments)
    return results


def _bench_mix(database, mix, environment, seeded, targets, arguments):
    urls, per_round = _urls(mix, targets, arguments)
    series = [stats.Series(label=label, path=shown) for label, shown, _paths, _w in urls]
    gunicorn = server.Gunicorn(environment, workers=arguments.workers, threads=arguments.threads)
    server.clear_cache(environment)  # each mix starts with an empty page cache
    load_before = os.getloadavg()
    for number in range(arguments.rounds):
        for (label, shown, paths, weights), measured in zip(urls, series, strict=True):
            if per_round and len(paths) > 1:  # distinct paths: each round its own
                paths = paths[number * per_round:(number + 1) * per_round]
            print(f"[{database}/{mix}] round {number + 1}/{arguments.rounds}, {label}: "
                  f"warm-up, then {arguments.requests} requests", file=sys.stderr)
            measured.rounds.append(_measure_on_fresh_server(
                gunicorn, label, shown, paths, arguments, distinct=bool(per_round),
                weights=weights,
            ))
    load_after = os.getloadavg()
    sample_paths = [paths[0] for _label, _shown, paths, _weights in urls]
    profile = server.python_json(environment, "bench.directory.queries", *sample_paths)
    limit_ms, relative = MIXES[mix]
    verdicts = stats.check_targets(series[0], series[1:], limit_ms=limit_ms, relative=relative)
    context = {
        "database": database, "mix": mix, "seeded": seeded, "server": gunicorn.description,
        "load": (load_before[0], load_after[0]), "arguments": arguments,
    }
    return report(context, series, verdicts, profile), verdicts


MIX_DESCRIPTIONS = {
    "realistic": "realistic mix: searches drawn from the query log (`bench/directory/"
                 "query_log.tsv`, weighted by how often each was typed), the same with a "
                 "district or field filter, profiles with Zipf popularity (s = {zipf}); the "
                 "shared page cache starts empty and is warmed only by the traffic itself",
    "cold": "cold profiles: uniform over all public organisations, each visited once, so no "
            "cached page can answer",
    "repeat": "the same query repeated (cached after the first request); profiles uniform",
}


def machine():
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return f"{os.cpu_count()} cores ({model or platform.processor()}), {platform.system()}, " \
        f"Python {platform.python_version()}"


def report(context, measurements, verdicts, profile):
    arguments = context["arguments"]
    lines = [
        f"# Directory benchmark — {context['database']}, {context['mix']}",
        "",
        f"- Date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {machine()}; load average before/after: "
        f"{context['load'][0]:.2f} / {context['load'][1]:.2f}",
        f"- Data: {context['seeded']}",
        f"- Server: {context['server']}, DEBUG off, 127.0.0.1, restarted for each URL",
        f"- Load: {arguments.clients} concurrent keep-alive clients, {arguments.requests} "
        f"measured requests per URL after {arguments.warmup} warm-up requests, in "
        f"{arguments.rounds} rounds (the URLs take turns, each on a fresh server; the "
        f"statistics are the medians over the rounds)",
        "- Traffic: " + MIX_DESCRIPTIONS[context["mix"]].format(zipf=arguments.zipf)
        + ("; distinct queries (no request repeats another: the cold, uncached path)"
           if arguments.distinct_queries and context["mix"] == "repeat" else ""),
        "",
        stats.markdown_table(measurements),
        "",
        "Targets:",
        "",
        stats.markdown_verdicts(verdicts),
        "",
        "Queries per request when the page cache misses (one request at a time, in-process, "
        "median of 5):",
        "",
        "| Path | Status | Queries | SQL ms | Request ms | Slowest query ms |",
        "|---|---:|---:|---:|---:|---:|",
        *(
            f"| `{row['path']}` | {row['status']} | {row['queries']} | {row['sql_ms']:.1f} "
            f"| {row['total_ms']:.1f} | {row['slowest_ms']:.1f} |"
            for row in profile
        ),
    ]
    lines += ["", "Slowest query of each request:", ""]
    lines += [f"- `{row['path']}`: `{row['slowest_sql'][:300]}`" for row in profile[1:]]
    samples = [sample for m in measurements for sample in m.error_samples[:3]]
    if samples:
        lines += ["", "Error samples:", "", *(f"- {sample}" for sample in samples)]
    return "\n".join(lines) + "\n"


def main(argv=None):
    arguments = parse_arguments(argv)
    databases = ["sqlite", "postgres"] if arguments.database == "both" else [arguments.database]
    arguments.out_dir.mkdir(parents=True, exist_ok=True)
    all_passed = True
    for database in databases:
        for mix, (text, verdicts) in bench_database(database, arguments).items():
            suffix = "-distinct" if arguments.distinct_queries and mix == "repeat" else ""
            (arguments.out_dir / f"directory-{database}-{mix}{suffix}.md").write_text(text)
            print(text)
            all_passed &= all(verdict.passed for verdict in verdicts)
    return 0 if all_passed else 1


if __name__ == "__main__":
    sys.exit(main())
