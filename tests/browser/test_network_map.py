"""The network map in a real browser: the graph is drawn (WebGL), search focuses an organisation
with its partners, the table alternative, axe on both, no CSP error. Screenshots of both pages
at 1280 and 390 px, German and Arabic, go to VERNETZT_SHOTS (when set) for a human look."""

import importlib
import io
import os
from pathlib import Path

import pytest
from PIL import Image

from tests.browser.axe import axe_violations, describe
from vernetzt.directory.demo.services import seed_town
from vernetzt.network.demo import seed_cooperations

create_default_terms = importlib.import_module(
    "vernetzt.directory.migrations.0002_default_terms"
).create_default_terms

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SHOTS = os.environ.get("VERNETZT_SHOTS", "")
PHONE = {"width": 390, "height": 844}
DRAWN_TIMEOUT_MS = 20_000


@pytest.fixture
def demo_network(db):
    # A transactional test may find the managed lists flushed by an earlier one: restore them
    # as the data migration creates them.
    from django.apps import apps
    from django.db import connection

    create_default_terms(apps, connection.schema_editor())
    seed_town(seed=3, organisations=90, password="irrelevant-demo-password")
    seed_cooperations(seed=3, count=180)


def shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True, timeout=30_000)


def colours_in(png):
    image = Image.open(io.BytesIO(png)).convert("RGB").resize((120, 80))
    return len(image.getcolors(maxcolors=120 * 80))


def open_map(page):
    page.goto("/netzwerk/karte/", timeout=30_000)
    page.wait_for_selector("#network-map[data-drawn='true']", timeout=DRAWN_TIMEOUT_MS)


def test_the_graph_is_drawn_and_search_focuses_an_organisation(page_for, demo_network, axe_source):
    page = page_for(language="de")
    open_map(page)
    nodes = page.evaluate("window.vernetztNetworkMap.graph.order")
    edges = page.evaluate("window.vernetztNetworkMap.graph.size")
    assert nodes > 50 and edges > 20
    # something is painted on the WebGL canvases, not a blank box
    assert colours_in(page.locator("#network-map").screenshot()) > 10
    assert str(nodes) in page.locator("#network-map-status").inner_text()
    shot(page, "map-de-1280")

    search = page.locator("#network-map-search")
    search.fill("Integrationszentrum")
    result = page.locator("#network-map-results button").first
    name = result.inner_text()
    result.click()
    panel = page.locator("#network-map-focus")
    assert panel.is_visible()
    assert page.locator("#network-map-focus-name").inner_text() == name
    assert page.evaluate("document.activeElement.id") == "network-map-focus"
    partners = page.locator("#network-map-focus-partners li")
    assert partners.count() > 3  # the KI is a hub
    focused = page.get_attribute("#network-map", "data-focused")
    assert focused
    href = page.get_attribute("#network-map-focus-profile", "href")
    assert href.startswith("/verzeichnis/")
    page.wait_for_timeout(600)  # the camera's animation
    shot(page, "map-de-1280-focused")
    # a partner in the list moves the focus on
    partners.first.locator("button").click()
    assert page.get_attribute("#network-map", "data-focused") != focused
    page.locator("#network-map-focus-clear").click()
    assert panel.is_hidden()

    violations = axe_violations(page, axe_source)
    assert not violations, describe(violations)
    page.goto(href)
    assert page.locator("h1").first.inner_text().strip()
    assert page.csp_errors == []


def test_a_filtered_map_and_the_date(page_for, demo_network):
    page = page_for(language="de")
    page.goto("/netzwerk/karte/", timeout=30_000)
    page.select_option("#network-filter-kind", "lasting")
    page.fill("#network-filter-as-of", "2021-06-30")
    page.locator(".network-filters button[type=submit]").click()
    page.wait_for_selector("#network-map[data-drawn='true']", timeout=DRAWN_TIMEOUT_MS)
    assert "kind=lasting" in page.url and "as_of=2021-06-30" in page.url
    all_edges = page.evaluate("window.vernetztNetworkMap.graph.size")
    open_map(page)
    assert page.evaluate("window.vernetztNetworkMap.graph.size") > all_edges


@pytest.mark.parametrize("language", ["de", "ar"])
def test_map_and_table_pass_axe_on_a_phone_and_a_laptop(
    page_for, demo_network, axe_source, language
):
    for viewport, label in ((None, "1280"), (PHONE, "390")):
        options = {"language": language}
        if viewport:
            options["viewport"] = viewport
        page = page_for(**options)
        open_map(page)
        shot(page, f"map-{language}-{label}")
        violations = axe_violations(page, axe_source)
        assert not violations, describe(violations)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= page.viewport_size["width"] + 1  # no sideways scrolling
        page.goto("/netzwerk/karte/tabelle/?sort=ties", timeout=30_000)
        shot(page, f"table-{language}-{label}")
        violations = axe_violations(page, axe_source)
        assert not violations, describe(violations)
        assert page.csp_errors == []


def test_the_table_works_with_the_keyboard(page_for, demo_network):
    page = page_for(language="de")
    page.goto("/netzwerk/karte/", timeout=30_000)
    link = page.locator("a[href^='/netzwerk/karte/tabelle/']").first
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/netzwerk/karte/tabelle/**")
    assert page.locator("table caption").count() == 2
    page.locator("#network-filter-q").focus()
    page.keyboard.type("Integrationszentrum")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=Integrationszentrum**")
    rows = page.locator("table").first.locator("tbody tr")
    assert rows.count() >= 1
    assert "Integrationszentrum" in rows.first.inner_text()
