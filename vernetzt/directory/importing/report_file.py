"""The dry-run report as an XLSX file: the office's list as read, with a status and a message
column, so the list can be fixed in Excel and uploaded again (the two extra columns are not
imported)."""

import io

from django.utils.translation import gettext as _

from vernetzt.directory.importing.report import (
    EXCLUDED,
    REJECTED,
    STATUS_LABELS,
    WARNING,
    entry_messages,
)

# Colours as the report page's, and the status also as text: never colour alone.
FILLS = {REJECTED: "F8D7DA", WARNING: "FFF3CD", EXCLUDED: "E2E3E5"}
MESSAGE_WIDTH = 80


def _plain(cell, value):
    """Text starting with "=" stays text: an uploaded list must not become formulas."""
    cell.value = value
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@")):
        cell.data_type = "s"


def report_xlsx(*, table, report):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    entries = {entry["row"]: entry for entry in report.entries}
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Import check")[:31]
    status_header, messages_header = _("Import: status"), _("Import: messages")
    sheet.append([*table.headers, status_header, messages_header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, row_cells in table.rows:
        entry = entries.get(number)
        status = entry["status"] if entry else ""
        sheet.append([None] * (len(table.headers) + 2))
        excel_row = sheet.max_row
        for position, value in enumerate(row_cells, start=1):
            _plain(sheet.cell(row=excel_row, column=position), value)
        status_cell = sheet.cell(row=excel_row, column=len(table.headers) + 1)
        status_cell.value = str(STATUS_LABELS[status]) if status else ""
        message_cell = sheet.cell(row=excel_row, column=len(table.headers) + 2)
        _plain(message_cell, "\n".join(entry_messages(entry)) if entry else "")
        message_cell.alignment = Alignment(wrap_text=True, vertical="top")
        if status in FILLS:
            status_cell.fill = PatternFill("solid", fgColor=FILLS[status])
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    last = sheet.cell(row=1, column=len(table.headers) + 2).column_letter
    sheet.column_dimensions[last].width = MESSAGE_WIDTH
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
