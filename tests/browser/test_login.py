"""Logging in and out through the real forms (the other browser tests use a session cookie)."""

import pytest

from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"  # what UserFactory sets


def test_logging_in_and_out_with_the_forms(page_for):
    UserFactory(username="amira")
    page = page_for()
    page.goto("/konto/anmelden/?next=/konto/profil/")

    page.get_by_label("Benutzername").fill("amira")
    page.get_by_label("Passwort").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()

    assert page.url.endswith("/konto/profil/")
    assert page.locator(".logout-form a").inner_text() == "amira"

    with page.expect_navigation():
        page.locator(".logout-form button[type=submit]").click()

    assert page.locator(".logout-form").count() == 0
    assert page.locator("header a[href^='/konto/anmelden/']").is_visible()
    assert page.csp_errors == []
