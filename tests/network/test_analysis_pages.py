"""The analysis pages: overview (isolated, brokers, clusters, bridges, growth chart as SVG),
the coverage table with its filters and gap sentences, who may open them."""

from datetime import date

import pytest
from django.urls import reverse

from tests.factories import (
    CouncilMemberFactory,
    DistrictFactory,
    OrganisationFactory,
    StaffFactory,
    UserFactory,
    term,
)
from tests.network.factories_cooperations import cooperation
from vernetzt.directory import models as directory

pytestmark = pytest.mark.django_db


def org(name, type_slug="mso", *, fields=(), communities=(), districts=()):
    return OrganisationFactory(
        name=name,
        type=term(directory.OrganisationType, type_slug),
        fields=[term(directory.FieldOfAction, slug) for slug in fields],
        communities=[term(directory.Community, slug) for slug in communities],
        districts=list(districts),
    )


@pytest.fixture
def network():
    sued = DistrictFactory(slug="suedstadt", name="Südstadt")
    hub = org(
        "Kommunales Integrationszentrum", "administration", fields=["counselling"], districts=[sued]
    )
    members = [
        org(f"Verein {i}", fields=["health"], communities=["afghan"], districts=[sued])
        for i in range(3)
    ]
    for i, member in enumerate(members):
        cooperation([hub, member], start_date=date(2024, 1 + 3 * i, 5))
    org("Ohne Partner e.V.", fields=["sport"], districts=[sued])
    return {"hub": hub, "sued": sued}


def test_overview_for_staff_and_council(client, network):
    for user in (StaffFactory(), CouncilMemberFactory()):
        client.force_login(user)
        page = client.get(reverse("network:analysis_overview"), HTTP_ACCEPT_LANGUAGE="en")
        assert page.status_code == 200
        html = page.content.decode()
        assert "Ohne Partner e.V." in html
        assert page.context["brokers"][0]["name"] == "Kommunales Integrationszentrum"
        assert '<svg viewBox="0 0 720 260" role="img"' in html
        assert html.count('class="analysis-chart__bar"') == 3  # Q1, Q2, Q3 2024
        assert "<script" not in html.split("<main", 1)[-1].split("</main>", 1)[0]
        assert "It is up to date" in html


def test_others_may_not_open_the_analysis(client, network):
    client.force_login(UserFactory())
    for name in ("network:analysis_overview", "network:analysis_coverage", "network:analysis_msos"):
        assert client.get(reverse(name)).status_code == 403


def test_coverage_filters_and_gap_sentence(client, network):
    client.force_login(StaffFactory())
    url = reverse("network:analysis_coverage")
    page = client.get(url, {"district": "suedstadt"}, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    html = page.content.decode()
    sentences = [gap["sentence"] for gap in page.context["gaps"]]
    assert any(
        s.startswith("No actor works on Sport for the Afghan community in Südstadt.")
        for s in sentences
    )
    assert any(
        s.startswith("No actor works on Counselling for the Afghan community") for s in sentences
    )
    assert "No actor works on <bdi>Sport</bdi> for the <bdi>Afghan community</bdi>" in html
    assert 'class="coverage-gap"' in html
    assert page.context["columns"] == ["Afghan community"]
    only_gaps = client.get(url, {"district": "suedstadt", "gaps": "1"}, HTTP_ACCEPT_LANGUAGE="en")
    fields = [row["field"] for row in only_gaps.context["rows"]]
    assert "Health" not in fields and "Sport" in fields
    # Unknown filter values show the whole town, never an error.
    assert client.get(url, {"district": "x" * 500, "community": "?"}).status_code == 200
