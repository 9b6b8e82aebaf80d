"""Organisation web addresses: readable for names in any script, never a fixed route."""

import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory
from vernetzt.directory import services, slugs

pytestmark = pytest.mark.django_db


def test_the_fixed_routes_of_the_directory_are_reserved():
    assert {"meine", "vorschlagen"} <= slugs.reserved_slugs()


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Meine", "meine-2"),
        ("Vorschlagen", "vorschlagen-2"),
        ("مركز الأمل", "mrkz-lml"),
        ("Українська громада", "ukrayinska-gromada"),
        ("Straße der Vielfalt e.V.", "strasse-der-vielfalt-ev"),
        ("!!!", "organisation"),
    ],
)
def test_unique_slug(name, slug):
    assert services.unique_slug(name) == slug


def test_an_organisation_named_like_a_route_is_reachable(client):
    organisation = OrganisationFactory(name="Meine", slug=services.unique_slug("Meine"))
    url = reverse("directory:organisation_detail", kwargs={"slug": organisation.slug})
    assert url != reverse("directory:my_organisations")
    assert client.get(url).status_code in (200, 404)  # 404 only if the factory made it internal
