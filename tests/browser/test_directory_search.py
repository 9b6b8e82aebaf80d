"""The directory search: htmx swaps the results in place, and the address follows."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def result_names(page):
    return page.locator("#directory-results .cards h3").all_inner_texts()


def mark_this_document(page):
    """A full page load would drop this marker; an htmx swap keeps it."""
    page.evaluate("window.stillTheSameDocument = true")


# Waiting goes through locators: a string predicate for wait_for_function is evaluated
# with eval() inside the page, which the page's own CSP rightly forbids.
def is_the_same_document(page):
    return page.evaluate("window.stillTheSameDocument === true")


def test_searching_updates_the_results_without_a_page_load(page_for, directory_data):
    page = page_for()
    page.goto("/verzeichnis/")
    assert len(result_names(page)) == 3
    search_field = page.locator("#directory-q").bounding_box()
    assert search_field["y"] + search_field["height"] < page.viewport_size["height"]
    mark_this_document(page)

    page.locator("#directory-q").fill("Frauencafé")
    with page.expect_response(lambda response: "q=Frauenca" in response.url):
        page.locator("#directory-q").press("Enter")

    expect(page.locator("#directory-results .cards h3")).to_have_count(1)
    assert result_names(page) == ["Frauencafé International"]
    assert is_the_same_document(page)
    assert "q=Frauenca" in page.url, "the address should allow bookmarking the search"
    assert page.csp_errors == []


def test_choosing_a_facet_updates_the_results_without_a_page_load(page_for, directory_data):
    page = page_for()
    page.goto("/verzeichnis/")
    mark_this_document(page)

    south = page.get_by_label("Südstadt")
    page.locator("details.facet", has=south).locator("summary").click()
    with page.expect_response(lambda response: "/verzeichnis/?" in response.url):
        south.check()

    expect(page.locator("#directory-results .cards h3")).to_have_count(1)
    assert result_names(page) == ["Elternnetzwerk Südstadt"]
    assert is_the_same_document(page)


def test_the_search_works_without_javascript(page_for, directory_data):
    page = page_for(java_script_enabled=False)
    page.goto("/verzeichnis/")

    page.locator("#directory-q").fill("Frauencafé")
    with page.expect_navigation():
        page.locator("#directory-q").press("Enter")

    assert result_names(page) == ["Frauencafé International"]
