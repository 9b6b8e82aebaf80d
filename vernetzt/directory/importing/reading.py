"""Reading a CSV or XLSX file into a ``Table``: headers and numbered rows of cell values."""

import csv
import io
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext_lazy as _

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
FORMATS = ("csv", "xlsx")


def max_bytes():
    return getattr(settings, "IMPORT_MAX_BYTES", MAX_BYTES)


def max_rows():
    return getattr(settings, "IMPORT_MAX_ROWS", MAX_ROWS)


class ImportFileError(Exception):
    """A file that cannot be imported at all; ``str()`` is a translated message."""


@dataclass
class Table:
    headers: list
    # (row number as the spreadsheet shows it, cells aligned with ``headers``)
    rows: list = field(default_factory=list)

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
    return _table(raw_rows)


def _table(raw_rows):
    headers, rows = None, []
    for number, cells in raw_rows:
        if not any(_filled(cell) for cell in cells):
            continue
        if headers is None:
            headers = _unique_headers(cells)
            continue
        if len(rows) == max_rows():
            raise ImportFileError(
                _("The file has more than %(limit)s rows. Please split it.") % {"limit": max_rows()}
            )
        cells = list(cells[: len(headers)]) + [None] * (len(headers) - len(cells))
        rows.append((number, cells))
    if headers is None:
        raise ImportFileError(_("The file is empty."))
    return Table(headers=headers, rows=rows)


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
    first_line = text.lstrip().split("\n", 1)[0]
    counts = {delimiter: first_line.count(delimiter) for delimiter in (";", ",", "\t")}
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


def _xlsx_rows(content):
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ImportFileError(_("The file cannot be read as an Excel (XLSX) file.")) from error
    try:
        # Read-only sheets yield every row from row 1, so the count is the sheet's row number.
        yield from enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1)
    finally:
        workbook.close()
