"""Playwright harness: Debian's Chromium against pytest-django's live server.

Chromium comes from the operating system (``playwright install`` cannot download here and CI
installs the Debian package), so every browser test is skipped with a reason where it is missing.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from scripts.chromium import CHROMIUM_ARGS, chromium_path, configured_chromium

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse ORM
# calls from it as "async unsafe".
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE_PATH = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORT = {"width": 1280, "height": 800}
ACTION_TIMEOUT_MS = 5000  # a local server answers in milliseconds; fail fast, not after 30 s


def pytest_collection_modifyitems(config, items):
    if chromium_path():
        return
    configured = configured_chromium()
    if os.environ.get("VERNETZT_REQUIRE_BROWSER"):
        # CI sets this: the accessibility checks must run before anything lands.
        raise pytest.UsageError(f"Chromium not found at {configured}, but VERNETZT_REQUIRE_BROWSER is set")
    skip = pytest.mark.skip(
        reason=f"Chromium not found at {configured}; install the Debian package 'chromium' "
        "(CI does) or point VERNETZT_CHROMIUM at a Chromium binary"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_context(browser, live_server):
    """``new_context(user=None, language="de")``: a fresh browser profile, optionally logged in."""
    contexts = []

    def make(*, user=None, language="de", viewport=VIEWPORT, **options):
        context = browser.new_context(
            base_url=live_server.url, viewport=viewport, locale=language, **options
        )
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        context.add_cookies([language_cookie(live_server.url, language)])
        if user is not None:
            context.add_cookies([session_cookie(live_server.url, user)])
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page_for(new_context):
    """``page_for(user=None, language="de")``: a page in a fresh context that records CSP errors."""

    def make(**options):
        page = new_context(**options).new_page()
        page.csp_errors = []
        page.on("console", lambda message: record_csp_error(page, message))
        return page

    return make


def record_csp_error(page, message):
    if message.type == "error" and "Content Security Policy" in message.text:
        page.csp_errors.append(message.text)


def language_cookie(url, language):
    return {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": url}


def session_cookie(url, user):
    """Logs in without the login form: a real session, created the way the test client does."""
    client = Client()
    client.force_login(user)
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {"name": settings.SESSION_COOKIE_NAME, "value": value, "url": url}


@pytest.fixture(scope="session")
def axe_source():
    return AXE_PATH.read_text(encoding="utf-8")


@pytest.fixture
def directory_data(db):
    """A small public directory: organisations with facets, needs, offers and a contact."""
    from tests.factories import (
        ContactPersonFactory,
        DistrictFactory,
        NeedFactory,
        OfferFactory,
        OrganisationFactory,
        term,
    )
    from vernetzt.directory.models import FieldOfAction, Organisation
    from vernetzt.directory.search import reindex

    education = term(FieldOfAction, "education", "Bildung")
    women = term(FieldOfAction, "women", "Frauen")
    north = DistrictFactory(slug="nordstadt", name="Nordstadt")
    south = DistrictFactory(slug="suedstadt", name="Südstadt")
    organisations = [
        OrganisationFactory(
            name="Deutsch-Syrischer Kulturverein e.V.",
            slug="dsk",
            fields=[education, women],
            districts=[north],
            # Long addresses: the profile must still fit a 320 px screen.
            website="https://www.deutsch-syrischer-kulturverein-musterstadt.example.org/ueber-uns/",
            public_email="vorstand.deutsch-syrischer-kulturverein@example.org",
        ),
        OrganisationFactory(name="Elternnetzwerk Südstadt", fields=[education], districts=[south]),
        OrganisationFactory(name="Frauencafé International", fields=[women], districts=[north]),
        OrganisationFactory(name="Noch nicht geprüft", status=Organisation.Status.PROPOSED),
    ]
    NeedFactory(organisation=organisations[0])
    OfferFactory(organisation=organisations[0])
    ContactPersonFactory(organisations=[organisations[0]])
    reindex(organisation_ids=[organisation.pk for organisation in organisations])
    return organisations
