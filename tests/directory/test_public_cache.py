"""Cached public directory pages: invalidated by every write, never shared across languages
or served to logged-in users, identical to a fresh rendering, and cheap when they hit."""

import re

import pytest
from django.core.cache import cache as django_cache
from django.urls import reverse

from tests.directory.factories_public import (
    IndexedOrganisationFactory,
    directory_world,
    field,
)
from tests.factories import term
from vernetzt.directory import cache, services
from vernetzt.directory.models import Category, FieldOfAction, Organisation

pytestmark = pytest.mark.django_db
LIST_URL = reverse("directory:organisation_list")


def profile_url(slug):
    return reverse("directory:organisation_detail", kwargs={"slug": slug})


def main_content(response):
    """The page's main element: the rest (e.g. the header) is not cached."""
    html = response.content.decode()
    match = re.search(r"<main\b.*?</main>", html, re.S)
    return match.group(0) if match else html


@pytest.fixture
def world():
    return directory_world()


def test_a_new_organisation_shows_at_once(client, world):
    assert "Chor Harmonie" not in client.get(LIST_URL, {"q": "Chor"}).content.decode()
    assert "Chor Harmonie" not in client.get(LIST_URL).content.decode()

    IndexedOrganisationFactory(name="Chor Harmonie", description="Ein Chor für alle.")

    assert "Chor Harmonie" in client.get(LIST_URL, {"q": "Chor"}).content.decode()
    assert "Chor Harmonie" in client.get(LIST_URL).content.decode()


def test_a_status_change_shows_at_once(client, world, staff_user):
    public = world["public"]
    assert "Frauentreff Nord" in client.get(LIST_URL).content.decode()
    assert client.get(profile_url(public.slug)).status_code == 200

    services.change_status(
        actor=staff_user, organisation=public, status=Organisation.Status.ARCHIVED,
        reason="aufgelöst",
    )

    assert "Frauentreff Nord" not in client.get(LIST_URL).content.decode()
    assert client.get(profile_url(public.slug)).status_code == 404


def test_an_added_need_shows_at_once(client, world, staff_user):
    public = world["public"]
    assert "Probenraum gesucht" not in client.get(profile_url(public.slug)).content.decode()
    assert "Frauentreff Nord" not in client.get(LIST_URL, {"q": "Probenraum"}).content.decode()

    services.save_need(
        actor=staff_user,
        organisation=public,
        data={"category": term(Category, "rooms"), "title": "Probenraum gesucht"},
    )

    assert "Probenraum gesucht" in client.get(profile_url(public.slug)).content.decode()
    assert "Frauentreff Nord" in client.get(LIST_URL, {"q": "Probenraum"}).content.decode()


def test_a_term_renamed_in_the_admin_shows_at_once(client, client_as, world, staff_user):
    women = field("women")
    assert "Frauenarbeit neu" not in client.get(LIST_URL).content.decode()

    response = client_as(staff_user).post(
        reverse("admin:directory_fieldofaction_change", args=[women.pk]),
        {"slug": women.slug, "name": "Frauenarbeit neu", "translations": "{}", "synonyms": "",
         "sort_order": str(women.sort_order), "is_active": "on"},
    )
    assert response.status_code == 302
    client.logout()

    assert "Frauenarbeit neu" in client.get(LIST_URL).content.decode()
    assert "Frauenarbeit neu" in client.get(profile_url("frauentreff-nord")).content.decode()


def test_any_write_bumps_the_revision(world):
    before = cache.revision()
    IndexedOrganisationFactory(name="Noch ein Verein")
    assert cache.revision() != before


@pytest.mark.parametrize(
    "url, params",
    [
        (LIST_URL, {}),
        (LIST_URL, {"q": "Frauen"}),
        (LIST_URL, {"q": "Frauen", "district": "nord", "field": "women"}),
        (LIST_URL, {"district": "gibt-es-nicht"}),
        (profile_url("frauentreff-nord"), {}),
    ],
)
def test_cached_and_fresh_pages_are_identical(client, world, url, params):
    fresh = client.get(url, params)
    cached = client.get(url, params)
    django_cache.clear()
    fresh_again = client.get(url, params)
    assert fresh.status_code == cached.status_code == 200
    assert main_content(cached) == main_content(fresh) == main_content(fresh_again)


def test_htmx_and_full_page_share_the_fragments_correctly(client, world):
    full = client.get(LIST_URL, {"q": "Frauen"}).content.decode()
    partial = client.get(LIST_URL, {"q": "Frauen"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Frauentreff Nord" in full and "Frauentreff Nord" in partial
    assert "<html" in full and "<html" not in partial
    assert 'hx-swap-oob="true"' in partial


def test_languages_do_not_share_entries(client, world):
    FieldOfAction.objects.filter(slug="women").update(translations={"en": "Women's work"})
    cache.bump()  # as the admin's save would
    german = client.get(LIST_URL, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    english = client.get(LIST_URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Women&#x27;s work" not in german
    assert "Women&#x27;s work" in english
    # And the other way round, once both are cached.
    assert "Women&#x27;s work" not in client.get(LIST_URL, HTTP_ACCEPT_LANGUAGE="de").content.decode()


def test_logged_in_users_are_not_served_cached_pages(client, client_as, world, participant_user):
    public = world["public"]
    client.get(LIST_URL)
    client.get(profile_url(public.slug))
    # A change that bypasses every service (and so the revision): only the cache hides it.
    Organisation.objects.filter(pk=public.pk).update(name="Frauentreff Umbenannt")

    assert "Frauentreff Umbenannt" not in client.get(LIST_URL).content.decode()
    assert "Frauentreff Umbenannt" not in client.get(profile_url(public.slug)).content.decode()

    user_client = client_as(participant_user)
    assert "Frauentreff Umbenannt" in user_client.get(LIST_URL).content.decode()
    assert "Frauentreff Umbenannt" in user_client.get(profile_url(public.slug)).content.decode()


@pytest.mark.parametrize(
    "url, params",
    [
        (LIST_URL, {}),
        (LIST_URL, {"q": "Frauen", "district": "nord", "field": "women"}),
        (LIST_URL, {"q": "Frauen", "page": "1"}),
        (profile_url("frauentreff-nord"), {}),
    ],
)
def test_cache_hits_cost_at_most_three_queries(client, world, url, params,
                                               django_assert_max_num_queries):
    client.get(url, params)
    with django_assert_max_num_queries(3):
        response = client.get(url, params)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "url", [LIST_URL, LIST_URL + "?q=Frauen", profile_url("frauentreff-nord")]
)
def test_anonymous_pages_are_served_whole_with_one_query(client, world, url,
                                                         django_assert_num_queries):
    first = client.get(url)
    with django_assert_num_queries(0):  # page and revision both from the cache
        again = client.get(url)
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    assert "csrfmiddlewaretoken" not in first.content.decode()
    assert "X-CSRFToken" not in first.content.decode()


def test_the_whole_page_follows_its_address(client, world):
    """The page links to itself (language form, login link), so each address is its own."""
    plain = client.get(LIST_URL).content.decode()
    with_page = client.get(LIST_URL, {"page": "1"}).content.decode()
    assert 'value="/verzeichnis/"' in plain
    assert 'value="/verzeichnis/?page=1"' in with_page


def test_a_page_with_a_message_for_its_visitor_is_never_kept(rf, world):
    from django.contrib import messages
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.http import HttpResponse

    def anonymous_request(with_message):
        request = rf.get(LIST_URL)
        request.user = AnonymousUser()
        request.session = {}
        request._messages = FallbackStorage(request)
        if with_message:
            messages.success(request, "Danke für Ihren Vorschlag.")
        return request

    rendered = []

    def render():
        rendered.append(True)
        return HttpResponse(f"page {len(rendered)}")

    assert cache.cached_page(anonymous_request(True), "list", render).content == b"page 1"
    assert cache.cached_page(anonymous_request(False), "list", render).content == b"page 2"
    assert cache.cached_page(anonymous_request(False), "list", render).content == b"page 2"
    assert len(rendered) == 2


def test_logged_in_pages_keep_their_csrf_header(client_as, world, participant_user):
    html = client_as(participant_user).get(LIST_URL).content.decode()
    assert "X-CSRFToken" in html


@pytest.mark.parametrize("page", ["-1", "abc", "1234567890", "²", "0", " 2x"])
def test_an_invalid_page_number_cannot_poison_the_first_page(client, world, settings, page):
    """Each invalid page number is page 1, in the key and in the rendering alike: before, it
    was keyed as "no page" but rendered the last page, which the next visitor then saw."""
    settings.DIRECTORY_PAGE_SIZE = 1
    odd = client.get(LIST_URL, {"page": page})
    assert odd.status_code == 200
    assert odd.context["page"].number == 1
    first = client.get(LIST_URL)
    assert first.status_code == 200
    assert main_content(first).count("Frauentreff Nord") >= 1  # first by name: Frauentreff
    assert "Lernhaus" not in main_content(first)


def test_htmx_fragments_and_history_restores_never_swap(client, world):
    partial = client.get(LIST_URL, {"q": "Frauen"}, HTTP_HX_REQUEST="true")
    restore = client.get(
        LIST_URL, {"q": "Frauen"}, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    full = client.get(LIST_URL, {"q": "Frauen"})
    assert "<html" not in partial.content.decode()
    assert "<html" in restore.content.decode()  # htmx restores history with a whole page
    assert "<html" in full.content.decode()
    again = client.get(LIST_URL, {"q": "Frauen"}, HTTP_HX_REQUEST="true")
    assert again.content == partial.content
    assert "HX-History-Restore-Request" in full["Vary"]
