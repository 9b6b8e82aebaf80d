"""The office's network analysis and partner recommendations at the demo town's full size.

    # once: a database with 10,000 organisations and 100,000 cooperations (about 25 minutes)
    export DJANGO_SETTINGS_MODULE=vernetzt.settings_test VERNETZT_DATA_DIR=/tmp/netbench
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py seed_demo_town --organisations 10000 --cooperations 100000 --force
    # then (a minute or two)
    .venv/bin/python -m bench.network.analysis [--orgs 200] [--repeat 3] [--error-nodes 2000]

Measures, on the database the settings name:
- loading the network (``analysis.data.load``) and every metric (``analysis.metrics.compute``,
  per step), the median of ``--repeat`` runs, wall and CPU time;
- the betweenness estimate's error: on the induced subgraph of ``--error-nodes`` randomly
  drawn organisations (fixed seed), the sampled estimate (as the analysis computes it for a
  large network: ``SAMPLE_SOURCES`` sources) against the exact value: overlap of the top 15,
  Spearman rank correlation over the nodes with betweenness > 0, and the median relative error
  of the top 15;
- one organisation's recommendations (``recommendations_for``, as staff) for ``--orgs``
  randomly drawn organisations: p50, p95, max, and the queries per call.
"""

import argparse
import os
import random
import statistics
import time

import django


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vernetzt.settings_test")
    django.setup()


def _timed(function, *args, **kwargs):
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def _ranks(values):
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    for rank, i in enumerate(order):
        ranks[i] = rank
    return ranks


def spearman(a, b):
    ra, rb = _ranks(a), _ranks(b)
    ma, mb = statistics.fmean(ra), statistics.fmean(rb)
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb, strict=True))
    va = sum((x - ma) ** 2 for x in ra) ** 0.5
    vb = sum((y - mb) ** 2 for y in rb) ** 0.5
    return cov / (va * vb) if va and vb else 1.0


def betweenness_error(data, *, nodes, seed=7):
    import igraph

    from vernetzt.network.analysis import metrics

    chosen = sorted(random.Random(seed).sample(range(data.size), min(nodes, data.size)))
    graph = igraph.Graph(n=data.size, edges=data.edges).induced_subgraph(chosen)
    exact, method = metrics.betweenness(graph, exact_limit=float("inf"))
    sampled, sample_method = metrics.betweenness(graph, exact_limit=0)
    top_exact = sorted(range(len(exact)), key=lambda i: -exact[i])[:15]
    top_sampled = sorted(range(len(sampled)), key=lambda i: -sampled[i])[:15]
    positive = [i for i in range(len(exact)) if exact[i] > 0]
    relative = [abs(sampled[i] - exact[i]) / exact[i] for i in top_exact if exact[i] > 0]
    return {
        "nodes": graph.vcount(),
        "ties": graph.ecount(),
        "method": sample_method,
        "top15_overlap": len(set(top_exact) & set(top_sampled)),
        "spearman": spearman([exact[i] for i in positive], [sampled[i] for i in positive]),
        "top15_median_relative_error": statistics.median(relative) if relative else 0.0,
        "exact_method": method,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--orgs", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--error-nodes", type=int, default=2000)
    args = parser.parse_args(argv)
    _setup()

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import StaffFactory
    from vernetzt.directory.models import Organisation
    from vernetzt.network.analysis import data as network_data
    from vernetzt.network.analysis import metrics
    from vernetzt.network.recommendations import recommendations_for

    runs = []
    for _ in range(args.repeat):
        loaded, load_wall, load_cpu = _timed(network_data.load)
        result, wall, cpu = _timed(metrics.compute, loaded)
        runs.append((load_wall, load_cpu, wall, cpu, result["timings"]))
    print(
        f"organisations {loaded.size}, ties {len(loaded.edges)}, "
        f"cooperations (shown) {sum(c for _d, c in loaded.cooperation_days)}, "
        f"betweenness {result['betweenness_method']}"
    )
    print(
        f"load:    wall {statistics.median(r[0] for r in runs):.2f} s, "
        f"cpu {statistics.median(r[1] for r in runs):.2f} s"
    )
    print(
        f"metrics: wall {statistics.median(r[2] for r in runs):.2f} s, "
        f"cpu {statistics.median(r[3] for r in runs):.2f} s"
    )
    for step in runs[0][4]:
        print(f"  {step:16s} wall {statistics.median(r[4][step] for r in runs):.3f} s")

    error = betweenness_error(loaded, nodes=args.error_nodes)
    print(
        f"betweenness error on {error['nodes']} nodes / {error['ties']} ties, "
        f"{error['method']} vs exact: top-15 overlap {error['top15_overlap']}/15, "
        f"Spearman {error['spearman']:.3f}, "
        f"top-15 median relative error {100 * error['top15_median_relative_error']:.1f} %"
    )

    staff = StaffFactory(username="bench-network-analysis")
    ids = list(Organisation.objects.filter(status="verified").values_list("pk", flat=True))
    chosen = random.Random(11).sample(ids, min(args.orgs, len(ids)))
    organisations = Organisation.objects.in_bulk(chosen)
    times, cpus, queries, found = [], [], [], []
    for pk in chosen:
        with CaptureQueriesContext(connection) as captured:
            result, wall, cpu = _timed(recommendations_for, organisations[pk], viewer=staff)
        times.append(wall * 1000)
        cpus.append(cpu * 1000)
        queries.append(len(captured))
        found.append(len(result))
    times.sort()
    cpus.sort()
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
    cpu_p95 = cpus[min(len(cpus) - 1, int(0.95 * len(cpus)))]
    print(
        f"recommendations for {len(chosen)} organisations: p50 {statistics.median(times):.1f} ms, "
        f"p95 {p95:.1f} ms, max {times[-1]:.1f} ms, queries per call "
        f"{statistics.median(queries):.0f} (max {max(queries)}), recommendations per call "
        f"{statistics.median(found):.0f}; CPU of this process p50 {statistics.median(cpus):.1f} ms, "
        f"p95 {cpu_p95:.1f} ms (SQLite runs in-process, so this includes the queries)"
    )


if __name__ == "__main__":
    main()
