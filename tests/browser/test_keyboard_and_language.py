"""Keyboard-only use and switching the language, as a visitor does it."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def focused_element(page):
    return page.evaluate(
        "({id: document.activeElement.id, className: document.activeElement.className})"
    )


@pytest.mark.parametrize("path", ["/", "/verzeichnis/", "/konto/anmelden/"])
def test_the_first_tab_reaches_the_skip_link_which_moves_focus_to_main(page_for, path):
    page = page_for()
    page.goto(path)

    page.keyboard.press("Tab")
    assert focused_element(page)["className"] == "skip-link"
    assert page.locator(".skip-link").is_visible(), "the focused skip link must become visible"

    page.keyboard.press("Enter")
    assert focused_element(page)["id"] == "main"
    assert page.url.endswith("#main")


def test_switching_to_arabic_sets_language_and_direction(page_for):
    page = page_for(language="de")
    page.goto("/verzeichnis/")
    assert page.locator("html").get_attribute("dir") == "ltr"

    page.locator("#language-select").select_option("ar")
    with page.expect_navigation():
        page.locator(".language-switch button[type=submit]").click()

    html = page.locator("html")
    assert html.get_attribute("lang") == "ar"
    assert html.get_attribute("dir") == "rtl"
    assert page.url.endswith("/verzeichnis/"), "the switch should return to the same page"
    assert page.csp_errors == []


def test_the_language_switch_works_by_keyboard_alone(page_for):
    page = page_for(language="de")
    page.goto("/")
    page.locator("#language-select").focus()

    page.keyboard.press("End")  # the last language in the list: Русский
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.locator("html").get_attribute("lang") == "ru"
