"""The directory list page: visibility per role, search, facets, htmx, pagination, queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import ngettext

from tests.directory.factories_public import (
    HIDDEN_NAMES,
    PUBLIC_NAMES,
    IndexedOrganisationFactory,
    community,
    directory_world,
    field,
    language,
)
from tests.factories import ContactPersonFactory, DistrictFactory, NeedFactory, OfferFactory
from vernetzt.directory.models import Organisation

pytestmark = pytest.mark.django_db
LIST_URL = reverse("directory:organisation_list")


def names(response):
    return {organisation.name for organisation in response.context["page"].object_list}


def facet(response, param):
    facets = {facet.param: facet for facet in response.context["facets"]}
    return {option.key: option.count for option in facets[param].options} if param in facets else {}


def test_public_sees_only_verified_public_organisations(client):
    directory_world()
    response = client.get(LIST_URL)
    assert response.status_code == 200
    assert names(response) == PUBLIC_NAMES
    for hidden in HIDDEN_NAMES:
        assert hidden not in response.content.decode()


def test_participant_sees_what_the_public_sees(client_as, participant_user):
    directory_world()
    assert names(client_as(participant_user).get(LIST_URL)) == PUBLIC_NAMES


def test_editor_also_sees_their_own_organisation(client_as, editor_user):
    directory_world(editor=editor_user)
    response = client_as(editor_user).get(LIST_URL)
    assert names(response) == PUBLIC_NAMES | {"Vorgeschlagener Verein"}


@pytest.mark.parametrize("user_fixture", ["council_user", "staff_user"])
def test_council_and_staff_see_internal_organisations(client_as, request, user_fixture):
    directory_world()
    response = client_as(request.getfixturevalue(user_fixture)).get(LIST_URL)
    assert names(response) == PUBLIC_NAMES | {"Interner Arbeitskreis"}


def test_staff_can_ask_for_other_statuses(client_as, staff_user):
    directory_world()
    client = client_as(staff_user)
    response = client.get(LIST_URL, {"status": ["proposed", "archived"]})
    assert names(response) == {"Vorgeschlagener Verein", "Archivierter Verein"}
    assert facet(response, "status") == {"proposed": 1, "verified": 3, "rejected": 1, "archived": 1}


def test_the_public_cannot_ask_for_other_statuses(client):
    directory_world()
    response = client.get(LIST_URL, {"status": ["proposed", "archived"]})
    assert names(response) == PUBLIC_NAMES
    assert "status" not in {facet.param for facet in response.context["facets"]}


def test_search_text_filters_and_is_kept_in_the_form(client):
    directory_world()
    response = client.get(LIST_URL, {"q": "Sprachkurs"})
    assert names(response) == {"Frauentreff Nord"}
    assert 'value="Sprachkurs"' in response.content.decode()


def test_facets_filter_and_count(client):
    directory_world()
    response = client.get(LIST_URL, {"field": "women"})
    assert names(response) == {"Frauentreff Nord"}
    # The field facet counts as if no field were chosen: choosing another one adds results.
    assert facet(response, "field") == {"language": 1, "education": 1, "women": 1}
    assert facet(response, "district") == {"nord": 1}
    assert facet(response, "language") == {"ar": 1, "de": 1}
    assert facet(response, "community") == {"arabic": 1}
    assert facet(response, "type") == {"mso": 1}


def test_several_choices_in_one_facet_are_alternatives(client):
    directory_world()
    response = client.get(LIST_URL, {"district": ["nord", "sued"]})
    assert names(response) == PUBLIC_NAMES


def test_choices_in_different_facets_must_all_hold(client):
    directory_world()
    assert names(client.get(LIST_URL, {"district": "sued", "field": "women"})) == set()


def test_need_and_offer_facets_count_only_current_items(client):
    directory_world()
    response = client.get(LIST_URL)
    assert facet(response, "need") == {"rooms": 1}  # the expired funding need does not count
    assert facet(response, "offer") == {"interpreting": 1}
    assert names(client.get(LIST_URL, {"need": "funding"})) == set()
    assert names(client.get(LIST_URL, {"need": "rooms"})) == {"Frauentreff Nord"}
    assert names(client.get(LIST_URL, {"offer": "interpreting"})) == {"Frauentreff Nord"}


def test_language_and_community_filters(client):
    directory_world()
    assert names(client.get(LIST_URL, {"language": "ar"})) == {"Frauentreff Nord"}
    assert names(client.get(LIST_URL, {"community": "arabic"})) == {"Frauentreff Nord"}


def test_facets_never_count_hidden_organisations(client):
    directory_world()
    response = client.get(LIST_URL)
    assert facet(response, "field")["women"] == 1  # not 2: "Interner Arbeitskreis" is internal


def test_unknown_filter_values_give_an_empty_result_not_an_error(client):
    directory_world()
    response = client.get(LIST_URL, {"field": "gibt-es-nicht", "page": "abc"})
    assert response.status_code == 200
    assert names(response) == set()
    # A chosen but unknown key is still listed, so the user can remove it.
    assert any("gibt-es-nicht" in item["label"] for item in response.context["active_filters"])
    assert 'value="gibt-es-nicht" id="facet-field-gibt-es-nicht" checked' in (
        response.content.decode()
    )


def test_active_filters_can_be_removed_one_by_one(client):
    directory_world()
    response = client.get(LIST_URL, {"q": "Frauen", "field": "women", "district": "nord"})
    removal = {item["label"]: item["query"] for item in response.context["active_filters"]}
    assert len(removal) == 3
    field_label = next(label for label in removal if "women" not in label and "Frauen" in label)
    assert field_label  # the search text
    without_field = next(query for label, query in removal.items() if "Nord" in label)
    assert "district" not in without_field and "field=women" in without_field
    assert f'href="?{without_field}"'.replace("&", "&amp;") in response.content.decode()


def test_pagination_keeps_the_filters(client, settings):
    settings.DIRECTORY_PAGE_SIZE = 2
    for number in range(5):
        IndexedOrganisationFactory(name=f"Chor {number}", description="Chor")
    response = client.get(LIST_URL, {"q": "Chor"})
    assert len(response.context["page"].object_list) == 2
    assert response.context["page"].paginator.count == 5
    assert "?q=Chor&amp;page=2" in response.content.decode()
    assert len(client.get(LIST_URL, {"q": "Chor", "page": 3}).context["page"].object_list) == 1


def test_page_shows_cards_count_and_export_links(client):
    directory_world()
    content = client.get(LIST_URL, {"field": "women"}).content.decode()
    assert ngettext("%(counter)s organisation found", "%(counter)s organisations found", 1) % {
        "counter": 1
    } in content
    assert 'role="status"' in content
    assert content.count("<h1") == 1
    assert reverse("directory:organisation_detail", kwargs={"slug": "frauentreff-nord"}) in content
    assert "Nord" in content and "Frauen" in content  # district and field tags
    assert reverse("directory:organisation_export", kwargs={"fmt": "csv"}) + "?field=women" in content
    assert reverse("directory:organisation_export", kwargs={"fmt": "xlsx"}) + "?field=women" in content


def test_form_works_without_javascript_and_with_htmx(client):
    content = client.get(LIST_URL).content.decode()
    assert 'method="get"' in content and 'type="submit"' in content
    assert 'hx-get="/verzeichnis/"' in content
    assert 'hx-target="#directory-results"' in content
    assert 'hx-push-url="true"' in content


def test_htmx_request_gets_only_the_results_and_out_of_band_updates(client):
    directory_world()
    response = client.get(LIST_URL, {"field": "women"}, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert "<html" not in content
    assert 'id="directory-facets" hx-swap-oob="true"' in content
    assert 'id="directory-count" hx-swap-oob="innerHTML"' in content
    assert "Frauentreff Nord" in content and "Lernhaus" not in content.split("directory-facets")[0]
    assert "HX-Request" in response["Vary"]


def test_no_inline_scripts_or_styles(client):
    directory_world()
    content = client.get(LIST_URL).content.decode()
    assert "<script>" not in content and "style=" not in content and "<style" not in content


def _crowded_directory(count):
    districts = [DistrictFactory() for _ in range(3)]
    for number in range(count):
        organisation = IndexedOrganisationFactory(
            name=f"Verein {number:03} {count}",
            fields=[field("women"), field("culture")],
            districts=districts,
            communities=[community("arabic")],
            languages=[language("ar"), language("tr")],
        )
        NeedFactory(organisation=organisation)
        OfferFactory(organisation=organisation)
        ContactPersonFactory(organisations=[organisation])


def _count_queries(client, params):
    with CaptureQueriesContext(connection) as context:
        response = client.get(LIST_URL, params)
    assert response.status_code == 200
    return len(context.captured_queries), response


def test_list_queries_do_not_grow_with_the_organisations(
    client_as, staff_user, settings, django_assert_max_num_queries
):
    settings.DIRECTORY_PAGE_SIZE = 50
    client = client_as(staff_user)
    params = {"q": "Verein", "field": "women"}
    _crowded_directory(5)
    few, response = _count_queries(client, params)
    assert len(response.context["page"].object_list) == 5
    _crowded_directory(45)
    # Staff get one facet more (status); the session is saved on every request; the text is
    # matched once; each facet counts in one grouped query and reads its terms in one.
    with django_assert_max_num_queries(26):
        response = client.get(LIST_URL, params)
    assert len(response.context["page"].object_list) == 50
    many, _response = _count_queries(client, params)
    assert many == few


def test_list_queries_for_the_public(client, django_assert_max_num_queries):
    _crowded_directory(20)
    # Seven facets, each counted in one grouped query and its terms read in one.
    with django_assert_max_num_queries(20):
        response = client.get(LIST_URL)
    assert response.context["page"].paginator.count == 20
    assert Organisation.objects.count() == 20
