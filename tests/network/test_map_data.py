"""The network map's data endpoint: who sees what, filters, the cached layout."""

import datetime
import gzip
import json

import pytest
from django.urls import reverse

from tests.factories import DistrictFactory, OrganisationFactory, StaffFactory, UserFactory, term
from tests.network.factories_cooperations import cooperation
from vernetzt.directory.models import FieldOfAction, Organisation, OrganisationType, Visibility
from vernetzt.network.map import data, layout
from vernetzt.network.models import Cooperation
from vernetzt.network.revision import network_changed
from vernetzt.network.selectors import map as selectors
from vernetzt.network.services import cooperations as services

pytestmark = pytest.mark.django_db


def fetch(client, **params):
    response = client.get(reverse("network:map_data"), params, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.content
    if response.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return json.loads(body)


def names(payload):
    return {node[1] for node in payload["nodes"]}


def edge_names(payload):
    nodes = payload["nodes"]
    return {frozenset((nodes[a][1], nodes[b][1])) for a, b, _count in payload["edges"]}


@pytest.fixture
def town():
    nord = DistrictFactory(slug="nordviertel", name="Nordviertel")
    sued = DistrictFactory(slug="suedstadt", name="Südstadt")
    health = term(FieldOfAction, "health", "Gesundheit")
    welfare = term(OrganisationType, "welfare", "Wohlfahrtsverband")
    caritas = OrganisationFactory(
        name="Caritas Musterstadt", type=welfare, districts=[nord], fields=[health]
    )
    verein = OrganisationFactory(name="Deutsch-Syrischer Verein", districts=[nord])
    feuerwehr = OrganisationFactory(name="Jugendfeuerwehr Süd", districts=[sued])
    hidden = OrganisationFactory(
        name="Internes Netzwerk", visibility=Visibility.INTERNAL, districts=[sued]
    )
    proposed = OrganisationFactory(
        name="Vorgeschlagener Verein", status=Organisation.Status.PROPOSED
    )
    lonely = OrganisationFactory(name="Ohne Partner e.V.")
    ties = {
        "public": cooperation(
            [caritas, verein], title="Sprachcafé", start_date=datetime.date(2020, 3, 1)
        ),
        "ended": cooperation(
            [verein, feuerwehr],
            title="Erste Hilfe",
            status="ended",
            start_date=datetime.date(2019, 1, 1),
            end_date=datetime.date(2019, 6, 30),
            kind=Cooperation.Kind.PUNCTUAL,
        ),
        "internal_tie": cooperation(
            [caritas, feuerwehr], title="Intern", visibility=Visibility.INTERNAL
        ),
        "internal_org": cooperation([caritas, hidden], title="Mit internem Partner"),
        "proposal": cooperation(
            [caritas, feuerwehr], title="Vorschlag", status="proposed", proposed_by=caritas
        ),
    }
    return {
        "caritas": caritas,
        "verein": verein,
        "feuerwehr": feuerwehr,
        "hidden": hidden,
        "proposed": proposed,
        "lonely": lonely,
        **ties,
    }


def test_the_public_sees_public_organisations_and_public_ties_only(client, town):
    payload = fetch(client)
    assert names(payload) == {
        "Caritas Musterstadt",
        "Deutsch-Syrischer Verein",
        "Jugendfeuerwehr Süd",
        "Ohne Partner e.V.",
    }
    assert edge_names(payload) == {
        frozenset({"Caritas Musterstadt", "Deutsch-Syrischer Verein"}),
        frozenset({"Deutsch-Syrischer Verein", "Jugendfeuerwehr Süd"}),
    }
    text = json.dumps(payload, ensure_ascii=False)
    assert "Internes Netzwerk" not in text and "Vorgeschlagener" not in text


def test_an_editor_sees_the_public_map(client, town):
    editor = UserFactory()
    town["caritas"].editors.add(editor)
    client.force_login(editor)
    assert "Internes Netzwerk" not in names(fetch(client))
    assert frozenset({"Caritas Musterstadt", "Jugendfeuerwehr Süd"}) not in edge_names(
        fetch(client)
    )


def test_staff_see_internal_organisations_and_ties_but_not_unverified_ones(client, town):
    client.force_login(StaffFactory())
    payload = fetch(client)
    assert "Internes Netzwerk" in names(payload)
    assert "Vorgeschlagener Verein" not in names(payload)
    assert frozenset({"Caritas Musterstadt", "Jugendfeuerwehr Süd"}) in edge_names(payload)
    assert frozenset({"Caritas Musterstadt", "Internes Netzwerk"}) in edge_names(payload)
    # the proposal is not drawn unless staff ask for proposals
    proposals = fetch(client, status="proposed")
    assert edge_names(proposals) == {frozenset({"Caritas Musterstadt", "Jugendfeuerwehr Süd"})}


def test_the_public_cannot_ask_for_proposals(client, town):
    assert fetch(client, status="proposed")["edges"] == fetch(client)["edges"]


def test_ties_and_partners_are_counted_per_organisation(client, town):
    nodes = {node[1]: node for node in fetch(client)["nodes"]}
    verein = nodes["Deutsch-Syrischer Verein"]
    assert verein[6:8] == [2, 2]  # two partners, two cooperations
    assert nodes["Ohne Partner e.V."][6:8] == [0, 0]
    for node in nodes.values():
        assert 0 <= node[4] <= layout.SIZE and 0 <= node[5] <= layout.SIZE


def test_as_of_shows_the_network_as_it_was(client, town):
    in_2019 = fetch(client, as_of="2019-03-01")
    assert edge_names(in_2019) == {frozenset({"Deutsch-Syrischer Verein", "Jugendfeuerwehr Süd"})}
    in_2021 = fetch(client, as_of="2021-01-01")
    assert edge_names(in_2021) == {frozenset({"Caritas Musterstadt", "Deutsch-Syrischer Verein"})}
    # a broken date is ignored, not an error
    assert edge_names(fetch(client, as_of="2021-13-45")) == edge_names(fetch(client))


def test_filters_by_organisation_and_cooperation(client, town):
    assert names(fetch(client, district="nordviertel")) == {
        "Caritas Musterstadt",
        "Deutsch-Syrischer Verein",
    }
    assert names(fetch(client, type="welfare")) == {"Caritas Musterstadt"}
    assert names(fetch(client, field="health")) == {"Caritas Musterstadt"}
    punctual = fetch(client, kind="punctual")
    assert edge_names(punctual) == {frozenset({"Deutsch-Syrischer Verein", "Jugendfeuerwehr Süd"})}
    assert edge_names(fetch(client, status="ended")) == edge_names(punctual)
    # unknown values are dropped
    assert names(fetch(client, district="<script>", kind="x" * 500)) == names(fetch(client))


def test_the_answer_is_compressed_and_supports_etags(client, town):
    url = reverse("network:map_data")
    first = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert first["Content-Encoding"] == "gzip"
    plain = client.get(url)
    assert "Content-Encoding" not in plain
    assert json.loads(plain.content) == json.loads(gzip.decompress(first.content))
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_large_memberships_draw_a_star_not_every_pair():
    members = list(range(10))
    assert len(data._tie(members)) == 9
    assert len(data._tie(members[:4])) == 6


def test_the_layout_is_cached_and_recomputed_when_a_cooperation_changes(client, town, monkeypatch):
    calls = []
    real = layout.compute

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(layout, "compute", counting)
    fetch(client)
    fetch(client, district="nordviertel")
    assert len(calls) == 1  # one layout for the public, whatever the filters
    before = {node[1]: node[4:6] for node in fetch(client)["nodes"]}
    services.end(
        actor=StaffFactory(),
        cooperation=town["public"],
        reason="Ziel erreicht",
        end_date=datetime.date(2025, 1, 1),
    )
    assert len(calls) == 1
    after_payload = fetch(client)
    assert len(calls) == 2
    assert {node[1] for node in after_payload["nodes"]} == set(before)


def test_a_large_network_gets_a_quick_layout_and_the_full_one_from_the_task_queue(
    client, town, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(data, "INLINE_LIMIT", 2)
    enqueued = []
    from vernetzt.network.map import tasks

    class Queue:
        @staticmethod
        def enqueue(audience):
            enqueued.append(audience)

    monkeypatch.setattr(tasks, "compute_map_layout", Queue)
    with django_capture_on_commit_callbacks(execute=True):
        payload = fetch(client)
        assert payload["final"] is False
        fetch(client)
    assert enqueued == ["public"]  # queued once per revision
    positions = data.store_layout("public")  # what the task does
    assert fetch(client)["final"] is True
    network_changed()
    # the quick layout keeps the positions of the last full one
    with django_capture_on_commit_callbacks(execute=True):
        quick = fetch(client)
    assert quick["final"] is False
    assert {node[0]: tuple(node[4:6]) for node in quick["nodes"]} == {
        pk: tuple(position) for pk, position in positions.items()
    }
    assert len(enqueued) == 2


def test_quick_layout_places_every_node_and_keeps_known_positions():
    nodes = list(range(50))
    groups = {node: node % 3 for node in nodes}
    edges = [(n, n + 1, 1) for n in range(49)]
    full = layout.compute(nodes, edges, groups)
    assert set(full) == set(nodes)
    quick = layout.quick([*nodes, 99], edges, {**groups, 99: 1}, previous=full)
    assert all(quick[node] == full[node] for node in nodes)
    assert 0 <= quick[99][0] <= layout.SIZE


def test_layout_of_tiny_and_empty_networks():
    assert layout.compute([], [], {}) == {}
    assert set(layout.compute([1], [], {})) == {1}
    assert set(layout.compute([1, 2], [(1, 2, 3)], {1: None, 2: 5})) == {1, 2}


def test_filters_parse_defensively():
    parsed = selectors.parse_filters(
        {
            "field": "a b",
            "type": "mso",
            "as_of": "0001-01-01",
            "q": "x\x00y" * 100,
            "kind": "lasting",
        },
        audience=selectors.PUBLIC,
    )
    assert parsed.field == "" and parsed.type == "mso" and parsed.as_of is None
    assert parsed.kind == "lasting" and len(parsed.query) <= selectors.QUERY_LIMIT
    assert "\x00" not in parsed.query


def test_one_process_computes_a_graph_while_the_others_wait_for_it(monkeypatch):
    from django.core.cache import cache

    monkeypatch.setattr(data, "WAIT_SECONDS", 1)
    cache.add("k:computing", True, 60, version="v")
    cache.set("k", {"final": True, "from": "the other process"}, 60, version="v")

    def must_not_run():
        raise AssertionError("computed twice")

    assert data._once("k", "v", must_not_run, keep=bool)["from"] == "the other process"
    # a stale lock (its process died) delays by at most WAIT_SECONDS, then computes
    cache.delete("k", version="v")
    assert data._once("k", "v", lambda: {"final": True}, keep=bool) == {"final": True}


def test_the_task_computes_the_layout_and_warms_the_unfiltered_graph(town, monkeypatch):
    from vernetzt.network.map import tasks

    calls = []
    real = data._graph
    monkeypatch.setattr(data, "_graph", lambda *a: calls.append(a) or real(*a))
    tasks.compute_map_layout.enqueue("public")
    assert len(calls) == 1
    data.graph("public", selectors.MapFilters())
    assert len(calls) == 1  # served from the cache
