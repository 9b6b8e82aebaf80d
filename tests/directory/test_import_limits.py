"""Crafted workbooks against the import's limits: a decompression bomb, over-long cells, too many
columns and rows, a sheet that lies about its size. Each is refused with a clear message before
openpyxl parses everything (the finding: a 65 KB workbook unpacking to 64 MB took 1.2 GB)."""

import io
import re
import zipfile

import pytest
from django.utils import translation

from tests.directory.factories_import import organisation_row, xlsx_bytes
from vernetzt.directory.importing import reading
from vernetzt.directory.importing.reading import ImportFileError, read_table


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def small_workbook():
    return xlsx_bytes([organisation_row(1), organisation_row(2)])


def with_member(content, name, data):
    """The workbook with one more (or a replaced) zip member, compressed."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != name:
                target.writestr(item, source.read(item.filename))
        target.writestr(name, data)
    return buffer.getvalue()


def test_a_decompression_bomb_is_refused_before_parsing(monkeypatch):
    bomb = with_member(
        small_workbook(),
        "xl/sharedStrings.xml",
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
        + b"A" * (64 * 1024 * 1024)
        + b"</t></si></sst>",
    )
    assert len(bomb) < 200 * 1024  # small upload, far below the 10 MB limit

    def must_not_parse(*args, **kwargs):
        raise AssertionError("openpyxl must not read a bomb")

    monkeypatch.setattr("openpyxl.load_workbook", must_not_parse)
    with pytest.raises(ImportFileError, match="unpacks to more than 50 MB"):
        read_table(bomb, "xlsx")


def test_the_unpacked_limit_is_a_setting(settings):
    settings.IMPORT_MAX_UNCOMPRESSED_BYTES = 1024
    with pytest.raises(ImportFileError, match="unpacks to more than"):
        read_table(small_workbook(), "xlsx")


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_over_long_cell_is_refused_with_its_place(fmt, settings):
    settings.IMPORT_MAX_CELL_CHARS = 100
    rows = [organisation_row(1), organisation_row(2, Beschreibung="x" * 101)]
    headers = [*organisation_row(1), "Beschreibung"]
    if fmt == "xlsx":
        content = xlsx_bytes(rows, headers=headers)
    else:
        from tests.directory.factories_import import csv_bytes

        content = csv_bytes(rows, headers=headers)
    with pytest.raises(ImportFileError) as error:
        read_table(content, fmt)
    assert str(error.value) == (
        "Row 3, column 10 holds more than 100 characters. Please shorten it."
    )


def test_too_many_columns_are_refused(settings):
    settings.IMPORT_MAX_COLUMNS = 5
    with pytest.raises(ImportFileError, match="more than 5 columns"):
        read_table(small_workbook(), "xlsx")
    # Empty columns beyond the limit (formatting) are fine.
    settings.IMPORT_MAX_COLUMNS = 9
    assert len(read_table(small_workbook(), "xlsx").headers) == 9


def test_rows_far_down_the_sheet_count_against_the_limit(settings):
    from openpyxl import Workbook

    settings.IMPORT_MAX_ROWS = 10
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Art"])
    sheet.cell(row=reading.EXTRA_ROWS + 20, column=1, value="ganz unten")
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(ImportFileError, match="more than 10 rows"):
        read_table(buffer.getvalue(), "xlsx")


def test_a_sheet_claiming_a_million_columns_and_rows_reads_only_the_cells_there_are():
    content = small_workbook()
    sheet_xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    lying = re.sub(r'<dimension ref="[^"]+"', '<dimension ref="A1:XFD1048576"', sheet_xml)
    content = with_member(content, "xl/worksheets/sheet1.xml", lying.encode())
    table = read_table(content, "xlsx")
    assert len(table.rows) == 2 and len(table.headers) == 9
