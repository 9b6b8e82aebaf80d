"""Kreis Düren's three questions answered on one page from live data: which MSOs exist by
community and field, what they need, how networked they are beside other actors."""

import pytest
from django.urls import reverse

from tests.factories import DistrictFactory, NeedFactory, OrganisationFactory, StaffFactory, term
from tests.network.factories_cooperations import cooperation
from vernetzt.directory import models as directory

pytestmark = pytest.mark.django_db


def org(name, type_slug, *, fields=(), communities=(), districts=()):
    return OrganisationFactory(
        name=name,
        type=term(directory.OrganisationType, type_slug),
        fields=[term(directory.FieldOfAction, slug) for slug in fields],
        communities=[term(directory.Community, slug) for slug in communities],
        districts=list(districts),
    )


def test_one_page_answers_the_three_questions(client):
    nord = DistrictFactory(slug="nord", name="Nordviertel")
    syrian = org(
        "Syrischer Jugendverein", "mso", fields=["youth"], communities=["syrian"], districts=[nord]
    )
    afghan = org(
        "Afghanischer Frauenverein", "mso", fields=["women", "health"], communities=["afghan"]
    )
    org("Eritreischer Kulturverein", "mso", fields=["culture"], communities=["eritrean"])
    fire = org(
        "Jugendfeuerwehr Nordviertel", "civil_protection", fields=["youth"], districts=[nord]
    )
    welfare = org("AWO Kreisverband", "welfare", fields=["counselling"])
    red_cross = org("DRK Ortsverein", "civil_protection", fields=["health"])
    cooperation([syrian, fire])
    cooperation([welfare, fire])
    cooperation([welfare, red_cross])
    cooperation([afghan, welfare])
    NeedFactory(organisation=syrian, category=term(directory.Category, "rooms"))
    NeedFactory(organisation=afghan, category=term(directory.Category, "rooms"))
    NeedFactory(organisation=afghan, category=term(directory.Category, "qualification"))
    NeedFactory(organisation=welfare, category=term(directory.Category, "volunteers"))

    client.force_login(StaffFactory())
    page = client.get(reverse("network:analysis_msos"), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    html = page.content.decode()
    context = page.context
    assert context["mso_count"] == 3
    by_community = {row["community"]: row for row in context["by_community"]}
    assert set(by_community) == {"Syrian community", "Afghan community", "Eritrean community"}
    assert {name for name, _count in by_community["Afghan community"]["fields"]} == {
        "Women",
        "Health",
    }
    needs = {row["category"]: row for row in context["needs"]}
    assert needs["Rooms"]["needs"] == 2 and needs["Rooms"]["msos"] == 2
    assert "Volunteers" not in needs  # the welfare association is no MSO
    assert context["msos_with_needs"] == 2
    # MSOs: 1 + 1 + 0 ties; the others: fire 2, welfare 3, red cross 1.
    assert context["mso_mean_ties"] == pytest.approx(2 / 3)
    assert context["others_mean_ties"] == pytest.approx(6 / 3)
    assert context["mso_isolated_percent"] == pytest.approx(100 / 3)
    partner_types = {row["type"]: row for row in context["partner_types"]}
    fire_type = "Fire brigade / civil protection / rescue service"
    assert partner_types[fire_type]["msos"] == 1
    for heading in (
        "1. Which migrant self-organisations exist?",
        "2. What do they need?",
        "3. How networked are they compared with other actors?",
    ):
        assert heading in html
    assert '<th scope="col">' in html and "<caption>" in html


def test_the_page_in_arabic_keeps_numbers_left_to_right(client):
    org("Syrischer Jugendverein", "mso", fields=["youth"], communities=["syrian"])
    client.force_login(StaffFactory())
    client.cookies["django_language"] = "ar"
    html = client.get(reverse("network:analysis_msos"), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'dir="rtl"' in html
    assert '<td dir="ltr">1</td>' in html
