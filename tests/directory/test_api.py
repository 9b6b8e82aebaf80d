"""The public JSON API, checked against its own OpenAPI document."""

import functools

import jsonschema_rs
import pytest
from django.urls import reverse

from tests.directory.factories_public import (
    HIDDEN_NAMES,
    PUBLIC_NAMES,
    IndexedOrganisationFactory,
    directory_world,
)
from tests.directory.test_api_properties import OPERATIONS
from vernetzt.core.api import platform_api
from vernetzt.directory.selectors import FACETS
from vernetzt.directory.taxonomy_seed import TRANSLATIONS

pytestmark = pytest.mark.django_db

LIST_URL = reverse("api:directory_organisations")
TAXONOMIES_URL = reverse("api:directory_taxonomies")
OPENAPI_URL = reverse("api:openapi-json")


def detail_url(slug):
    return reverse("api:directory_organisation", kwargs={"slug": slug})


@functools.cache
def components():
    return platform_api().get_openapi_schema()["components"]


def schema_errors(value, schema_name):
    """Every way ``value`` differs from the generated document's schema ``schema_name``."""
    schema = {"$ref": f"#/components/schemas/{schema_name}", "components": components()}
    validator = jsonschema_rs.Draft202012Validator(schema, validate_formats=True)
    return [f"{error.instance_path}: {error.message}" for error in validator.iter_errors(value)]


def assert_matches(value, schema_name):
    errors = schema_errors(value, schema_name)
    assert not errors, "\n".join(errors)


def test_the_checker_notices_missing_and_extra_fields():
    term = {"key": "a", "name": "A"}
    assert schema_errors(term, "Term") == []
    assert schema_errors({"key": "a"}, "Term")
    assert schema_errors({**term, "x": 1}, "Term")
    assert schema_errors({"key": 1, "name": "A"}, "Term")


def test_every_object_schema_requires_all_its_properties():
    # Then "validates" means: the API returns every field of the schema and no other.
    for name, schema in components()["schemas"].items():
        # ``…Query`` schemas describe query parameters (optional by nature), not objects.
        if "properties" in schema and not name.endswith("Query"):
            assert set(schema["required"]) == set(schema["properties"]), name
            assert schema["additionalProperties"] is False, name


def test_list_shows_only_public_organisations_and_matches_the_schema(client):
    directory_world()
    response = client.get(LIST_URL)
    assert response.status_code == 200
    data = response.json()
    assert_matches(data, "OrganisationPage")
    assert {item["name"] for item in data["results"]} == PUBLIC_NAMES
    assert data["count"] == 2 and data["next"] is None and data["previous"] is None
    assert not set(response.content.decode().split('"')) & HIDDEN_NAMES


@pytest.mark.parametrize("user_fixture", ["staff_user", "council_user", "editor_user"])
def test_api_shows_the_public_view_whoever_asks(client_as, request, user_fixture):
    user = request.getfixturevalue(user_fixture)
    directory_world(editor=user if user_fixture == "editor_user" else None)
    data = client_as(user).get(LIST_URL, {"status": "proposed"}).json()
    # Not the internal, proposed (even the editor's own) or other hidden ones.
    assert {item["name"] for item in data["results"]} == PUBLIC_NAMES


def test_list_takes_the_same_search_and_filters_as_the_page(client):
    directory_world()
    data = client.get(LIST_URL, {"q": "Sprachkurse", "language": "ar"}).json()
    assert [item["slug"] for item in data["results"]] == ["frauentreff-nord"]
    data = client.get(LIST_URL, {"district": ["nord", "sued"]}).json()
    assert data["count"] == 2
    assert client.get(LIST_URL, {"need": "funding"}).json()["count"] == 0  # expired need


def test_list_pagination(client):
    for number in range(5):
        IndexedOrganisationFactory(name=f"Verein {number}")
    first = client.get(LIST_URL, {"page_size": 2, "q": "Verein"}).json()
    assert first["count"] == 5 and len(first["results"]) == 2
    assert first["previous"] is None
    assert first["next"].startswith("http://testserver/api/v1/organisations/?")
    assert "page_size=2" in first["next"] and "q=Verein" in first["next"]
    assert "page=2" in first["next"]
    last = client.get(LIST_URL, {"page_size": 2, "q": "Verein", "page": 3}).json()
    assert len(last["results"]) == 1 and last["next"] is None and "page=2" in last["previous"]
    assert_matches(last, "OrganisationPage")


@pytest.mark.parametrize(
    "params", [{"page_size": 101}, {"page_size": 0}, {"page": "x"}, {"page": "-1"}]
)
def test_invalid_paging_is_a_clear_error(client, params):
    response = client.get(LIST_URL, params)
    assert response.status_code == 400
    assert_matches(response.json(), "Error")
    assert response.json()["error"]


@pytest.mark.parametrize(
    "params",
    [
        {"page": "²"},
        {"page_size": "²"},
        {"page": "٣"},  # an Arabic-Indic digit: isdigit() says yes, the API says no
        {"page": "9" * 5000},
        {"page_size": "9" * 5000},
        {"page": "1.5"},
        {"page": "1e3"},
    ],
)
def test_odd_numbers_are_a_client_error_not_a_crash(client, params):
    response = client.get(LIST_URL, params)
    assert response.status_code in {400, 404}
    assert_matches(response.json(), "Error")


def test_the_error_names_the_parameter_in_the_callers_language(client):
    response = client.get(LIST_URL, {"page_size": 101}, headers={"Accept-Language": "de"})
    assert response.status_code == 400
    assert "page_size" in response.json()["error"]


def test_page_beyond_the_last_is_not_found(client):
    response = client.get(LIST_URL, {"page": 5})
    assert response.status_code == 404
    assert_matches(response.json(), "Error")


def test_page_size_of_one_hundred_is_allowed(client):
    assert client.get(LIST_URL, {"page_size": 100}).status_code == 200


def test_detail_matches_the_schema_and_hides_internal_data(client):
    directory_world()
    url = detail_url("frauentreff-nord")
    response = client.get(url)
    assert response.status_code == 200
    data = response.json()
    assert_matches(data, "Organisation")
    assert data["coordinates"] == {"latitude": 52.5, "longitude": 13.4}
    assert [need["title"] for need in data["needs"]] == ["Raum für Abendtreffen"]
    assert [offer["title"] for offer in data["offers"]] == ["Dolmetschen Arabisch"]
    assert data["legal_form"]["key"] == "ev"
    content = response.content.decode()
    for secret in ["Interne Person", "intern@example.org", "Öffentliche Person", "Abgelaufener"]:
        assert secret not in content


def test_detail_with_empty_optional_fields_matches_the_schema(client):
    IndexedOrganisationFactory(slug="karg")
    data = client.get(detail_url("karg")).json()
    assert_matches(data, "Organisation")
    assert data["coordinates"] is None and data["legal_form"] is None


@pytest.mark.parametrize("slug", ["intern", "vorgeschlagen", "archiviert", "abgelehnt", "nix"])
def test_hidden_organisations_are_not_in_the_api(client_as, staff_user, slug):
    directory_world()
    response = client_as(staff_user).get(detail_url(slug))
    assert response.status_code == 404
    assert_matches(response.json(), "Error")


def test_taxonomies(client):
    data = client.get(TAXONOMIES_URL).json()
    assert_matches(data, "Taxonomies")
    women = field_of_action(data, "women")
    assert women["name"] == "Frauen"
    assert women["translations"]["en"] == "Women"
    assert women["translations"]["ar"] == women_in_arabic()
    assert any(language["key"] == "ar" for language in data["languages"])
    assert data["categories"] and data["types"] and data["communities"]


def test_names_follow_the_requested_language(client):
    english = client.get(TAXONOMIES_URL, headers={"Accept-Language": "en"}).json()
    assert field_of_action(english, "women")["name"] == "Women"
    arabic = client.get(TAXONOMIES_URL, headers={"Accept-Language": "ar"}).json()
    assert field_of_action(arabic, "women")["name"] == women_in_arabic()


def field_of_action(data, key):
    return next(term for term in data["fields_of_action"] if term["key"] == key)


def women_in_arabic():
    return TRANSLATIONS["field_of_action"]["women"]["ar"]


def test_openapi_document_describes_exactly_the_api_urls(client):
    data = client.get(OPENAPI_URL).json()
    assert data["openapi"].startswith("3.1")
    directory_paths = {
        LIST_URL,
        detail_url("SLUG").replace("SLUG", "{slug}"),
        TAXONOMIES_URL,
    }
    # The document describes the whole platform's API: the directory's paths and those of
    # the other apps, each of which the property test sends generated requests to.
    assert directory_paths <= set(data["paths"])
    assert set(data["paths"]) == {path for path, _method in OPERATIONS}
    refs = set()

    def collect(node):
        if isinstance(node, dict):
            if "$ref" in node:
                refs.add(node["$ref"].rsplit("/", 1)[-1])
            for child in node.values():
                collect(child)
        elif isinstance(node, list):
            for child in node:
                collect(child)

    collect(data)
    assert refs <= set(data["components"]["schemas"])


def test_list_parameters_are_documented(client):
    data = client.get(OPENAPI_URL).json()
    parameters = data["paths"]["/api/v1/organisations/"]["get"]["parameters"]
    assert {parameter["name"] for parameter in parameters} == {
        "q", "page", "page_size", *(facet.param for facet in FACETS)
    }


@pytest.mark.parametrize(
    "url",
    [
        LIST_URL,
        TAXONOMIES_URL,
        OPENAPI_URL,
        detail_url("nix"),
    ],
)
def test_api_is_open_to_every_origin(client, url):
    response = client.get(url, headers={"Origin": "https://example.org"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"] == "application/json"


def test_api_is_read_only(client):
    response = client.post(LIST_URL)
    assert response.status_code in {403, 405}


def test_html_pages_get_no_cors_header(client):
    assert "Access-Control-Allow-Origin" not in client.get(reverse("directory:api_docs"))


def test_docs_page_explains_the_api(client):
    response = client.get(reverse("directory:api_docs"))
    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("<h1") == 1
    assert "http://testserver/api/v1/organisations/?offer=interpreting" in content
    assert OPENAPI_URL in content
    assert "<caption" in content and "<th scope=" in content


def test_list_queries_are_bounded(client, django_assert_max_num_queries):
    for number in range(30):
        IndexedOrganisationFactory(name=f"Verein {number}")
    with django_assert_max_num_queries(7):
        data = client.get(LIST_URL, {"page_size": 30}).json()
    assert len(data["results"]) == 30
