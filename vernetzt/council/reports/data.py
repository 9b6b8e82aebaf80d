"""What a council report holds for one body and period, read once for the PDF and the XLSX.

- decisions: the body's consultations with a result, decided in the period (the meeting's day,
  or the recorded day of the decision where no meeting is known);
- measures: those set in motion by papers the body consulted, with their status, milestones,
  the progress reported in the period and their budget up to the period's end (plan,
  committed, spent, remaining; over the plan when commitments and expenditures pass it);
- totals and the counts the charts draw.

Visibility is the council selectors' (``user``): a report never shows what its reader may not
see on the pages.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import DecimalField, Prefetch, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from vernetzt.council import selectors
from vernetzt.council.models import BudgetLine, Consultation, Measure, Milestone, ProgressUpdate

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class MeasureRow:
    measure: Measure
    budget: selectors.Budget
    milestones: list
    progress: list  # updates dated in the period, newest first
    participants: int
    volunteers: int

    @property
    def over_by(self):
        return -self.budget.remaining if self.budget.over_plan else ZERO

    @property
    def used(self):
        return self.budget.committed + self.budget.spent


@dataclass
class ReportData:
    body: object
    start: date
    end: date
    generated: object
    decisions: list = field(default_factory=list)
    measures: list = field(default_factory=list)

    @property
    def totals(self):
        return selectors.Budget(
            planned=sum((row.budget.planned for row in self.measures), ZERO),
            committed=sum((row.budget.committed for row in self.measures), ZERO),
            spent=sum((row.budget.spent for row in self.measures), ZERO),
        )

    @property
    def over_plan(self):
        return [row for row in self.measures if row.budget.over_plan]

    @property
    def status_counts(self):
        """(status, label, count) for every status, in the status order."""
        counts = Counter(row.measure.status for row in self.measures)
        return [(value, label, counts[value]) for value, label in Measure.Status.choices]

    @property
    def participants(self):
        return sum(row.participants for row in self.measures)

    @property
    def volunteers(self):
        return sum(row.volunteers for row in self.measures)


def _sum(kind, end):
    return Coalesce(
        Sum(
            "budget_lines__amount",
            filter=Q(budget_lines__kind=kind, budget_lines__date__lte=end),
        ),
        Value(ZERO),
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )


def decided_in(start, end):
    return Q(meeting__start__date__range=(start, end)) | Q(
        meeting__isnull=True, decided_on__range=(start, end)
    )


def decisions(*, user, body, start, end):
    rows = (
        selectors.consultations(user=user)
        .filter(body=body)
        .exclude(result=Consultation.Result.NONE)
        .filter(decided_in(start, end))
        .select_related("paper", "meeting", "agenda_item")
    )
    return sorted(
        rows, key=lambda row: (row.meeting.start.date() if row.meeting else row.decided_on, row.pk)
    )


def measures_of(*, user, body):
    """Measures ``user`` may see that came from papers ``body`` consulted."""
    papers = selectors.consultations(user=user).filter(body=body).values("paper")
    return selectors.measures(user=user).filter(paper__in=papers)


def collect(*, user, body, start, end, progress=None):
    """The ``ReportData`` of ``body`` from ``start`` to ``end`` (both days included)."""
    if progress:
        progress(1, 3)
    report = ReportData(body=body, start=start, end=end, generated=timezone.localtime())
    report.decisions = decisions(user=user, body=body, start=start, end=end)
    rows = (
        measures_of(user=user, body=body)
        .annotate(
            planned_by_end=_sum(BudgetLine.Kind.PLAN, end),
            committed_by_end=_sum(BudgetLine.Kind.COMMITMENT, end),
            spent_by_end=_sum(BudgetLine.Kind.EXPENDITURE, end),
        )
        .select_related("responsible_person")
        .prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_date", "pk")),
            Prefetch(
                "progress_updates",
                queryset=ProgressUpdate.objects.filter(date__range=(start, end)).order_by(
                    "-date", "-pk"
                ),
                to_attr="progress_in_period",
            ),
        )
        .order_by("status", "title", "pk")
    )
    order = {value: index for index, value in enumerate(Measure.Status.values)}
    if progress:
        progress(2, 3)
    for measure in sorted(rows, key=lambda row: (order[row.status], row.title.lower(), row.pk)):
        updates = measure.progress_in_period
        report.measures.append(
            MeasureRow(
                measure=measure,
                budget=selectors.Budget(
                    planned=measure.planned_by_end,
                    committed=measure.committed_by_end,
                    spent=measure.spent_by_end,
                ),
                milestones=list(measure.milestones.all()),
                progress=updates,
                participants=sum(update.participants_reached or 0 for update in updates),
                volunteers=sum(update.volunteers_won or 0 for update in updates),
            )
        )
    return report


def overdue_milestones(*, user, on):
    """Milestones not done and due before ``on`` of the measures ``user`` may see, the longest
    overdue first."""
    return (
        Milestone.objects.filter(
            measure__in=selectors.measures(user=user).values("pk"),
            done_on__isnull=True,
            due_date__lt=on,
        )
        .select_related(
            "measure", "measure__responsible_organisation", "measure__responsible_person"
        )
        .order_by("due_date", "measure__title", "pk")
    )
