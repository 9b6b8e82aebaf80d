"""``manage.py import_organisations``: report, exit codes, mapping options, writing."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.directory.factories_import import csv_bytes, organisation_row, xlsx_bytes
from tests.factories import StaffFactory
from vernetzt.audit.models import AuditEntry
from vernetzt.directory.models import Organisation, Visibility

pytestmark = pytest.mark.django_db


def run(*args):
    """(exit code, output) the way a shell sees them."""
    from io import StringIO

    out = StringIO()
    try:
        call_command("import_organisations", *args, "--language", "en", stdout=out)
    except CommandError as error:
        return error.returncode, out.getvalue() + str(error)
    return 0, out.getvalue()


@pytest.fixture
def good_file(tmp_path):
    path = tmp_path / "liste.xlsx"
    path.write_bytes(xlsx_bytes([organisation_row(1), organisation_row(2)]))
    return path


def test_dry_run_reports_and_writes_nothing(good_file):
    code, output = run(str(good_file), "--dry-run")
    assert code == 0
    assert "2 rows: 2 fine, 0 with warnings, 0 rejected, 0 not imported." in output
    assert "Column headers found in row 1." in output
    assert "nothing was written" in output
    assert not Organisation.objects.exists()


def test_import_writes_with_the_chosen_visibility_and_user(good_file):
    staff = StaffFactory(username="amt")
    code, output = run(str(good_file), "--visibility", "internal", "--user", "amt")
    assert code == 0 and "2 organisations imported, 0 updated." in output
    assert set(Organisation.objects.values_list("visibility", flat=True)) == {Visibility.INTERNAL}
    assert AuditEntry.objects.filter(action="import", actor=staff).count() == 2


def test_rejected_rows_exit_with_1_and_write_nothing(tmp_path):
    path = tmp_path / "liste.csv"
    path.write_bytes(csv_bytes([organisation_row(1), organisation_row(2, Mitglieder="viele")]))
    code, output = run(str(path))
    assert code == 1
    assert "Row 3 [Error: not importable] Kulturverein Nummer 2 e.V." in output
    assert 'Column "Mitglieder", value "viele": This is not a whole number (e.g. 120).' in output
    assert "Nothing was imported" in output
    assert not Organisation.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("fehlt.csv", None, "cannot be opened"),
        ("liste.ods", b"x", "CSV or XLSX"),
        ("kaputt.xlsx", b"not a workbook", "cannot be read as an Excel"),
        ("leer.csv", b"", "The file is empty."),
    ],
)
def test_unreadable_files_exit_with_1_and_a_clear_message(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, output = run(str(path))
    assert code == 1 and message in output
    assert "Traceback" not in output


def test_mapping_by_option_and_by_json_file(tmp_path):
    rows = [{"Verein (offiziell)": "Kulturverein Eins", "Sorte": "Kultur", "Notiz": "intern"}]
    path = tmp_path / "liste.csv"
    path.write_bytes(csv_bytes(rows, delimiter=","))
    code, output = run(str(path), "--dry-run")
    assert code == 1 and "Assign a column to the name." in output

    code, output = run(str(path), "--map", "Verein (offiziell)=name", "--map", "Sorte=type")
    assert code == 0, output
    assert Organisation.objects.get().type.slug == "culture"

    mapping = tmp_path / "zuordnung.json"
    mapping.write_text(json.dumps({"Verein (offiziell)": "name", "Sorte": "type"}))
    code, output = run(str(path), "--mapping", str(mapping), "--dry-run")
    # the one just imported is skipped as a duplicate, unless the command says otherwise
    assert code == 0 and "1 rows: 0 fine, 0 with warnings, 0 rejected, 1 not imported" in output
    code, output = run(str(path), "--mapping", str(mapping), "--dry-run", "--duplicate", "2=new")
    assert code == 0 and "1 rows: 0 fine, 1 with warnings" in output


def test_bad_mapping_options_exit_with_1(tmp_path, good_file):
    mapping = tmp_path / "zuordnung.json"
    mapping.write_text("[1, 2]")
    assert run(str(good_file), "--mapping", str(mapping))[0] == 1
    assert run(str(good_file), "--map", "Art")[0] == 1
    code, output = run(str(good_file), "--map", "Art=farbe")
    assert code == 1 and '"farbe" is not a field of the import' in output


def test_default_type(tmp_path):
    path = tmp_path / "liste.csv"
    path.write_bytes(csv_bytes([{"Name": "Verein ohne Art"}]))
    assert run(str(path), "--dry-run")[0] == 1
    code, output = run(str(path), "--default-type", "nirgends")
    assert code == 1 and 'There is no type "nirgends"' in output
    assert run(str(path), "--default-type", "other")[0] == 0
    assert Organisation.objects.get().type.slug == "other"


def test_report_is_german_by_default(good_file, monkeypatch):
    from io import StringIO

    from django.utils import translation

    from vernetzt.directory.management.commands import import_organisations

    languages = []
    original = import_organisations.as_text_lines

    def spy(report):
        languages.append(translation.get_language())
        return original(report)

    monkeypatch.setattr(import_organisations, "as_text_lines", spy)
    call_command("import_organisations", str(good_file), "--dry-run", stdout=StringIO())
    call_command(
        "import_organisations", str(good_file), "--dry-run", "--language", "en", stdout=StringIO()
    )
    assert languages == ["de", "en"]


def test_new_organisations_are_internal_unless_the_command_says_public(good_file):
    assert run(str(good_file))[0] == 0
    assert set(Organisation.objects.values_list("visibility", flat=True)) == {Visibility.INTERNAL}


def test_json_report_has_exactly_the_documented_shape(tmp_path):
    rows = [
        {"Name": "Vereinsliste Musterstadt, Stand 03/2024"},
        {},
        {"Name": "Name des Vereins", "Art": "Art", "E-Mail": "E-Mail", "Bemerkung": "Bemerkung"},
        {"Name": "Kulturverein A", "Art": "Kulturverein", "E-Mail": "a@example.org"},
        {"Name": "--- Sportvereine ---"},
        {"Name": "Kulturverein B", "Art": "Kulturverein", "E-Mail": "b@x.de; c@x.de"},
        {"Name": "Kulturverein C", "Art": "Raumstation", "E-Mail": "keine"},
    ]
    path = tmp_path / "liste.csv"
    path.write_bytes(
        csv_bytes(rows, headers=["Name", "Art", "E-Mail", "Bemerkung"])[
            len("Name;Art;E-Mail;Bemerkung\r\n") :
        ]
    )
    code, output = run(str(path), "--dry-run", "--json")
    assert code == 1  # a rejected row
    data = json.loads(output[: output.rindex("}") + 1])
    assert list(data) == ["header_row", "columns", "counts", "rows"]
    assert data["header_row"] == 3
    assert data["columns"] == {
        "recognised": {"Name des Vereins": "name", "Art": "type", "E-Mail": "public_email"},
        "unassigned": ["Bemerkung"],
    }
    assert data["counts"] == {"ok": 1, "warning": 1, "rejected": 1, "excluded": 1}
    assert [(row["row"], row["status"], row["name"]) for row in data["rows"]] == [
        (4, "ok", "Kulturverein A"),
        (5, "excluded", "--- Sportvereine ---"),
        (6, "warning", "Kulturverein B"),
        (7, "rejected", "Kulturverein C"),
    ]
    assert all(set(row) == {"row", "status", "name", "messages"} for row in data["rows"])
    assert "section heading" in data["rows"][1]["messages"][0]
    assert "left out: c@x.de" in data["rows"][2]["messages"][0]
    assert any('"Raumstation" is not a known type' in m for m in data["rows"][3]["messages"])
    assert any('"keine" was read as "no value"' in m for m in data["rows"][3]["messages"])
