"""The office's network metrics, computed from ``NetworkData`` (plain data in, plain data out;
no database, no translation: the result holds ids and numbers, the pages put names on them).

Graph algorithms run on igraph (C): networkx's Louvain did not finish within 300 s on
10,000 organisations / 100,000 ties on the shared 2-core machine, igraph's takes under a
second (``docs/dependencies.md``, ``docs/benchmarks.md``).

- Isolated: verified organisations without any tie.
- Brokers: betweenness centrality (the share of shortest paths between other organisations
  that pass through one), exact up to ``EXACT_LIMIT`` (nodes × ties), else estimated from
  ``SAMPLE_SOURCES`` randomly drawn source organisations (fixed seed) and scaled by
  n / k. Its error against the exact value is measured in ``bench/network/analysis.py`` and
  written down in ``docs/benchmarks.md``.
- Clusters: Louvain community detection (igraph's multilevel, fixed seed) on the organisations
  with ties, each named at display time by its dominant fields of action (held by many of its
  members, and more often than in the whole network).
- Bridges: organisations whose ties reach into other clusters than their own.
- Coverage: organisations per field × community × district, and the gaps: a community served
  in a district and a field worked on there, but no organisation doing both.
- Growth: cooperations per quarter.
- Düren's three questions: MSOs by community and field, their current needs by category, and
  how networked they are beside other types.
"""

import math
import random
import time
from collections import Counter, defaultdict

import igraph
import numpy as np

from vernetzt.network.analysis.data import quarter_of

SEED = 20261129
EXACT_LIMIT = 30_000_000  # nodes × ties up to which betweenness is exact (well under a second)
SAMPLE_SOURCES = 48
TOP_BROKERS = 15
TOP_BRIDGES = 15
MAX_CLUSTERS = 25
MIN_CLUSTER_SIZE = 3
CLUSTER_FIELDS = 2
MAX_GAPS = 300


def build_graph(data):
    return igraph.Graph(n=data.size, edges=data.edges, directed=False)


def betweenness(graph, *, exact_limit=EXACT_LIMIT, sources=SAMPLE_SOURCES, seed=SEED):
    """Normalised betweenness per node (as networkx's ``normalized=True``), and how it was
    computed: ``("exact", n)`` or ``("sampled", k)``."""
    n, m = graph.vcount(), graph.ecount()
    if n < 3:
        return [0.0] * n, ("exact", n)
    scale = 2 / ((n - 1) * (n - 2))
    if n * m <= exact_limit or sources >= n:
        values = graph.betweenness(directed=False)
        method = ("exact", n)
    else:
        drawn = random.Random(seed).sample(range(n), sources)
        # Paths from the drawn sources to every target: each unordered pair counted from one
        # end only when both ends are drawn, so scaled by n / k (the expectation is exact).
        values = [v * n / sources for v in graph.betweenness(directed=False, sources=drawn)]
        method = ("sampled", sources)
    return [v * scale for v in values], method


def communities(graph, *, seed=SEED):
    """Louvain communities of the nodes with ties: a membership list (-1 for isolated)."""
    connected = [v for v, degree in enumerate(graph.degree()) if degree]
    membership = [-1] * graph.vcount()
    if not connected:
        return membership
    sub = graph.induced_subgraph(connected)
    # igraph draws from one process-wide generator: seeded for this call, then the default.
    igraph.set_random_number_generator(random.Random(seed))
    try:
        parts = sub.community_multilevel()
    finally:
        igraph.set_random_number_generator(random)
    for position, label in enumerate(parts.membership):
        membership[connected[position]] = label
    return membership


def compute(data, *, progress=None):
    """Every metric of the analysis pages; ``progress(done, total, note)`` is told after each
    step. Returns a plain dict (pickled into the cache)."""
    steps = 7
    report = progress or (lambda done, total, note: None)
    timings = {}
    started = time.perf_counter()

    def lap(name):
        nonlocal started
        now = time.perf_counter()
        timings[name] = round(now - started, 3)
        started = now

    graph = build_graph(data)
    degree = graph.degree()
    lap("graph")
    report(1, steps, "graph")
    values, method = betweenness(graph)
    lap("betweenness")
    report(2, steps, "betweenness")
    membership = communities(graph)
    lap("clusters")
    report(3, steps, "clusters")

    referenced = set()
    isolated = [i for i, d in enumerate(degree) if d == 0]
    referenced.update(isolated)

    brokers = sorted(
        (i for i in range(data.size) if values[i] > 0), key=lambda i: (-values[i], -degree[i])
    )[:TOP_BROKERS]
    reach = _clusters_reached(data, membership)
    broker_rows = [
        {
            "org": data.org_ids[i],
            "betweenness": values[i],
            "ties": degree[i],
            "clusters": len(reach[i]),
        }
        for i in brokers
    ]
    referenced.update(brokers)

    clusters, cluster_of = _clusters(data, membership, degree)
    bridges = sorted(
        (i for i in range(data.size) if reach[i]),
        key=lambda i: (-len(reach[i]), -sum(reach[i].values()), data.org_ids[i]),
    )[:TOP_BRIDGES]
    bridge_rows = [
        {
            "org": data.org_ids[i],
            "home": cluster_of.get(membership[i]),
            "clusters": len(reach[i]),
            "ties": sum(reach[i].values()),
        }
        for i in bridges
    ]
    referenced.update(bridges)
    for cluster in clusters:
        referenced.update(cluster.pop("member_indexes"))
    lap("brokers_bridges")
    report(4, steps, "bridges")

    coverage = _coverage(data)
    lap("coverage")
    report(5, steps, "coverage")
    growth = _growth(data.cooperation_days)
    lap("growth")
    report(6, steps, "growth")
    dueren = _dueren(data, degree)
    lap("dueren")
    report(7, steps, "dueren")

    organisations = {
        data.org_ids[i]: (data.names[i], data.slugs[i], data.type_ids[i]) for i in referenced
    }
    return {
        "size": {
            "organisations": data.size,
            "ties": graph.ecount(),
            "cooperations": sum(count for _day, count in data.cooperation_days),
        },
        "betweenness_method": method,
        "isolated": [data.org_ids[i] for i in isolated],
        "isolated_by_type": Counter(data.type_ids[i] for i in isolated),
        "brokers": broker_rows,
        "clusters": clusters,
        "bridges": bridge_rows,
        "coverage": coverage,
        "growth": growth,
        "dueren": dueren,
        "organisations": organisations,
        "timings": timings,
    }


def _clusters_reached(data, membership):
    """Per node: Counter of other clusters its ties reach (cluster → ties)."""
    reach = [Counter() for _ in range(data.size)]
    for a, b in data.edges:
        ca, cb = membership[a], membership[b]
        if ca != cb:
            reach[a][cb] += 1
            reach[b][ca] += 1
    return reach


def _clusters(data, membership, degree):
    members = defaultdict(list)
    for i, label in enumerate(membership):
        if label >= 0:
            members[label].append(i)
    overall = Counter(f for i in range(data.size) if membership[i] >= 0 for f in data.fields[i])
    connected = sum(1 for label in membership if label >= 0) or 1
    internal = Counter()
    external = Counter()
    for a, b in data.edges:
        if membership[a] == membership[b]:
            internal[membership[a]] += 1
        else:
            external[membership[a]] += 1
            external[membership[b]] += 1
    ordered = sorted(members.items(), key=lambda item: (-len(item[1]), item[0]))
    clusters, number_of = [], {}
    for number, (label, indexes) in enumerate(ordered[:MAX_CLUSTERS], start=1):
        if len(indexes) < MIN_CLUSTER_SIZE:
            break
        number_of[label] = number
        counts = Counter(f for i in indexes for f in data.fields[i])
        size = len(indexes)

        def dominance(item, size=size):
            field_id, count = item
            share = count / size
            lift = share / (overall[field_id] / connected)
            return (-(share * math.log1p(lift)), field_id)

        fields = sorted((item for item in counts.items() if item[1] / size >= 0.2), key=dominance)
        if not fields:
            fields = counts.most_common()
        districts = Counter(d for i in indexes for d in data.districts[i])
        hubs = sorted(indexes, key=lambda i: (-degree[i], data.org_ids[i]))[:5]
        clusters.append(
            {
                "number": number,
                "size": size,
                "fields": [(field_id, counts[field_id]) for field_id, _ in fields[:CLUSTER_FIELDS]],
                "districts": districts.most_common(2),
                "internal_ties": internal[label],
                "external_ties": external[label],
                "hubs": [data.org_ids[i] for i in hubs],
                "member_indexes": hubs,
            }
        )
    small = sum(1 for label, indexes in ordered if label not in number_of)
    if clusters:
        clusters[-1]["_more"] = small
    return clusters, number_of


def _coverage(data):
    """Organisations per field × community × district (and town-wide per field × community),
    and the gaps in words' data: (field, community, district, served, worked)."""
    field_ids = sorted({f for fields in data.fields for f in fields})
    community_ids = sorted({c for cs in data.communities for c in cs})
    district_ids = sorted({d for ds in data.districts for d in ds})
    fi = {f: i for i, f in enumerate(field_ids)}
    ci = {c: i for i, c in enumerate(community_ids)}
    di = {d: i for i, d in enumerate(district_ids)}
    # Counted in plain Python (a few combinations per organisation), then put into arrays.
    cube_counts, town_counts = Counter(), Counter()
    field_district_counts, community_district_counts = Counter(), Counter()
    for fields, communities, districts in zip(
        data.fields, data.communities, data.districts, strict=True
    ):
        f = [fi[x] for x in fields]
        c = [ci[x] for x in communities]
        d = [di[x] for x in districts]
        town_counts.update((a, b) for a in f for b in c)
        cube_counts.update((a, b, e) for a in f for b in c for e in d)
        field_district_counts.update((a, e) for a in f for e in d)
        community_district_counts.update((b, e) for b in c for e in d)
    cube = np.zeros((len(field_ids), len(community_ids), len(district_ids)), dtype=np.int32)
    town = np.zeros((len(field_ids), len(community_ids)), dtype=np.int32)
    field_district = np.zeros((len(field_ids), len(district_ids)), dtype=np.int32)
    community_district = np.zeros((len(community_ids), len(district_ids)), dtype=np.int32)
    for array, counts in (
        (cube, cube_counts),
        (town, town_counts),
        (field_district, field_district_counts),
        (community_district, community_district_counts),
    ):
        for position, count in counts.items():
            array[position] = count
    gaps = []
    empty = np.argwhere(cube == 0)
    for f, c, d in empty:
        served, worked = int(community_district[c, d]), int(field_district[f, d])
        if served and worked:
            gaps.append(
                (
                    int(field_ids[f]),
                    int(community_ids[c]),
                    int(district_ids[d]),
                    served,
                    worked,
                    int(town[f, c]),
                )
            )
    gaps.sort(key=lambda gap: (-gap[3], -gap[4], gap[0], gap[1], gap[2]))
    return {
        "fields": field_ids,
        "communities": community_ids,
        "districts": district_ids,
        "cube": cube,
        "town": town,
        "field_district": field_district,
        "community_district": community_district,
        "gaps": gaps,
        "gap_count": len(gaps),
    }


def _growth(days):
    counts = Counter()
    for day, count in days:
        counts[quarter_of(day)] += count
    if not counts:
        return []
    (year, quarter), last = min(counts), max(counts)
    rows = []
    while (year, quarter) <= last:
        rows.append((year, quarter, counts.get((year, quarter), 0)))
        year, quarter = (year, quarter + 1) if quarter < 4 else (year + 1, 1)
    return rows


def _dueren(data, degree):
    """Kreis Düren's three questions: which MSOs exist (by community and field), what they need,
    and how networked they are compared with other actors."""
    mso = data.mso_type_id
    is_mso = [t == mso for t in data.type_ids]
    msos = [i for i in range(data.size) if is_mso[i]]

    by_community = defaultdict(list)
    for i in msos:
        for c in data.communities[i] or (None,):
            by_community[c].append(i)
    community_rows = sorted(
        (
            {
                "community": c,
                "msos": len(members),
                "fields": Counter(f for i in members for f in data.fields[i]).most_common(3),
            }
            for c, members in by_community.items()
        ),
        key=lambda row: (row["community"] is None, -row["msos"], row["community"] or 0),
    )
    field_counts = Counter(f for i in msos for f in data.fields[i])

    need_rows = defaultdict(lambda: {"needs": 0, "msos": set(), "offers_of_others": 0})
    for i, category in data.needs:
        if is_mso[i]:
            need_rows[category]["needs"] += 1
            need_rows[category]["msos"].add(i)
    for i, category in data.offers:
        if not is_mso[i] and category in need_rows:
            need_rows[category]["offers_of_others"] += 1
    needs = sorted(
        (
            {
                "category": c,
                "needs": row["needs"],
                "msos": len(row["msos"]),
                "offers_of_others": row["offers_of_others"],
            }
            for c, row in need_rows.items()
        ),
        key=lambda row: (-row["needs"], row["category"]),
    )
    msos_with_needs = len({i for i, _c in data.needs if is_mso[i]})

    per_type = defaultdict(lambda: {"count": 0, "ties": 0, "isolated": 0, "across": 0})
    across_type = defaultdict(set)  # organisations with a tie to another type
    partner_types = defaultdict(set)  # MSO partners' type → MSOs with such a partner
    mso_partner_ties = Counter()
    for a, b in data.edges:
        ta, tb = data.type_ids[a], data.type_ids[b]
        if ta != tb:
            across_type[ta].add(a)
            across_type[tb].add(b)
        if is_mso[a]:
            partner_types[tb].add(a)
            mso_partner_ties[tb] += 1
        if is_mso[b]:
            partner_types[ta].add(b)
            mso_partner_ties[ta] += 1
    for i in range(data.size):
        row = per_type[data.type_ids[i]]
        row["count"] += 1
        row["ties"] += degree[i]
        row["isolated"] += degree[i] == 0
    types = []
    for type_id, row in per_type.items():
        count = row["count"]
        types.append(
            {
                "type": type_id,
                "is_mso": type_id == mso,
                "count": count,
                "mean_ties": row["ties"] / count,
                "isolated_share": row["isolated"] / count,
                "across_share": len(across_type[type_id]) / count,
            }
        )
    types.sort(key=lambda row: (not row["is_mso"], -row["mean_ties"], row["type"]))
    others = [i for i in range(data.size) if not is_mso[i]]

    def mean(indexes):
        return sum(degree[i] for i in indexes) / len(indexes) if indexes else 0.0

    def isolated_share(indexes):
        return sum(1 for i in indexes if degree[i] == 0) / len(indexes) if indexes else 0.0

    return {
        "mso_type": mso,
        "mso_count": len(msos),
        "by_community": community_rows,
        "by_field": field_counts.most_common(),
        "needs": needs,
        "msos_with_needs": msos_with_needs,
        "types": types,
        "mso_mean_ties": mean(msos),
        "others_mean_ties": mean(others),
        "mso_isolated_share": isolated_share(msos),
        "others_isolated_share": isolated_share(others),
        "mso_partner_types": sorted(
            ((t, len(orgs), mso_partner_ties[t]) for t, orgs in partner_types.items()),
            key=lambda row: (-row[1], row[0]),
        ),
    }
