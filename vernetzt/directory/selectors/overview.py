"""The directory at a glance, for the home page: how many organisations, the fields of action
and districts with the number of organisations in each, and the newest organisations.

Public data only (``Organisation.PUBLICLY_VISIBLE``, the one definition of what the public
sees); each term links to the directory filtered by it (``managed_lists``).
"""

from dataclasses import dataclass

from django.db.models import Count, Q

from vernetzt.directory import managed_lists
from vernetzt.directory.models import Organisation

NEWEST_COUNT = 6


@dataclass(frozen=True)
class TermCount:
    term: object
    count: int
    param: str  # the directory's query parameter …
    key: str  # … and value that filter by this term


@dataclass(frozen=True)
class Overview:
    organisation_count: int
    fields: list  # TermCount, in the list's order, terms without public organisations left out
    districts: list
    newest: list  # Organisation, newest first


def _term_counts(managed):
    public = Q(**{f"organisation__{name}": value
                  for name, value in Organisation.PUBLICLY_VISIBLE.items()})
    terms = managed.model.objects.filter(is_active=True).annotate(
        public_count=Count("organisation", filter=public)
    )
    return [
        TermCount(term, term.public_count, managed.param, managed.key_of(term))
        for term in terms
        if term.public_count
    ]


def home_overview():
    public = Organisation.objects.publicly_visible()
    return Overview(
        organisation_count=public.count(),
        fields=_term_counts(managed_lists.FIELDS),
        districts=_term_counts(managed_lists.DISTRICTS),
        newest=list(
            public.select_related("type").order_by("-verified_at", "-created_at")[:NEWEST_COUNT]
        ),
    )
