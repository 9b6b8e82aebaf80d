"""The network map page and its table alternative (server side; drawing: tests/browser)."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import DistrictFactory, OrganisationFactory, StaffFactory
from tests.network.factories_cooperations import cooperation
from vernetzt.directory.models import Visibility

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def town():
    nord = DistrictFactory(slug="nordviertel", name="Nordviertel")
    caritas = OrganisationFactory(name="Caritas Musterstadt", slug="caritas", districts=[nord])
    verein = OrganisationFactory(name="جمعية الجالية العربية", slug="arabischer-verein")
    hidden = OrganisationFactory(name="Interner Träger", visibility=Visibility.INTERNAL)
    cooperation([caritas, verein], title="Sprachcafé", start_date=datetime.date(2021, 5, 1))
    cooperation([caritas, hidden], title="Geheime Runde")
    for number in range(60):
        OrganisationFactory(name=f"Verein {number:02d}")
    return {"caritas": caritas, "verein": verein}


def test_the_map_page_loads_its_scripts_and_links_the_table(client, town):
    response = client.get(reverse("network:map"), {"district": "nordviertel"}, **EN)
    html = response.content.decode()
    assert response.status_code == 200
    assert "vendor/sigma/sigma.min.js" in html and "network/map.js" in html
    assert 'data-url="/netzwerk/karte/daten.json?district=nordviertel"' in html
    assert 'href="/netzwerk/karte/tabelle/?district=nordviertel"' in html
    assert "Show as table" in html
    assert "<script>" not in html  # no inline script (CSP)
    assert 'id="network-filter-district"' in html and 'value="nordviertel" selected' in html


def test_the_table_lists_organisations_with_partners_and_ties(client, town):
    response = client.get(reverse("network:map_table"), {"sort": "ties"}, **EN)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Caritas Musterstadt" in html and "Sprachcafé" in html
    assert "Interner Träger" not in html and "Geheime Runde" not in html
    assert '<bdi dir="auto">جمعية الجالية العربية</bdi>' in html
    # most ties first; 62 organisations over two pages
    assert html.index("Caritas Musterstadt") < html.index("Verein 00")
    assert "Page 1 of 2" in html
    assert reverse("directory:organisation_detail", kwargs={"slug": "caritas"}) in html


def test_the_table_filters_by_name_and_date(client, town):
    html = client.get(reverse("network:map_table"), {"q": "caritas"}, **EN).content.decode()
    assert "Caritas Musterstadt" in html and "Verein 01" not in html
    html = client.get(reverse("network:map_table"), {"as_of": "2020-01-01"}, **EN).content.decode()
    assert "Sprachcafé" not in html and "No cooperation matches these filters." in html


def test_staff_see_internal_entries_in_the_table(client, town):
    client.force_login(StaffFactory())
    html = client.get(reverse("network:map_table"), **EN).content.decode()
    assert "Interner Träger" in html and "Geheime Runde" in html


def test_broken_page_numbers_show_the_first_page(client, town):
    response = client.get(reverse("network:map_table"), {"page": "abc", "cpage": "-3"}, **EN)
    assert response.status_code == 200
