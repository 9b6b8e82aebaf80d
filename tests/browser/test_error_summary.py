"""After a failed submit the focus is on the error summary, whose links lead into the fields."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["de", "ar"])
def test_focus_moves_to_the_summary_and_its_links_into_the_fields(page_for, language):
    page = page_for(language=language)
    page.set_default_navigation_timeout(30_000)  # a first page load on a busy machine
    page.goto("/verzeichnis/vorschlagen/")
    form = page.locator("main form[method=post]").first
    with page.expect_navigation():
        form.evaluate("form => { form.noValidate = true; form.requestSubmit(); }")

    summary = page.locator("[data-error-summary]")
    assert summary.count() == 1
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    links = summary.locator("a[data-error-link]")
    assert links.count() >= 2, summary.inner_text()
    for index in range(links.count()):  # every link has its field
        target = links.nth(index).get_attribute("href")[1:]
        assert page.locator(f"[id='{target}']").count() == 1, target

    name_link = summary.locator("a[href='#id_name']")
    name_link.click()
    assert page.evaluate("document.activeElement.id") == "id_name"
    assert page.csp_errors == []
