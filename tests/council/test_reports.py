"""The council report: what it holds (the demo town's over-plan measure with its numbers),
the PDF (tagged, language set, SVG charts), the XLSX (numeric cells) and the queued run."""

import io
import re
import zlib
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from tests.factories import CouncilMemberFactory, OrganisationFactory, StaffFactory
from vernetzt.council import demo
from vernetzt.council.models import Body
from vernetzt.council.reports import charts, data, render

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)
SHOTS = Path("/tmp/shots/c3")


@pytest.fixture
def town():
    for number in range(6):
        OrganisationFactory(name=f"Verein {number}", slug=f"verein-{number}")
    demo.seed(today=TODAY)
    return Body.objects.get(name=demo.INTEGRATION_COUNCIL)


@pytest.fixture
def year_report(town):
    return data.collect(
        user=StaffFactory(), body=town, start=date(2025, 6, 16), end=date(2026, 6, 15)
    )


def test_the_report_holds_decisions_measures_and_the_over_plan_measure(year_report):
    references = [decision.paper.reference for decision in year_report.decisions]
    # "zur Kenntnis" (the KIM notice) is no decision; the other five are.
    assert sorted(references) == sorted(
        ["IR/2025/011", "IR/2025/012", "22-4292", "IR/2025/021", "IR/2025/034"]
    )
    titles = [row.measure.title for row in year_report.measures]
    assert "Jugendveranstaltung „Potentiale der Vielfalt“" in titles  # through the KIM notice
    [over] = year_report.over_plan
    assert over.measure.title == "Öffentlichkeitsarbeit des Integrationsrates"
    assert over.budget.planned == Decimal("5000.00")
    assert over.used == Decimal("5795.50")
    assert over.over_by == Decimal("795.50")
    assert year_report.totals.planned == Decimal("39900.00")


def test_the_period_bounds_decisions_and_money(town):
    early = data.collect(
        user=StaffFactory(), body=town, start=date(2025, 1, 1), end=date(2025, 9, 30)
    )
    assert [d.paper.reference for d in early.decisions] == ["IR/2025/011", "IR/2025/012"]
    outreach = next(r for r in early.measures if r.measure.title.startswith("Öffentlichkeit"))
    # Only the plan (dated 260 days before TODAY) existed by then: nothing over the plan yet.
    assert outreach.budget.planned == Decimal("5000.00") and not outreach.budget.over_plan


def test_the_public_report_leaves_internal_bodies_out(town):
    steering = Body.objects.get(name=demo.STEERING_GROUP)
    report = data.collect(
        user=AnonymousUser(), body=steering, start=date(2025, 1, 1), end=date(2026, 12, 31)
    )
    assert report.decisions == [] and report.measures == []


def test_the_html_names_the_numbers_in_german(year_report):
    page = render.html(year_report, language="de")
    assert '<html lang="de">' in page
    assert "Öffentlichkeitsarbeit des Integrationsrates" in page
    assert "5.000,00 €" in page  # the plan
    assert "795,50 €" in page  # over the plan by
    assert page.count("<svg") == 2 and "<script" not in page


def test_the_html_in_english(year_report):
    page = render.html(year_report, language="en")
    assert '<html lang="en">' in page
    assert "Budget: plan and actual" in page
    assert "5,000.00 €" in page


def inflated(pdf):
    """The PDF with its compressed streams (object streams hold the catalog) inflated."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def test_the_pdf_is_tagged_with_its_language(year_report):
    pdf = render.pdf(year_report, language="de")
    assert pdf.startswith(b"%PDF-1.7")
    plain = inflated(pdf)
    assert b"/StructTreeRoot" in plain and b"/Marked true" in plain
    assert b"/Lang (de)" in plain
    assert b"pdfuaid:part" in plain  # PDF/UA-1 declared in the metadata
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "report.pdf").write_bytes(pdf)


def test_the_xlsx_has_numeric_amounts(year_report):
    book = load_workbook(io.BytesIO(render.xlsx(year_report, language="de")))
    assert book.sheetnames == ["Beschlüsse", "Maßnahmen", "Budget"] or book.sheetnames == [
        "Decisions",
        "Measures",
        "Budget",
    ]
    budget = book.worksheets[2]
    rows = {row[1].value: row for row in budget.iter_rows(min_row=5) if row[1].value}
    outreach = rows["Öffentlichkeitsarbeit des Integrationsrates"]
    assert [cell.value for cell in outreach[2:6]] == [5000, 1630, 4165.5, -795.5]
    assert all(isinstance(cell.value, (int, float)) for cell in outreach[2:6])
    assert outreach[2].number_format == '#,##0.00 "€"'
    totals = next(row for name, row in rows.items() if name in ("Total", "Summe", "Gesamt"))
    assert totals[2].value == 39900
    decisions = book.worksheets[0]
    assert decisions.cell(row=5, column=1).is_date


def test_the_chart_scales_to_the_largest_value():
    chart = charts.bar_chart(
        chart_id="c",
        title="t",
        description="d",
        categories=["a", "b" * 80],
        series=[("x", [Decimal("10"), Decimal("5")]), ("y", [Decimal("0"), Decimal("-3")])],
    )
    widths = [[bar.width for bar in row.bars] for row in chart.rows]
    area = charts.WIDTH - charts.LABEL_WIDTH - charts.VALUE_WIDTH
    assert widths == [[area, 0], [area / 2, 0]]
    assert chart.rows[1].label.endswith("…") and len(chart.rows[1].label) == charts.LABEL_CHARS


def test_a_short_report_downloads_at_once(client, town):
    client.force_login(CouncilMemberFactory())
    response = client.post(
        reverse("council:report"),
        {"body": town.pk, "date_from": "2026-01-01", "date_until": "2026-03-31", "format": "xlsx"},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    assert "attachment" in response["Content-Disposition"]


def test_a_year_runs_in_the_task_queue_and_is_downloaded_when_done(client, town):
    client.force_login(StaffFactory())
    response = client.post(
        reverse("council:report"),
        {"body": town.pk, "date_from": "2025-06-16", "date_until": "2026-06-15", "format": "pdf"},
    )
    assert response.status_code == 302
    status_url = response["Location"]
    with translation.override("en"):
        page = client.get(status_url, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    download = page.context["download_url"]
    assert download
    pdf = client.get(download)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_the_form_refuses_an_end_before_the_start(client, town):
    client.force_login(StaffFactory())
    response = client.post(
        reverse("council:report"),
        {"body": town.pk, "date_from": "2026-03-01", "date_until": "2026-01-01", "format": "pdf"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "The end lies before the beginning." in response.content.decode()
