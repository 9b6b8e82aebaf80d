"""The profile page's read (``directory.profile``): who sees what, in which order, in how many
queries, with the managed lists from the in-process catalogue."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils import timezone

from tests.directory.factories_public import directory_world
from tests.factories import ContactPersonFactory, DistrictFactory, NeedFactory, OfferFactory
from vernetzt.directory import selectors
from vernetzt.directory.models import Language, Visibility

pytestmark = pytest.mark.django_db


def profile_of(slug, user=None):
    return selectors.organisation_profile(user=user or AnonymousUser(), slug=slug)


def test_the_public_profile_carries_every_list_in_the_lists_own_order():
    world = directory_world()
    profile = profile_of("frauentreff-nord")
    assert profile.type == world["public"].type
    assert [term.slug for term in profile.field_list] == [
        term.slug for term in world["public"].fields.all()
    ]
    assert [language.code for language in profile.language_list] == [
        language.code for language in Language.objects.filter(organisation=world["public"])
    ]
    assert [district.slug for district in profile.district_list] == ["nord"]
    assert [community.slug for community in profile.community_list] == ["arabic"]
    assert [offer.title for offer in profile.visible_offers] == ["Dolmetschen Arabisch"]
    assert all(need.is_current for need in profile.visible_needs)
    assert profile.get_deferred_fields() == {"search_document"}  # the page never shows it


def test_staff_see_hidden_organisations_internal_contacts_and_past_items(staff_user):
    world = directory_world()
    assert profile_of("intern", staff_user).name == "Interner Arbeitskreis"
    assert profile_of("abgelehnt", staff_user).name == "Abgelehnter Verein"
    profile = profile_of("frauentreff-nord", staff_user)
    assert [contact.name for contact in profile.visible_contacts] == [
        "Interne Person", "Öffentliche Person"
    ]
    past = next(need for need in profile.visible_needs if need.title == "Abgelaufener Bedarf")
    assert past.is_current is False
    assert profile.sees_internal
    assert world["public"].pk == profile.pk


def test_a_hidden_organisation_stays_hidden_from_the_public_and_from_participants(
    participant_user,
):
    directory_world()
    for slug in ("intern", "vorgeschlagen", "archiviert", "abgelehnt", "gibt-es-nicht"):
        for user in (AnonymousUser(), participant_user):
            with pytest.raises(Http404):
                profile_of(slug, user)


def test_needs_offers_and_contacts_carry_their_terms():
    world = directory_world()
    north, east = DistrictFactory(slug="ost", name="Ost"), world["public"].districts.get()
    need = NeedFactory(organisation=world["lernhaus"], title="Dolmetscher gesucht")
    need.languages.set(Language.objects.filter(code__in=["ar", "uk"]))
    need.districts.set([north, east])
    offer = OfferFactory(organisation=world["lernhaus"], title="Räume im Osten")
    offer.districts.set([north])
    contact = ContactPersonFactory(
        name="Ada", visibility=Visibility.PUBLIC, organisations=[world["lernhaus"]]
    )
    contact.languages.set(Language.objects.filter(code="tr"))
    profile = profile_of("lernhaus")
    [shown_need] = profile.visible_needs
    assert {language.code for language in shown_need.language_list} == {"ar", "uk"}
    assert {district.slug for district in shown_need.district_list} == {"ost", east.slug}
    assert [district.slug for district in profile.visible_offers[0].district_list] == ["ost"]
    assert profile.visible_offers[0].language_list == []
    assert [language.code for language in profile.visible_contacts[0].language_list] == ["tr"]


def test_a_future_need_is_hidden_from_the_public():
    world = directory_world()
    NeedFactory(
        organisation=world["lernhaus"], title="Ab nächster Woche",
        valid_from=timezone.localdate() + timedelta(days=7),
    )
    assert profile_of("lernhaus").visible_needs == []


def test_the_profile_needs_a_fixed_number_of_queries(django_assert_max_num_queries):
    world = directory_world()
    for number in range(5):
        NeedFactory(organisation=world["public"], title=f"Bedarf {number}")
    profile_of("frauentreff-nord")  # builds the term catalogue
    # organisation, needs, offers, contacts, every link at once, the revision
    with django_assert_max_num_queries(6):
        profile_of("frauentreff-nord")


def test_a_term_renamed_elsewhere_shows_its_new_name_at_once():
    world = directory_world()
    assert "Nord" in [district.name for district in profile_of("frauentreff-nord").district_list]
    north = world["public"].districts.get()
    north.name = "Nordstadt"
    north.save()
    assert [district.name for district in profile_of("frauentreff-nord").district_list] == [
        "Nordstadt"
    ]
