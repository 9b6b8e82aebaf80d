"""The public pages on a phone and with long lists: results start near the top, a long list
of choices can be searched, and the page stays a normal form."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def languages(db):
    """The languages a new installation offers (browser tests start from an empty database)."""
    from vernetzt.directory.languages import default_languages
    from vernetzt.directory.models import Language

    Language.objects.bulk_create(
        [Language(code=code, name=name) for code, name in default_languages()],
        ignore_conflicts=True,
    )


def test_on_a_phone_the_results_start_near_the_top(page_for, directory_data):
    page = page_for(viewport=PHONE)
    page.goto("/verzeichnis/")

    assert page.locator("details.filters").get_attribute("open") is None
    first_result = page.locator("#directory-results .cards h3").first.bounding_box()
    # On the first screen, below the header (six public navigation entries in three rows since
    # the network, council and events pages came), the title, the search and the folded
    # filters; a collapsible menu on phones would win back the navigation's rows.
    assert first_result["y"] < PHONE["height"] * 0.8
    page.locator("details.filters > summary").click()
    expect(page.locator("details.facet").first).to_be_visible()


def test_beside_the_results_the_filters_are_unfolded(page_for, directory_data):
    page = page_for()
    page.goto("/verzeichnis/")
    expect(page.locator("details.filters")).to_have_attribute("open", "")


@pytest.mark.parametrize("language", ["de", "ar"])
def test_a_long_list_of_languages_can_be_searched(page_for, languages, language):
    page = page_for(language=language)
    page.goto("/verzeichnis/vorschlagen/")
    options = page.locator("#id_languages_options .kern-form-check")
    total = options.count()
    assert total > 40

    search = page.locator("#id_languages-filter")
    label = "Deutsch" if language == "de" else "الألمانية"
    search.fill(label[:4])
    expect(page.locator("#id_languages_options .kern-form-check:visible")).not_to_have_count(total)
    page.get_by_label(label, exact=True).check()
    search.fill("zzz")
    # a ticked option stays visible whatever the search
    expect(page.locator("#id_languages_options .kern-form-check:visible")).to_have_count(1)
    assert page.url.endswith("/verzeichnis/vorschlagen/"), "typing must not submit the form"
    assert page.csp_errors == []


def test_without_javascript_every_language_shows(page_for, languages):
    page = page_for(java_script_enabled=False)
    page.goto("/verzeichnis/vorschlagen/")
    assert page.locator("#id_languages-filter").count() == 0
    options = page.locator("#id_languages_options .kern-form-check")
    expect(page.locator("#id_languages_options .kern-form-check:visible")).to_have_count(
        options.count()
    )
