"""The web import in a real browser: axe-core on every step, no CSP errors, htmx progress."""

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_accessible
from tests.directory.factories_import import (
    ImportJobFactory,
    organisation_row,
    seed_terms_of_organisation_row,
    xlsx_bytes,
)
from tests.factories import StaffFactory
from vernetzt.directory.models import ImportJob, Organisation

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def seeded_terms():
    seed_terms_of_organisation_row()


def check(page, axe_source):
    assert_accessible(page, axe_source)
    assert page.csp_errors == [], page.csp_errors
    assert page.locator("h1").count() == 1


@pytest.mark.parametrize("language", ["de", "ar"])
def test_every_step_is_accessible(page_for, axe_source, seeded_terms, tmp_path, language):
    page = page_for(user=StaffFactory(username="office"), language=language)
    page.goto("/buero/import/")
    check(page, axe_source)

    path = tmp_path / "liste.xlsx"
    rows = [organisation_row(1), organisation_row(2, Stadtteil="Irgendwo")]
    path.write_bytes(xlsx_bytes(rows))
    page.locator("#id_file").set_input_files(str(path))
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert "/zuordnung/" in page.url
    check(page, axe_source)

    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator("main table").count() == 1, page.locator("main").inner_text()
    check(page, axe_source)

    confirm = page.locator("main form[action$='/ausfuehren/'] button")
    assert confirm.count() == 1, page.locator("main").inner_text()
    with page.expect_navigation():
        confirm.click()
    assert Organisation.objects.count() == 2
    check(page, axe_source)


def test_upload_errors_are_accessible(page_for, axe_source, tmp_path):
    page = page_for(user=StaffFactory(username="office"), language="de")
    page.goto("/buero/import/")
    path = tmp_path / "liste.ods"
    path.write_bytes(b"x")
    page.locator("#id_file").set_input_files(str(path))
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator("#id_file[aria-invalid=true]").count() == 1
    check(page, axe_source)


def test_progress_is_polled_and_the_report_appears_when_done(page_for, axe_source):
    job = ImportJobFactory(status=ImportJob.Status.VALIDATING, processed=1, total=4)
    page = page_for(user=StaffFactory(username="office"), language="de")
    page.goto(f"/buero/import/{job.pk}/")
    assert page.locator("progress").get_attribute("value") == "1"
    check(page, axe_source)

    ImportJob.objects.filter(pk=job.pk).update(processed=3)
    expect(page.locator("progress")).to_have_attribute("value", "3")
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.VALIDATED,
        report={"rows": 4, "ok": 4, "with_warnings": 0, "rejected": 0},
    )
    page.wait_for_selector("main form[action$='/ausfuehren/']")
    assert page.locator("progress").count() == 0
