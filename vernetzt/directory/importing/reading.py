"""Reading a CSV or XLSX file into a ``Table``: headers and numbered rows of cell values."""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from itertools import chain, islice

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from vernetzt.directory.importing.columns import IGNORE, recognise

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
# An XLSX is a zip: 10 MB of it can unpack to gigabytes ("decompression bomb"), and openpyxl
# keeps the shared strings in memory. These bound what is unpacked and read, before parsing.
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_COLUMNS = 100
MAX_CELL_CHARS = 10_000
# Title rows, empty rows and notes above or between the data that the row limit does not count.
EXTRA_ROWS = 1_000
# The header row is looked for among the first non-empty rows (title rows, notes above it).
HEADER_SEARCH_ROWS = 20
FORMATS = ("csv", "xlsx")


def _setting(name, default):
    return getattr(settings, name, default)


def max_bytes():
    return _setting("IMPORT_MAX_BYTES", MAX_BYTES)


def max_rows():
    return _setting("IMPORT_MAX_ROWS", MAX_ROWS)


def max_columns():
    return _setting("IMPORT_MAX_COLUMNS", MAX_COLUMNS)


def max_cell_chars():
    return _setting("IMPORT_MAX_CELL_CHARS", MAX_CELL_CHARS)


def max_uncompressed_bytes():
    return _setting("IMPORT_MAX_UNCOMPRESSED_BYTES", MAX_UNCOMPRESSED_BYTES)


class ImportFileError(Exception):
    """A file that cannot be imported at all; ``str()`` is a translated message."""


@dataclass
class Table:
    headers: list
    # (row number as the spreadsheet shows it, cells aligned with ``headers``)
    rows: list = field(default_factory=list)
    header_row: int = 1  # the spreadsheet's row number of the headers

    def samples(self, header, count=3):
        index = self.headers.index(header)
        values = []
        for _number, cells in self.rows:
            value = cells[index]
            if value not in (None, "") and str(value).strip():
                values.append(str(value).strip()[:60])
            if len(values) == count:
                break
        return values


def file_format(file_name):
    suffix = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if suffix not in FORMATS:
        raise ImportFileError(_("Please choose a CSV or XLSX file (.csv or .xlsx)."))
    return suffix


def read_table(content, fmt):
    """The table in ``content`` (bytes); ``ImportFileError`` when it cannot be used."""
    if len(content) > max_bytes():
        raise ImportFileError(
            _("The file is larger than %(megabytes)s MB. Please split it.")
            % {"megabytes": max_bytes() // (1024 * 1024)}
        )
    raw_rows = _xlsx_rows(content) if fmt == "xlsx" else _csv_rows(content)
    return _table(_limited(raw_rows))


def _limited(raw_rows):
    """The rows, refusing too many columns or rows and over-long cells as they come."""
    last_row = max_rows() + EXTRA_ROWS
    for number, cells in raw_rows:
        if number > last_row:
            raise _too_many_rows()
        cells = list(cells)
        if any(_filled(cell) for cell in cells[max_columns() :]):
            raise ImportFileError(
                _("The file has more than %(limit)s columns. Please remove the extra columns.")
                % {"limit": max_columns()}
            )
        cells = cells[: max_columns()]
        for position, cell in enumerate(cells, start=1):
            if isinstance(cell, str) and len(cell) > max_cell_chars():
                raise ImportFileError(
                    _(
                        "Row %(row)s, column %(column)s holds more than %(limit)s characters. "
                        "Please shorten it."
                    )
                    % {"row": number, "column": position, "limit": max_cell_chars()}
                )
        yield number, cells


def _too_many_rows():
    return ImportFileError(
        _("The file has more than %(limit)s rows. Please split it.") % {"limit": max_rows()}
    )


def _table(raw_rows):
    filled_rows = ((number, cells) for number, cells in raw_rows if any(map(_filled, cells)))
    leading = list(islice(filled_rows, HEADER_SEARCH_ROWS))
    if not leading:
        raise ImportFileError(_("The file is empty."))
    position = header_position([cells for _number, cells in leading])
    header_row, header_cells = leading[position]
    headers = _unique_headers(header_cells)
    rows = []
    for number, cells in chain(leading[position + 1 :], filled_rows):
        if len(rows) == max_rows():
            raise _too_many_rows()
        cells = list(cells[: len(headers)]) + [None] * (len(headers) - len(cells))
        rows.append((number, cells))
    return Table(headers=headers, rows=rows, header_row=header_row)


def header_position(candidate_rows):
    """Which of the first rows holds the headers: the one naming the most known fields.

    Title rows ("Vereinsliste Musterstadt, Stand 03/2024", often a merged cell) and notes
    above the table name none; without any recognised header the first row is taken.
    """
    best, best_score = 0, 1
    for position, cells in enumerate(candidate_rows):
        score = len({recognise(cell) for cell in cells if _filled(cell)} - {IGNORE})
        if score > best_score:
            best, best_score = position, score
    return best


def _filled(cell):
    return cell is not None and str(cell).strip() != ""


def _unique_headers(cells):
    headers, seen = [], {}
    for position, cell in enumerate(cells, start=1):
        header = (
            " ".join(str(cell).split())
            if _filled(cell)
            else str(_("Column %(number)s") % {"number": position})
        )
        seen[header] = seen.get(header, 0) + 1
        headers.append(header if seen[header] == 1 else f"{header} ({seen[header]})")
    while headers and not _filled(cells[len(headers) - 1]):
        headers.pop()  # trailing empty header cells are formatting, not columns
    return headers


def decode(content):
    """Text of a CSV as Excel and others write it: UTF-8 (with or without BOM) or Windows-1252."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("latin-1")  # every byte is a character: never fails


def sniff_delimiter(text):
    """The delimiter used most in one of the first lines (the header row may be below a title)."""
    lines = text.lstrip().split("\n", HEADER_SEARCH_ROWS)[:HEADER_SEARCH_ROWS]
    counts = {
        delimiter: max(line.count(delimiter) for line in lines) for delimiter in (";", ",", "\t")
    }
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _csv_rows(content):
    text = decode(content)
    if "\x00" in text:
        raise ImportFileError(_("This does not look like a CSV file."))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        # Excel counts a record as one row even when a cell holds line breaks.
        yield from enumerate(reader, start=1)
    except csv.Error as error:
        raise ImportFileError(
            _("The CSV file cannot be read (%(detail)s).") % {"detail": error}
        ) from error


def check_unpacked_size(content):
    """Refuse a workbook whose parts unpack to more than the limit, before openpyxl reads it.

    The sizes come from the zip's directory; Python's zipfile never unpacks a member beyond its
    stated size, so a lying directory cannot get more past this check.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ImportFileError(_("The file cannot be read as an Excel (XLSX) file.")) from error
    if unpacked > max_uncompressed_bytes():
        raise ImportFileError(
            _(
                "The Excel file unpacks to more than %(megabytes)s MB. Please remove unused "
                "sheets, pictures and formatting, or split the list."
            )
            % {"megabytes": max_uncompressed_bytes() // (1024 * 1024)}
        )


def _xlsx_rows(content):
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    check_unpacked_size(content)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ImportFileError(_("The file cannot be read as an Excel (XLSX) file.")) from error
    try:
        # Read-only sheets yield every row from row 1, so the count is the sheet's row number.
        # Bounded reads: a sheet may claim a million columns in its dimension.
        sheet_rows = workbook.worksheets[0].iter_rows(
            max_col=max_columns() + 1, max_row=max_rows() + EXTRA_ROWS + 1, values_only=True
        )
        yield from enumerate(sheet_rows, start=1)
    finally:
        workbook.close()
