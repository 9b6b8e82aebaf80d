"""Import of needs and offers from a CSV or XLSX list, one row per need or offer.

Columns (recognised by their header, wherever the header row is, like the organisation
import): ``Organisation`` (the name as in the directory), ``Art`` (``Bedarf`` / ``Angebot``),
``Kategorie``, ``Beschreibung``, ``Sprachen``, ``Stadtteile``, ``Gültig ab``, ``Gültig bis``
(``TT.MM.JJJJ``; empty: from today / open-ended); optionally ``Titel`` (else the description's
first sentence). Reading, its limits and the header row come from the organisation import
(``directory.importing.reading``), the managed lists' and languages' names with their aliases
from its ``terms``.

``check(table)`` is the dry run: a ``Report`` with every row's status and its problems, each
naming the column and the value. ``write(actor, rows)`` stores the accepted rows in one
audited transaction, and only when no row has an error (all or nothing).
"""

import datetime
import difflib
import re
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vernetzt.audit.services import record_many
from vernetzt.directory.derived import directory_write, organisations_changed
from vernetzt.directory.importing import cells
from vernetzt.directory.importing.normalise import key
from vernetzt.directory.importing.terms import Matcher, Vocabulary
from vernetzt.directory.models import Category, Need, Offer, Organisation, comparable_name

NEED, OFFER = "need", "offer"
TITLE_LENGTH = Need._meta.get_field("title").max_length
DESCRIPTION_LENGTH = 3000

HEADERS = {
    "organisation": (
        "Organisation",
        "Name",
        "Verein",
        "Einrichtung",
        "Organisation / Verein",
        "Träger",
        "Organization",
    ),
    "kind": ("Art", "Typ", "Bedarf/Angebot", "Bedarf / Angebot", "Kind"),
    "category": ("Kategorie", "Bereich", "Category"),
    "title": ("Titel", "Überschrift", "Title"),
    "description": ("Beschreibung", "Text", "Description"),
    "languages": ("Sprachen", "Sprache", "Languages"),
    "districts": ("Stadtteile", "Stadtteil", "Ortsteil", "Ortsteile", "Quartier", "Districts"),
    "valid_from": ("Gültig ab", "Gueltig ab", "ab", "von", "Beginn", "Valid from"),
    "valid_until": ("Gültig bis", "Gueltig bis", "bis", "Ende", "Valid until"),
}
REQUIRED = ("organisation", "kind", "category", "description")
COLUMN_LABELS = {
    "organisation": gettext_lazy("Organisation"),
    "kind": gettext_lazy("Kind (need or offer)"),
    "category": gettext_lazy("Category"),
    "title": gettext_lazy("Title"),
    "description": gettext_lazy("Description"),
    "languages": gettext_lazy("Languages"),
    "districts": gettext_lazy("Districts"),
    "valid_from": gettext_lazy("Valid from"),
    "valid_until": gettext_lazy("Valid until"),
}
KIND_WORDS = {
    NEED: {"bedarf", "bedarfe", "need", "needs", "gesucht", "suche", "b"},
    OFFER: {"angebot", "angebote", "offer", "offers", "biete", "a"},
}
_HEADER_INDEX = {key(header): name for name, headers in HEADERS.items() for header in headers}
_DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")

ERROR, WARNING = "error", "warning"
REJECTED, OK = "rejected", "ok"


@dataclass
class Row:
    number: int
    kind: str
    organisation: object
    category: object
    title: str
    description: str
    languages: list
    districts: list
    valid_from: datetime.date
    valid_until: datetime.date | None


@dataclass
class Report:
    header_row: int = 1
    columns: dict = field(default_factory=dict)  # header → field name
    missing: list = field(default_factory=list)  # required fields without a column
    entries: list = field(default_factory=list)  # {"row", "status", "name", "problems"}
    rows: list = field(default_factory=list)  # accepted ``Row``s

    @property
    def errors(self):
        return sum(1 for entry in self.entries if entry["status"] == REJECTED) + len(self.missing)

    @property
    def importable(self):
        return not self.errors and bool(self.rows)

    def counts(self):
        return {
            "rows": len(self.entries),
            "rejected": sum(1 for entry in self.entries if entry["status"] == REJECTED),
            "warning": sum(1 for entry in self.entries if entry["status"] == WARNING),
            "ok": sum(1 for entry in self.entries if entry["status"] == OK),
            "needs": sum(1 for row in self.rows if row.kind == NEED),
            "offers": sum(1 for row in self.rows if row.kind == OFFER),
        }

    def as_data(self):
        return {
            "header_row": self.header_row,
            "columns": self.columns,
            "missing_columns": [str(COLUMN_LABELS[name]) for name in self.missing],
            "counts": self.counts(),
            "rows": [
                {
                    "row": entry["row"],
                    "status": entry["status"],
                    "name": entry["name"],
                    "messages": entry["problems"],
                }
                for entry in self.entries
            ],
        }

    def text_lines(self):
        lines = [_("Column headers found in row %(row)s.") % {"row": self.header_row}]
        for name in self.missing:
            lines.append(
                _('No column for "%(field)s" (e.g. a column headed "%(header)s").')
                % {"field": COLUMN_LABELS[name], "header": HEADERS[name][0]}
            )
        for entry in self.entries:
            if entry["status"] == OK:
                continue
            label = _("Error") if entry["status"] == REJECTED else _("Warning")
            lines.append(f"{_('Row')} {entry['row']} [{label}] {entry['name']}")
            lines.extend(f"  {message}" for message in entry["problems"])
        counts = self.counts()
        lines.append(
            _(
                "%(rows)s rows: %(ok)s fine, %(warning)s with warnings, %(rejected)s rejected "
                "(%(needs)s needs and %(offers)s offers importable)."
            )
            % counts
        )
        return lines


def recognise(headers):
    """header → field for every recognised header (each field taken by its first column)."""
    mapping, used = {}, set()
    for header in headers:
        name = _HEADER_INDEX.get(key(header))
        if name and name not in used:
            mapping[header] = name
            used.add(name)
    return mapping


def parse_date(cell):
    """(date or None, ok): TT.MM.JJJJ (also TT.MM.JJ), ISO, or an Excel date cell."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None, True
    if isinstance(cell, datetime.datetime):
        return cell.date(), True
    if isinstance(cell, datetime.date):
        return cell, True
    value = cells.text(cell)
    match = _DATE.match(value)
    try:
        if match:
            day, month, year = (int(part) for part in match.groups())
            return datetime.date(year + 2000 if year < 100 else year, month, day), True
        match = _ISO_DATE.match(value)
        if match:
            return datetime.date(*(int(part) for part in match.groups())), True
    except ValueError:
        return None, False
    return None, False


def _title_from(description):
    first = re.split(r"(?<=[.!?])\s|\n", description.strip(), maxsplit=1)[0].strip()
    if len(first) <= TITLE_LENGTH:
        return first
    return first[: TITLE_LENGTH - 1].rsplit(" ", 1)[0] + "…"


class _Lookups:
    def __init__(self):
        self.vocabulary = Vocabulary()
        self.categories = Matcher()
        for term in Category.objects.filter(is_active=True):
            synonyms = [value for value in term.synonyms.split(",") if value.strip()]
            self.categories.add(term, term.name, term.slug, *term.translations.values(), *synonyms)
        self.organisations = {}
        for organisation in Organisation.objects.exclude(
            status__in=[Organisation.Status.REJECTED, Organisation.Status.ARCHIVED]
        ).only("pk", "name", "name_key", "slug", "status"):
            self.organisations.setdefault(organisation.name_key, []).append(organisation)

    def organisation(self, name):
        return self.organisations.get(comparable_name(name)[:200], [])

    def similar_organisations(self, name):
        names = difflib.get_close_matches(
            comparable_name(name), list(self.organisations), n=3, cutoff=0.75
        )
        return [self.organisations[found][0].name for found in names]


def check(table, *, today=None):
    """The dry run of ``table`` (``directory.importing.reading.Table``)."""
    today = today or timezone.localdate()
    mapping = recognise(table.headers)
    report = Report(header_row=table.header_row, columns=mapping)
    report.missing = [name for name in REQUIRED if name not in mapping.values()]
    if report.missing:
        return report
    lookups = _Lookups()
    position = {name: table.headers.index(header) for header, name in mapping.items()}
    column = {name: header for header, name in mapping.items()}
    seen = {}
    for number, row_cells in table.rows:
        values = {name: row_cells[index] for name, index in position.items()}
        entry, row = _check_row(number, values, column, lookups, seen, today)
        report.entries.append(entry)
        if row is not None:
            report.rows.append(row)
    return report


def _check_row(number, values, column, lookups, seen, today):
    """(report entry, ``Row`` or None when rejected) of one row."""
    problems, level = [], OK

    def problem(name, message, *, severity=ERROR, value=None):
        nonlocal level
        shown = cells.text(values.get(name)) if value is None else value
        where = (
            _('Column "%(column)s", value "%(value)s": ') if shown else _('Column "%(column)s": ')
        )
        problems.append(
            (where % {"column": column.get(name, COLUMN_LABELS[name]), "value": shown[:80]})
            + str(message)
        )
        if severity == ERROR:
            level = REJECTED
        elif level == OK:
            level = WARNING

    name = cells.single_line(cells.text(values["organisation"]))
    organisation = None
    if not name:
        problem("organisation", _("The organisation is missing."))
    else:
        found = lookups.organisation(name)
        if len(found) == 1:
            organisation = found[0]
        elif len(found) > 1:
            problem(
                "organisation",
                _(
                    "Several organisations have this name; the import "
                    "cannot tell which one is meant."
                ),
            )
        else:
            similar = lookups.similar_organisations(name)
            message = _("There is no organisation of this name in the directory.")
            if similar:
                message = f"{message} " + _("Did you mean: %(names)s?") % {
                    "names": ", ".join(similar)
                }
            problem("organisation", message)
    kind_text = key(cells.text(values["kind"]))
    kind = next((kind for kind, words in KIND_WORDS.items() if kind_text in words), None)
    if kind is None:
        problem(
            "kind",
            _('Write "Bedarf" (a need) or "Angebot" (an offer).')
            if kind_text
            else _('The kind is missing: "Bedarf" or "Angebot".'),
        )
    category_text = cells.text(values["category"])
    category = lookups.categories.find(category_text) if category_text else None
    if category is None:
        suggestions = lookups.categories.suggest(category_text) if category_text else []
        message = (
            _("This is not a known category.") if category_text else _("The category is missing.")
        )
        if suggestions:
            message = f"{message} " + _("Did you mean: %(names)s?") % {
                "names": ", ".join(suggestions)
            }
        problem("category", message)
    description = cells.paragraphs(cells.text(values["description"]))
    if not description:
        problem("description", _("The description is missing."))
    elif len(description) > DESCRIPTION_LENGTH:
        problem(
            "description",
            _("Too long: at most %(limit)s characters.") % {"limit": DESCRIPTION_LENGTH},
            value=description[:40] + "…",
        )
    title = cells.single_line(cells.text(values.get("title"))) if "title" in values else ""
    if len(title) > TITLE_LENGTH:
        problem("title", _("Too long: at most %(limit)s characters.") % {"limit": TITLE_LENGTH})
    title = title or _title_from(description)
    languages, districts = [], []
    for list_name, target in (("languages", languages), ("districts", districts)):
        text = cells.text(values.get(list_name)) if list_name in values else ""
        if not text or cells.is_placeholder(text):
            continue
        found, unknown = lookups.vocabulary.find_all(list_name, text)
        target.extend(found)
        for value in unknown:
            suggestions = lookups.vocabulary.suggest(list_name, value)
            message = (
                _("is not a known language and was left out.")
                if list_name == "languages"
                else _("is not a known district and was left out.")
            )
            message = f'"{value}" {message}'
            if suggestions:
                message = f"{message} " + _("Did you mean: %(names)s?") % {
                    "names": ", ".join(suggestions)
                }
            problem(list_name, message, severity=WARNING)
    valid_from, ok_from = parse_date(values.get("valid_from"))
    if not ok_from:
        problem("valid_from", _("This is not a date of the form TT.MM.JJJJ (e.g. 01.03.2027)."))
    valid_until, ok_until = parse_date(values.get("valid_until"))
    if not ok_until:
        problem("valid_until", _("This is not a date of the form TT.MM.JJJJ (e.g. 31.12.2027)."))
    valid_from = valid_from or today
    if valid_until and valid_until < valid_from:
        problem("valid_until", _("The end lies before the start."))
    elif valid_until and valid_until < today:
        problem(
            "valid_until",
            _("This date has passed: imported, but not shown as current."),
            severity=WARNING,
        )
    identity = (organisation.pk if organisation else name, kind, key(title), key(description))
    if identity in seen:
        problem(
            "description",
            _("The same need or offer already appears in row %(row)s.") % {"row": seen[identity]},
            value="",
        )
    else:
        seen[identity] = number
    entry = {"row": number, "status": level, "name": f"{name}: {title}", "problems": problems}
    if level == REJECTED:
        return entry, None
    row = Row(
        number,
        kind,
        organisation,
        category,
        title,
        description,
        languages,
        districts,
        valid_from,
        valid_until,
    )
    return entry, row


@directory_write
def write(*, actor, report, source):
    """Store the report's rows, only when no row has an error: all or nothing, one transaction,
    one audit entry per created need or offer."""
    if report.errors:
        raise ValueError("a report with errors is never written")
    created = []
    for row in report.rows:
        model = Need if row.kind == NEED else Offer
        item = model.objects.create(
            organisation=row.organisation,
            category=row.category,
            title=row.title,
            description=row.description,
            valid_from=row.valid_from,
            valid_until=row.valid_until,
        )
        if row.languages:
            item.languages.set(row.languages)
        if row.districts:
            item.districts.set(row.districts)
        created.append(item)
    record_many(
        actor=actor,
        action="create",
        objects=[(item, {"title": [None, item.title]}) for item in created],
        note=source,
    )
    organisations_changed(organisation_ids={row.organisation.pk for row in report.rows})
    return created
