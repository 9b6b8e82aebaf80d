"""Reads of council work, with the one visibility rule: internal bodies and non-public agenda
items are for council members and integration office staff only."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, Exists, OuterRef, Prefetch, Q, Sum, Value
from django.db.models.functions import Coalesce

from vernetzt.core.roles import is_council_or_staff
from vernetzt.council.models import (
    AgendaItem,
    Body,
    BudgetLine,
    Consultation,
    File,
    ImportRun,
    Measure,
    Meeting,
    Membership,
    Paper,
    Person,
)


def sees_internal(user):
    return is_council_or_staff(user)


def bodies(*, user):
    rows = Body.objects.all()
    return rows if sees_internal(user) else rows.filter(is_public=True)


def _in_visible_body(rows, user, body="body"):
    """Rows of a visible body, or of none (a body the source did not hold)."""
    return rows if sees_internal(user) else rows.exclude(**{f"{body}__is_public": False})


def _hidden_agenda_item(path=""):
    """Non-public agenda items and those of an internal body's meeting (``path`` leads from
    another model to its agenda item)."""
    return Q(**{f"{path}is_public": False}) | Q(**{f"{path}meeting__body__is_public": False})


def agenda_items(*, user):
    """Public agenda items of meetings ``user`` may see (all of them for the council)."""
    rows = AgendaItem.objects.all()
    return rows if sees_internal(user) else rows.exclude(_hidden_agenda_item())


def public_paper(outer="pk", path=""):
    """The one rule for papers the public sees: marked public, and not consulted only in
    internal bodies (a paper without consultations, or with one in a public body, is public).
    ``outer``/``path`` lead from another model to the paper (``"paper"``, ``"paper__"``)."""
    consulted = Consultation.objects.filter(paper=OuterRef(outer))
    return Q(**{f"{path}is_public": True}) & (
        Exists(consulted.filter(body__is_public=True))
        | ~Exists(consulted.filter(body__is_public=False))
    )


def consultations(*, user):
    """Consultations of a visible paper in a visible body, at a visible meeting and agenda
    item (or none)."""
    rows = Consultation.objects.all()
    if sees_internal(user):
        return rows
    return (
        _in_visible_body(_in_visible_body(rows, user), user, body="meeting__body")
        .exclude(_hidden_agenda_item("agenda_item__"))
        .filter(public_paper(outer="paper", path="paper__"))
    )


def files(*, user):
    """File metadata of visible papers, of visible meetings and of visible agenda items."""
    rows = File.objects.all()
    if sees_internal(user):
        return rows
    return (
        _in_visible_body(rows, user, body="meeting__body")
        .exclude(_hidden_agenda_item("agenda_item__"))
        .filter(Q(paper__isnull=True) | public_paper(outer="paper", path="paper__"))
    )


def memberships(*, user):
    return _in_visible_body(Membership.objects.all(), user)


def persons(*, user):
    """Persons ``user`` may see: the public sees members of public bodies only (public office
    holders), never a person known here only through an internal body or a measure."""
    rows = Person.objects.all()
    if sees_internal(user):
        return rows
    return rows.filter(pk__in=memberships(user=user).values("person"))


def meetings(*, user, body=None):
    """Meetings ``user`` may see, newest first, with their visible agenda."""
    rows = _in_visible_body(Meeting.objects.select_related("body"), user)
    if body is not None:
        rows = rows.filter(body=body)
    return rows.prefetch_related(
        Prefetch("agenda_items", queryset=agenda_items(user=user).order_by("order"))
    )


def papers(*, user):
    """Papers ``user`` may see (``public_paper`` for the public) with their consultations in
    bodies ``user`` may see, in meeting order."""
    consultations_ = (
        consultations(user=user)
        .select_related("meeting", "body", "agenda_item")
        .order_by("meeting__start")
    )
    rows = Paper.objects.prefetch_related(
        Prefetch("consultations", queryset=consultations_), "files"
    )
    return rows if sees_internal(user) else rows.filter(public_paper())


def members(*, body, on):
    """Memberships of ``body`` current on the date ``on``."""
    return (
        body.memberships.select_related("person", "organisation")
        .exclude(start_date__gt=on)
        .exclude(end_date__lt=on)
        .order_by("role", "person__family_name", "person__name")
    )


def latest_import_runs(*, limit=20):
    return ImportRun.objects.select_related("started_by")[:limit]


def _total(kind):
    return Coalesce(
        Sum("budget_lines__amount", filter=Q(budget_lines__kind=kind)),
        Value(Decimal("0.00")),
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )


@dataclass(frozen=True)
class Budget:
    """A measure's money. Commitments are ordered but not yet paid, so the remaining amount
    is what is neither committed nor spent; past the plan, ``over_plan`` warns."""

    planned: Decimal
    committed: Decimal
    spent: Decimal

    @property
    def used(self):
        """Committed and spent together: what the plan must cover."""
        return self.committed + self.spent

    @property
    def remaining(self):
        return self.planned - self.committed - self.spent

    @property
    def over_plan(self):
        return self.remaining < 0


def measures(*, user):
    """Measures ``user`` may see, each with ``budget`` (a ``Budget``), in one query."""
    rows = Measure.objects.select_related("paper", "responsible_organisation").annotate(
        planned=_total(BudgetLine.Kind.PLAN),
        committed=_total(BudgetLine.Kind.COMMITMENT),
        spent=_total(BudgetLine.Kind.EXPENDITURE),
    )
    if not sees_internal(user):
        rows = rows.filter(public_measure())
    return rows


def public_measure():
    """The one rule for measures the public sees: marked public, of a public paper or of none."""
    return Q(is_public=True) & (Q(paper__isnull=True) | public_paper(outer="paper", path="paper__"))


def budget(measure):
    """The ``Budget`` of a measure read by ``measures()``."""
    return Budget(planned=measure.planned, committed=measure.committed, spent=measure.spent)


# The body and meeting pages' reads live in ``meeting_pages`` (see there why not ``meetings``);
# open action items are asked by other pages too (the office's overdue list).
from vernetzt.council.selectors.meeting_pages import open_action_items as open_action_items  # noqa: E402
