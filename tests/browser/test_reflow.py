"""WCAG 1.4.10 reflow: at 320 CSS pixels wide nothing may need horizontal scrolling."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NARROW = {"width": 320, "height": 640}
PAGES = ["/", "/verzeichnis/", "/verzeichnis/dsk/", "/verzeichnis/vorschlagen/", "/konto/anmelden/"]


@pytest.mark.parametrize("language", ["de", "ar"])
def test_pages_fit_a_narrow_phone_screen(page_for, directory_data, language):
    page = page_for(language=language, viewport=NARROW)
    too_wide = {}
    for path in PAGES:
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > NARROW["width"]:
            too_wide[path] = width

    assert too_wide == {}, f"pages wider than {NARROW['width']} px: {too_wide}"
