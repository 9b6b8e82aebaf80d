"""Reads of the office and the editors: their organisations, proposals, the dashboard, history."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone

from vernetzt.audit.models import AuditEntry
from vernetzt.audit.selectors import history_of, history_of_many
from vernetzt.core.collation import sorted_by
from vernetzt.directory import managed_lists
from vernetzt.directory.models import (
    Category,
    ContactPerson,
    Need,
    Offer,
    Organisation,
    current_on,
)


def organisations_edited_by(*, user):
    return user.edited_organisations.select_related("type").order_by("name")


def needs_of(*, organisation):
    return organisation.needs.select_related("category").order_by("category__sort_order", "title")


def offers_of(*, organisation):
    return organisation.offers.select_related("category").order_by("category__sort_order", "title")


def contacts_of(*, organisation):
    return organisation.contacts.select_related("consent").order_by("name")


def proposals_awaiting_review():
    """Proposals in the order they arrived: the oldest waited longest."""
    return (
        Organisation.objects.filter(status=Organisation.Status.PROPOSED)
        .select_related("type")
        .prefetch_related("districts")
        .order_by("created_at", "pk")
    )


@dataclass(frozen=True)
class TallyRow:
    """One entry of a managed list: how many verified organisations it has, where the
    directory lists them, and whether it is a gap (no organisation at all)."""

    term: object
    count: int
    url: str

    @property
    def is_gap(self):
        return self.count == 0


@dataclass(frozen=True)
class Tally:
    """Counts per entry of a managed list, in the reader's alphabetical order, with the largest
    count for scaling bars."""

    rows: list
    maximum: int

    @property
    def gaps(self):
        return [row for row in self.rows if row.is_gap]


def directory_url(param, key):
    """The directory filtered by one facet term, e.g. ``/verzeichnis/?field=culture``."""
    return f"{reverse('directory:organisation_list')}?{urlencode({param: key})}"


def _verified_per_term(managed):
    verified = Q(organisation__status=Organisation.Status.VERIFIED)
    terms = managed.model.objects.annotate(count=Count("organisation", filter=verified))
    rows = [
        TallyRow(term, term.count, directory_url(managed.param, managed.key_of(term)))
        for term in terms
        if managed.offers(term) or term.count
    ]
    return Tally(
        rows=sorted_by(rows, lambda row: row.term.label),
        maximum=max((row.count for row in rows), default=0),
    )


def _current_needs_and_offers_per_category(today):
    return Category.objects.annotate(
        need_count=Count("needs", filter=current_on(today, through="needs__"), distinct=True),
        offer_count=Count("offers", filter=current_on(today, through="offers__"), distinct=True),
    )


def recently_changed_organisations(*, limit=10):
    """The profiles changed last, each with who changed it last according to the audit trail."""
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Organisation),
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    ).order_by("-at", "-id")
    return (
        Organisation.objects.select_related("type")
        .annotate(
            last_changed_by=Subquery(entries.values("actor_label")[:1]),
            last_action=Subquery(entries.values("action")[:1]),
        )
        .order_by("-updated_at")[:limit]
    )


def dashboard_figures(*, today=None):
    """Everything the office's overview shows, in a fixed number of queries."""
    today = today or timezone.localdate()
    categories = sorted_by(
        [
            category
            for category in _current_needs_and_offers_per_category(today)
            if category.is_active or category.need_count or category.offer_count
        ],
        lambda category: category.label,
    )
    for category in categories:
        key = managed_lists.CATEGORIES.key_of(category)
        category.needs_url = directory_url("need", key)
        category.offers_url = directory_url("offer", key)
    return {
        "verified_count": Organisation.objects.filter(
            status=Organisation.Status.VERIFIED
        ).count(),
        "awaiting_review_count": Organisation.objects.filter(
            status=Organisation.Status.PROPOSED
        ).count(),
        "by_type": _verified_per_term(managed_lists.TYPES),
        "by_field": _verified_per_term(managed_lists.FIELDS),
        "by_district": _verified_per_term(managed_lists.DISTRICTS),
        "by_community": _verified_per_term(managed_lists.COMMUNITIES),
        "categories": categories,
        "recently_changed": list(recently_changed_organisations()),
    }


def organisation_history(*, organisation, limit=300):
    """The audit trail of an organisation and of its needs, offers and contacts, newest first."""
    entries = [
        *history_of(obj=organisation, limit=limit),
        *history_of_many(model=Need, object_ids=organisation.needs.values_list("pk", flat=True)),
        *history_of_many(model=Offer, object_ids=organisation.offers.values_list("pk", flat=True)),
        *history_of_many(
            model=ContactPerson, object_ids=organisation.contacts.values_list("pk", flat=True)
        ),
    ]
    entries.sort(key=lambda entry: (entry.at, entry.pk), reverse=True)
    return entries[:limit]


def account_matching_email(*, email):
    """The user name of the one active account with ``email``, else an empty string."""
    if not email:
        return ""
    usernames = list(
        get_user_model()
        .objects.filter(email__iexact=email, is_active=True)
        .values_list("username", flat=True)[:2]
    )
    return usernames[0] if len(usernames) == 1 else ""
