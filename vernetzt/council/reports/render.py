"""The council report as HTML (for the PDF), PDF (WeasyPrint, tagged: PDF/UA-1 with the
document's language) and XLSX (openpyxl, amounts as numbers with a euro format)."""

import io
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from vernetzt.council.reports import charts
from vernetzt.council.treasury import DATE_FORMAT, EURO_FORMAT
from vernetzt.directory.export import plain_cell

STYLESHEET = Path(__file__).with_name("report.css")
LANGUAGES = ("de", "en")  # the report is written in German; English where strings exist


def title(report):
    return gettext("Report of %(body)s") % {"body": report.body.name}


def file_name(report, fmt):
    from django.utils.text import slugify

    return f"{slugify(report.body.short_name or report.body.name)[:50]}-{report.start:%Y%m%d}-{report.end:%Y%m%d}.{fmt}"


CHART_ROWS = 25  # more bars are no longer readable; the table below has every measure


def chart_rows(report):
    """The measures the budget chart draws: all, or the ``CHART_ROWS`` largest plans."""
    rows = report.measures
    if len(rows) <= CHART_ROWS:
        return rows
    return sorted(rows, key=lambda row: (-row.budget.planned, row.measure.pk))[:CHART_ROWS]


def budget_chart(report):
    rows = chart_rows(report)
    return charts.bar_chart(
        chart_id="budget-chart",
        title=gettext("Planned and used per measure (EUR)"),
        description=gettext(
            "For each measure two bars: the planned amount and what is committed or spent. "
            "The numbers are in the table below."
        ),
        categories=[row.measure.title for row in rows],
        series=[
            (gettext("Planned"), [row.budget.planned for row in rows]),
            (gettext("Committed or spent"), [row.used for row in rows]),
        ],
        formatter=charts.money,
        warn=[position for position, row in enumerate(rows) if row.budget.over_plan],
        warn_label=gettext("over the plan"),
    )


def status_chart(report):
    counts = report.status_counts
    return charts.bar_chart(
        chart_id="status-chart",
        title=gettext("Measures by status"),
        description=gettext("How many measures are planned, running, done and stopped."),
        categories=[str(label).capitalize() for _value, label, _count in counts],
        series=[(gettext("Measures"), [count for _value, _label, count in counts])],
    )


def context(report, language):
    return {
        "report": report,
        "totals": report.totals,
        "language": language,
        "title": title(report),
        "town": getattr(settings, "TOWN_NAME", "") or "",
        "budget_chart": budget_chart(report),
        "budget_chart_limited": len(report.measures) > CHART_ROWS,
        "status_chart": status_chart(report),
    }


def html(report, *, language="de"):
    with translation.override(language):
        return render_to_string("council/reports/document.html", context(report, language))


def pdf(report, *, language="de"):
    """Tagged PDF (PDF/UA-1: structure tags, the document's title and language)."""
    from weasyprint import CSS, HTML

    document = html(report, language=language)
    return HTML(string=document, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[CSS(filename=str(STYLESHEET))],
        pdf_variant="pdf/ua-1",
        pdf_tags=True,
        custom_metadata=True,
    )


def xlsx(report, *, language="de"):
    """Three sheets: decisions, measures (status, progress), budget (plan vs. actual)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    with translation.override(language):
        workbook = Workbook()
        bold = Font(bold=True)
        warning = PatternFill("solid", fgColor="FDECEE")

        def sheet_with(sheet, heading, columns, widths):
            sheet.cell(row=1, column=1, value=plain_cell(heading)).font = Font(bold=True, size=13)
            sheet.cell(
                row=2,
                column=1,
                value=gettext("Period: %(start)s to %(end)s")
                % {"start": f"{report.start:%d.%m.%Y}", "end": f"{report.end:%d.%m.%Y}"},
            )
            for column, label in enumerate(columns, start=1):
                sheet.cell(row=4, column=column, value=label).font = bold
                sheet.column_dimensions[get_column_letter(column)].width = widths[column - 1]
            sheet.freeze_panes = "A5"
            return 4

        decisions = workbook.active
        decisions.title = gettext("Decisions")[:31]
        row = sheet_with(
            decisions,
            title(report),
            [
                gettext("Date"),
                gettext("Reference"),
                gettext("Paper"),
                gettext("Result"),
                gettext("Resolution"),
            ],
            [12, 14, 60, 22, 60],
        )
        for decision in report.decisions:
            row += 1
            day = decision.meeting.start.date() if decision.meeting else decision.decided_on
            values = [
                day,
                decision.paper.reference,
                decision.paper.name,
                decision.get_result_display(),
                decision.resolution_text,
            ]
            for column, value in enumerate(values, start=1):
                cell = decisions.cell(row=row, column=column, value=plain_cell(value))
                if column == 1:
                    cell.number_format = DATE_FORMAT

        measures = workbook.create_sheet(gettext("Measures")[:31])
        row = sheet_with(
            measures,
            title(report),
            [
                gettext("Measure ID"),
                gettext("Measure"),
                gettext("Resolution"),
                gettext("Status"),
                gettext("Reason"),
                gettext("Milestones open"),
                gettext("Milestones overdue"),
                gettext("Latest progress"),
                gettext("Participants reached in the period"),
                gettext("Volunteers won in the period"),
            ],
            [10, 45, 14, 12, 30, 12, 12, 60, 14, 14],
        )
        for item in report.measures:
            row += 1
            open_ = [m for m in item.milestones if m.done_on is None]
            overdue = [m for m in open_ if m.due_date and m.due_date < report.end]
            latest = item.progress[0] if item.progress else None
            values = [
                item.measure.pk,
                item.measure.title,
                item.measure.paper.reference if item.measure.paper else "",
                item.measure.get_status_display(),
                item.measure.status_reason,
                len(open_),
                len(overdue),
                f"{latest.date:%d.%m.%Y}: {latest.text}" if latest else "",
                item.participants,
                item.volunteers,
            ]
            for column, value in enumerate(values, start=1):
                measures.cell(row=row, column=column, value=plain_cell(value))

        budget = workbook.create_sheet(gettext("Budget")[:31])
        row = sheet_with(
            budget,
            gettext("Budget: plan and actual"),
            [
                gettext("Measure ID"),
                gettext("Measure"),
                gettext("Planned"),
                gettext("Committed"),
                gettext("Spent"),
                gettext("Remaining"),
                gettext("Over the plan"),
            ],
            [10, 45, 16, 16, 16, 16, 14],
        )
        for item in [*report.measures, None]:
            row += 1
            if item is None:  # the totals
                money = report.totals
                values = [
                    "",
                    gettext("Total"),
                    money.planned,
                    money.committed,
                    money.spent,
                    money.remaining,
                    "",
                ]
            else:
                money = item.budget
                values = [
                    item.measure.pk,
                    item.measure.title,
                    money.planned,
                    money.committed,
                    money.spent,
                    money.remaining,
                    gettext("yes") if money.over_plan else "",
                ]
            for column, value in enumerate(values, start=1):
                cell = budget.cell(row=row, column=column, value=plain_cell(value))
                if 3 <= column <= 6:
                    cell.number_format = EURO_FORMAT
                if item is None:
                    cell.font = bold
                elif money.over_plan:
                    cell.fill = warning
        workbook.properties.title = title(report)
        workbook.properties.language = language
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()
