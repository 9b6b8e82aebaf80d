"""The office's network analysis on small hand-made networks: isolated organisations, a known
broker, two clusters joined by a bridge, the coverage gaps in words, growth per quarter, and
the cache that follows the network revision."""

from datetime import date

import igraph
import networkx as nx
import pytest
from django.utils import translation

from tests.factories import DistrictFactory, NeedFactory, OfferFactory, OrganisationFactory, term
from tests.network.factories_cooperations import cooperation
from vernetzt.directory import models as directory
from vernetzt.network.analysis import data as network_data
from vernetzt.network.analysis import metrics, store
from vernetzt.network.models import Cooperation
from vernetzt.network.revision import network_revision

pytestmark = pytest.mark.django_db


def org(name, *, type_slug="mso", fields=(), communities=(), districts=(), **extra):
    return OrganisationFactory(
        name=name,
        type=term(directory.OrganisationType, type_slug),
        fields=[term(directory.FieldOfAction, slug) for slug in fields],
        communities=[term(directory.Community, slug) for slug in communities],
        districts=list(districts),
        **extra,
    )


@pytest.fixture
def two_clusters():
    """Youth organisations A1-A4 (all tied) and health organisations B1-B4 (all tied), joined
    only by A1-B1; one organisation without any tie; one only in an ended, one only in a
    proposed cooperation (neither a tie)."""
    nord = DistrictFactory(slug="nord", name="Nordviertel")
    sued = DistrictFactory(slug="suedstadt", name="Südstadt")
    a = [org(f"Jugend A{i}", fields=["youth", "sport"], districts=[nord]) for i in range(1, 5)]
    b = [
        org(
            f"Gesundheit B{i}",
            type_slug="welfare",
            fields=["health"],
            districts=[sued],
            communities=["afghan"],
        )
        for i in range(1, 5)
    ]
    lonely = org("Allein e.V.", fields=["culture"], districts=[sued], communities=["afghan"])
    past = org("Früher e.V.", type_slug="culture")
    asked = org("Gefragt e.V.", type_slug="culture")
    days = iter([date(2024, 1, 15), date(2024, 2, 1), date(2024, 8, 1), date(2025, 3, 3)] * 10)
    for group in (a, b):
        for i, first in enumerate(group):
            for second in group[i + 1 :]:
                cooperation([first, second], start_date=next(days))
    cooperation([a[0], b[0]], start_date=date(2025, 3, 3), title="Brücke")
    cooperation([past, lonely], status=Cooperation.Status.ENDED, start_date=date(2020, 1, 1))
    cooperation([asked, a[1]], status=Cooperation.Status.PROPOSED, proposed_by=asked)
    return {
        "a": a,
        "b": b,
        "lonely": lonely,
        "past": past,
        "asked": asked,
        "nord": nord,
        "sued": sued,
    }


def test_isolated_brokers_clusters_and_bridge(two_clusters):
    a, b = two_clusters["a"], two_clusters["b"]
    result = metrics.compute(network_data.load())

    assert set(result["isolated"]) == {
        two_clusters["lonely"].pk,
        two_clusters["past"].pk,
        two_clusters["asked"].pk,
    }
    assert result["size"]["ties"] == 6 + 6 + 1
    top_two = {row["org"] for row in result["brokers"][:2]}
    assert top_two == {a[0].pk, b[0].pk}
    # A1 lies on every shortest path between B's four and A2-A4: 3 * 4 pairs.
    broker = next(row for row in result["brokers"] if row["org"] == a[0].pk)
    assert broker["betweenness"] == pytest.approx(12 / 45)  # 11 organisations: 45 pairs
    assert broker["clusters"] == 1

    clusters = result["clusters"]
    assert [cluster["size"] for cluster in clusters] == [4, 4]
    youth = term(directory.FieldOfAction, "youth").pk
    health = term(directory.FieldOfAction, "health").pk
    sport = term(directory.FieldOfAction, "sport").pk
    named = sorted(
        sorted(field_id for field_id, _count in cluster["fields"]) for cluster in clusters
    )
    assert named == sorted([sorted([youth, sport]), [health]])
    assert all(
        cluster["internal_ties"] == 6 and cluster["external_ties"] == 1 for cluster in clusters
    )
    assert {row["org"] for row in result["bridges"]} == {a[0].pk, b[0].pk}


def test_sampled_betweenness_estimates_the_exact_value():
    graph = nx.connected_watts_strogatz_graph(400, 6, 0.1, seed=1)
    ig = igraph.Graph(n=400, edges=list(graph.edges()))
    exact, method = metrics.betweenness(ig)
    assert method == ("exact", 400)
    reference = nx.betweenness_centrality(graph)
    assert max(abs(exact[i] - reference[i]) for i in range(400)) < 1e-9
    sampled, method = metrics.betweenness(ig, exact_limit=0, sources=200)
    assert method == ("sampled", 200)
    assert sum(sampled) == pytest.approx(sum(exact), rel=0.15)


def test_louvain_is_repeatable(two_clusters):
    loaded = network_data.load()
    graph = metrics.build_graph(loaded)
    assert metrics.communities(graph) == metrics.communities(graph)


def test_coverage_gap_in_words(two_clusters):
    from vernetzt.network.selectors.analysis import coverage_page

    # Südstadt: the Afghan community is served (B1-B4: health, Allein: culture), and every
    # field worked on there is worked on for it; Nordviertel serves no community: no gap.
    assert metrics.compute(network_data.load())["coverage"]["gap_count"] == 0

    org("Sport Süd", type_slug="sports", fields=["sport"], districts=[two_clusters["sued"]])
    with translation.override("en"):
        page = coverage_page({})
    sentences = [gap["sentence"] for gap in page["gaps"]]
    assert len(sentences) == 1
    assert sentences[0].startswith(
        "No actor works on Sport for the Afghan community in Südstadt"
    ), sentences
    assert "5 organisations serve the Afghan community there" in sentences[0]
    assert page["gap_count"] == 1


def test_growth_per_quarter(two_clusters):
    result = metrics.compute(network_data.load())
    growth = {(year, quarter): count for year, quarter, count in result["growth"]}
    assert growth[(2020, 1)] == 1  # the ended one counts for growth
    assert growth[(2024, 1)] + growth[(2024, 3)] + growth[(2025, 1)] == 13
    assert growth[(2022, 2)] == 0  # quarters without new cooperations are shown as 0
    assert list(growth) == sorted(growth)


def test_dueren_msos_needs_and_networking(two_clusters):
    a = two_clusters["a"]
    NeedFactory(organisation=a[0], category=term(directory.Category, "rooms"))
    NeedFactory(organisation=a[1], category=term(directory.Category, "rooms"))
    NeedFactory(organisation=two_clusters["lonely"], category=term(directory.Category, "funding"))
    OfferFactory(organisation=two_clusters["b"][0], category=term(directory.Category, "rooms"))
    dueren = metrics.compute(network_data.load())["dueren"]
    assert dueren["mso_count"] == 5  # A1-A4 and Allein
    rooms = term(directory.Category, "rooms").pk
    row = next(row for row in dueren["needs"] if row["category"] == rooms)
    assert (row["needs"], row["msos"], row["offers_of_others"]) == (2, 2, 1)
    assert dueren["msos_with_needs"] == 3
    # MSOs: A1 has 4 ties, A2-A4 3 each, Allein none.
    assert dueren["mso_mean_ties"] == pytest.approx((4 + 3 * 3) / 5)
    assert dueren["mso_isolated_share"] == pytest.approx(1 / 5)
    mso_row = next(row for row in dueren["types"] if row["is_mso"])
    assert mso_row["count"] == 5 and mso_row["across_share"] == pytest.approx(1 / 5)
    afghan = term(directory.Community, "afghan").pk
    assert any(r["community"] == afghan and r["msos"] == 1 for r in dueren["by_community"])


def test_cache_is_fresh_until_a_cooperation_changes(
    two_clusters, django_capture_on_commit_callbacks
):
    from tests.factories import StaffFactory
    from vernetzt.network.services import cooperations as services

    first = store.current()
    assert first.fresh and first.result["size"]["ties"] == 13
    again = store.current()
    assert again.computed_at == first.computed_at  # kept, not recomputed
    revision = network_revision()

    with django_capture_on_commit_callbacks(execute=True):
        services.record_on_behalf(
            actor=StaffFactory(),
            organisations=[two_clusters["lonely"], two_clusters["a"][2]],
            title="Neu",
            kind=Cooperation.Kind.PUNCTUAL,
            status=Cooperation.Status.ACTIVE,
        )
    assert network_revision() != revision
    after = store.current()  # recomputed by the (immediate) task
    assert after.fresh and after.result["size"]["ties"] == 14
    assert two_clusters["lonely"].pk not in after.result["isolated"]


def test_stale_result_is_shown_while_the_task_waits(two_clusters, settings):
    from vernetzt.network.revision import network_changed

    store.current()
    cooperation([two_clusters["lonely"], two_clusters["a"][3]])
    network_changed()
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import task_backends

    shown = store.current()
    assert not shown.fresh and shown.recomputing
    assert shown.result["size"]["ties"] == 13  # the last result, while the new one waits
    again = store.current()
    assert again.task_id == shown.task_id  # one task per version, however many pages ask
    assert len(task_backends["default"].results) == 1
