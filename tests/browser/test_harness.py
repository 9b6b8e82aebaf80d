"""The harness itself: static files arrive, and axe and the CSP listener do report problems."""

import pytest

from tests.browser.axe import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_stylesheet_and_scripts_are_served(page_for):
    page = page_for()
    page.goto("/")

    # KERN UX's stylesheet (its tokens and its typeface) and our own layer over it
    kern_action_colour = page.evaluate(
        "getComputedStyle(document.documentElement)"
        ".getPropertyValue('--kern-color-action-default').trim()"
    )
    assert kern_action_colour, "vendor/kern/kern.min.css did not load"
    assert "Fira Sans" in page.evaluate("getComputedStyle(document.body).fontFamily")
    border = page.evaluate(
        "getComputedStyle(document.querySelector('.site-header')).borderBottomStyle"
    )
    assert border == "solid"  # from site.css
    assert page.evaluate("typeof window.htmx") == "object"


def test_axe_reports_an_image_without_alternative_text(page_for, axe_source):
    page = page_for()
    page.goto("/")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"data:,\">')"
    )

    violations = axe_violations(page, axe_source)

    assert "image-alt" in [violation["id"] for violation in violations]


def test_the_csp_listener_reports_a_blocked_resource(page_for):
    page = page_for()
    page.goto("/")

    with page.expect_console_message(lambda message: message.type == "error"):
        page.evaluate(
            "document.body.insertAdjacentHTML('beforeend', "
            '\'<img alt="" src="https://blocked.invalid/pixel.png">\')'
        )

    assert page.csp_errors, "an image from another origin must violate img-src 'self'"
