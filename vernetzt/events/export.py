"""The participants list as CSV or XLSX for the office (name tags, catering, interpreters).

Cells are made safe as in the directory's export (``directory.export.safe_cell``: text a
spreadsheet would evaluate gets a leading apostrophe in CSV; XLSX cells are typed text).
"""

import csv
from io import BytesIO, StringIO

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from vernetzt.directory.export import CSV_DELIMITER, XLSX_CONTENT_TYPE, plain_cell, safe_cell

FORMATS = {"csv", "xlsx"}

COLUMNS = [
    (_("Name"), lambda r: r.name),
    (_("E-mail address"), lambda r: r.email),
    (_("Organisation"), lambda r: r.organisation.name if r.organisation else r.organisation_name),
    (_("Status"), lambda r: str(r.get_status_display())),
    (_("Waiting list position"), lambda r: r.position or ""),
    (
        _("Interpreting into"),
        lambda r: (
            r.interpreting_language.label
            if r.interpreting_needed and r.interpreting_language
            else ""
        ),
    ),
    (_("Childcare: children"), lambda r: r.children if r.childcare_needed else ""),
    (_("Food"), lambda r: str(r.get_dietary_display()) if r.dietary else ""),
    (_("Other food needs"), lambda r: r.dietary_notes),
    (_("Accessibility needs"), lambda r: r.accessibility_needs),
    (_("Registered"), lambda r: timezone.localtime(r.created_at).strftime("%Y-%m-%d %H:%M")),
    (
        _("Checked in"),
        lambda r: (
            timezone.localtime(r.checked_in_at).strftime("%Y-%m-%d %H:%M")
            if r.checked_in_at
            else ""
        ),
    ),
]


def rows(registrations):
    waiting = [r for r in registrations if r.status == r.Status.WAITLISTED]
    waiting.sort(key=lambda r: (r.waitlisted_at, r.pk))
    positions = {r.pk: number for number, r in enumerate(waiting, start=1)}
    for registration in registrations:
        registration.position = positions.get(registration.pk)
        yield [plain_cell(value(registration)) for _label, value in COLUMNS]


def header():
    return [str(label) for label, _value in COLUMNS]


def _filename(event, fmt):
    return f"{slugify(event.slug)[:60]}-teilnehmende-{timezone.localdate().isoformat()}.{fmt}"


def response(fmt, *, event, registrations):
    if fmt == "xlsx":
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=str(_("Participants"))[:31])
        sheet.freeze_panes = "A2"
        sheet.append(header())
        for row in rows(registrations):
            cells = []
            for value in row:
                if isinstance(value, str):
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.data_type = "s"
                    cells.append(cell)
                else:
                    cells.append(value)
            sheet.append(cells)
        content = BytesIO()
        workbook.save(content)
        result = HttpResponse(content.getvalue(), content_type=XLSX_CONTENT_TYPE)
    else:
        content = StringIO()
        content.write("\ufeff")
        writer = csv.writer(content, delimiter=CSV_DELIMITER)
        writer.writerow(header())
        for row in rows(registrations):
            writer.writerow([safe_cell(value) for value in row])
        result = HttpResponse(content.getvalue(), content_type="text/csv; charset=utf-8")
    result["Content-Disposition"] = f'attachment; filename="{_filename(event, fmt)}"'
    return result
