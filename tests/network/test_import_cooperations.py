"""Import of cooperations from messy lists: every broken row reported exactly (row, column,
value, message), nothing written until the whole list is clean; on the command line and on
the office's page."""

import datetime
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from tests.factories import OrganisationFactory
from tests.network.factories_cooperations import cooperation as make_cooperation
from vernetzt.audit.models import AuditEntry
from vernetzt.directory.models import Organisation, Visibility
from vernetzt.network.importing import cooperations as importing
from vernetzt.network.models import Cooperation, CooperationPartner

pytestmark = pytest.mark.django_db

HEADERS = ["Organisation A", "Organisation B", "Art", "seit", "bis", "Titel", "Bemerkung intern"]


@pytest.fixture
def town(db):
    return {
        "mso": OrganisationFactory(name="Afghanischer Frauenverein e.V.", slug="afv"),
        "fire": OrganisationFactory(name="Jugendfeuerwehr Süd", slug="jf"),
        "drk": OrganisationFactory(name="DRK Ortsverein Düren", slug="drk"),
        "thw": OrganisationFactory(name="THW Ortsverband", slug="thw"),
        "proposed": OrganisationFactory(
            name="Neuer Verein", slug="neu", status=Organisation.Status.PROPOSED
        ),
    }


def xlsx(rows, *, title=True):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    if title:
        sheet.append(["Kooperationen im Kreis – Stand März 2026"])  # title row
        sheet.append([])
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


MESSY_ROWS = [
    # row 4: fine (an Excel date cell, an open end)
    [
        "Afghanischer Frauenverein e.V.",
        "Jugendfeuerwehr Süd",
        "dauerhaft",
        datetime.datetime(2024, 3, 1),
        None,
        "Mädchen in die Feuerwehr",
        "x",
    ],
    # row 5: the name as an office types it: other case, no "e.V." → warning, matched
    [
        "afghanischer frauenverein",
        "DRK Ortsverein Düren",
        "Projekt",
        "01.06.2025",
        "30.06.2025",
        "Erste-Hilfe-Kurs",
        None,
    ],
    # row 6: an organisation the directory does not know
    [
        "THW Ortsverband",
        "Verein der Freunde Kabuls",
        "Netzwerk",
        "2023",
        None,
        "Katastrophenschutz",
        None,
    ],
    # row 7: the end before the start
    [
        "DRK Ortsverein Düren",
        "THW Ortsverband",
        "dauerhaft",
        "01.05.2025",
        "01.04.2025",
        "Blutspende",
        None,
    ],
    [None, None, None, None, None, None, None],  # row 8: empty, skipped
    # row 9: the same as row 4 again
    [
        "Afghanischer Frauenverein e.V.",
        "Jugendfeuerwehr Süd",
        "dauerhaft",
        datetime.datetime(2024, 3, 1),
        None,
        "Mädchen in die Feuerwehr",
        None,
    ],
    # row 10: an unknown kind, an impossible date
    ["Jugendfeuerwehr Süd", "THW Ortsverband", "irgendwie", "31.02.2025", None, "Übung", None],
    # row 11: no title (warning), an Excel serial number as date, a partial month
    ["THW Ortsverband", "Jugendfeuerwehr Süd", "punktuell", 45383, "03/2026", None, None],
    # row 12: the same organisation twice, a proposal that is not verified
    ["DRK Ortsverein Düren", "DRK Ortsverein Düren", "dauerhaft", None, None, "Allein", None],
    ["Neuer Verein", "THW Ortsverband", "dauerhaft", None, None, "Nicht geprüft", None],
]


def report_rows(data):
    return {row["row"]: row for row in data["rows"]}


def run(*args):
    out = io.StringIO()
    try:
        call_command("import_cooperations", *args, "--language", "en", stdout=out)
    except CommandError as error:
        return 1, out.getvalue() + str(error)
    return 0, out.getvalue()


def test_a_messy_list_is_reported_row_by_row_and_nothing_is_written(town, tmp_path):
    path = tmp_path / "kooperationen.xlsx"
    path.write_bytes(xlsx(MESSY_ROWS))
    code, output = run(str(path), "--json")
    assert code == 1
    data = json.loads(output[: output.rindex("}") + 1])
    assert data["header_row"] == 3  # below the title row and an empty row
    assert data["columns"]["unassigned"] == ["Bemerkung intern"]
    rows = report_rows(data)
    assert sorted(rows) == [4, 5, 6, 7, 9, 10, 11, 12, 13]
    assert rows[4]["status"] == "ok" and rows[4]["messages"] == []
    assert rows[5]["status"] == "warning"
    assert rows[5]["messages"] == [
        'Column "Organisation A", value "afghanischer frauenverein": Read as "Afghanischer '
        'Frauenverein e.V." (the name in the directory).'
    ]
    assert rows[6]["status"] == "rejected"
    assert rows[6]["messages"][0] == (
        'Column "Organisation B", value "Verein der Freunde Kabuls": No organisation of this '
        "name is in the directory."
    )
    assert rows[7]["messages"] == [
        'Column "bis", value "01.04.2025": The end (01.04.2025) lies before the start (01.05.2025).'
    ]
    assert rows[9]["messages"] == [
        'Column "Titel", value "Mädchen in die Feuerwehr": The same cooperation already '
        "appears in row 4."
    ]
    assert rows[10]["status"] == "rejected"
    assert set(rows[10]["messages"]) == {
        'Column "Art", value "irgendwie": "irgendwie" is not a known kind. Use one of: '
        "punktuell, dauerhaft, Netzwerk.",
        'Column "seit", value "31.02.2025": This is not a date (DD.MM.YYYY, e.g. 01.03.2024).',
    }
    assert rows[11]["status"] == "warning"
    assert 'No title: "THW Ortsverband – Jugendfeuerwehr Süd" is used.' in " ".join(
        rows[11]["messages"]
    )
    assert "read as 01.03.2026" in " ".join(rows[11]["messages"])
    assert rows[12]["messages"] == [
        'Column "Organisation B", value "DRK Ortsverein Düren": Organisation A and B are the '
        "same organisation."
    ]
    assert "is not verified" in rows[13]["messages"][0]
    assert data["counts"] == {"ok": 1, "warning": 2, "rejected": 6}
    assert not Cooperation.objects.exists() and not CooperationPartner.objects.exists()


def test_the_text_report_leads_with_errors_and_says_nothing_was_imported(town, tmp_path):
    path = tmp_path / "kooperationen.xlsx"
    path.write_bytes(xlsx(MESSY_ROWS))
    code, output = run(str(path))
    assert code == 1
    lines = output.splitlines()
    assert lines[0] == "Column headers found in row 3."
    assert lines[1].startswith("Row 6 [Error: not importable]")
    assert "Nothing was imported" in output
    assert not Cooperation.objects.exists()


def test_a_clean_list_is_written_whole(town, tmp_path):
    rows = [MESSY_ROWS[0], MESSY_ROWS[1], MESSY_ROWS[7]]
    path = tmp_path / "sauber.xlsx"
    path.write_bytes(xlsx(rows))
    code, output = run(str(path), "--dry-run")
    assert code == 0 and "Dry run: nothing was written." in output
    assert not Cooperation.objects.exists()
    code, output = run(str(path), "--visibility", "public")
    assert code == 0, output
    assert "3 cooperations imported." in output
    by_title = {item.title: item for item in Cooperation.objects.all()}
    assert set(by_title) == {
        "Mädchen in die Feuerwehr",
        "Erste-Hilfe-Kurs",
        "THW Ortsverband – Jugendfeuerwehr Süd",
    }
    first = by_title["Mädchen in die Feuerwehr"]
    assert first.kind == Cooperation.Kind.LASTING
    assert first.start_date == datetime.date(2024, 3, 1) and first.end_date is None
    assert first.status == Cooperation.Status.ACTIVE
    assert first.origin == Cooperation.Origin.IMPORT and first.origin_reference == "sauber.xlsx"
    assert first.visibility == Visibility.PUBLIC
    assert {p.organisation for p in first.partners.all()} == {town["mso"], town["fire"]}
    assert set(first.partners.values_list("decision", flat=True)) == {"confirmed"}
    course = by_title["Erste-Hilfe-Kurs"]
    assert course.kind == Cooperation.Kind.PUNCTUAL
    if course.end_date < timezone.localdate():
        assert course.status == Cooperation.Status.ENDED
    serial = by_title["THW Ortsverband – Jugendfeuerwehr Süd"]
    assert serial.start_date == datetime.date(2024, 4, 1)  # Excel day 45383
    assert serial.end_date == datetime.date(2026, 3, 1)
    assert (
        AuditEntry.objects.filter(content_type__model="cooperation", action="create").count() == 3
    )
    # Imported again: every row is now already recorded, and nothing is written twice.
    code, output = run(str(path))
    assert code == 1 and "already recorded" in output
    assert Cooperation.objects.count() == 3


def test_dates_as_offices_write_them():
    parse = importing.parse_date
    assert parse("01.03.2024") == (datetime.date(2024, 3, 1), "date")
    assert parse(" 1.3.24 ") == (datetime.date(2024, 3, 1), "date")
    assert parse("2024-03-01") == (datetime.date(2024, 3, 1), "date")
    assert parse(datetime.datetime(2024, 3, 1, 0, 0)) == (datetime.date(2024, 3, 1), "date")
    assert parse(45352) == (datetime.date(2024, 3, 1), "date")
    assert parse(45352.0) == (datetime.date(2024, 3, 1), "date")
    assert parse("45352") == (datetime.date(2024, 3, 1), "date")
    assert parse("03.2024") == (datetime.date(2024, 3, 1), "partial")
    assert parse("2024") == (datetime.date(2024, 1, 1), "partial")
    assert parse(None) == (None, "empty") and parse("  ") == (None, "empty")
    assert parse("31.02.2024") == (None, "invalid")
    assert parse("demnächst") == (None, "invalid")
    assert parse(12.5) == (None, "invalid")


def test_a_csv_from_german_excel_and_a_missing_column(town, tmp_path):
    text = (
        "Organisation A;Partner;Art;seit;bis;Titel\r\n"
        "DRK Ortsverein Düren;THW Ortsverband;Netzwerk;01.01.2020;;Bevölkerungsschutz\r\n"
    )
    path = tmp_path / "liste.csv"
    path.write_bytes(text.encode("cp1252"))
    code, output = run(str(path))
    assert code == 0, output
    cooperation = Cooperation.objects.get()
    assert cooperation.kind == Cooperation.Kind.NETWORK
    assert cooperation.visibility == Visibility.INTERNAL  # by default
    path.write_bytes("Verein;Art\r\nDRK Ortsverein Düren;dauerhaft\r\n".encode())
    code, output = run(str(path))
    assert code == 1
    assert "The file has no column for Organisation B" in output


def test_an_existing_cooperation_is_not_imported_twice(town, tmp_path):
    make_cooperation([town["drk"], town["thw"]], title="Blutspende")
    path = tmp_path / "liste.xlsx"
    path.write_bytes(
        xlsx(
            [
                [
                    "THW Ortsverband",
                    "DRK Ortsverein Düren",
                    "dauerhaft",
                    None,
                    None,
                    "Blutspende",
                    None,
                ]
            ],
            title=False,
        )
    )
    code, output = run(str(path), "--json")
    data = json.loads(output[: output.rindex("}") + 1])
    assert data["header_row"] == 1
    assert data["rows"][0]["messages"] == [
        'Column "Titel", value "Blutspende": This cooperation is already recorded: '
        '"Blutspende" between the same organisations.'
    ]
    assert Cooperation.objects.count() == 1


def test_the_import_page_checks_then_writes_all_or_nothing(client_as, staff_user, town):
    client = client_as(staff_user)
    url = reverse("network:cooperation_import")
    messy = SimpleUploadedFile("liste.xlsx", xlsx(MESSY_ROWS))
    response = client.post(
        url,
        {"file": messy, "visibility": "internal", "action": "import"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was imported" in content
    assert (
        "Verein der Freunde Kabuls" in content
        and "The same cooperation already appears in row 4." in content
    )
    assert not Cooperation.objects.exists()
    clean = SimpleUploadedFile("liste.xlsx", xlsx([MESSY_ROWS[0]]))
    response = client.post(
        url, {"file": clean, "visibility": "public", "action": "check"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "The list has no errors." in response.content.decode()
    assert not Cooperation.objects.exists()
    clean = SimpleUploadedFile("liste.xlsx", xlsx([MESSY_ROWS[0]]))
    response = client.post(
        url, {"file": clean, "visibility": "public", "action": "import"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "1 cooperation has been imported." in response.content.decode()
    assert Cooperation.objects.get().visibility == Visibility.PUBLIC


def test_the_import_page_refuses_other_files(client_as, staff_user):
    response = client_as(staff_user).post(
        reverse("network:cooperation_import"),
        {
            "file": SimpleUploadedFile("liste.pdf", b"%PDF"),
            "visibility": "internal",
            "action": "check",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Please choose a CSV or XLSX file" in response.content.decode()
