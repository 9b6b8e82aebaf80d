"""axe-core on every page of the platform, for every role that may open it, in German and Arabic.

Nobody lists the pages: they come from the URL resolver and the access matrix
(``tests/core/test_access_matrix.py`` + ``tests/<app>/access_matrix.py``), which every URL must
be in; each URL's arguments point at real objects made by the factories (``build_world``), and
whether a role may open a URL is asked of its access rule. So every page of every coming app is
checked as soon as it has its rule and its matrix row.

A page with a form is checked again after a failed submit: its required fields emptied and the
form sent without the browser's own checks, so the server's error messages are what axe sees.

A URL that answers something other than an HTML page fails the test unless it is listed in
``NOT_PAGES`` with the reason; nothing is skipped silently. One browser serves the whole walk, one
page per role and language, so the walk takes about a minute or two.
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from tests.access import build_world
from tests.browser.axe import axe_violations, describe
from tests.core.test_access_matrix import expected_matrix, guarded_view_names
from vernetzt.core.access import is_allowed
from vernetzt.core.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["de", "ar"]
# The dashboard and the directory take a few seconds on a busy 2-core machine; the harness's
# 5 s are meant for actions, not for whole pages.
NAVIGATION_TIMEOUT_MS = 30_000

# URLs that are not pages a person reads, each with the reason. A view name, or a namespace
# ending in ":" for a whole family (an API). Everything else must answer an HTML page.
NOT_PAGES = {
    "api:": "the public JSON API and its OpenAPI document (tested in tests/directory/test_api.py)",
    "oparl:": "the OParl export, JSON (tested in tests/council/test_oparl_export.py)",
    "directory:organisation_export": "a CSV or XLSX download",
    "directory:import_example": "an example spreadsheet download",
    "directory:import_progress": "an htmx fragment, checked inside the import report page",
    "directory:import_confirm": "POST only: starts the import (tests/browser/test_import_flow.py)",
    "directory:import_decide": "POST only: the report's per-row decisions",
    "directory:import_add_districts": "POST only: adds the report's unknown districts",
    "directory:import_report_file": "the import report as an XLSX download",
    "council:bulk_upload_example": "an example CSV download",
    "council:bulk_upload_confirm": "POST only: writes a checked upload (tests/council/test_bulk_upload.py)",
    "council:treasury_export": "a CSV or XLSX download for the treasury",
    "council:report_download": "the council report as a PDF or XLSX download",
    "council:paper_attachment": "a paper's PDF attachment (tests/council/test_papers_pages.py)",
    "council:progress_evidence": "a progress update's photo or PDF (tests/council/test_measures_pages.py)",
    "council:budget_receipt": "a scanned receipt download for staff",
    "council:paper_follow": "POST only: follow or unfollow a paper (tests/council/test_followers.py)",
    "council:measure_follow": "POST only: follow or unfollow a measure (tests/council/test_followers.py)",
    "council:body_calendar": "a body's meetings as iCal (tests/council/test_bodies_pages.py)",
    "council:meeting_minutes_pdf": "the minutes as a PDF (tests/council/test_meetings_pages.py)",
    "council:attachment_download": "a meeting's PDF attachment (tests/council/test_meetings_pages.py)",
    "council:agenda_item_move": "POST only: moves an agenda item up or down",
    "network:recommendation_dismiss": "POST only: dismisses a partner recommendation (tests/network/test_recommendations.py)",
    "council:action_item_done": "POST only: marks an action item done or open again",
    "core:health": "the JSON health check for monitoring",
    "network:map_data": "the network map's JSON data (tests/network/test_map_data.py; drawn in tests/browser/test_network_map.py)",
    "network:cooperation_activate": "POST only: marks an agreed cooperation active (tests/network/test_cooperation_services.py)",
    "javascript-catalog": "the JavaScript translation catalogue",
    "set_language": "POST only: sets the language cookie and redirects back",
    "accounts:logout": "POST only: ends the session and redirects home",
    "events:event_ical": "an iCalendar download (tests/events/test_pages.py)",
    "events:registration_ical": "an iCalendar download of a person's registration",
    "events:registration_accept": "POST only: accepts an offered place (tests/events/test_pages.py)",
    "events:participants_export": "a CSV or XLSX download of the participants",
    "events:checkin_person": "POST only: checks one person in (htmx), on the check-in page",
    "events:room_delete": "POST only: removes a room, from its edit page",
    "events:slot_delete": "POST only: removes a time slot, from its edit page",
}


def not_a_page(view_name):
    namespace = view_name.split(":")[0] + ":" if ":" in view_name else None
    return NOT_PAGES.get(view_name) or NOT_PAGES.get(namespace)


@dataclass(frozen=True)
class Visit:
    view_name: str
    url: str


def visits_for(user, world):
    """Every page ``user`` may open, from the access matrix and the access rules."""
    visits = []
    for view_name, expect in sorted(expected_matrix().items()):
        if not_a_page(view_name):
            continue
        kwargs = expect.kwargs(world)
        if is_allowed(user or AnonymousUser(), view_name, kwargs):
            visits.append(Visit(view_name, reverse(view_name, kwargs=kwargs)))
    return visits


def test_the_list_of_non_pages_names_existing_urls_only():
    names = guarded_view_names()
    namespaces = {name.split(":")[0] + ":" for name in names if ":" in name}
    stale = [key for key in NOT_PAGES if key not in names and key not in namespaces]
    assert not stale, f"NOT_PAGES names URLs that no longer exist: {stale}"


EMPTY_REQUIRED_FIELDS_AND_SUBMIT = """form => {
    for (const control of form.querySelectorAll('[required]')) {
        if (control.type === 'checkbox' || control.type === 'radio') control.checked = false;
        else if (control.type !== 'file') control.value = '';
    }
    form.noValidate = true;
    form.requestSubmit(form.querySelector('[type=submit]'));
}"""

# Forms a failed submit is tried on: posted forms in the page's content with a required field
# (a form without one, such as a delete confirmation, cannot fail and would change the data).
FAILABLE_FORMS = "main form[method=post i]:has([required])"


def check(page, axe_source, where, failures):
    violations = axe_violations(page, axe_source)
    if violations:
        failures.append(f"{where}:\n{describe(violations)}")
    if page.csp_errors:
        failures.append(f"{where}: CSP violations {page.csp_errors}")
        page.csp_errors.clear()


def walk(page, visit, axe_source, where, failures):
    try:
        response = page.goto(visit.url)
    except PlaywrightError as error:  # e.g. an empty 405 answer: a POST-only URL
        failures.append(f"{where}: {error.message.splitlines()[0]}; if it is not a page, add it to NOT_PAGES")
        return
    content_type = response.headers.get("content-type", "") if response else ""
    if response is None or response.status != 200 or not content_type.startswith("text/html"):
        status = response.status if response else "no response"
        failures.append(
            f"{where}: answered {status} {content_type!r}; a page must answer 200 with HTML, "
            "anything else belongs in NOT_PAGES with its reason"
        )
        return
    check(page, axe_source, where, failures)
    for index in range(page.locator(FAILABLE_FORMS).count()):
        if index:
            page.goto(visit.url)
        form = page.locator(FAILABLE_FORMS).nth(index)
        with page.expect_navigation():
            form.evaluate(EMPTY_REQUIRED_FIELDS_AND_SUBMIT)
        check(page, axe_source, f"{where}, form {index + 1} after a failed submit", failures)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_for_every_role_passes_axe(
    page_for, axe_source, role_users, edited_organisation, language
):
    world = build_world(organisation=edited_organisation)
    failures, checked = [], 0
    for role in Role:
        user = role_users[role]
        page = page_for(user=user, language=language)
        page.context.add_init_script(axe_source)  # parsed with each page, not sent each time
        page.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
        for visit in visits_for(user, world):
            walk(page, visit, axe_source, f"{visit.url} ({visit.view_name}) as {role}, {language}", failures)
            checked += 1
        page.context.close()
    assert checked > 50, f"only {checked} pages were walked: is the access matrix empty?"
    assert not failures, f"{len(failures)} problems on {checked} page visits:\n\n" + "\n\n".join(failures)
