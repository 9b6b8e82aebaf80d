"""Reads for the accountability pages: a paper (what was decided, what has been done, what it
cost), a measure (milestones, progress, budget) and the overview "Umsetzungsstand".

Visibility is the package's one rule (``papers``, ``measures``, ``public_measure``,
``sees_internal``), asked here, never written again. (Not ``selectors/measures.py``: importing
that module would replace the package's ``measures()`` function with the module.)
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, ExtractYear, Substr
from django.shortcuts import get_object_or_404
from django.utils import timezone

from vernetzt.council.models import (
    BudgetLine,
    Consultation,
    Follow,
    Measure,
    Milestone,
    Paper,
    PaperAttachment,
    ProgressUpdate,
    Submitter,
)
from vernetzt.council.selectors import (
    Budget,
    bodies,
    budget,
    measures,
    papers,
    public_measure,
    sees_internal,
)
from vernetzt.directory.models import FieldOfAction

PAGE_SIZE = 25
MONEY = DecimalField(max_digits=14, decimal_places=2)
ZERO = Decimal("0.00")


def visible_measure_rows(user):
    """Measures ``user`` may see, without the budget sums (for counting and filtering)."""
    rows = Measure.objects.all()
    return rows if sees_internal(user) else rows.filter(public_measure())


def _latest_progress(rows):
    latest = ProgressUpdate.objects.filter(measure=OuterRef("pk")).order_by("-date", "-pk")
    return rows.annotate(
        latest_progress_date=Subquery(latest.values("date")[:1]),
        latest_progress_text=Subquery(
            latest.annotate(short=Substr("text", 1, 300)).values("short")[:1]
        ),
    )


def with_budget(rows):
    """The measures read by ``measures()``, each with its ``Budget`` as ``.budget``."""
    rows = list(rows)
    for row in rows:
        row.budget = budget(row)
    return rows


def total_budget(measure_rows):
    """Plan, commitments and expenditures of all ``measure_rows`` together (one query)."""

    def total(kind):
        return Coalesce(Sum("amount", filter=Q(kind=kind)), Value(ZERO), output_field=MONEY)

    sums = BudgetLine.objects.filter(measure__in=measure_rows.values("pk")).aggregate(
        planned=total(BudgetLine.Kind.PLAN),
        committed=total(BudgetLine.Kind.COMMITMENT),
        spent=total(BudgetLine.Kind.EXPENDITURE),
    )
    return Budget(**sums)


# --- a measure -----------------------------------------------------------------------------


@dataclass
class MeasurePage:
    measure: Measure
    budget: Budget
    milestones: list
    progress: list
    lines: list
    overdue: list = field(default_factory=list)
    following: bool = False


def measure_page(*, user, pk, today=None):
    today = today or timezone.localdate()
    rows = (
        measures(user=user)
        .select_related("responsible_person")
        .prefetch_related(
            "fields_of_action",
            "districts",
            "communities",
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_date", "pk")),
            Prefetch(
                "progress_updates",
                queryset=ProgressUpdate.objects.order_by("-date", "-pk"),
            ),
            Prefetch("budget_lines", queryset=BudgetLine.objects.order_by("date", "pk")),
        )
    )
    measure = get_object_or_404(rows, pk=pk)
    milestones = list(measure.milestones.all())
    return MeasurePage(
        measure=measure,
        budget=budget(measure),
        milestones=milestones,
        progress=list(measure.progress_updates.all()),
        lines=list(measure.budget_lines.all()),
        overdue=[milestone for milestone in milestones if milestone.is_overdue(today)],
        following=_following(user, measure=measure),
    )


def _following(user, **target):
    if not user.is_authenticated:
        return False
    return Follow.objects.filter(user=user, active=True, **target).exists()


def progress_evidence(*, user, measure_pk, pk):
    """A progress update with evidence, of a measure ``user`` may see."""
    return get_object_or_404(
        ProgressUpdate.objects.exclude(evidence=""),
        pk=pk,
        measure__in=visible_measure_rows(user).filter(pk=measure_pk),
    )


# --- a paper ---------------------------------------------------------------------------------


@dataclass
class PaperPage:
    paper: Paper
    measures: list
    budget: Budget
    attachments: list
    following: bool = False


def paper_page(*, user, pk):
    rows = papers(user=user).prefetch_related(
        Prefetch(
            "submitters",
            queryset=Submitter.objects.select_related("body", "person", "organisation"),
        ),
    )
    paper = get_object_or_404(rows, pk=pk)
    measure_rows = (
        _latest_progress(measures(user=user).filter(paper=paper))
        .prefetch_related("fields_of_action")
        .order_by("title", "pk")
    )
    attachments = _visible_attachments(paper.attachments.all(), user)
    return PaperPage(
        paper=paper,
        measures=with_budget(measure_rows),
        budget=total_budget(visible_measure_rows(user).filter(paper=paper)),
        attachments=list(attachments),
        following=_following(user, paper=paper),
    )


def _visible_attachments(rows, user):
    return rows if sees_internal(user) else rows.filter(is_public=True)


def paper_attachments(*, user):
    """Attachments ``user`` may see: public ones of visible papers (all for the council)."""
    rows = _visible_attachments(PaperAttachment.objects.all(), user)
    return rows if sees_internal(user) else rows.filter(paper__in=papers(user=user).values("pk"))


def paper_list(*, user, query=""):
    """Papers ``user`` may see, newest first, searched in reference and title."""
    rows = papers(user=user)
    query = " ".join(query.split())[:200]
    if query:
        rows = rows.filter(Q(reference__icontains=query) | Q(name__icontains=query))
    return rows.annotate(measure_count=Count("measures", distinct=True)).order_by("-date", "-pk")


# --- the overview "Umsetzungsstand" -----------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    body: int | None = None
    field: int | None = None
    status: str = ""
    year: int | None = None

    @classmethod
    def from_params(cls, params):
        def number(name, low, high):
            value = params.get(name, "").strip()
            if (
                value.isascii()
                and value.isdigit()
                and len(value) <= 9
                and low <= int(value) <= high
            ):
                return int(value)
            return None

        status = params.get("status", "")
        return cls(
            body=number("body", 1, 10**9),
            field=number("field", 1, 10**9),
            status=status if status in Measure.Status.values else "",
            year=number("year", 1900, 2200),
        )

    def apply(self, rows, *, except_status=False):
        if self.body:
            rows = rows.filter(
                paper__in=Consultation.objects.filter(body=self.body).values("paper")
            )
        if self.field:
            rows = rows.filter(
                pk__in=Measure.fields_of_action.through.objects.filter(
                    fieldofaction=self.field
                ).values("measure")
            )
        if self.year:
            rows = rows.filter(
                Q(start_date__year=self.year)
                | Q(start_date__isnull=True, paper__date__year=self.year)
            )
        if self.status and not except_status:
            rows = rows.filter(status=self.status)
        return rows


@dataclass
class Overview:
    measures: object  # the ids of the chosen measures, newest change first; a page: page_rows
    count: int
    status_counts: list  # (status value, label, count), every status
    budget: Budget
    bodies: list
    fields: list
    years: list


def overview(*, user, filters):
    """The measures ``user`` may see, chosen by ``filters``; counts per status (with the other
    filters applied), the chosen measures' budget together, and the choices of each filter."""
    chosen = filters.apply(visible_measure_rows(user))
    # Paged as plain ids; the budget sums and latest progress are read for one page only
    # (``page_rows``), not summed over every measure before the page is cut.
    rows = chosen.order_by("-updated", "-pk").values_list("pk", flat=True)
    counted = dict(
        filters.apply(visible_measure_rows(user), except_status=True)
        .order_by()
        .values_list("status")
        .annotate(count=Count("pk"))
    )
    status_counts = [
        (value, label, counted.get(value, 0)) for value, label in Measure.Status.choices
    ]
    visible = visible_measure_rows(user)
    with_measures = Consultation.objects.filter(paper__measures__in=visible.values("pk"))
    body_choices = list(
        bodies(user=user)
        .filter(Exists(with_measures.filter(body=OuterRef("pk"))))
        .order_by("name")
        .values_list("pk", "name")
    )
    field_choices = [
        (term.pk, term.label)
        for term in FieldOfAction.objects.filter(
            pk__in=Measure.fields_of_action.through.objects.filter(
                measure__in=visible.values("pk")
            ).values("fieldofaction")
        )
    ]
    years = set(
        visible.exclude(start_date=None)
        .annotate(year=ExtractYear("start_date"))
        .order_by()
        .values_list("year", flat=True)
        .distinct()
    ) | set(
        visible.filter(start_date=None)
        .exclude(paper__date=None)
        .annotate(year=ExtractYear("paper__date"))
        .order_by()
        .values_list("year", flat=True)
        .distinct()
    )
    return Overview(
        measures=rows,
        count=sum(count for _value, _label, count in status_counts)
        if not filters.status
        else counted.get(filters.status, 0),
        status_counts=status_counts,
        budget=total_budget(chosen),
        bodies=body_choices,
        fields=field_choices,
        years=sorted(years, reverse=True),
    )


def page_rows(*, user, ids):
    """The measures ``ids`` (one page of ``Overview.measures``) in that order, each with its
    ``budget``, latest progress and fields of action."""
    ids = list(ids)
    rows = (
        _latest_progress(measures(user=user).filter(pk__in=ids))
        .prefetch_related("fields_of_action")
        .in_bulk()
    )
    return with_budget(rows[pk] for pk in ids if pk in rows)
