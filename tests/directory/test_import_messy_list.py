"""The import tried as a new user would, with a town's real, messy list (``messy_list``).

The header row is found below the title, at most a handful of rows need fixing, the report says
exactly what and where, nothing wrong goes in silently, and nothing is public before staff
publish it. Not tuned to one file: the same checks run on variants (CSV in Windows-1252 with
";", no title rows, other random contents).
"""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from tests.directory.messy_list import ARABIC_NAME, HEADERS, messy_list
from tests.factories import OrganisationFactory
from vernetzt.directory.importing.columns import suggest_mapping
from vernetzt.directory.importing.reading import read_table
from vernetzt.directory.importing.validation import validate
from vernetzt.directory.models import District, ImportJob, Organisation, Visibility

pytestmark = pytest.mark.django_db

EXISTING = ("Kulturverein Brücke Altstadt e.V.", "Sportclub Anadolu Nordstadt")
VARIANTS = [
    pytest.param({"fmt": "xlsx"}, id="xlsx-title-rows"),
    pytest.param({"fmt": "xlsx", "title_rows": False, "seed": 11}, id="xlsx-no-title"),
    pytest.param({"fmt": "csv", "encoding": "cp1252", "seed": 3}, id="csv-cp1252-semicolon"),
    pytest.param({"fmt": "csv", "title_rows": False, "seed": 5}, id="csv-utf8-no-title"),
]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def dry_run(content, fmt):
    table = read_table(content, fmt)
    report, rows = validate(table=table, mapping=suggest_mapping(table.headers))
    return table, report, {row.number: row for row in rows}


def messages_by_row(report):
    return {
        row["row"]: (row["status"], " | ".join(row["messages"])) for row in report.as_data()["rows"]
    }


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_real_list_is_read_with_a_handful_of_fixes_and_says_exactly_what(variant):
    for name in EXISTING:
        OrganisationFactory(name=name)
    content, plan = messy_list(existing=EXISTING, **variant)
    table, report, parsed = dry_run(content, variant["fmt"])

    # The header row below the title, and the office's own headers.
    assert report.header_row == table.header_row == plan.header_row
    assert table.headers == HEADERS
    recognised = report.columns["recognised"]
    assert recognised["Herkunft / Community"] == "communities"
    assert recognised["Einwilligung DSGVO"] == "contact_consent"
    assert recognised["Internet"] == "website"
    assert recognised["Gegründet"] == "founding_year"
    assert report.columns["unassigned"] == ["Bemerkung"]

    # At most a handful of rows need fixing: exactly the broken ones, each with its reason.
    by_row = messages_by_row(report)
    assert report.rows == plan.rows and report.rows >= 150
    assert {row for row, (status, _m) in by_row.items() if status == "rejected"} == set(
        plan.rejected
    )
    assert len(plan.rejected) <= 5
    for row, fragment in plan.rejected.items():
        assert fragment in by_row[row][1]

    # Headings and notes are flagged, not imported; duplicates are skipped until staff choose.
    for row in plan.headings:
        assert by_row[row][0] == "excluded" and "not an organisation" in by_row[row][1]
    for row, existing in plan.duplicates.items():
        assert by_row[row][0] == "excluded"
        assert f'already in the directory: "{existing}"' in by_row[row][1]
    assert report.excluded == len(plan.headings) + len(plan.duplicates)

    # Nothing changed silently: every repaired value is a warning at its row and column.
    for row, phone in plan.restored_phones.items():
        if row in plan.duplicates:
            continue
        assert parsed[row].values["public_phone"] == phone
        assert by_row[row][0] == "warning"
        assert f'Column "Telefon", value "{phone.lstrip("+0")}"' in by_row[row][1]
        assert "dropped its leading zero" in by_row[row][1]
    for row in plan.several_emails - set(plan.duplicates):
        assert by_row[row][0] == "warning" and "Several e-mail addresses" in by_row[row][1]
        assert parsed[row].values["public_email"].startswith("info@")
    for row in plan.placeholders - set(plan.duplicates):
        assert 'was read as "no value"' in by_row[row][1]
        assert "public_email" not in parsed[row].values

    # Values as the directory wants them.
    for row, year in plan.excel_dates.items():
        if row not in plan.duplicates:
            assert parsed[row].values["founding_year"] == year
    for row, codes in plan.languages.items():
        if row in parsed:
            assert {language.code for language in parsed[row].many.get("languages", [])} == codes
    cities = {row.values.get("city") for row in parsed.values()}
    assert cities == {"Musterstadt"}
    assert parsed[plan.shouting_row].values["name"] == "Türkisch-Deutscher Elternverein 33 e.V."
    if plan.arabic_row:
        assert parsed[plan.arabic_row].values["name"] == ARABIC_NAME
    assert report.unknown_districts == ["Altstadt", "Nordstadt", "Südviertel"]
    assert not Organisation.objects.exclude(name__in=EXISTING).exists()


def test_the_whole_way_on_the_web_ends_with_nothing_public(client_as, staff_user):
    for name in EXISTING:
        OrganisationFactory(name=name)
    content, plan = messy_list(existing=EXISTING)
    client = client_as(staff_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the assertions read English
    client.post(
        reverse("directory:import_start"),
        {"file": SimpleUploadedFile("vereinsliste.xlsx", content), "visibility": "internal"},
    )
    job = ImportJob.objects.get()
    mapping = {f"column_{n}": job.mapping.get(header, "") for n, header in enumerate(job.headers)}
    client.post(reverse("directory:import_mapping", kwargs={"job": job.pk}), mapping)
    report_url = reverse("directory:import_report", kwargs={"job": job.pk})
    page = client.get(report_url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"column headers were found in row {plan.header_row}" in page
    assert "Nothing will be imported until" in page

    # The town's districts in one step; then the broken rows left out (the office fixes
    # them later), and the one duplicate that is really the same club updated.
    client.post(
        reverse("directory:import_add_districts", kwargs={"job": job.pk}),
        {"district": ["Altstadt", "Nordstadt", "Südviertel"]},
    )
    assert set(District.objects.values_list("name", flat=True)) >= {"Altstadt", "Nordstadt"}
    job.refresh_from_db()
    assert job.report["unknown_districts"] == []
    duplicate_row, existing_name = sorted(plan.duplicates.items())[0]
    rejected = sorted(plan.rejected)
    client.post(
        reverse("directory:import_decide", kwargs={"job": job.pk}),
        {
            "shown": [*rejected, duplicate_row],
            "exclude": rejected,
            f"duplicate_{duplicate_row}": "update",
            "visibility": "internal",
        },
    )
    job.refresh_from_db()
    assert job.report["rejected"] == 0
    assert job.report["excluded"] == len(plan.headings) + len(plan.duplicates) - 1 + len(rejected)

    download = client.get(reverse("directory:import_report_file", kwargs={"job": job.pk}))
    assert download.status_code == 200 and download.content.startswith(b"PK")

    client.post(reverse("directory:import_confirm", kwargs={"job": job.pk}))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE, job.error
    imported = Organisation.objects.exclude(name__in=EXISTING)
    assert imported.count() == job.report["ok"] + job.report["with_warnings"] - 1
    assert not imported.filter(visibility=Visibility.PUBLIC).exists()
    assert not Organisation.objects.publicly_visible().exclude(name__in=EXISTING).exists()
    assert not imported.filter(name__contains="---").exists()
    arabic = Organisation.objects.get(name=ARABIC_NAME)
    assert arabic.slug and arabic.slug.isascii() and arabic.slug != "organisation"
    updated = Organisation.objects.get(name__iexact=existing_name)
    assert updated.public_phone or updated.public_email  # filled in from the list


def test_the_report_file_has_the_list_with_status_and_messages(client_as, staff_user):
    from io import BytesIO

    from openpyxl import load_workbook

    content, plan = messy_list(count=60)
    client = client_as(staff_user)
    client.cookies["django_language"] = "en"
    client.post(
        reverse("directory:import_start"),
        {"file": SimpleUploadedFile("liste.xlsx", content), "visibility": "internal"},
    )
    job = ImportJob.objects.get()
    mapping = {f"column_{n}": job.mapping.get(header, "") for n, header in enumerate(job.headers)}
    client.post(reverse("directory:import_mapping", kwargs={"job": job.pk}), mapping)
    response = client.get(reverse("directory:import_report_file", kwargs={"job": job.pk}))
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0][: len(HEADERS)]) == HEADERS
    status_column, messages_column = len(HEADERS), len(HEADERS) + 1
    rejected_row = sorted(plan.rejected)[0]
    # The file's rows follow the sheet's order below the header.
    sheet_row = rows[rejected_row - plan.header_row]
    assert "Error" in sheet_row[status_column]
    assert plan.rejected[rejected_row] in sheet_row[messages_column]
    for heading_row in plan.headings:
        assert "Not imported" in rows[heading_row - plan.header_row][status_column]

    # Uploaded again, the two added columns are not imported and the header row still found.
    table = read_table(response.content, "xlsx")
    assert table.header_row == 1
    assert suggest_mapping(table.headers)[table.headers[-1]] == ""
