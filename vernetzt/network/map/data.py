"""The map's graph: organisations with positions and ties, cooperations as weighted edges.

Cached on Django's cache framework with ``version=`` the map revision (the network revision
moved by every cooperation write, and the directory revision moved by every organisation
write), so a change makes every cached layout and answer stale at once:
- the layout of each audience (``selectors.map``: the public, the office) over its whole
  network, computed once per revision: inline for small networks, else in the task queue,
  while the answers use a quick layout that keeps the positions of the last full one;
- the answer for each audience, filter and language, JSON compressed with gzip; kept only
  once the full layout is there.

Edges: each cooperation ties its partners in pairs (a network membership of more than
``CLIQUE_LIMIT`` partners as a star around the first partner, the proposer, so that a
round table of 40 does not draw 780 lines); several cooperations of one pair make one edge
with their number. ``ties`` of an organisation counts its cooperations on the map,
``partners`` the distinct organisations it works with there.
"""

import gzip
import hashlib
import json
import time
from collections import defaultdict

from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from vernetzt.directory import cache as directory_cache
from vernetzt.directory.models import Organisation, OrganisationType
from vernetzt.network.map import layout
from vernetzt.network.models import Cooperation, CooperationPartner
from vernetzt.network.revision import network_revision
from vernetzt.network.selectors import map as selectors

PREFIX = "network:map"
INLINE_LIMIT = 2000  # organisations; above, the full layout is computed in the task queue
CLIQUE_LIMIT = 4
TIMEOUT = 60 * 60 * 24
QUEUED_TIMEOUT = 60 * 15
WAIT_SECONDS = 25  # for another process computing the same graph (no dogpile of 20 requests)
PALETTE_SIZE = 12  # colours in static/network/map.css and map.js


def revision():
    return f"{network_revision()}.{directory_cache.revision()}"


def _memberships(cooperations, organisation_ids):
    """{cooperation id: [organisation ids on the map]}, the proposer first."""
    members = defaultdict(list)
    rows = (
        CooperationPartner.objects.filter(cooperation__in=cooperations.values("pk"))
        .order_by("cooperation_id", "pk")
        .values_list("cooperation_id", "organisation_id")
    )
    for cooperation_id, organisation_id in rows.iterator(chunk_size=5000):
        if organisation_id in organisation_ids:
            members[cooperation_id].append(organisation_id)
    return members


def _tie(members):
    """Pairs ``members`` draw: every pair, or a star for large memberships."""
    if len(members) <= CLIQUE_LIMIT:
        return [(a, b) for n, a in enumerate(members) for b in members[n + 1 :]]
    return [(members[0], other) for other in members[1:]]


def _edges(memberships):
    weights = defaultdict(int)
    for members in memberships.values():
        for a, b in _tie(members):
            if a != b:
                weights[(min(a, b), max(a, b))] += 1
    return weights


def _layout_graph(audience):
    organisations = selectors.organisations_for(audience)
    ids = set(organisations.values_list("pk", flat=True))
    through = Organisation.districts.through
    groups = {}
    for organisation_id, district_id in through.objects.filter(
        organisation_id__in=organisations.values("pk")
    ).values_list("organisation_id", "district_id"):
        groups[organisation_id] = min(groups.get(organisation_id, district_id), district_id)
    shown = selectors.cooperations_for(audience).filter(status__in=Cooperation.SHOWN_STATUSES)
    edges = [(a, b, weight) for (a, b), weight in _edges(_memberships(shown, ids)).items()]
    return ids, edges, groups


def _layout_key(audience):
    return f"{PREFIX}:layout:{audience}"


def store_layout(audience, *, warm=False):
    """Compute the full layout of ``audience`` for the current revision and keep it; ``warm``:
    also the unfiltered graph, which most visits ask for (the task queue does)."""
    version = revision()
    nodes, edges, groups = _layout_graph(audience)
    positions = layout.compute(nodes, edges, groups)
    cache.set(_layout_key(audience), positions, TIMEOUT, version=version)
    cache.set(f"{_layout_key(audience)}:last", positions, TIMEOUT)
    if warm:
        graph(audience, selectors.MapFilters())
    return positions


def _schedule(audience, version):
    if cache.add(f"{PREFIX}:queued:{audience}:{version}", True, QUEUED_TIMEOUT):
        from vernetzt.network.map.tasks import compute_map_layout

        transaction.on_commit(lambda: compute_map_layout.enqueue(audience))


def layout_for(audience):
    """``(positions, final)``: the full layout of the current revision, or a quick one while
    the full one is computed in the background."""
    version = revision()
    positions = cache.get(_layout_key(audience), version=version)
    if positions is not None:
        return positions, True
    nodes, edges, groups = _layout_graph(audience)
    if len(nodes) <= INLINE_LIMIT:
        return store_layout(audience), True
    _schedule(audience, version)
    previous = cache.get(f"{_layout_key(audience)}:last")
    return layout.quick(nodes, edges, groups, previous=previous), False


def _once(key, version, compute, *, keep):
    """``compute()``, cached under ``key``; while one process computes, the others wait for
    its result (up to ``WAIT_SECONDS``) instead of computing the same at once."""
    value = cache.get(key, version=version)
    if value is not None:
        return value
    if not cache.add(f"{key}:computing", True, WAIT_SECONDS * 4, version=version):
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(0.2)
            value = cache.get(key, version=version)
            if value is not None:
                return value
    try:
        value = compute()
        if keep(value):
            cache.set(key, value, TIMEOUT, version=version)
        return value
    finally:
        cache.delete(f"{key}:computing", version=version)


def graph(audience, filters):
    """The filtered graph, cached per revision once its layout is final; see ``_graph``."""
    digest = hashlib.sha256(f"{audience}\x1f{filters.key()}".encode()).hexdigest()[:32]
    return _once(
        f"{PREFIX}:graph:{digest}",
        revision(),
        lambda: _graph(audience, filters),
        keep=lambda value: value["final"],
    )


def _graph(audience, filters):
    """The filtered graph as plain data: ``{"final", "nodes": [[id, name, slug, type id, x,
    y, partners, ties], …], "edges": [[node index, node index, cooperations], …]}``, nodes
    sorted by name."""
    positions, final = layout_for(audience)
    organisations = list(
        selectors.filtered_organisations(audience, filters)
        .order_by("name", "pk")
        .values_list("pk", "name", "slug", "type_id")
    )
    ids = {row[0] for row in organisations}
    memberships = _memberships(selectors.filtered_cooperations(audience, filters), ids)
    ties, partners = defaultdict(int), defaultdict(set)
    for members in memberships.values():
        if len(members) < 2:
            continue
        for member in members:
            ties[member] += 1
            partners[member].update(members)
    index = {row[0]: number for number, row in enumerate(organisations)}
    nodes = []
    for (
        pk,
        name,
        slug,
        type_id,
    ) in organisations:
        x, y = positions.get(pk, (layout.SIZE / 2, layout.SIZE / 2))
        nodes.append([pk, name, slug, type_id, x, y, max(len(partners[pk]) - 1, 0), ties[pk]])
    edges = [[index[a], index[b], weight] for (a, b), weight in sorted(_edges(memberships).items())]
    return {"final": final, "nodes": nodes, "edges": edges}


def types():
    """``[[id, label, colour index], …]`` of the organisation types, in the list's order."""
    return [
        [term.pk, term.label, number % PALETTE_SIZE]
        for number, term in enumerate(OrganisationType.objects.all())
    ]


def _answer_key(audience, filters, language):
    digest = hashlib.sha256(f"{audience}\x1f{filters.key()}\x1f{language}".encode()).hexdigest()
    return f"{PREFIX}:answer:{digest[:32]}"


def answer(audience, filters, language):
    """``(gzip-compressed JSON, etag)`` of the map data; cached per revision once final."""
    version = revision()
    key = _answer_key(audience, filters, language)
    cached = cache.get(key, version=version)
    if cached is not None:
        return cached
    data = dict(graph(audience, filters))
    data["types"] = types()
    data["profile"] = reverse("directory:organisation_detail", kwargs={"slug": "SLUG"})
    data["revision"] = version
    body = gzip.compress(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(), compresslevel=6
    )
    etag = '"' + hashlib.sha256(body).hexdigest()[:24] + '"'
    if data["final"]:
        cache.set(key, (body, etag), TIMEOUT, version=version)
    return body, etag
