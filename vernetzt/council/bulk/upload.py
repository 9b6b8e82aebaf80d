"""Status and progress of many measures from a CSV or XLSX file, with a dry run first.

The file is read with the organisation import's reader (``directory/importing/reading.py``:
its limits on size, rows, columns and cells, CSV encodings and delimiters, XLSX bombs), the
header row is found among the first rows (title rows above it are fine) by the columns named
here, and rows keep the numbers the spreadsheet shows. Every row is checked before anything is
written; one error and nothing is written (``write`` refuses). The writes go through the
council services: status changes and progress updates, audited, and the followers hear of
them after the commit.

Columns (German or English headings, in any order): Maßnahme-ID and/or Maßnahme (title),
Status, Grund (required for "gestoppt"), Fortschritt-Datum, Fortschritt-Text, Teilnehmende,
Ehrenamtliche.
"""

import datetime
import re
from dataclasses import dataclass, field
from itertools import chain, islice

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vernetzt.council import selectors
from vernetzt.council.models import Measure, ProgressUpdate
from vernetzt.directory.importing import cells
from vernetzt.directory.importing.normalise import key
from vernetzt.directory.importing.reading import (
    HEADER_SEARCH_ROWS,
    ImportFileError,
    Table,
    _csv_rows,
    _filled,
    _limited,
    _too_many_rows,
    _unique_headers,
    _xlsx_rows,
    file_format,
    max_bytes,
    max_rows,
)

ID, TITLE, STATUS, REASON, DATE, TEXT, PARTICIPANTS, VOLUNTEERS = (
    "id",
    "title",
    "status",
    "reason",
    "date",
    "text",
    "participants",
    "volunteers",
)

# Heading (as ``key`` gives it) → column. Staff lists name their columns in many ways.
HEADINGS = {
    ID: ["massnahme id", "massnahmen id", "massnahme nr", "id", "nr", "measure id", "measure no"],
    TITLE: ["massnahme", "titel", "massnahme titel", "bezeichnung", "measure", "title"],
    STATUS: ["status", "stand", "neuer status", "status neu", "new status"],
    REASON: ["grund", "begruendung", "grund fuer stopp", "reason", "reason for stopping"],
    DATE: ["fortschritt datum", "datum", "datum fortschritt", "stand vom", "progress date", "date"],
    TEXT: [
        "fortschritt text",
        "fortschritt",
        "bericht",
        "was wurde getan",
        "progress",
        "progress text",
        "text",
    ],
    PARTICIPANTS: [
        "teilnehmende",
        "teilnehmer",
        "teilnehmer innen",
        "teilnehmerinnen",
        "erreichte",
        "erreichte personen",
        "participants",
        "participants reached",
    ],
    VOLUNTEERS: ["ehrenamtliche", "gewonnene ehrenamtliche", "volunteers", "volunteers won"],
}
_COLUMN_OF = {heading: column for column, headings in HEADINGS.items() for heading in headings}

STATUS_WORDS = {
    Measure.Status.PLANNED: ["geplant", "planned", "plan", "in planung", "vorgesehen"],
    Measure.Status.RUNNING: [
        "laeuft",
        "laufend",
        "in umsetzung",
        "in arbeit",
        "begonnen",
        "running",
        "in progress",
        "ongoing",
    ],
    Measure.Status.DONE: [
        "erledigt",
        "abgeschlossen",
        "umgesetzt",
        "fertig",
        "done",
        "completed",
        "finished",
    ],
    Measure.Status.STOPPED: ["gestoppt", "eingestellt", "abgebrochen", "stopped", "cancelled"],
}
_STATUS_OF = {word: status for status, words in STATUS_WORDS.items() for word in words}

MESSAGES = {
    "no_measure_column": _(
        "The file needs a column “Maßnahme-ID” or “Maßnahme” (the title) to find the measures."
    ),
    "nothing_to_update": _("The file has no column to update: “Status” or “Fortschritt-Text”."),
    "unknown_id": _("There is no measure with the ID %(value)s."),
    "not_a_number": _("“%(value)s” is not a measure ID (a whole number)."),
    "unknown_title": _("There is no measure titled “%(value)s”."),
    "ambiguous_title": _("Several measures are titled “%(value)s”; please give the Maßnahme-ID."),
    "id_title_differ": _("ID %(id)s belongs to “%(title)s”, not to “%(value)s”."),
    "no_measure": _("The row names no measure (ID or title)."),
    "unknown_status": _(
        "Unknown status “%(value)s”. Use one of: geplant, läuft, erledigt, gestoppt."
    ),
    "reason_required": _("A stopped measure needs a reason (column “Grund”)."),
    "reason_too_long": _("The reason is longer than %(limit)s characters."),
    "bad_date": _("“%(value)s” is not a date (e.g. 15.03.2026)."),
    "future_date": _("The progress date %(value)s lies in the future."),
    "date_without_text": _("A progress date without a progress text."),
    "text_too_long": _("The progress text is longer than %(limit)s characters."),
    "not_whole": _("“%(value)s” is not a whole number of people."),
    "twice": _("The measure is already updated in row %(row)s."),
    "unchanged": _("Nothing changes: same status, no progress."),
}
MAX_REASON = Measure._meta.get_field("status_reason").max_length or 2000
MAX_TEXT = ProgressUpdate._meta.get_field("text").max_length or 10_000
_EXCEL_EPOCH = datetime.date(1899, 12, 30)


def column_of(heading):
    return _COLUMN_OF.get(key(heading or ""))


@dataclass
class RowResult:
    row: int  # as the spreadsheet shows it
    measure: Measure | None = None
    status: str = ""
    reason: str = ""
    date: datetime.date | None = None
    text: str = ""
    participants: int | None = None
    volunteers: int | None = None
    errors: list = field(default_factory=list)  # (column heading, message)
    notes: list = field(default_factory=list)

    @property
    def changes_status(self):
        return (
            bool(self.status)
            and self.measure is not None
            and (
                self.status != self.measure.status
                or (
                    self.status == Measure.Status.STOPPED
                    and self.reason != self.measure.status_reason
                )
            )
        )

    @property
    def status_label(self):
        return dict(Measure.Status.choices).get(self.status, "")

    @property
    def adds_progress(self):
        return bool(self.text)

    @property
    def is_change(self):
        return not self.errors and (self.changes_status or self.adds_progress)


@dataclass
class Check:
    header_row: int
    columns: dict  # column → heading in the file
    ignored: list  # headings not used
    rows: list = field(default_factory=list)
    file_errors: list = field(default_factory=list)

    @property
    def error_rows(self):
        return [row for row in self.rows if row.errors]

    @property
    def changes(self):
        return [row for row in self.rows if row.is_change]

    @property
    def may_write(self):
        return not self.file_errors and not self.error_rows and bool(self.changes)


def _message(code, **params):
    return str(MESSAGES[code]) % params if params else str(MESSAGES[code])


def read(content, file_name):
    """The ``Table`` of an uploaded file; ``ImportFileError`` when it cannot be used."""
    fmt = file_format(file_name)
    if len(content) > max_bytes():
        raise ImportFileError(
            _("The file is larger than %(megabytes)s MB. Please split it.")
            % {"megabytes": max_bytes() // (1024 * 1024)}
        )
    raw = _xlsx_rows(content) if fmt == "xlsx" else _csv_rows(content)
    filled = ((number, row) for number, row in _limited(raw) if any(map(_filled, row)))
    leading = list(islice(filled, HEADER_SEARCH_ROWS))
    if not leading:
        raise ImportFileError(_("The file is empty."))
    best, best_score = 0, 0
    for position, (_number, row) in enumerate(leading):
        score = len({column_of(cell) for cell in row if _filled(cell)} - {None})
        if score > best_score:
            best, best_score = position, score
    header_row, header_cells = leading[best]
    headers = _unique_headers(header_cells)
    rows = []
    for number, row in chain(leading[best + 1 :], filled):
        if len(rows) == max_rows():
            raise _too_many_rows()
        rows.append((number, list(row[: len(headers)]) + [None] * (len(headers) - len(row))))
    return Table(headers=headers, rows=rows, header_row=header_row)


def _date(cell):
    if isinstance(cell, datetime.datetime):
        return cell.date()
    if isinstance(cell, datetime.date):
        return cell
    if isinstance(cell, (int, float)) and not isinstance(cell, bool) and 20_000 < cell < 80_000:
        return _EXCEL_EPOCH + datetime.timedelta(days=int(cell))
    value = cells.text(cell)
    match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})", value) or re.fullmatch(
        r"(\d{4})-(\d{1,2})-(\d{1,2})", value
    )
    if not match:
        return None
    parts = [int(part) for part in match.groups()]
    if len(match.group(1)) == 4:
        year, month, day = parts
    else:
        day, month, year = parts
        year = year + 2000 if year < 100 else year
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _people(cell):
    """A head count: 120, 120.0, "120", "1.200" (German thousands), "ca. 120", "12,0"."""
    if isinstance(cell, float) and not cell.is_integer():
        return None
    value = cells.text(cell)
    if re.fullmatch(r"\d+,0+", value):
        value = value.split(",")[0]
    return cells.whole_number(value if isinstance(cell, str) else cell)


class _Measures:
    """The measures the user may see, by id and by title key (one query)."""

    def __init__(self, user):
        self.by_id, self.by_title = {}, {}
        for measure in selectors.measures(user=user).order_by("pk"):
            self.by_id[measure.pk] = measure
            self.by_title.setdefault(key(measure.title), []).append(measure)


def check(table, *, user, today=None):
    """Check every row; nothing is written."""
    today = today or timezone.localdate()
    columns = {}
    ignored = []
    for heading in table.headers:
        column = column_of(heading)
        if column and column not in columns:
            columns[column] = heading
        else:
            ignored.append(heading)
    result = Check(header_row=table.header_row, columns=columns, ignored=ignored)
    if ID not in columns and TITLE not in columns:
        result.file_errors.append(_message("no_measure_column"))
    if STATUS not in columns and TEXT not in columns:
        result.file_errors.append(_message("nothing_to_update"))
    if result.file_errors:
        return result
    index = {column: table.headers.index(heading) for column, heading in columns.items()}
    measures = _Measures(user)
    seen = {}
    for number, row in table.rows:
        checked = _check_row(number, row, index, columns, measures, today)
        if checked.measure is not None and not checked.errors:
            if checked.measure.pk in seen:
                checked.errors.append(
                    (
                        columns.get(ID) or columns[TITLE],
                        _message("twice", row=seen[checked.measure.pk]),
                    )
                )
            seen.setdefault(checked.measure.pk, number)
        if not checked.errors and not checked.is_change:
            checked.notes.append(_message("unchanged"))
        result.rows.append(checked)
    return result


def _check_row(number, row, index, columns, measures, today):
    def cell(column):
        return row[index[column]] if column in index else None

    def text(column):
        return cells.paragraphs(cells.text(cell(column)))

    result = RowResult(row=number)
    errors = result.errors

    measure_id, title = cells.text(cell(ID)), cells.single_line(cells.text(cell(TITLE)))
    if measure_id:
        number_ = cells.whole_number(cell(ID))
        if number_ is None:
            errors.append((columns[ID], _message("not_a_number", value=measure_id)))
        elif number_ not in measures.by_id:
            errors.append((columns[ID], _message("unknown_id", value=measure_id)))
        else:
            result.measure = measures.by_id[number_]
            if title and key(title) != key(result.measure.title):
                errors.append(
                    (
                        columns[TITLE],
                        _message(
                            "id_title_differ", id=number_, title=result.measure.title, value=title
                        ),
                    )
                )
    elif title:
        found = measures.by_title.get(key(title), [])
        if not found:
            errors.append((columns[TITLE], _message("unknown_title", value=title)))
        elif len(found) > 1:
            errors.append((columns[TITLE], _message("ambiguous_title", value=title)))
        else:
            result.measure = found[0]
    else:
        errors.append((columns.get(ID) or columns.get(TITLE), _message("no_measure")))

    status = text(STATUS)
    if status:
        result.status = _STATUS_OF.get(key(status), "")
        if not result.status and key(status) in Measure.Status.values:
            result.status = key(status)
        if not result.status:
            errors.append((columns[STATUS], _message("unknown_status", value=status)))
    result.reason = text(REASON)
    if len(result.reason) > MAX_REASON:
        errors.append((columns[REASON], _message("reason_too_long", limit=MAX_REASON)))
    if result.status == Measure.Status.STOPPED and not result.reason:
        errors.append((columns.get(REASON) or columns[STATUS], _message("reason_required")))

    result.text = text(TEXT)
    if len(result.text) > MAX_TEXT:
        errors.append((columns[TEXT], _message("text_too_long", limit=MAX_TEXT)))
    raw_date = cell(DATE)
    if _filled(raw_date):
        result.date = _date(raw_date)
        if result.date is None:
            errors.append((columns[DATE], _message("bad_date", value=cells.text(raw_date))))
        elif result.date > today:
            errors.append((columns[DATE], _message("future_date", value=f"{result.date:%d.%m.%Y}")))
        elif not result.text:
            errors.append((columns[DATE], _message("date_without_text")))
    if result.text and result.date is None and not _filled(raw_date):
        result.date = today
    for column, name in ((PARTICIPANTS, "participants"), (VOLUNTEERS, "volunteers")):
        raw = cell(column)
        if _filled(raw) and not cells.is_placeholder(cells.text(raw)):
            value = _people(raw)
            if value is None or value < 0:
                errors.append((columns[column], _message("not_whole", value=cells.text(raw))))
            else:
                setattr(result, name, value)
    return result


@transaction.atomic
def write(checked, *, actor):
    """Write every change of a faultless check, all or nothing; returns (status changes,
    progress updates). Refuses a check with errors (``ValueError``)."""
    from vernetzt.council import services
    from vernetzt.council.services import measures as measure_services

    if not checked.may_write:
        raise ValueError("a check with errors or without changes is not written")
    statuses = updates = 0
    for row in checked.changes:
        measure = Measure.objects.select_for_update().get(pk=row.measure.pk)
        if row.status and (
            row.status != measure.status
            or (row.status == Measure.Status.STOPPED and row.reason != measure.status_reason)
        ):
            services.change_measure_status(
                actor=actor, measure=measure, status=row.status, reason=row.reason
            )
            statuses += 1
        if row.text:
            measure_services.add_progress_update(
                actor=actor,
                measure=measure,
                date=row.date,
                text=row.text,
                participants_reached=row.participants,
                volunteers_won=row.volunteers,
            )
            updates += 1
    return statuses, updates


def example_csv():
    """An example file with the recognised columns (semicolons, UTF-8 with BOM, as Excel)."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Stand der Maßnahmen (Beispiel)"])
    writer.writerow([])
    writer.writerow(
        [
            "Maßnahme-ID",
            "Maßnahme",
            "Status",
            "Grund",
            "Fortschritt-Datum",
            "Fortschritt-Text",
            "Teilnehmende",
            "Ehrenamtliche",
        ]
    )
    writer.writerow(
        [
            "12",
            "Sprachcafé Nordstadt",
            "läuft",
            "",
            "15.03.2026",
            "Zehn Treffen, neue Ehrenamtliche gewonnen",
            "1.250",
            "4",
        ]
    )
    writer.writerow(
        ["", "Interkulturelles Frühstück", "gestoppt", "Kein Raum mehr", "", "", "", ""]
    )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
