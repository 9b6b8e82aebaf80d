"""How the import reads what offices write into cells."""

import datetime

import pytest

from vernetzt.directory.importing import cells
from vernetzt.directory.importing.reading import read_table
from vernetzt.directory.importing.terms import Vocabulary


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (234567890, ("0234567890", "restored")),
        (15112345678, ("015112345678", "restored")),
        ("2345678901", ("02345678901", "restored")),  # Excel's CSV: the zero is gone too
        (4923456789012, ("+4923456789012", "restored")),
        (5551234, ("5551234", "short")),
        ("0234 567890", ("0234 567890", "")),
        ("+49  234 567890", ("+49 234 567890", "")),
        ("555123", ("555123", "")),
    ],
)
def test_phone_numbers_that_lost_their_leading_zero(cell, expected):
    assert cells.phone(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (1998, (1998, "plain")),
        (1998.0, (1998, "plain")),
        (datetime.datetime(1998, 5, 1), (1998, "date")),
        (datetime.date(2001, 1, 1), (2001, "date")),
        ("01.05.1998", (1998, "date")),
        ("1998-05-01", (1998, "date")),
        (35916, (1998, "serial")),  # an Excel date shown as a number
        ("seit 1998", (1998, "text")),
        ("ca. 1985", (1985, "text")),
        ("1985 oder 1986", (None, "")),
        ("irgendwann", (None, "")),
    ],
)
def test_founding_years(cell, expected):
    assert cells.year(cell) == expected


@pytest.mark.parametrize(
    "value", ["keine", "Keine", "-", "–", "k.A.", "k. A.", "siehe Bemerkung", "n/a", "?", "s.o."]
)
def test_placeholders_for_no_value(value):
    assert cells.is_placeholder(value)


@pytest.mark.parametrize("value", ["Keine Grenzen e.V.", "0", "x@y.de", "Deutsch"])
def test_real_values_are_no_placeholders(value):
    assert not cells.is_placeholder(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("MUSTERSTADT", "Musterstadt"),
        ("TÜRKISCH-DEUTSCHER ELTERNVEREIN E.V.", "Türkisch-Deutscher Elternverein e.V."),
        ("DRK", "DRK"),
        ("AWO Kreisverband", "AWO Kreisverband"),
        ("BAHNHOFSTR. 5", "Bahnhofstr. 5"),
    ],
)
def test_shouted_capitals_are_calmed(value, expected):
    assert cells.calm_capitals(value) == expected


def test_several_email_addresses():
    assert cells.email_addresses("info@a.de; vorstand@a.de") == ["info@a.de", "vorstand@a.de"]
    assert cells.email_addresses("mailto:info@a.de") == ["info@a.de"]
    assert cells.email_addresses("info@a.de und b@a.de") == ["info@a.de", "b@a.de"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Deutsch + Türkisch", {"de", "tr"}),
        ("Kurmancî", {"ku"}),
        ("Farsi", {"fa"}),
        ("Paschtu u. Deutsch", {"ps", "de"}),
        ("Türkçe", {"tr"}),
        ("Arabisch/Dari", {"ar", "prs"}),
        ("Ukrainisch und Russisch", {"uk", "ru"}),
        ("العربية", {"ar"}),
    ],
)
def test_language_names_in_their_own_spelling_and_lists_with_words(text, codes):
    found, unknown = Vocabulary().find_all("languages", text)
    assert {language.code for language in found} == codes and unknown == []


@pytest.mark.django_db
def test_an_entry_with_und_in_its_name_stays_whole():
    found, unknown = Vocabulary().find_all("fields", "Arbeit und Wirtschaft + Jugend u. Eltern")
    assert [term.slug for term in found] == ["work", "youth", "parents"] and unknown == []


@pytest.mark.parametrize(
    ("above", "header_row"),
    [
        ([], 1),
        ([["Vereinsliste Musterstadt"], ["Stand: 03/2024"], []], 4),
        ([["Liste", None, None, "vertraulich"], ["Name", "Art"]], 3),  # a stray "Name" row
    ],
)
def test_the_header_row_is_the_one_naming_most_fields(above, header_row):
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in above:
        sheet.append(row)
    sheet.append(["Name des Vereins", "Art", "E-Mail", "Stadtteil"])
    sheet.append(["Verein A", "Kulturverein", "a@example.org", "Nord"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table(buffer.getvalue(), "xlsx")
    assert table.header_row == header_row
    assert table.headers == ["Name des Vereins", "Art", "E-Mail", "Stadtteil"]
    assert table.rows == [(header_row + 1, ["Verein A", "Kulturverein", "a@example.org", "Nord"])]


def test_csv_with_a_title_line_finds_its_delimiter_and_header():
    content = "Vereinsliste\r\n\r\nName;Art;Ort\r\nVerein A;Kultur;Musterstadt\r\n".encode("cp1252")
    table = read_table(content, "csv")
    assert table.header_row == 3 and table.headers == ["Name", "Art", "Ort"]
