"""The treasury's export of measures' budget lines as CSV or XLSX.

One row per budget line (planned amount, commitment or expenditure) with its measure, the
resolution's reference, funding source, budget line, kind, date, amount, purpose and receipt,
then the totals per kind. Amounts stay ``Decimal`` until they are written: the CSV writes them
with a decimal comma as German spreadsheets read them, the XLSX as numbers with a euro format,
so the treasury can add them up.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vernetzt.council import selectors
from vernetzt.council.models import Body, BudgetLine, Measure
from vernetzt.directory.export import plain_cell, safe_cell

EURO_FORMAT = '#,##0.00 "€"'
DATE_FORMAT = "DD.MM.YYYY"
MAX_ROWS = 100_000  # a town's budget lines fit many times over; a bound for the worker's memory


class TreasuryFilterForm(forms.Form):
    """What to export; every field may stay empty (all the measures the user may see)."""

    body = forms.ModelChoiceField(
        label=_("Body"), queryset=Body.objects.none(), required=False, empty_label=_("all bodies")
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    funding_source = forms.ChoiceField(
        label=_("Funding source"),
        choices=[("", _("all sources")), *BudgetLine.Source.choices],
        required=False,
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("all kinds")), *BudgetLine.Kind.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status of the measure"),
        choices=[("", _("every status")), *Measure.Status.choices],
        required=False,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = selectors.bodies(user=user).order_by("name")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_until")
        if start and end and end < start:
            self.add_error("date_until", _("The end lies before the beginning."))
        return cleaned


@dataclass(frozen=True)
class TreasuryFilter:
    body: Body | None = None
    date_from: date | None = None
    date_until: date | None = None
    funding_source: str = ""
    kind: str = ""
    status: str = ""

    @classmethod
    def from_form(cls, form):
        data = form.cleaned_data
        return cls(
            **{
                name: data.get(name) or cls.__dataclass_fields__[name].default
                for name in ("body", "date_from", "date_until", "funding_source", "kind", "status")
            }
        )


def budget_lines(*, user, filters=TreasuryFilter()):
    """Budget lines of the measures ``user`` may see, by measure and date."""
    measures = selectors.measures(user=user)
    if filters.status:
        measures = measures.filter(status=filters.status)
    if filters.body is not None:
        measures = measures.filter(paper__consultations__body=filters.body)
    rows = BudgetLine.objects.filter(measure__in=measures.values("pk")).select_related(
        "measure", "measure__paper"
    )
    if filters.date_from:
        rows = rows.filter(date__gte=filters.date_from)
    if filters.date_until:
        rows = rows.filter(date__lte=filters.date_until)
    if filters.funding_source:
        rows = rows.filter(funding_source=filters.funding_source)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    return rows.order_by("measure__title", "measure_id", "date", "pk")[:MAX_ROWS]


def header():
    return [
        gettext("Measure ID"),
        gettext("Measure"),
        gettext("Resolution"),
        gettext("Funding source"),
        gettext("Budget line"),
        gettext("Kind"),
        gettext("Date"),
        gettext("Amount (EUR)"),
        gettext("Purpose"),
        gettext("Receipt"),
    ]


AMOUNT_COLUMN = 7  # 0-based position of the amount in ``header()``
DATE_COLUMN = 6


def records(lines):
    """Plain values per line: the amount a ``Decimal``, the date a ``date``."""
    for line in lines:
        yield [
            line.measure_id,
            line.measure.title,
            line.measure.paper.reference if line.measure.paper else "",
            line.get_funding_source_display(),
            line.budget_line,
            line.get_kind_display(),
            line.date,
            line.amount,
            line.purpose,
            line.receipt,
        ]


def totals(lines):
    """(label, sum) per kind, in the kinds' order, then what remains of the plan."""
    sums = {kind: Decimal("0.00") for kind in BudgetLine.Kind.values}
    for line in lines:
        sums[line.kind] += line.amount
    labels = dict(BudgetLine.Kind.choices)
    rows = [(gettext("Total %(kind)s") % {"kind": labels[kind]}, sums[kind]) for kind in sums]
    remaining = (
        sums[BudgetLine.Kind.PLAN]
        - sums[BudgetLine.Kind.COMMITMENT]
        - sums[BudgetLine.Kind.EXPENDITURE]
    )
    rows.append((gettext("Remaining (planned − committed − spent)"), remaining))
    return rows


def german_amount(value):
    """1234.5 → "1234,50": what German spreadsheets read as a number from a CSV."""
    return f"{value:.2f}".replace(".", ",")


def as_csv(lines):
    """Semicolon-separated UTF-8 with a BOM (Excel opens it with umlauts and the right columns)."""
    lines = list(lines)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header())
    for record in records(lines):
        record[DATE_COLUMN] = record[DATE_COLUMN].strftime("%d.%m.%Y")
        record[AMOUNT_COLUMN] = german_amount(record[AMOUNT_COLUMN])
        writer.writerow([safe_cell(value) for value in record])
    writer.writerow([])
    for label, value in totals(lines):
        writer.writerow(["", label, "", "", "", "", "", german_amount(value), "", ""])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(lines, *, title=""):
    """A workbook with the lines as a table (amounts numeric, € format) and the totals below."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    lines = list(lines)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = gettext("Budget lines")[:31]
    bold = Font(bold=True)
    row = 1
    if title:
        sheet.cell(row=1, column=1, value=plain_cell(title)).font = Font(bold=True, size=13)
        row = 3
    for column, label in enumerate(header(), start=1):
        sheet.cell(row=row, column=column, value=label).font = bold
    sheet.freeze_panes = sheet.cell(row=row + 1, column=1)
    for record in records(lines):
        row += 1
        for column, value in enumerate(record, start=1):
            cell = sheet.cell(row=row, column=column, value=plain_cell(value))
            if column - 1 == AMOUNT_COLUMN:
                cell.number_format = EURO_FORMAT
            elif column - 1 == DATE_COLUMN:
                cell.number_format = DATE_FORMAT
    row += 1
    for label, value in totals(lines):
        row += 1
        sheet.cell(row=row, column=2, value=label).font = bold
        cell = sheet.cell(row=row, column=AMOUNT_COLUMN + 1, value=value)
        cell.number_format = EURO_FORMAT
        cell.font = bold
    widths = [10, 40, 14, 22, 20, 14, 12, 16, 40, 20]
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
