"""Published profiles: the stored public article of an organisation is shown only while it is
true: every write that changes the profile drops it, new templates, translations or managed
lists make it stale, and so does the day one of its needs or offers starts or ends."""

import io
import logging
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone, translation

from tests.directory.factories_public import directory_world, field, language
from tests.factories import ContactPersonFactory, NeedFactory, OrganisationFactory, term
from vernetzt.directory import profile, published, services, terms
from vernetzt.directory.models import (
    Category,
    FieldOfAction,
    Organisation,
    PublishedProfile,
    Visibility,
)

pytestmark = pytest.mark.django_db


def profile_url(slug):
    return reverse("directory:organisation_detail", kwargs={"slug": slug})


def article(response):
    match = re.search(r"<article\b.*?</article>", response.content.decode(), re.S)
    assert match, response.content.decode()[:500]
    return match.group(0)


def visit(client, slug, language_code="de"):
    """An anonymous visit."""
    return client.get(profile_url(slug), HTTP_ACCEPT_LANGUAGE=language_code)


def rows_of(organisation):
    return PublishedProfile.objects.filter(organisation=organisation)


def store_html(organisation, html):
    rows_of(organisation).update(compressed_html=PublishedProfile.compress(html))


@pytest.fixture
def world():
    return directory_world()


@pytest.fixture
def public(world):
    return world["public"]


@pytest.fixture
def published_public(client, public):
    visit(client, public.slug)
    assert rows_of(public).count() == 1
    return public


def fresh_article(slug, language_code="de"):
    with translation.override(language_code):
        organisation = profile.organisation_profile(
            visible=Organisation.objects.publicly_visible(), slug=slug, sees_internal=False
        )
        return published.render_article(organisation)


@pytest.mark.parametrize("language_code", ["de", "en", "ar"])
def test_the_stored_article_is_the_fresh_rendering(client, public, language_code):
    first = visit(client, public.slug, language_code)
    stored = rows_of(public).get(language=language_code)
    second = visit(client, public.slug, language_code)

    assert stored.html == fresh_article(public.slug, language_code)
    assert stored.title == "Frauentreff Nord"
    assert article(first) == article(second) == stored.html.strip()
    assert "Öffentliche Person" in stored.html
    assert "Interne Person" not in stored.html
    assert "Abgelaufener Bedarf" not in stored.html


def test_a_stored_article_is_what_the_visit_shows(client, published_public):
    store_html(published_public, "<article>gespeichert</article>")
    assert article(visit(client, published_public.slug)) == "<article>gespeichert</article>"


WRITES = {
    "the organisation's profile": lambda org, actor: services.update_organisation(
        actor=actor, organisation=org, data={"description": "Neu beschrieben."}
    ),
    "a field of action linked": lambda org, actor: org.fields.add(field("sport")),
    "a field of action unlinked, from the term's side": lambda org, actor: (
        field("women").organisation_set.remove(org)
    ),
    "a need added": lambda org, actor: services.save_need(
        actor=actor, organisation=org,
        data={"title": "Neuer Bedarf", "category": term(Category, "volunteers"),
              "valid_from": timezone.localdate()},
    ),
    "a need deleted": lambda org, actor: services.delete_need_or_offer(
        actor=actor, item=org.needs.get(title="Raum für Abendtreffen")
    ),
    "an offer's language linked": lambda org, actor: org.offers.get().languages.add(
        language("tr")
    ),
    "a contact person renamed": lambda org, actor: services.save_contact(
        actor=actor, contact=org.contacts.get(name="Öffentliche Person"),
        data={"name": "Umbenannte Person"},
    ),
    "a contact person deleted": lambda org, actor: services.delete_contact(
        actor=actor, contact=org.contacts.get(name="Öffentliche Person")
    ),
    "a contact person unlinked": lambda org, actor: org.contacts.get(
        name="Öffentliche Person"
    ).organisations.remove(org),
    "a contact person unlinked, from the organisation's side": lambda org, actor: (
        org.contacts.remove(org.contacts.get(name="Öffentliche Person"))
    ),
    "a contact person's languages cleared": lambda org, actor: org.contacts.get(
        name="Öffentliche Person"
    ).languages.clear(),
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_every_write_to_a_profile_drops_its_stored_article(
    client, published_public, staff_user, write
):
    write(published_public, staff_user)

    assert not rows_of(published_public).exists()
    assert article(visit(client, published_public.slug)) == fresh_article(
        published_public.slug
    ).strip()


def test_a_contact_person_of_two_organisations_drops_both(client, world, staff_user):
    public, lernhaus = world["public"], world["lernhaus"]
    shared = ContactPersonFactory(
        name="Geteilte Person", visibility=Visibility.PUBLIC, organisations=[public, lernhaus]
    )
    for organisation in (public, lernhaus):
        visit(client, organisation.slug)
    assert PublishedProfile.objects.count() == 2

    services.save_contact(actor=staff_user, contact=shared, data={"phone": "0999 1"})

    assert not PublishedProfile.objects.exists()
    assert "0999 1" in article(visit(client, lernhaus.slug))


def test_other_organisations_keep_their_stored_articles(client, world, staff_user):
    for organisation in (world["public"], world["lernhaus"]):
        visit(client, organisation.slug)

    services.update_organisation(
        actor=staff_user, organisation=world["lernhaus"], data={"description": "Anders."}
    )

    assert rows_of(world["public"]).exists()
    assert not rows_of(world["lernhaus"]).exists()


def test_a_renamed_term_makes_stored_articles_stale(client, published_public):
    women = FieldOfAction.objects.get(slug="women")
    women.name = "Frauen und Mädchen"
    women.save()

    page = visit(client, published_public.slug)

    assert "Frauen und Mädchen" in article(page)
    assert rows_of(published_public).get().stamp == published.stamp(terms.catalogue())


def test_a_new_deployment_makes_stored_articles_stale(client, published_public, monkeypatch):
    store_html(published_public, "<article>alt</article>")
    monkeypatch.setattr(published, "_code_fingerprint", lambda: "another release")

    assert "Frauentreff Nord" in article(visit(client, published_public.slug))


def test_an_organisation_no_longer_public_is_not_shown_from_its_row(
    client, published_public, staff_user
):
    # A change made without the signals (a bulk update) leaves the row; the visit still asks
    # the organisation whether it may be shown.
    Organisation.objects.filter(pk=published_public.pk).update(visibility=Visibility.INTERNAL)
    assert rows_of(published_public).exists()

    assert visit(client, published_public.slug).status_code == 404


def test_an_archived_organisation_is_gone_at_once(client, published_public, staff_user):
    services.change_status(
        actor=staff_user, organisation=published_public, status=Organisation.Status.ARCHIVED,
        reason="aufgelöst",
    )
    assert visit(client, published_public.slug).status_code == 404


@pytest.fixture
def tomorrow(monkeypatch):
    def move_on(days=1):
        day = timezone.localdate() + timedelta(days=days)
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)
        return day

    return move_on


def test_a_need_starting_tomorrow_shows_from_tomorrow(client, public, tomorrow):
    starts = timezone.localdate() + timedelta(days=1)
    NeedFactory(organisation=public, title="Ab morgen", valid_from=starts)
    assert "Ab morgen" not in article(visit(client, public.slug))
    assert rows_of(public).get().fresh_until == starts

    tomorrow()

    assert "Ab morgen" in article(visit(client, public.slug))


def test_a_need_ending_today_is_gone_tomorrow(client, public, tomorrow):
    today = timezone.localdate()
    NeedFactory(organisation=public, title="Nur heute", valid_from=today, valid_until=today)
    assert "Nur heute" in article(visit(client, public.slug))
    assert rows_of(public).get().fresh_until == today + timedelta(days=1)

    tomorrow()

    assert "Nur heute" not in article(visit(client, public.slug))


def test_without_dated_items_an_article_stays_fresh(client, world):
    lernhaus = world["lernhaus"]
    visit(client, lernhaus.slug)
    assert rows_of(lernhaus).get().fresh_until is None


def test_a_visit_that_cannot_store_still_gets_the_page(client, public, monkeypatch, caplog):
    def locked(rows):
        raise DatabaseError("database is locked")

    monkeypatch.setattr(published, "_store", locked)
    with caplog.at_level(logging.WARNING, logger="vernetzt.directory.published"):
        page = visit(client, public.slug)

    assert page.status_code == 200
    assert "Frauentreff Nord" in article(page)
    assert not rows_of(public).exists()
    assert "Could not store a published profile" in caplog.text


def test_logged_in_users_get_a_fresh_article_with_their_buttons(
    client_as, staff_user, published_public
):
    store_html(published_public, "<article>gespeichert</article>")
    page = client_as(staff_user).get(profile_url(published_public.slug))
    assert "gespeichert" not in page.content.decode()
    assert "Interne Person" in article(page)


def test_prerender_stores_every_language_of_the_public_ones_only(world, settings):
    everyone = Organisation.objects.values_list("pk", flat=True)

    published.prerender(organisation_ids=everyone)

    stored = set(PublishedProfile.objects.values_list("organisation__slug", "language"))
    languages = {code for code, _name in settings.LANGUAGES}
    assert stored == {(slug, code) for slug in ("frauentreff-nord", "lernhaus")
                      for code in languages}
    for slug, code in stored:
        row = PublishedProfile.objects.get(organisation__slug=slug, language=code)
        assert row.html == fresh_article(slug, code)


def test_prerendered_articles_are_served_in_one_query(
    client, world, django_assert_num_queries
):
    published.prerender(organisation_ids=[world["lernhaus"].pk])
    terms.catalogue()  # as in a process that has served a page of this revision before
    with django_assert_num_queries(1):  # the revision and the article, in one statement
        page = client.get(profile_url("lernhaus"), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200


def test_the_publish_command_renders_all_public_profiles(world):
    OrganisationFactory(name="Noch ein Verein")
    output = io.StringIO()
    with translation.override("en"):
        call_command("publish_profiles", stdout=output)

    public = Organisation.objects.publicly_visible().count()
    assert PublishedProfile.objects.values("organisation").distinct().count() == public == 3
    assert output.getvalue().startswith("Published 3 profiles in ")


def test_the_publish_command_can_forget_them_all(client, published_public):
    output = io.StringIO()
    with translation.override("en"):
        call_command("publish_profiles", "--forget", stdout=output)

    assert not PublishedProfile.objects.exists()
    assert output.getvalue().strip() == "Dropped every published profile."
    assert "Frauentreff Nord" in article(visit(client, published_public.slug))


@pytest.mark.parametrize("status", Organisation.Status.values)
@pytest.mark.parametrize("visibility", Visibility.values)
def test_a_stored_article_is_served_exactly_when_the_organisation_is_public(
    client, status, visibility
):
    organisation = OrganisationFactory(name="Verein", slug="verein")
    published.prerender(organisation_ids=[organisation.pk])
    Organisation.objects.filter(pk=organisation.pk).update(status=status, visibility=visibility)
    is_public = Organisation.objects.publicly_visible().filter(pk=organisation.pk).exists()

    page = visit(client, "verein")

    assert page.status_code == (200 if is_public else 404)


def test_a_visit_rendering_while_the_profile_changes_does_not_store_the_old_article(
    client, public, staff_user, monkeypatch
):
    render = published.render_article

    def render_while_the_office_writes(organisation, **kwargs):
        html = render(organisation, **kwargs)  # from the data read before the write
        services.update_organisation(
            actor=staff_user, organisation=Organisation.objects.get(pk=organisation.pk),
            data={"description": "Gerade geändert."},
        )
        return html

    monkeypatch.setattr(published, "render_article", render_while_the_office_writes)
    visit(client, public.slug)
    monkeypatch.undo()

    assert not rows_of(public).exists()
    assert "Gerade geändert." in article(visit(client, public.slug))
