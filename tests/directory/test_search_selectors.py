"""Selectors behind the directory: visibility per role, filters from a query string, facets."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import Http404, QueryDict
from django.test.utils import CaptureQueriesContext

from tests.directory.factories_public import (
    PUBLIC_NAMES,
    IndexedOrganisationFactory,
    community,
    directory_world,
    field,
)
from tests.factories import DistrictFactory
from vernetzt.directory import search, selectors
from vernetzt.directory.models import Organisation

pytestmark = pytest.mark.django_db


def names(queryset):
    return set(queryset.values_list("name", flat=True))


def test_public_organisations_per_role(staff_user, council_user, editor_user, participant_user):
    directory_world(editor=editor_user)
    assert names(selectors.public_organisations(user=AnonymousUser())) == PUBLIC_NAMES
    assert names(selectors.public_organisations(user=None)) == PUBLIC_NAMES
    assert names(selectors.public_organisations(user=participant_user)) == PUBLIC_NAMES
    assert names(selectors.public_organisations(user=editor_user)) == PUBLIC_NAMES | {
        "Vorgeschlagener Verein"
    }
    for privileged in (staff_user, council_user):
        assert names(selectors.public_organisations(user=privileged)) == PUBLIC_NAMES | {
            "Interner Arbeitskreis"
        }
    assert names(
        selectors.public_organisations(user=staff_user, statuses=["rejected"])
    ) == {"Abgelehnter Verein"}


def test_an_inactive_staff_account_sees_only_public_organisations(staff_user):
    directory_world()
    staff_user.is_active = False
    assert names(selectors.public_organisations(user=staff_user)) == PUBLIC_NAMES


def test_filters_from_a_query_string():
    params = QueryDict(
        "q=+Frauen++&field=women&field=women&field=&district=nord&status=proposed&page=2&x=1"
    )
    filters = selectors.DirectoryFilters.from_params(params)
    assert filters.query == "Frauen"
    assert filters.selected == {"field": ("women",), "district": ("nord",)}
    assert filters.to_params() == [("q", "Frauen"), ("field", "women"), ("district", "nord")]
    with_status = selectors.DirectoryFilters.from_params(params, allow_status=True)
    assert with_status.keys("status") == ("proposed",)


def test_filters_are_bounded():
    params = QueryDict(mutable=True)
    params["q"] = "a" * 1000
    params.setlist("field", [f"f{number}" for number in range(500)])
    filters = selectors.DirectoryFilters.from_params(params)
    assert len(filters.query) == selectors.MAX_QUERY_LENGTH
    assert len(filters.keys("field")) == selectors.MAX_VALUES_PER_FILTER


def test_facet_queries_do_not_depend_on_the_number_of_results():
    def facet_queries():
        result = selectors.search_organisations(
            user=None, query="Verein", filters=selectors.DirectoryFilters()
        )
        with CaptureQueriesContext(connection) as context:
            facets = result.facets
        return len(context.captured_queries), facets

    districts = [DistrictFactory(), DistrictFactory()]
    IndexedOrganisationFactory(
        name="Verein A", districts=districts, fields=[field("culture")],
        communities=[community("syrian")],
    )
    few, _facets = facet_queries()
    for number in range(25):
        IndexedOrganisationFactory(
            name=f"Verein {number}", districts=districts, fields=[field("sport")],
            communities=[community("kurdish")],
        )
    many, facets = facet_queries()
    # The text is matched once; each facet counts in one grouped query and reads its terms in
    # one, however many organisations match.
    assert few == many <= 16
    counts = {facet.param: {o.key: o.count for o in facet.options} for facet in facets}
    assert counts["field"] == {"culture": 1, "sport": 25}
    assert counts["community"] == {"kurdish": 25, "syrian": 1}


def test_profile_is_not_found_for_the_public_when_hidden(editor_user):
    world = directory_world(editor=editor_user)
    with pytest.raises(Http404):
        selectors.organisation_profile(user=AnonymousUser(), slug=world["internal"].slug)
    profile = selectors.organisation_profile(user=editor_user, slug="vorgeschlagen")
    assert profile.sees_internal


def test_profile_lists_only_public_contacts_and_current_items_publicly():
    directory_world()
    profile = selectors.organisation_profile(user=AnonymousUser(), slug="frauentreff-nord")
    assert [contact.name for contact in profile.visible_contacts] == ["Öffentliche Person"]
    assert [need.title for need in profile.visible_needs] == ["Raum für Abendtreffen"]
    assert not profile.sees_internal


def test_open_data_profile_ignores_who_asks():
    directory_world()
    assert selectors.open_data_profile(slug="lernhaus").name == "Lernhaus"
    with pytest.raises(Http404):
        selectors.open_data_profile(slug="intern")


def test_search_document_holds_names_of_terms_needs_and_offers():
    world = directory_world()
    document = Organisation.objects.get(pk=world["public"].pk).search_document
    for text in ["Frauentreff Nord", "Frauen", "Sprache", "Nord", "Arabischsprachige Community",
                 "Raum für Abendtreffen", "Dolmetschen Arabisch", "Migrantenselbstorganisation"]:
        assert text in document
    assert search.build_search_document(world["public"]) == document


def test_search_finds_organisations_by_their_terms():
    directory_world()
    found = search.search(Organisation.objects.publicly_visible(), "Arabischsprachige")
    assert names(found) == {"Frauentreff Nord"}
