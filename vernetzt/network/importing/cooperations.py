"""Import of cooperations from a CSV or XLSX list (Organisation A, Organisation B, Art, seit,
bis, Titel): read, check every row (a dry-run report in the directory import's format) and
write all rows or none.

Reading, its limits (size, rows, columns, cell length, unpacked XLSX size), the search for the
header row below title rows, cell cleaning and the report's counting are the directory
import's (``directory/importing``); what is particular to cooperations is here: the columns,
matching organisation names (exactly, or by the directory's normalised name key
``Organisation.name_key``), kinds, German and Excel dates, duplicates in the file and in the
database.
"""

import datetime
import re
from dataclasses import dataclass, field
from itertools import chain, islice

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vernetzt.audit.services import SystemActor, record_many
from vernetzt.core.roles import is_staff
from vernetzt.directory.derived import directory_write, organisations_changed
from vernetzt.directory.importing import reading
from vernetzt.directory.importing.cells import is_placeholder, paragraphs, single_line
from vernetzt.directory.importing.cells import text as cell_text
from vernetzt.directory.importing.normalise import key
from vernetzt.directory.importing.report import (
    ERROR,
    OK,
    REJECTED,
    STATUS_LABELS,
    WARNING,
    Problem,
    Report,
    summary,
)
from vernetzt.directory.models import Organisation, Visibility, comparable_name
from vernetzt.network.models import Cooperation, CooperationPartner
from vernetzt.network.revision import network_changed

# --- Columns ----------------------------------------------------------------------------------

ORGANISATION_A, ORGANISATION_B = "organisation_a", "organisation_b"
KIND, START, END, TITLE, DESCRIPTION = "kind", "start_date", "end_date", "title", "description"

COLUMN_LABELS = {
    ORGANISATION_A: _("Organisation A"),
    ORGANISATION_B: _("Organisation B"),
    KIND: _("Kind"),
    START: _("Since"),
    END: _("Until"),
    TITLE: _("Title"),
    DESCRIPTION: _("Description"),
}
HEADERS = {
    ORGANISATION_A: [
        "Organisation A",
        "Organisation 1",
        "Organisation",
        "Partner A",
        "Partner 1",
        "Verein A",
        "Verein",
        "Träger A",
        "Einrichtung A",
        "Akteur A",
        "Organisation A Name",
    ],
    ORGANISATION_B: [
        "Organisation B",
        "Organisation 2",
        "Partner B",
        "Partner 2",
        "Partner",
        "Kooperationspartner",
        "Partnerorganisation",
        "Verein B",
        "Träger B",
        "Einrichtung B",
        "Akteur B",
        "mit",
    ],
    KIND: ["Art", "Kind", "Typ", "Kooperationsart", "Art der Kooperation", "Form"],
    START: ["seit", "since", "von", "ab", "Beginn", "Start", "Startdatum", "Anfang", "from"],
    END: ["bis", "until", "Ende", "Enddatum", "end", "to", "beendet"],
    TITLE: ["Titel", "Title", "Bezeichnung", "Thema", "Projekt", "Name der Kooperation"],
    DESCRIPTION: ["Beschreibung", "Description", "Inhalt", "Bemerkung", "Notiz"],
}
_HEADER_INDEX = {key(header): target for target, headers in HEADERS.items() for header in headers}
REQUIRED = (ORGANISATION_A, ORGANISATION_B)

KIND_WORDS = {
    Cooperation.Kind.PUNCTUAL: [
        "punktuell",
        "punctual",
        "einmalig",
        "Projekt",
        "Veranstaltung",
        "Aktion",
        "Event",
        "kurzfristig",
    ],
    Cooperation.Kind.LASTING: [
        "dauerhaft",
        "lasting",
        "Partnerschaft",
        "Vereinbarung",
        "Kooperationsvereinbarung",
        "langfristig",
        "regelmäßig",
        "fortlaufend",
        "ständig",
    ],
    Cooperation.Kind.NETWORK: [
        "Netzwerk",
        "network",
        "Mitgliedschaft",
        "Netzwerkmitgliedschaft",
        "Netzwerkmitglied",
        "Mitglied",
        "Verbund",
        "Arbeitskreis",
    ],
}
_KIND_INDEX = {key(word): kind for kind, words in KIND_WORDS.items() for word in words}
_KIND_INDEX.update({key(kind.value): kind for kind in Cooperation.Kind})

MESSAGES = {
    "organisation_missing": _("The organisation is missing."),
    "organisation_unknown": _("No organisation of this name is in the directory."),
    "organisation_ambiguous": _(
        "Several organisations in the directory have this name: %(names)s. Please write the "
        "name exactly as in the directory."
    ),
    "organisation_matched": _('Read as "%(name)s" (the name in the directory).'),
    "organisation_not_verified": _(
        'The organisation "%(name)s" is not verified: only verified organisations cooperate.'
    ),
    "same_organisation": _("Organisation A and B are the same organisation."),
    "kind_missing": _("The kind is missing (punctual, lasting or network membership)."),
    "kind_unknown": _(
        '"%(value)s" is not a known kind. Use one of: punktuell, dauerhaft, Netzwerk.'
    ),
    "date_invalid": _("This is not a date (DD.MM.YYYY, e.g. 01.03.2024)."),
    "date_partial": _("Only a month or year is given: read as %(date)s. Please check."),
    "end_before_start": _("The end (%(end)s) lies before the start (%(start)s)."),
    "title_missing": _('No title: "%(title)s" is used.'),
    "too_long": _("Too long: at most %(limit)s characters."),
    "duplicate_in_file": _("The same cooperation already appears in row %(row)s."),
    "duplicate_existing": _(
        'This cooperation is already recorded: "%(title)s" between the same organisations.'
    ),
    "placeholder_empty": _('"%(value)s" was read as "no value": the field stays empty.'),
}
COLUMN_MISSING = _("The file has no column for %(column)s (e.g. a header “%(example)s”).")


def recognise(header):
    return _HEADER_INDEX.get(key(header or ""), "")


def mapping_of(headers):
    """Header → target for the recognised columns (each target once: the first column)."""
    mapping, taken = {}, set()
    for header in headers:
        target = recognise(header)
        if target and target not in taken:
            mapping[header] = target
            taken.add(target)
    return mapping


def missing_columns(mapping):
    present = set(mapping.values())
    return [
        str(COLUMN_MISSING % {"column": COLUMN_LABELS[target], "example": HEADERS[target][0]})
        for target in REQUIRED
        if target not in present
    ]


# --- Reading ----------------------------------------------------------------------------------


def read_table(content, fmt):
    """The directory import's reading and limits, with the header row found among the first
    rows by the cooperation columns it names (a title row above it is skipped)."""
    if len(content) > reading.max_bytes():
        raise reading.ImportFileError(
            _("The file is larger than %(megabytes)s MB. Please split it.")
            % {"megabytes": reading.max_bytes() // (1024 * 1024)}
        )
    raw_rows = reading._xlsx_rows(content) if fmt == "xlsx" else reading._csv_rows(content)
    filled = (
        (number, cells)
        for number, cells in reading._limited(raw_rows)
        if any(map(reading._filled, cells))
    )
    leading = list(islice(filled, reading.HEADER_SEARCH_ROWS))
    if not leading:
        raise reading.ImportFileError(_("The file is empty."))
    position = _header_position([cells for _number, cells in leading])
    header_row, header_cells = leading[position]
    headers = reading._unique_headers(header_cells)
    rows = []
    for number, cells in chain(leading[position + 1 :], filled):
        if len(rows) == reading.max_rows():
            raise reading._too_many_rows()
        cells = list(cells[: len(headers)]) + [None] * (len(headers) - len(cells))
        rows.append((number, cells))
    return reading.Table(headers=headers, rows=rows, header_row=header_row)


def _header_position(candidate_rows):
    best, best_score = 0, 1
    for position, cells in enumerate(candidate_rows):
        score = len({recognise(str(cell)) for cell in cells if reading._filled(cell)} - {""})
        if score > best_score:
            best, best_score = position, score
    return best


# --- Cells ------------------------------------------------------------------------------------

_EXCEL_EPOCH = datetime.date(1899, 12, 30)
_SERIAL_RANGE = range(20_000, 80_000)  # 1954 … 2119: a cooperation's dates
_DATE_DE = re.compile(r"^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{2}|\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DATE_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_MONTH = re.compile(r"^(\d{1,2})[./](\d{4})$")
_YEAR = re.compile(r"^(19\d\d|20\d\d|21\d\d)$")


def parse_date(cell):
    """(date or None, how): "date" (a date), "partial" (a month or year: its first day),
    "empty", or "invalid". German ``TT.MM.JJJJ`` (and ``TT.MM.JJ``), ISO ``JJJJ-MM-TT``, Excel
    date cells and Excel serial numbers."""
    if cell is None:
        return None, "empty"
    if isinstance(cell, datetime.datetime):
        return cell.date(), "date"
    if isinstance(cell, datetime.date):
        return cell, "date"
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        if float(cell).is_integer() and int(cell) in _SERIAL_RANGE:
            return _EXCEL_EPOCH + datetime.timedelta(days=int(cell)), "date"
        if float(cell).is_integer() and _YEAR.match(str(int(cell))):
            return datetime.date(int(cell), 1, 1), "partial"
        return None, "invalid"
    value = " ".join(str(cell).split())
    if not value:
        return None, "empty"
    if value.isdigit() and int(value) in _SERIAL_RANGE:
        return _EXCEL_EPOCH + datetime.timedelta(days=int(value)), "date"
    try:
        if match := _DATE_DE.match(value):
            day, month, year = (int(part) for part in match.groups())
            return datetime.date(year + 2000 if year < 100 else year, month, day), "date"
        if match := _DATE_ISO.match(value):
            return datetime.date(*(int(part) for part in match.groups())), "date"
        if match := _DATE_SLASH.match(value):
            day, month, year = (int(part) for part in match.groups())
            return datetime.date(year, month, day), "date"
        if match := _MONTH.match(value):
            month, year = (int(part) for part in match.groups())
            return datetime.date(year, month, 1), "partial"
        if _YEAR.match(value):
            return datetime.date(int(value), 1, 1), "partial"
    except ValueError:
        return None, "invalid"
    return None, "invalid"


def _short(value):
    return str(value)[:200]


# --- Organisations ----------------------------------------------------------------------------


class OrganisationIndex:
    """Every organisation by exact name and by the directory's name key, loaded once."""

    def __init__(self):
        self.by_name, self.by_key = {}, {}
        rows = Organisation.objects.values_list("pk", "name", "name_key", "status")
        for pk, name, name_key, status in rows:
            entry = (pk, name, status)
            self.by_name.setdefault(name.strip(), []).append(entry)
            self.by_key.setdefault(name_key, []).append(entry)

    def find(self, name):
        """(entries, how): exact name first, then the normalised key."""
        exact = self.by_name.get(name)
        if exact:
            return exact, "exact"
        return self.by_key.get(comparable_name(name)[:200], []), "key"


# --- Checking ---------------------------------------------------------------------------------


@dataclass
class Row:
    number: int
    organisation_ids: list
    title: str
    kind: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    description: str = ""
    generated_title: bool = False


@dataclass
class Checked:
    report: Report
    rows: list = field(default_factory=list)  # Row, for the rows without errors
    missing: list = field(default_factory=list)  # messages for missing columns

    @property
    def importable(self):
        return not self.missing and not self.report.rejected and bool(self.rows)


class _RowChecker:
    def __init__(self, number, values):
        self.number, self.values, self.problems = number, values, []

    def problem(self, target, level, code, value=None, **params):
        self.problems.append(
            Problem(
                row=self.number,
                column=self.values.get(f"_header_{target}", ""),
                value=_short(self.values.get(target, "") if value is None else value),
                level=level,
                code=code,
                params=params,
            ).as_json()
        )

    @property
    def has_error(self):
        return any(problem["level"] == ERROR for problem in self.problems)


def check(table):
    """The report of every row and the rows to write (only meaningful without errors)."""
    mapping = mapping_of(table.headers)
    report = Report(header_row=table.header_row)
    report.columns = {
        "recognised": dict(mapping),
        "unassigned": [header for header in table.headers if header not in mapping],
    }
    checked = Checked(report=report, missing=missing_columns(mapping))
    if checked.missing:
        return checked
    index = OrganisationIndex()
    positions = {target: table.headers.index(header) for header, target in mapping.items()}
    headers = {f"_header_{target}": header for header, target in mapping.items()}
    first_row_of = {}
    existing = _existing_pairs()
    for number, cells in table.rows:
        raw = {target: cells[position] for target, position in positions.items()}
        values = {**headers, **{target: cell_text(cell) for target, cell in raw.items()}}
        checker = _RowChecker(number, values)
        row = _check_row(checker, raw, values, index)
        names = " – ".join(filter(None, [values.get(ORGANISATION_A), values.get(ORGANISATION_B)]))
        if row is not None:
            signature = (frozenset(row.organisation_ids), key(row.title), row.kind, row.start_date)
            if signature in first_row_of:
                checker.problem(TITLE, ERROR, "duplicate_in_file", row=first_row_of[signature])
            else:
                first_row_of[signature] = number
            recorded = existing.get((frozenset(row.organisation_ids), key(row.title)))
            if recorded:
                checker.problem(TITLE, ERROR, "duplicate_existing", title=recorded)
        status = REJECTED if checker.has_error else (WARNING if checker.problems else OK)
        report.add(
            {
                "row": number,
                "status": status,
                "name": f"{names}: {row.title}" if row and not row.generated_title else names,
                "problems": checker.problems,
                "notes": [],
            }
        )
        if row is not None and not checker.has_error:
            checked.rows.append(row)
    return checked


def _existing_pairs():
    """(partner ids, title key) → title of the cooperations already recorded (not declined)."""
    partners = {}
    rows = CooperationPartner.objects.exclude(
        cooperation__status=Cooperation.Status.DECLINED
    ).values_list("cooperation_id", "organisation_id", "cooperation__title")
    titles = {}
    for cooperation_id, organisation_id, title in rows:
        partners.setdefault(cooperation_id, set()).add(organisation_id)
        titles[cooperation_id] = title
    return {(frozenset(ids), key(titles[pk])): titles[pk] for pk, ids in partners.items()}


def _organisation(checker, target, value, index):
    if not value or is_placeholder(value):
        checker.problem(target, ERROR, "organisation_missing")
        return None
    name = single_line(value)
    found, how = index.find(name)
    if not found:
        checker.problem(target, ERROR, "organisation_unknown")
        return None
    if len(found) > 1:
        checker.problem(
            target,
            ERROR,
            "organisation_ambiguous",
            names=", ".join(sorted(n for _p, n, _s in found)),
        )
        return None
    pk, directory_name, status = found[0]
    if status != Organisation.Status.VERIFIED:
        checker.problem(target, ERROR, "organisation_not_verified", name=directory_name)
        return None
    if how == "key" and directory_name != name:
        checker.problem(target, WARNING, "organisation_matched", name=directory_name)
    return pk, directory_name


def _date(checker, target, cell):
    day, how = parse_date(cell)
    if how == "invalid":
        checker.problem(target, ERROR, "date_invalid")
    elif how == "partial":
        checker.problem(target, WARNING, "date_partial", date=day.strftime("%d.%m.%Y"))
    return day


def _check_row(checker, raw, values, index):
    first = _organisation(checker, ORGANISATION_A, values.get(ORGANISATION_A, ""), index)
    second = _organisation(checker, ORGANISATION_B, values.get(ORGANISATION_B, ""), index)
    if first and second and first[0] == second[0]:
        checker.problem(ORGANISATION_B, ERROR, "same_organisation")
    kind_value = values.get(KIND, "")
    kind = None
    if not kind_value or is_placeholder(kind_value):
        checker.problem(KIND, ERROR, "kind_missing")
    else:
        kind = _KIND_INDEX.get(key(kind_value))
        if kind is None:
            checker.problem(KIND, ERROR, "kind_unknown")
    start = _date(checker, START, raw.get(START))
    end = _date(checker, END, raw.get(END))
    if start and end and end < start:
        checker.problem(
            END,
            ERROR,
            "end_before_start",
            start=start.strftime("%d.%m.%Y"),
            end=end.strftime("%d.%m.%Y"),
        )
    title = single_line(values.get(TITLE, ""))
    if len(title) > 200:
        checker.problem(TITLE, ERROR, "too_long", limit=200)
    description = paragraphs(values.get(DESCRIPTION, ""))
    if len(description) > 5000:
        checker.problem(DESCRIPTION, ERROR, "too_long", limit=5000)
    if not (first and second and kind):
        return None
    generated = not title or is_placeholder(title)
    if generated:
        title = f"{first[1]} – {second[1]}"[:200]
        checker.problem(TITLE, WARNING, "title_missing", title=title)
    return Row(
        number=checker.number,
        organisation_ids=[first[0], second[0]],
        title=title,
        kind=kind,
        start_date=start,
        end_date=end,
        description=description,
        generated_title=generated,
    )


# --- The report in words ----------------------------------------------------------------------


def render(problem):
    params = {"value": problem.get("value", ""), **(problem.get("params") or {})}
    template = MESSAGES.get(problem["code"])
    return str(template) % params if template else problem["code"]


def located(problem):
    if not problem.get("column"):
        return render(problem)
    if not problem.get("value"):
        return _('Column "%(column)s": %(message)s') % {
            "column": problem["column"],
            "message": render(problem),
        }
    return _('Column "%(column)s", value "%(value)s": %(message)s') % {
        "column": problem["column"],
        "value": problem["value"],
        "message": render(problem),
    }


def entry_messages(entry):
    ordered = sorted(entry["problems"], key=lambda problem: problem["level"] != ERROR)
    return [str(located(problem)) for problem in ordered]


def as_data(checked):
    """The report as ``manage.py import_cooperations --json`` prints it."""
    report = checked.report
    return {
        "header_row": report.header_row,
        "missing_columns": list(checked.missing),
        "columns": {
            "recognised": dict(report.columns.get("recognised", {})),
            "unassigned": list(report.columns.get("unassigned", [])),
        },
        "counts": {
            "ok": report.ok,
            "warning": report.with_warnings,
            "rejected": report.rejected,
        },
        "rows": [
            {
                "row": entry["row"],
                "status": entry["status"],
                "name": entry["name"],
                "messages": entry_messages(entry),
            }
            for entry in report.entries
        ],
    }


def as_text_lines(checked):
    report = checked.report
    lines = list(checked.missing)
    lines.append(str(_("Column headers found in row %(row)s.") % {"row": report.header_row}))
    for entry in report.sorted_entries():
        if entry["status"] == OK:
            continue
        lines.append(
            f"{_('Row')} {entry['row']} [{STATUS_LABELS[entry['status']]}] {entry['name']}"
        )
        lines.extend(f"  {message}" for message in entry_messages(entry))
    lines.append(str(summary(report)))
    return lines


def rows_for_page(checked):
    """Entries errors first, each with its translated messages (for the web page)."""
    return [
        {**entry, "label": STATUS_LABELS[entry["status"]], "messages": entry_messages(entry)}
        for entry in checked.report.sorted_entries()
    ]


# --- Writing ----------------------------------------------------------------------------------


class NotImportable(Exception):
    """A write of a list with errors (or none): nothing was written."""


def status_for(row, today):
    if row.end_date and row.end_date < today:
        return Cooperation.Status.ENDED
    if row.start_date and row.start_date > today:
        return Cooperation.Status.AGREED
    return Cooperation.Status.ACTIVE


@directory_write
def write(*, actor, checked, visibility=Visibility.INTERNAL, source=""):
    """Every row of a list without errors, in one transaction (all or nothing), each partner
    confirmed by ``actor`` (staff, or the command's ``SystemActor``); audited per cooperation."""
    if not (isinstance(actor, SystemActor) or (actor is not None and is_staff(actor))):
        raise PermissionDenied("only staff import cooperations")
    if not checked.importable:
        raise NotImportable("the list has errors or no rows")
    if visibility not in Visibility.values:
        raise ValueError(f"not a visibility: {visibility!r}")
    today = timezone.localdate()
    user = actor if getattr(actor, "is_authenticated", False) else None
    now = timezone.now()
    reason = str(_("ended according to the imported list"))
    cooperations = [
        Cooperation(
            title=row.title,
            description=row.description,
            kind=row.kind,
            status=status_for(row, today),
            status_reason=reason if status_for(row, today) == Cooperation.Status.ENDED else "",
            start_date=row.start_date,
            end_date=row.end_date,
            origin=Cooperation.Origin.IMPORT,
            origin_reference=(source or "")[:200],
            visibility=visibility,
            created_by=user,
        )
        for row in checked.rows
    ]
    with transaction.atomic():
        created = Cooperation.objects.bulk_create(cooperations, batch_size=500)
        if any(item.pk is None for item in created):  # a backend without RETURNING
            raise RuntimeError("bulk_create did not return primary keys")
        partners = [
            CooperationPartner(
                cooperation=cooperation,
                organisation_id=organisation_id,
                decision=CooperationPartner.Decision.CONFIRMED,
                decided_at=now,
                decided_by=user,
            )
            for cooperation, row in zip(created, checked.rows, strict=True)
            for organisation_id in row.organisation_ids
        ]
        CooperationPartner.objects.bulk_create(partners, batch_size=1000)
        names = dict(
            Organisation.objects.filter(
                pk__in={pk for row in checked.rows for pk in row.organisation_ids}
            ).values_list("pk", "name")
        )
        record_many(
            actor=actor,
            action="create",
            objects=[
                (
                    cooperation,
                    {
                        "title": [None, cooperation.title],
                        "kind": [None, cooperation.kind],
                        "status": [None, cooperation.status],
                        "start_date": [
                            None,
                            cooperation.start_date and str(cooperation.start_date),
                        ],
                        "end_date": [None, cooperation.end_date and str(cooperation.end_date)],
                        "visibility": [None, cooperation.visibility],
                        "partners": [None, sorted(names[pk] for pk in row.organisation_ids)],
                    },
                )
                for cooperation, row in zip(created, checked.rows, strict=True)
            ],
            note=_("imported from %(source)s") % {"source": source or "?"},
        )
    organisations_changed(
        organisation_ids={pk for row in checked.rows for pk in row.organisation_ids}
    )
    network_changed()
    return created
