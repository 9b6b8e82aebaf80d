"""Matching in the database: who sees which matches, the pages, the contact request, the
office's gap list and the API."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    ContactPersonFactory,
    DistrictFactory,
    NeedFactory,
    OfferFactory,
    OrganisationFactory,
    term,
)
from vernetzt.directory.models import Category, Language, Organisation, Visibility
from vernetzt.network.models import Cooperation
from vernetzt.network.selectors import matching

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def rooms():
    return term(Category, "rooms")


@pytest.fixture
def town(rooms, edited_organisation):
    """The editor's organisation needs a room in Nordviertel; others offer rooms."""
    nord = DistrictFactory(slug="nordviertel", name="Nordviertel")
    sued = DistrictFactory(slug="suedstadt", name="Südstadt")
    need = NeedFactory(
        organisation=edited_organisation,
        category=rooms,
        title="Raum für Elterncafé",
        description="Einmal im Monat abends, im Nordviertel.",
    )
    need.districts.add(nord)
    church = OrganisationFactory(
        name="Kirchengemeinde Nord", slug="kirche-nord", public_email="kontakt@kirche-nord.example"
    )
    fitting = OfferFactory(
        organisation=church,
        category=rooms,
        title="Gemeinderaum abends frei",
        description="Unser Raum im Nordviertel.",
        valid_until=datetime.date(2027, 3, 31),
    )
    fitting.districts.add(nord)
    far = OfferFactory(
        organisation=OrganisationFactory(slug="sued"), category=rooms, title="Raum in der Südstadt"
    )
    far.districts.add(sued)
    own = OfferFactory(
        organisation=edited_organisation, category=rooms, title="Raum für Elterncafé"
    )
    expired = OfferFactory(
        organisation=OrganisationFactory(slug="alt"),
        category=rooms,
        title="Raum für Elterncafé",
        valid_from=TODAY - datetime.timedelta(days=90),
        valid_until=TODAY - datetime.timedelta(days=1),
    )
    hidden_org = OrganisationFactory(slug="intern", visibility=Visibility.INTERNAL)
    internal = OfferFactory(organisation=hidden_org, category=rooms, title="Raum für Elterncafé")
    internal.districts.add(nord)
    proposed_org = OrganisationFactory(slug="vorschlag-x", status=Organisation.Status.PROPOSED)
    unverified = OfferFactory(
        organisation=proposed_org, category=rooms, title="Raum für Elterncafé"
    )
    return {
        "need": need,
        "fitting": fitting,
        "far": far,
        "own": own,
        "expired": expired,
        "internal": internal,
        "unverified": unverified,
        "church": church,
        "nord": nord,
    }


def offer_ids(scope, need):
    [(_need, rows)] = matching.recommendations(scope=scope, need_id=need.pk, limit=10)
    return [row.offer.id for row in rows]


def test_never_own_expired_or_unverified_and_public_sees_only_public(town):
    office = offer_ids(matching.OFFICE, town["need"])
    public = offer_ids(matching.PUBLIC, town["need"])
    for scope_ids in (office, public):
        assert town["own"].pk not in scope_ids
        assert town["expired"].pk not in scope_ids
        assert town["unverified"].pk not in scope_ids
    assert town["internal"].pk in office and town["internal"].pk not in public
    assert public[0] == town["fitting"].pk
    assert public.index(town["fitting"].pk) < public.index(town["far"].pk)


def test_the_market_follows_writes_without_the_services(town, rooms):
    before = offer_ids(matching.PUBLIC, town["need"])
    newer = OfferFactory(
        organisation=OrganisationFactory(slug="neu"),
        category=rooms,
        title="Raum für Elterncafé im Nordviertel",
    )
    newer.districts.add(town["nord"])
    after = offer_ids(matching.PUBLIC, town["need"])
    assert newer.pk not in before and newer.pk in after


def test_editor_sees_matches_with_reasons(client_as, editor_user, edited_organisation, town):
    response = client_as(editor_user).get(
        reverse("network:organisation_matches", kwargs={"slug": edited_organisation.slug}),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Gemeinderaum abends frei" in page
    assert "offered in Nordviertel, the district you named" in page
    assert "available until 31/03/2027" in page
    assert "Raum in der Südstadt" in page
    assert page.index("Gemeinderaum abends frei") < page.index("Raum in der Südstadt")
    # Internal organisations are the office's to see, not an editor's.
    assert "intern" not in [
        row.offer.organisation_slug
        for _n, rows in matching.matches_of_organisation(
            organisation=edited_organisation, user=editor_user
        ).needs
        for row in rows
    ]


def test_offering_side_sees_the_needs_it_could_serve(client_as, town):
    from tests.factories import UserFactory

    church_editor = UserFactory(username="kirche")
    town["church"].editors.add(church_editor)
    found = matching.matches_of_organisation(organisation=town["church"], user=church_editor)
    [(offer, rows)] = found.offers
    assert offer.id == town["fitting"].pk
    assert [row.need.id for row in rows] == [town["need"].pk]


def test_contact_request_mails_the_other_side_and_records_a_proposal(
    client_as, editor_user, edited_organisation, town, django_capture_on_commit_callbacks
):
    url = reverse(
        "network:match_contact",
        kwargs={
            "slug": edited_organisation.slug,
            "need": town["need"].pk,
            "offer": town["fitting"].pk,
        },
    )
    client = client_as(editor_user)
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"message": "Wir würden gern im März starten."})
    assert response.status_code == 302
    cooperation = Cooperation.objects.get(origin=Cooperation.Origin.MATCH)
    assert cooperation.need_id == town["need"].pk and cooperation.offer_id == town["fitting"].pk
    assert cooperation.status == Cooperation.Status.PROPOSED
    assert set(cooperation.partners.values_list("organisation_id", flat=True)) == {
        edited_organisation.pk,
        town["church"].pk,
    }
    to_church = [message for message in mail.outbox if "kontakt@kirche-nord.example" in message.to]
    assert len(to_church) == 1
    assert "Wir würden gern im März starten." in to_church[0].body
    assert "Gemeinderaum abends frei" in to_church[0].body


def test_contact_request_to_a_contact_person_with_consent(
    client_as, editor_user, edited_organisation, town, django_capture_on_commit_callbacks
):
    from vernetzt.network.services.matching import addresses_of

    other = OrganisationFactory(slug="ohne-mail")
    ContactPersonFactory(organisations=[other], email="ansprech@example.org")
    withdrawn = ContactPersonFactory(organisations=[other], email="weg@example.org")
    withdrawn.consent.withdrawn_at = timezone.now()
    withdrawn.consent.save()
    assert addresses_of(other) == ["ansprech@example.org"]


def test_contact_request_for_a_pair_that_is_no_match_is_not_found(
    client_as, editor_user, edited_organisation, town
):
    url = reverse(
        "network:match_contact",
        kwargs={
            "slug": edited_organisation.slug,
            "need": town["need"].pk,
            "offer": town["expired"].pk,
        },
    )
    assert client_as(editor_user).post(url, {"message": ""}).status_code == 404
    url = reverse(
        "network:match_contact",
        kwargs={
            "slug": edited_organisation.slug,
            "need": town["need"].pk,
            "offer": town["own"].pk,
        },
    )
    assert client_as(editor_user).get(url).status_code == 404
    assert not Cooperation.objects.exists()


def test_office_overview_gap_list_and_filters(client_as, staff_user, town, rooms):
    lonely = NeedFactory(
        organisation=OrganisationFactory(slug="einsam"),
        category=term(Category, "equipment"),
        title="Nähmaschinen für Nähkurs",
    )
    overview = matching.office_overview()
    gap_ids = [need.id for need, _best in overview.gaps]
    assert lonely.pk in gap_ids and town["need"].pk not in gap_ids
    only_rooms = matching.office_overview(category=rooms.pk)
    assert {need.id for need, _best in only_rooms.rows} == {town["need"].pk}
    in_nord = matching.office_overview(district=town["nord"].pk)
    assert [need.id for need, _best in in_nord.rows] == [town["need"].pk]
    response = client_as(staff_user).get(
        reverse("network:match_office"),
        {"kategorie": "abc", "stadtteil": "999999"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "Nähmaschinen für Nähkurs" in response.content.decode()


def test_api_shows_what_the_caller_may_see(client, client_as, staff_user, town):
    url = reverse("api:network_matches")
    public = client.get(url, {"need": town["need"].pk, "lang": "en"})
    assert public.status_code == 200
    [item] = public.json()
    assert item["need"]["id"] == town["need"].pk
    assert set(item["need"]) >= {"id", "organisation", "description"}
    offers = [offer["id"] for offer in item["offers"]]
    assert town["internal"].pk not in offers and town["own"].pk not in offers
    assert offers[0] == town["fitting"].pk
    assert "offered in Nordviertel, the district you named" in item["offers"][0]["reasons"]
    staff = client_as(staff_user).get(url, {"need": town["need"].pk})
    assert town["internal"].pk in [offer["id"] for offer in staff.json()[0]["offers"]]
    # A need of an internal organisation is not the public's to see.
    internal_need = NeedFactory(organisation=town["internal"].organisation)
    client = client_as(None)
    assert client.get(url, {"need": internal_need.pk}).status_code == 404
    assert client.get(url, {"limit": 0}).status_code == 400


def test_languages_come_as_reasons(town, rooms):
    ti, _created = Language.objects.get_or_create(code="ti", defaults={"name": "Tigrinya"})
    town["need"].languages.add(ti)
    town["fitting"].languages.add(ti)
    [(_need, rows)] = matching.recommendations(scope=matching.PUBLIC, need_id=town["need"].pk)
    from django.utils import translation

    with translation.override("en"):
        [(_need, rows)] = matching.recommendations(scope=matching.PUBLIC, need_id=town["need"].pk)
    assert "speaks Tigrinya" in rows[0].reasons
