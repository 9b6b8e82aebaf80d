"""Public profiles rendered ahead of the visit: the read model behind anonymous profile pages.

Why: the directory's most visited pages are its profiles, thousands of them, each visited
rarely, so a per-process page cache seldom holds the one asked for, and any write to the
directory empties it; rendering one takes ten times the work of a trivial request
(docs/benchmarks.md). So each public organisation's
article (the page without the site's header and footer) is kept per language in
``PublishedProfile`` rows, and an anonymous visit reads one row.

A row is shown only while it is true:
- every save or deletion of an organisation, a need, an offer, a contact person or one of
  their links drops the organisation's rows (signal handlers below, so the admin, the
  services and the import are all covered; bulk writers render afresh with ``prerender``);
- its ``stamp`` names the templates, translations and managed lists it was rendered with,
  and a row of another stamp is ignored (and replaced by the next visit);
- ``fresh_until`` is the next day on which one of its needs or offers starts or ends;
- whether the organisation may be shown at all is read from the organisation itself at
  every visit, never from the row.
A visit that finds no true row renders the article, answers with it and stores it, unless
the directory was written meanwhile (dropping rows bumps the directory revision, and the
store checks it under a lock), so a rendering of old data never replaces the dropped rows.

Only what anonymous visitors may see is ever rendered here (public contact persons, current
needs and offers); logged-in users get a fresh rendering with their own buttons.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import timedelta
from functools import cache as once

import babel
import django
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import Min, Q
from django.db.models.signals import m2m_changed, post_save, pre_delete
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django.utils.translation import get_language

from vernetzt.directory import cache, profile, terms
from vernetzt.directory.models import (
    ContactPerson,
    Need,
    Offer,
    Organisation,
    PublishedProfile,
    Visibility,
)
from vernetzt.directory.templatetags import directory_terms

logger = logging.getLogger(__name__)

ARTICLE_TEMPLATE = "directory/public/_profile.html"
ARTICLE_TEMPLATES = [ARTICLE_TEMPLATE, "directory/public/_items.html"]
PRERENDER_BATCH_SIZE = 200


@dataclass(frozen=True)
class Article:
    title: str
    html: str


def render_article(organisation, *, can_edit=False, can_manage=False):
    """The profile's article for ``organisation`` as read by ``profile.organisation_profile``."""
    context = {"organisation": organisation, "can_edit": can_edit, "can_manage": can_manage}
    return render_to_string(ARTICLE_TEMPLATE, context)


# --- Stamp ------------------------------------------------------------------------------------


@once
def _code_fingerprint():
    """What the rendering depends on besides the data, read once per process: a deployment
    that changes a template, a translation or a library makes every stored row stale."""
    content = hashlib.sha256(f"{django.get_version()} {babel.__version__}".encode())
    for name in ARTICLE_TEMPLATES:
        content.update(get_template(name).template.source.encode())
    for module in (profile, directory_terms):  # what the article shows, and how
        with open(module.__file__, "rb") as source:
            content.update(source.read())
    for locale_dir in settings.LOCALE_PATHS:
        for catalogue in sorted(locale_dir.glob("*/LC_MESSAGES/*.mo")):
            content.update(str(catalogue.relative_to(locale_dir)).encode())
            content.update(catalogue.read_bytes())
    return content.hexdigest()


def stamp(catalogue):
    text = f"{_code_fingerprint()}:{catalogue.fingerprint}"
    return hashlib.sha256(text.encode()).hexdigest()[:40]


# --- Reading ----------------------------------------------------------------------------------


def _quote(name):
    return connection.ops.quote_name(name)


@once
def _lookup_sql():
    """One statement, so one read of the database per visit: the directory revision (for the
    managed lists the stamp names), and the organisation's stored article if it is public.
    The rule is ``Organisation.objects.publicly_visible()``'s: a test holds them together."""
    organisation = _quote(Organisation._meta.db_table)
    published = _quote(PublishedProfile._meta.db_table)
    fresh_until = f"published.{_quote('fresh_until')}"
    return (
        f"SELECT ({cache.REVISION_SQL}), published.{_quote('stamp')}, "
        f"CASE WHEN {fresh_until} IS NULL OR {fresh_until} > %s THEN 1 ELSE 0 END, "
        f"published.{_quote('title')}, published.{_quote('compressed_html')} "
        f"FROM {organisation} organisation LEFT JOIN {published} published "
        f"ON published.{_quote('organisation_id')} = organisation.{_quote('id')} "
        f"AND published.{_quote('language')} = %s "
        f"WHERE organisation.{_quote('slug')} = %s AND organisation.{_quote('status')} = %s "
        f"AND organisation.{_quote('visibility')} = %s"
    )


def public_article(*, slug):
    """The article of the publicly visible organisation ``slug`` in the current language, from
    its stored row when that is true, else rendered (and stored); Http404 if not visible."""
    language, today = get_language(), timezone.localdate()
    with connection.cursor() as cursor:
        cursor.execute(_lookup_sql(), [
            connection.ops.adapt_datefield_value(today), language, slug,
            Organisation.Status.VERIFIED.value, Visibility.PUBLIC.value,
        ])
        row = cursor.fetchone()
    catalogue = terms.catalogue(revision=row[0] if row else None)
    if row is not None:
        _revision, stored_stamp, is_fresh, title, compressed_html = row
        if compressed_html is not None and is_fresh and stored_stamp == stamp(catalogue):
            return Article(title=title, html=PublishedProfile.decompress(compressed_html))
    organisation = profile.organisation_profile(
        visible=Organisation.objects.publicly_visible(), slug=slug, sees_internal=False,
        revision=catalogue.revision,
    )
    html = render_article(organisation)
    fresh_until = next_changes([organisation.pk], today=today).get(organisation.pk)
    # Rendering may have renewed the catalogue (a term it did not know yet): stamp the row
    # with what it was rendered with.
    rendered_with = stamp(terms.catalogue(revision=catalogue.revision))
    _store_quietly([_row(organisation, language, html, rendered_with, fresh_until)],
                   read_at=catalogue.revision)
    return Article(title=organisation.name, html=html)


# --- Writing ----------------------------------------------------------------------------------


def _row(organisation, language, html, current_stamp, fresh_until):
    return PublishedProfile(
        organisation_id=organisation.pk, language=language, stamp=current_stamp,
        fresh_until=fresh_until, title=organisation.name,
        compressed_html=PublishedProfile.compress(html),
    )


def _store(rows):
    PublishedProfile.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["organisation", "language"],
        update_fields=["stamp", "fresh_until", "title", "compressed_html"],
    )


def _store_quietly(rows, *, read_at):
    """Store rows a visit rendered from data of revision ``read_at``, unless the directory was
    written since: its rows may already have been dropped, and the visit's rendering must not
    come back in their place. The visitor has the page either way, so a write that fails
    (another request holding SQLite's write lock too long, say) is only logged."""
    try:
        with transaction.atomic():
            if cache.revision(lock=True) == read_at:
                _store(rows)
    except DatabaseError:
        logger.warning("Could not store a published profile; it is rendered again next time.",
                       exc_info=True)


def next_changes(organisation_ids, *, today):
    """{organisation id: the first day after ``today`` on which one of its needs or offers
    starts or ends}, for those that have such a day."""
    changes = {}
    for model in (Need, Offer):
        rows = (
            model.objects.filter(organisation_id__in=organisation_ids).order_by()
            .values("organisation_id")
            .annotate(
                first_start=Min("valid_from", filter=Q(valid_from__gt=today)),
                last_day=Min("valid_until", filter=Q(valid_until__gte=today)),
            )
            .values_list("organisation_id", "first_start", "last_day")
        )
        for organisation_id, first_start, last_day in rows:
            ends = last_day + timedelta(days=1) if last_day else None
            for day in (first_start, ends):
                if day is not None and day < changes.get(organisation_id, day + timedelta(1)):
                    changes[organisation_id] = day
    return changes


def prerender(*, organisation_ids):
    """Render and store the articles of the publicly visible ones of ``organisation_ids`` in
    every language of the site (bulk writers call it: the import, the demo town)."""
    ids = list(organisation_ids)
    visible = Organisation.objects.publicly_visible()
    today = timezone.localdate()
    for start in range(0, len(ids), PRERENDER_BATCH_SIZE):
        batch = dict(visible.filter(pk__in=ids[start:start + PRERENDER_BATCH_SIZE])
                     .values_list("pk", "slug"))
        changes = next_changes(list(batch), today=today)
        articles = []
        for slug in batch.values():
            organisation = profile.organisation_profile(
                visible=visible, slug=slug, sees_internal=False
            )
            for language, _name in settings.LANGUAGES:
                with translation.override(language):
                    articles.append((organisation, language, render_article(organisation)))
        rendered_with = stamp(terms.catalogue())  # as renewed while rendering, if it was
        _store([_row(organisation, language, html, rendered_with, changes.get(organisation.pk))
                for organisation, language, html in articles])


def forget(*, organisation_ids):
    """Drop the stored articles of ``organisation_ids`` (their data changed), and bump the
    revision so that no visit which read the data before stores its rendering afterwards."""
    ids = {pk for pk in organisation_ids if pk is not None}
    if ids:
        PublishedProfile.objects.filter(organisation_id__in=ids).delete()
        cache.bump()


def forget_all():
    """Drop every stored article (and bump the revision, as ``forget`` does)."""
    PublishedProfile.objects.all().delete()
    cache.bump()


# --- Keeping rows true: every write that changes what a profile shows drops its rows ----------


def _organisations_of(owner_model, owner_ids):
    """The organisations whose profile shows the objects ``owner_ids`` of ``owner_model``."""
    owner_ids = list(owner_ids)
    if owner_model is Organisation:
        return owner_ids
    if owner_model is ContactPerson:
        links = ContactPerson.organisations.through.objects.filter(contactperson_id__in=owner_ids)
        return list(links.values_list("organisation_id", flat=True))
    return list(owner_model.objects.filter(pk__in=owner_ids).values_list("organisation_id",
                                                                          flat=True))


def _on_save_or_delete(sender, instance, **kwargs):
    if isinstance(instance, Organisation):
        forget(organisation_ids=[instance.pk])
    elif isinstance(instance, ContactPerson):
        forget(organisation_ids=_organisations_of(ContactPerson, [instance.pk]))
    else:
        forget(organisation_ids=[instance.organisation_id])


def _on_links_changed(owner_model):
    """A handler for the links of a many-to-many field declared on ``owner_model``."""

    def handler(sender, instance, action, reverse, pk_set, **kwargs):
        if action not in ("post_add", "post_remove", "pre_clear"):
            return
        if reverse and action == "pre_clear":  # e.g. a term unlinked from everything: rare
            forget_all()
            return
        owners = pk_set if reverse else [instance.pk]
        affected = set(_organisations_of(owner_model, owners))
        if isinstance(instance, Organisation):
            affected.add(instance.pk)  # also after it was unlinked from a contact person
        if not reverse and pk_set and sender is ContactPerson.organisations.through:
            affected |= pk_set  # the organisations a contact person was unlinked from
        forget(organisation_ids=affected)

    return handler


for _model in (Organisation, Need, Offer, ContactPerson):
    post_save.connect(_on_save_or_delete, sender=_model,
                      dispatch_uid=f"published-save-{_model.__name__}")
    pre_delete.connect(_on_save_or_delete, sender=_model,
                       dispatch_uid=f"published-delete-{_model.__name__}")
    for _field in _model._meta.many_to_many:
        if _field.name != "editors":  # editors do not show on the public profile
            m2m_changed.connect(_on_links_changed(_model), sender=_field.remote_field.through,
                                weak=False,  # the handler is made here and held nowhere else
                                dispatch_uid=f"published-links-{_model.__name__}-{_field.name}")
