"""axe-core on the editing and office pages, also after a failed submit (Chromium required).

The browser runs in a thread of its own: Playwright's sync API allows one instance per thread,
and the session-wide browser of tests/browser may already occupy this one.
"""

from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.browser.axe import assert_accessible
from tests.browser.conftest import (
    ACTION_TIMEOUT_MS,
    AXE_PATH,
    CHROMIUM_ARGS,
    VIEWPORT,
    chromium_path,
    language_cookie,
    record_csp_error,
    session_cookie,
)
from tests.factories import (
    ContactPersonFactory,
    NeedFactory,
    OrganisationFactory,
    StaffFactory,
    UserFactory,
)
from vernetzt.directory.models import Organisation

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not chromium_path(), reason="Chromium not found (see tests/browser)"),
]


@pytest.fixture
def office_world(db):
    organisation = OrganisationFactory(name="Deutsch-Syrischer Kulturverein e.V.", slug="dsk")
    NeedFactory(organisation=organisation)
    ContactPersonFactory(organisations=[organisation])
    OrganisationFactory(name="Deutsch Syrischer Kulturverein", slug="neu", status="proposed")
    return organisation


def browse_as(live_server, user, steps):
    """Run ``steps(page, axe_js)`` in a fresh Chromium, logged in as ``user``."""
    cookies = [language_cookie(live_server.url, "de"), session_cookie(live_server.url, user)]
    axe_js = AXE_PATH.read_text(encoding="utf-8")

    def run():
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), args=CHROMIUM_ARGS
            )
            try:
                context = browser.new_context(
                    base_url=live_server.url, viewport=VIEWPORT, locale="de"
                )
                context.set_default_timeout(ACTION_TIMEOUT_MS)
                context.add_cookies(cookies)
                page = context.new_page()
                page.csp_errors = []
                page.on("console", lambda message: record_csp_error(page, message))
                steps(page, axe_js)
            finally:
                browser.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(run).result()


def check(page, axe_js, path):
    response = page.goto(path)
    assert response.status == 200, f"{path} answered {response.status}"
    assert page.locator("h1").count() == 1
    assert_accessible(page, axe_js)
    assert page.csp_errors == [], page.csp_errors


def submit_without_browser_validation(page):
    with page.expect_navigation():
        page.locator("main form[method=post]").first.evaluate(
            "form => { form.noValidate = true; form.requestSubmit(); }"
        )


def test_staff_pages(live_server, office_world):
    need = office_world.needs.get()
    contact = office_world.contacts.get()
    paths = [
        "/verzeichnis/meine/",
        "/verzeichnis/dsk/bearbeiten/",
        f"/verzeichnis/dsk/bedarfe/{need.pk}/",
        f"/verzeichnis/dsk/bedarfe/{need.pk}/loeschen/",
        f"/verzeichnis/dsk/kontakte/{contact.pk}/",
        f"/verzeichnis/dsk/kontakte/{contact.pk}/loeschen/",
        "/verzeichnis/dsk/status/",
        "/verzeichnis/dsk/verlauf/",
        "/buero/pruefen/",
        "/buero/pruefen/neu/",
    ]

    def steps(page, axe_js):
        for path in paths:
            check(page, axe_js, path)

    browse_as(live_server, StaffFactory(username="office"), steps)


def test_forms_after_a_failed_submit(live_server, office_world):
    def steps(page, axe_js):
        for path in ["/verzeichnis/dsk/bedarfe/neu/", "/verzeichnis/dsk/kontakte/neu/"]:
            check(page, axe_js, path)
            submit_without_browser_validation(page)
            assert page.locator("main [aria-invalid=true]").count() >= 1
            assert_accessible(page, axe_js)
        check(page, axe_js, "/buero/pruefen/neu/")
        with page.expect_navigation():
            page.locator("main button[value=reject]").click()
        assert page.locator("main [aria-invalid=true]").count() == 1
        assert_accessible(page, axe_js)

    browse_as(live_server, StaffFactory(username="office"), steps)
    assert Organisation.objects.get(slug="neu").status == Organisation.Status.PROPOSED


def test_an_editor_without_organisations(live_server, db):
    browse_as(
        live_server,
        UserFactory(),
        lambda page, axe_js: check(page, axe_js, "/verzeichnis/meine/"),
    )
