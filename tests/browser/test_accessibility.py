"""axe-core (WCAG 2.1 A and AA rules) on the main pages, in German and in Arabic (right to left).

Each test also asserts that the page loaded without a Content Security Policy violation.
"""

from urllib.parse import urlencode

import pytest

from tests.browser.axe import assert_accessible
from tests.factories import StaffFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["de", "ar"]


def open_page(page, path):
    response = page.goto(path)
    assert response.status == 200, f"{path} answered {response.status}"
    return response


def assert_direction(page, language):
    html = page.locator("html")
    assert html.get_attribute("lang") == language
    assert html.get_attribute("dir") == ("rtl" if language == "ar" else "ltr")


def assert_accessible_without_csp_errors(page, axe_source, language):
    assert_direction(page, language)
    assert_accessible(page, axe_source)
    assert page.csp_errors == [], f"CSP violations on {page.url}: {page.csp_errors}"


def submit_without_browser_validation(page, form):
    """The server's error messages are what we test, so the browser's own checks step aside."""
    with page.expect_navigation():
        form.evaluate("form => { form.noValidate = true; form.requestSubmit(); }")


@pytest.mark.parametrize("language", LANGUAGES)
def test_home(page_for, axe_source, language):
    page = page_for(language=language)
    open_page(page, "/")
    assert_accessible_without_csp_errors(page, axe_source, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_directory_with_results_and_active_facets(page_for, axe_source, directory_data, language):
    page = page_for(language=language)
    open_page(page, "/verzeichnis/")
    facets = [page.get_by_label("Bildung"), page.get_by_label("Nordstadt")]
    chosen = [(facet.get_attribute("name"), facet.get_attribute("value")) for facet in facets]
    open_page(page, "/verzeichnis/?" + urlencode([("q", "Sprachkurse"), *chosen]))
    assert page.locator("main input[type=checkbox]:checked").count() == 2
    assert page.locator("main .cards h3").all_inner_texts() == [
        "Deutsch-Syrischer Kulturverein e.V."
    ]
    assert_accessible_without_csp_errors(page, axe_source, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_organisation_profile(page_for, axe_source, directory_data, language):
    page = page_for(language=language)
    open_page(page, "/verzeichnis/dsk/")
    assert "Deutsch-Syrischer Kulturverein e.V." in page.locator("h1").inner_text()
    assert_accessible_without_csp_errors(page, axe_source, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_proposal_form_before_and_after_a_failed_submit(page_for, axe_source, db, language):
    page = page_for(language=language)
    open_page(page, "/verzeichnis/vorschlagen/")
    assert_accessible_without_csp_errors(page, axe_source, language)

    submit_without_browser_validation(page, page.locator("main form[method=post]").first)
    assert page.locator("main [aria-invalid=true]").count() >= 1, "the empty proposal passed"
    assert_accessible_without_csp_errors(page, axe_source, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_login_before_and_after_a_wrong_password(page_for, axe_source, db, language):
    page = page_for(language=language)
    open_page(page, "/konto/anmelden/")
    assert_accessible_without_csp_errors(page, axe_source, language)

    page.locator("#id_username").fill("nobody")
    page.locator("#id_password").fill("wrong password")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator("main .form-errors").count() == 1
    assert_accessible_without_csp_errors(page, axe_source, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_staff_dashboard(page_for, axe_source, directory_data, language):
    page = page_for(user=StaffFactory(username="office"), language=language)
    open_page(page, "/buero/")
    assert_accessible_without_csp_errors(page, axe_source, language)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("path", "logged_in"),
    [
        ("/konto/passwort/vergessen/", False),
        ("/konto/profil/", True),
        ("/konto/passwort/aendern/", True),
    ],
)
def test_account_pages(page_for, axe_source, db, path, logged_in, language):
    page = page_for(user=UserFactory() if logged_in else None, language=language)
    open_page(page, path)
    assert_accessible_without_csp_errors(page, axe_source, language)
