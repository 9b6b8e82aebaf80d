"""The treasury's export of budget lines: numeric euro cells, totals, filters, visibility."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from tests.factories import StaffFactory
from vernetzt.council import services, treasury
from vernetzt.council.models import BudgetLine, Consultation, Paper

pytestmark = pytest.mark.django_db

Kind, Source = BudgetLine.Kind, BudgetLine.Source


@pytest.fixture
def money():
    body = services.create_body(actor=None, name="Integrationsrat")
    other = services.create_body(actor=None, name="Sozialausschuss")
    paper = services.create_paper(
        actor=None, reference="22-4292", name="Konferenz", kind=Paper.Kind.MOTION
    )
    services.add_consultation(
        actor=None, paper=paper, body=body, result=Consultation.Result.ACCEPTED
    )
    conference = services.create_measure(actor=None, title="Integrationskonferenz", paper=paper)
    outreach = services.create_measure(actor=None, title="Öffentlichkeitsarbeit")
    hidden = services.create_measure(actor=None, title="Intern", is_public=False)
    add = services.add_budget_line
    add(
        actor=None,
        measure=conference,
        kind=Kind.PLAN,
        amount="20000.00",
        date=datetime.date(2026, 1, 10),
        budget_line="Bezirksmittel 2024",
    )
    add(
        actor=None,
        measure=conference,
        kind=Kind.EXPENDITURE,
        amount="3150.75",
        date=datetime.date(2026, 4, 1),
        purpose='=HYPERLINK("x")',
        receipt="RE-0733",
        funding_source=Source.FEDERAL,
    )
    add(
        actor=None,
        measure=outreach,
        kind=Kind.PLAN,
        amount="5000.00",
        date=datetime.date(2025, 9, 1),
    )
    add(
        actor=None,
        measure=outreach,
        kind=Kind.EXPENDITURE,
        amount="5795.50",
        date=datetime.date(2026, 2, 1),
        purpose="Druck",
    )
    add(actor=None, measure=hidden, kind=Kind.PLAN, amount="1.00", date=datetime.date(2026, 2, 1))
    return {"body": body, "other": other}


def test_xlsx_has_numeric_euro_cells_and_totals(money):
    lines = treasury.budget_lines(user=StaffFactory())
    with translation.override("en"):
        book = load_workbook(io.BytesIO(treasury.as_xlsx(lines, title="Haushalt")))
    sheet = book.active
    assert sheet["A1"].value == "Haushalt"
    header = [cell.value for cell in sheet[3]]
    assert header[:8] == [
        "Measure ID",
        "Measure",
        "Resolution",
        "Funding source",
        "Budget line",
        "Kind",
        "Date",
        "Amount (EUR)",
    ]
    rows = [list(row) for row in sheet.iter_rows(min_row=4, max_row=8)]
    amounts = [row[7].value for row in rows]
    assert amounts == [20000, 3150.75, 1, 5000, 5795.5]
    assert all(row[7].number_format == '#,##0.00 "€"' for row in rows)
    assert rows[0][6].is_date and rows[0][6].value.date() == datetime.date(2026, 1, 10)
    assert rows[1][2].value == "22-4292"
    totals = {row[1].value: row[7].value for row in sheet.iter_rows(min_row=10) if row[1].value}
    assert totals == {
        "Total planned": 25001,
        "Total commitment": 0,
        "Total expenditure": 8946.25,
        "Remaining (planned − committed − spent)": 16054.75,
    }


def test_csv_uses_semicolons_decimal_commas_and_defuses_formulas(money):
    lines = treasury.budget_lines(user=StaffFactory())
    with translation.override("de"):
        text = treasury.as_csv(lines).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    expenditure = next(row for row in rows if row[9:10] == ["RE-0733"])
    assert expenditure[6] == "01.04.2026" and expenditure[7] == "3150,75"
    assert expenditure[8] == '\'=HYPERLINK("x")'
    assert rows[-1][7] == "16054,75"


def test_filters_by_body_date_source_and_kind(money):
    staff = StaffFactory()
    by_body = treasury.budget_lines(user=staff, filters=treasury.TreasuryFilter(body=money["body"]))
    assert {line.measure.title for line in by_body} == {"Integrationskonferenz"}
    assert not treasury.budget_lines(
        user=staff, filters=treasury.TreasuryFilter(body=money["other"])
    )
    in_2026 = treasury.budget_lines(
        user=staff,
        filters=treasury.TreasuryFilter(
            date_from=datetime.date(2026, 1, 1),
            kind=Kind.EXPENDITURE,
            funding_source=Source.MUNICIPAL,
        ),
    )
    assert [line.amount for line in in_2026] == [Decimal("5795.50")]


def test_the_download_for_staff(client, money):
    client.force_login(StaffFactory())
    response = client.get(
        reverse("council:treasury_export", args=["xlsx"]), {"body": money["body"].pk}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="haushalt-massnahmen-')
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=4, column=8).value == 20000
    csv_response = client.get(reverse("council:treasury_export", args=["csv"]))
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    assert client.get(reverse("council:treasury_export", args=["pdf"])).status_code == 404
    bad = client.get(
        reverse("council:treasury_export", args=["csv"]),
        {"date_from": "2026-05-01", "date_until": "2026-01-01"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert bad.status_code == 400 and "The end lies before the beginning." in bad.content.decode()
    page = client.get(reverse("council:treasury"), {"kind": "plan"})
    assert page.status_code == 200 and len(page.context["lines"]) == 3
