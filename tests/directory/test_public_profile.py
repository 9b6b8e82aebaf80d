"""The organisation profile page: fields, who sees what, management links, queries."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from tests.directory.factories_public import directory_world
from vernetzt.directory.models import Organisation
from vernetzt.directory.selectors.profile import all_terms

pytestmark = pytest.mark.django_db


def profile_url(slug):
    return reverse("directory:organisation_detail", kwargs={"slug": slug})


@pytest.fixture
def world(editor_user):
    return directory_world(editor=editor_user)


def test_profile_shows_all_public_fields(client, world):
    response = client.get(profile_url("frauentreff-nord"))
    assert response.status_code == 200
    content = response.content.decode()
    for text in [
        "Frauentreff Nord", "Migrantenselbstorganisation", "Frauengruppe und Sprachkurse.",
        "Begegnung ermöglichen.", "1999", str(Organisation.LegalForm.REGISTERED_ASSOCIATION.label), "40",
        "Frauen", "Sprache", "Arabischsprachige Community", "Arabisch", "Nord",
        "Hauptstraße 1", "12345", "Musterstadt", "?mlat=52.500000&amp;mlon=13.400000",
        "https://frauentreff.example.org", "info@frauentreff.example.org", "0123 456",
        str(Organisation.Accessibility.FULL.label), "Raum für Abendtreffen", "Räume", "Dolmetschen Arabisch",
        "Öffentliche Person",
    ]:
        assert text in content, text
    assert content.count("<h1") == 1


def test_public_never_sees_internal_contacts_or_expired_needs(client, world):
    content = client.get(profile_url("frauentreff-nord")).content.decode()
    assert "Interne Person" not in content
    assert "intern@example.org" not in content
    assert "Abgelaufener Bedarf" not in content


def test_participant_sees_no_internal_contacts(client_as, participant_user, world):
    content = client_as(participant_user).get(profile_url("frauentreff-nord")).content.decode()
    assert "Interne Person" not in content


@pytest.mark.parametrize("user_fixture", ["council_user", "staff_user"])
def test_council_and_staff_see_internal_contacts_and_all_needs(
    client_as, request, world, user_fixture
):
    client = client_as(request.getfixturevalue(user_fixture))
    content = client.get(profile_url("frauentreff-nord")).content.decode()
    assert "Interne Person" in content
    assert "Abgelaufener Bedarf" in content and gettext("not currently valid") in content


def test_editors_see_internal_contacts_of_their_organisation_only(
    client_as, editor_user, world
):
    world["proposed"].contacts.add(*world["public"].contacts.all())
    client = client_as(editor_user)
    assert "Interne Person" in client.get(profile_url("vorgeschlagen")).content.decode()
    assert "Interne Person" not in client.get(profile_url("frauentreff-nord")).content.decode()


@pytest.mark.parametrize("slug", ["intern", "vorgeschlagen", "archiviert", "abgelehnt"])
def test_hidden_organisations_are_not_found_publicly(client, world, slug):
    assert client.get(profile_url(slug)).status_code == 404


def test_unknown_slug_is_not_found(client):
    assert client.get(profile_url("gibt-es-nicht")).status_code == 404


def test_council_sees_internal_organisations(client_as, council_user, world):
    client = client_as(council_user)
    assert client.get(profile_url("intern")).status_code == 200
    assert client.get(profile_url("archiviert")).status_code == 200


def test_editor_sees_their_own_proposed_organisation(client_as, editor_user, world):
    client = client_as(editor_user)
    assert client.get(profile_url("vorgeschlagen")).status_code == 200
    assert client.get(profile_url("archiviert")).status_code == 404


def test_editor_gets_edit_links_but_not_the_office_links(client_as, editor_user, world):
    content = client_as(editor_user).get(profile_url("vorgeschlagen")).content.decode()
    slug = {"slug": "vorgeschlagen"}
    for name in ["organisation_edit", "need_create", "offer_create", "contact_create"]:
        assert reverse(f"directory:{name}", kwargs=slug) in content
    for name in ["organisation_status", "organisation_history"]:
        assert reverse(f"directory:{name}", kwargs=slug) not in content


def test_editor_gets_no_edit_links_elsewhere(client_as, editor_user, world):
    content = client_as(editor_user).get(profile_url("frauentreff-nord")).content.decode()
    assert reverse("directory:organisation_edit", kwargs={"slug": "frauentreff-nord"}) not in content


def test_staff_get_edit_status_and_history_links(client_as, staff_user, world):
    content = client_as(staff_user).get(profile_url("frauentreff-nord")).content.decode()
    slug = {"slug": "frauentreff-nord"}
    for name in ["organisation_edit", "need_create", "organisation_status", "organisation_history"]:
        assert reverse(f"directory:{name}", kwargs=slug) in content


def test_council_gets_no_management_links(client_as, council_user, world):
    content = client_as(council_user).get(profile_url("frauentreff-nord")).content.decode()
    assert reverse("directory:organisation_edit", kwargs={"slug": "frauentreff-nord"}) not in content


def test_profile_queries_are_bounded(client, world, django_assert_max_num_queries):
    # The organisation with its type, its four lists, the needs and the offers with their
    # categories (each with languages and districts), the contacts with their languages;
    # its cooperations (network.selectors.cooperations_of: one query, one more with any).
    # The lists' terms come from the cache, loaded once per directory revision.
    all_terms()
    with django_assert_max_num_queries(14):
        response = client.get(profile_url("frauentreff-nord"))
    assert response.status_code == 200


def test_a_cached_profile_takes_no_query(
    client, world, django_assert_num_queries
):
    client.get(profile_url("frauentreff-nord"))  # caches it
    with django_assert_num_queries(0):  # page and directory revision from the cache
        response = client.get(profile_url("frauentreff-nord"))
    assert "Frauentreff Nord" in response.content.decode()


def test_profile_queries_for_staff_are_bounded(
    client_as, staff_user, world, django_assert_max_num_queries
):
    client = client_as(staff_user)
    all_terms()
    # The profile's 14, the session and user, whether staff may edit it, the session's save.
    with django_assert_max_num_queries(21):
        response = client.get(profile_url("frauentreff-nord"))
    assert "Interne Person" in response.content.decode()

