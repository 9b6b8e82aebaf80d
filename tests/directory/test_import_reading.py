"""Reading files: encodings, delimiters, XLSX rows, limits, header recognition."""

import pytest
from django.utils import translation

from tests.directory.factories_import import csv_bytes, organisation_row, xlsx_bytes
from vernetzt.directory.importing.columns import (
    MappingError,
    apply_overrides,
    check_mapping,
    parse_assignments,
    recognise,
    suggest_mapping,
)
from vernetzt.directory.importing.reading import ImportFileError, file_format, read_table


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


UMLAUT_ROW = {
    "Name des Vereins": "Türkisch-Deutscher Frauenverein Größe",
    "Straße": "Hauptstraße 1",
}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1"])
@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_csv_encodings_and_delimiters(encoding, delimiter):
    content = csv_bytes([UMLAUT_ROW], delimiter=delimiter, encoding=encoding)
    table = read_table(content, "csv")
    assert table.headers == ["Name des Vereins", "Straße"]
    assert table.rows == [(2, ["Türkisch-Deutscher Frauenverein Größe", "Hauptstraße 1"])]


def test_csv_cells_with_delimiters_and_line_breaks_keep_spreadsheet_row_numbers():
    content = csv_bytes(
        [
            {"Name": "Verein A", "Beschreibung": "Zeile eins\nZeile zwei; mit Semikolon"},
            {"Name": "Verein B", "Beschreibung": ""},
        ]
    )
    table = read_table(content, "csv")
    assert [number for number, _cells in table.rows] == [2, 3]
    assert table.rows[0][1][1] == "Zeile eins\nZeile zwei; mit Semikolon"


def test_xlsx_row_numbers_are_those_of_the_sheet():
    content = xlsx_bytes([organisation_row(1), organisation_row(2)], leading_empty_rows=2)
    table = read_table(content, "xlsx")
    assert table.headers[0] == "Name des Vereins"
    assert [number for number, _cells in table.rows] == [4, 5]
    assert table.rows[0][1][2] == 1991  # numbers stay numbers until validation


def test_blank_and_repeated_headers_get_distinct_names():
    table = read_table(b"Name;;Name\nA;x;B\n", "csv")
    assert table.headers == ["Name", "Column 2", "Name (2)"]


@pytest.mark.parametrize(
    ("content", "fmt"),
    [(b"", "csv"), (b"\n;;\n", "csv"), (b"not a zip file", "xlsx"), (b"PK\x03\x04broken", "xlsx")],
)
def test_unreadable_or_empty_files_are_a_clear_error(content, fmt):
    with pytest.raises(ImportFileError) as error:
        read_table(content, fmt)
    assert str(error.value)


def test_other_file_types_are_refused():
    with pytest.raises(ImportFileError, match="CSV or XLSX"):
        file_format("liste.ods")
    assert file_format("Liste.XLSX") == "xlsx"


def test_row_limit(settings):
    settings.IMPORT_MAX_ROWS = 3
    read_table(csv_bytes([organisation_row(n) for n in range(3)]), "csv")
    with pytest.raises(ImportFileError, match="more than 3 rows"):
        read_table(csv_bytes([organisation_row(n) for n in range(4)]), "csv")


def test_size_limit(settings):
    settings.IMPORT_MAX_BYTES = 100
    with pytest.raises(ImportFileError, match="larger than"):
        read_table(b"Name\n" + b"x" * 200, "csv")


@pytest.mark.parametrize(
    ("header", "target"),
    [
        ("Name des Vereins", "name"),
        ("NAME DES VEREINS ", "name"),
        ("Kurzname", "short_name"),
        ("Art", "type"),
        ("Typ", "type"),
        ("Gründungsjahr", "founding_year"),
        ("Gruendungsjahr", "founding_year"),
        ("gründungsjahr", "founding_year"),
        ("Rechtsform", "legal_form"),
        ("Mitglieder", "member_count"),
        ("Tätigkeitsfelder", "fields"),
        ("Taetigkeitsfelder", "fields"),
        ("Communities", "communities"),
        ("Herkunft", "communities"),
        ("Sprachen", "languages"),
        ("Stadtteil", "districts"),
        ("Stadtteile", "districts"),
        ("Straße", "street"),
        ("Strasse", "street"),
        ("PLZ", "postcode"),
        ("Ort", "city"),
        ("Webseite", "website"),
        ("Homepage", "website"),
        ("E-Mail", "public_email"),
        ("e-mail", "public_email"),
        ("Telefon", "public_phone"),
        ("Ansprechpartner/in", "contact_name"),
        ("Barrierefreiheit", "accessibility"),
        ("Ziele", "goals"),
        ("Beschreibung", "description"),
        ("Einwilligung", "contact_consent"),
        ("Lieblingsfarbe", ""),
    ],
)
def test_header_recognition(header, target):
    assert recognise(header) == target


def test_a_field_is_suggested_for_one_column_only():
    mapping = suggest_mapping(["Art", "Typ", "Name"])
    assert mapping == {"Art": "type", "Typ": "", "Name": "name"}


def test_user_assignments_override_recognition():
    headers = ["Verein (offiziell)", "Art", "Notizen"]
    overrides = parse_assignments(["verein (OFFIZIELL)=name", "Art=ignore"])
    mapping = apply_overrides(suggest_mapping(headers), overrides, headers)
    assert mapping == {"Verein (offiziell)": "name", "Art": "", "Notizen": ""}


@pytest.mark.parametrize(
    ("assignments", "message"),
    [
        (["Verein"], "Column=field"),
        (["Unbekannt=name"], "no column"),
        (["Art=farbe"], "not a field"),
    ],
)
def test_bad_assignments_are_explained(assignments, message):
    with pytest.raises(MappingError, match=message):
        apply_overrides({"Art": "type"}, parse_assignments(assignments), ["Art"])


def test_mapping_needs_a_name_a_type_and_unique_fields():
    problems = check_mapping({"A": "type", "B": "type"}, has_default_type=False)
    messages = " ".join(str(problem) for problem in problems)
    assert "Several columns" in messages and "name" in messages
    assert check_mapping({"A": "name"}, has_default_type=True) == []
    assert len(check_mapping({"A": "name"}, has_default_type=False)) == 1
