"""The dry run: every row checked into a ``Report`` and, where it will be written, a ``ParsedRow``.

Each row ends in one status: ``ok``, ``warning`` (written, with something to check),
``rejected`` (an error: nothing is imported until it is fixed or excluded) or ``excluded`` (not
written: a section heading or note, a row staff excluded, or a likely duplicate of an
organisation already in the directory that staff chose to skip, which is the default).
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from vernetzt.directory.importing import cells
from vernetzt.directory.importing.columns import MULTI_VALUE_TARGETS
from vernetzt.directory.importing.duplicates import existing_duplicates
from vernetzt.directory.importing.normalise import organisation_name_key
from vernetzt.directory.importing.report import (
    ERROR,
    EXCLUDED,
    OK,
    REJECTED,
    WARNING,
    Problem,
    Report,
)
from vernetzt.directory.importing.terms import Vocabulary
from vernetzt.directory.models import ContactPerson, Organisation

SINGLE_LINE_FIELDS = ["name", "short_name", "street", "city"]
CALMED_FIELDS = {"name", "street", "city"}  # "MUSTERSTADT" → "Musterstadt"
PARAGRAPH_FIELDS = ["description", "goals", "accessibility_notes"]
# Cells where "keine" or "x" mean something: they are not read as "no value".
MEANINGFUL_WORDS = {"accessibility", "contact_consent"}
PROGRESS_EVERY = 50

SKIP, UPDATE, NEW = "skip", "update", "new"
DUPLICATE_CHOICES = (SKIP, UPDATE, NEW)


@dataclass
class ParsedRow:
    number: int
    values: dict = field(default_factory=dict)  # model fields; ``type`` is an OrganisationType
    many: dict = field(default_factory=dict)  # many-to-many field → list of terms
    contact: dict | None = None
    update_pk: int | None = None  # the existing organisation this row updates


@dataclass
class Decisions:
    """What staff chose on the report page: rows to leave out or take in, and per likely
    duplicate: skip it, update the existing organisation, or import it as a new one."""

    exclude: set = field(default_factory=set)
    include: set = field(default_factory=set)
    duplicates: dict = field(default_factory=dict)  # row number → SKIP | UPDATE | NEW

    @classmethod
    def from_json(cls, data):
        data = data or {}
        return cls(
            exclude={int(row) for row in data.get("exclude", [])},
            include={int(row) for row in data.get("include", [])},
            duplicates={
                int(row): choice
                for row, choice in (data.get("duplicates") or {}).items()
                if choice in DUPLICATE_CHOICES
            },
        )

    def to_json(self):
        return {
            "exclude": sorted(self.exclude),
            "include": sorted(self.include),
            "duplicates": {str(row): choice for row, choice in sorted(self.duplicates.items())},
        }


def _limit(model, name):
    return model._meta.get_field(name).max_length


_DECORATION = re.compile(r"^\s*[-=*#_~+–—•|<>]{2,}|[-=*#_~+–—•|<>]{2,}\s*$")
_NOTE_START = re.compile(
    r"^\s*(hinweis|anmerkung|bemerkung|achtung|stand|quelle|legende|summe|gesamt|insgesamt|"
    r"note|nb|ps|\*|\(|zu pr[uü]fen|todo|erstellt|aktualisiert)\b",
    re.IGNORECASE,
)


def heading_or_note(row_cells, name_index):
    """ "heading" or "note" for a row that is no organisation, else ``None``.

    Lists are divided by section headings ("--- Sportvereine ---", "SPORTVEREINE") and carry
    notes ("Stand: 03/2024", "Hinweis: …"), usually in a single cell.
    """
    filled = [cells.text(cell) for cell in row_cells if cells.text(cell)]
    name = cells.text(row_cells[name_index]) if name_index is not None else ""
    if _DECORATION.search(name) and not re.search(r"\w{2,}.*[-–—]{2,}.*\w{2,}", name):
        return "heading"
    first = name or (filled[0] if filled else "")
    if _NOTE_START.match(first) or first.endswith(":"):
        return "note"
    if len(filled) == 1 and len(row_cells) > 1:
        return "heading" if len(filled[0].split()) <= 4 else "note"
    return None


class RowChecker:
    """Checks one row; ``problem`` collects what it finds, tied to the row's column."""

    def __init__(self, validator, number, cells_by_target):
        self.validator = validator
        self.number = number
        self.cells = cells_by_target
        self.problems = []
        self.parsed = ParsedRow(number=number)

    def problem(self, target, level, code, value=None, **params):
        self.problems.append(
            Problem(
                row=self.number,
                column=self.validator.header_of.get(target, ""),
                value=(cells.text(self.cells.get(target)) if value is None else value)[:200],
                level=level,
                code=code,
                params=params,
            )
        )

    def raw(self, target):
        """The cell, or ``None`` when it is empty or says it has no value ("keine", "-")."""
        cell = self.cells.get(target)
        if target not in MEANINGFUL_WORDS and cells.is_placeholder(cells.text(cell)):
            self.problem(target, WARNING, "placeholder_empty")
            return None
        return cell

    def value(self, target):
        return cells.text(self.raw(target))

    def text(self, target, model=Organisation, model_field=None):
        value = self.value(target)
        tidy = cells.paragraphs if target in PARAGRAPH_FIELDS else cells.single_line
        value = tidy(value)
        if target in CALMED_FIELDS:
            value = cells.calm_capitals(value)
        limit = _limit(model, model_field or target)
        if limit and len(value) > limit:
            self.problem(target, ERROR, "too_long", limit=limit)
        return value

    def check(self):
        values = self.parsed.values
        for name in [*SINGLE_LINE_FIELDS, *PARAGRAPH_FIELDS]:
            if name in self.cells:
                values[name] = self.text(name)
        if "postcode" in self.cells:
            values["postcode"] = cells.postcode(self.raw("postcode"))
            if len(values["postcode"]) > _limit(Organisation, "postcode"):
                self.problem("postcode", ERROR, "too_long", limit=_limit(Organisation, "postcode"))
        if not values.get("name"):
            self.problem("name", ERROR, "name_missing")
        self.check_type()
        self.check_year()
        self.check_member_count()
        self.check_email()
        self.check_phone()
        self.check_website()
        self.check_choice("legal_form")
        self.check_choice("accessibility")
        for target in MULTI_VALUE_TARGETS:
            if target in self.cells:
                self.parsed.many[target] = self.terms(target)
        self.check_contact()
        return self.problems

    def check_type(self):
        value = self.value("type")
        default = self.validator.default_type
        found = self.validator.vocabulary.find("type", value) if value else None
        if found:
            self.parsed.values["type"] = found
        elif default and value:
            self.parsed.values["type"] = default
            self.problem(
                "type",
                WARNING,
                "type_unknown_default",
                default=default.name,
                suggestions=self.validator.vocabulary.suggest("type", value),
            )
        elif default:
            self.parsed.values["type"] = default
        elif value:
            self.problem(
                "type",
                ERROR,
                "type_unknown",
                suggestions=self.validator.vocabulary.suggest("type", value),
            )
        else:
            self.problem("type", ERROR, "type_missing")

    def check_year(self):
        cell = self.raw("founding_year")
        if not cells.text(cell):
            return
        year, how = cells.year(cell)
        if year is None or year < 100 or year > 9999:
            self.problem("founding_year", ERROR, "year_invalid")
        elif year < 1800:
            self.problem("founding_year", ERROR, "year_too_early")
        elif year > timezone.localdate().year:
            self.problem("founding_year", ERROR, "year_future")
        else:
            self.parsed.values["founding_year"] = year
            if how in ("serial", "text"):
                self.problem("founding_year", WARNING, f"year_from_{how}", year=year)

    def check_member_count(self):
        cell = self.raw("member_count")
        if not cells.text(cell):
            return
        count = cells.whole_number(cell)
        if count is None or count < 0 or count > 2_147_483_647:
            self.problem("member_count", ERROR, "number_invalid")
        else:
            self.parsed.values["member_count"] = count

    def email(self, target, model=Organisation, model_field="public_email"):
        """The cell's address; of several the first, with a warning naming the others."""
        value = self.value(target)
        if not value:
            return ""
        addresses = cells.email_addresses(value)
        if not addresses or not all(cells.is_email(address) for address in addresses):
            self.problem(target, ERROR, "email_invalid")
            return ""
        if len(addresses) > 1:
            self.problem(target, WARNING, "email_several", others=", ".join(addresses[1:]))
        if len(addresses[0]) > _limit(model, model_field):
            self.problem(target, ERROR, "too_long", limit=_limit(model, model_field))
            return ""
        return addresses[0]

    def check_email(self):
        value = self.email("public_email")
        if value:
            self.parsed.values["public_email"] = value

    def phone(self, target, model=Organisation, model_field="public_phone"):
        number, how = cells.phone(self.raw(target))
        if how == "restored":
            self.problem(target, WARNING, "phone_zero_restored", phone=number)
        elif how == "short":
            self.problem(target, WARNING, "phone_short")
        if len(number) > _limit(model, model_field):
            self.problem(target, ERROR, "too_long", limit=_limit(model, model_field))
        return number

    def check_phone(self):
        if "public_phone" in self.cells:
            self.parsed.values["public_phone"] = self.phone("public_phone")

    def check_website(self):
        value = self.value("website")
        if not value:
            return
        url = cells.web_address(value)
        if url is None:
            self.problem("website", ERROR, "url_invalid")
        elif len(url) > _limit(Organisation, "website"):
            self.problem("website", ERROR, "too_long", limit=_limit(Organisation, "website"))
        else:
            self.parsed.values["website"] = url

    def check_choice(self, target):
        value = self.value(target)
        if not value:
            return
        found = self.validator.vocabulary.find(target, value)
        if found:
            self.parsed.values[target] = found
        else:
            self.problem(
                target,
                WARNING,
                "choice_unknown",
                list=target,
                suggestions=self.validator.vocabulary.suggest(target, value),
            )

    def terms(self, target):
        vocabulary = self.validator.vocabulary
        found, unknown = vocabulary.find_all(target, self.value(target))
        for value in unknown:
            value = cells.calm_capitals(cells.single_line(value))
            if target == "districts":
                self.validator.unknown_districts[value] += 1
            self.problem(
                target,
                WARNING,
                "term_unknown",
                value=value,
                list=target,
                suggestions=vocabulary.suggest(target, value),
            )
        return found

    def check_contact(self):
        name = (
            self.text("contact_name", ContactPerson, "name") if "contact_name" in self.cells else ""
        )
        if not name:
            return
        email = self.email("contact_email", ContactPerson, "email")
        phone = (
            self.phone("contact_phone", ContactPerson, "phone")
            if "contact_phone" in self.cells
            else ""
        )
        if "contact_consent" not in self.validator.header_of:
            self.problem("contact_name", WARNING, "contact_without_consent_column")
            return
        given, day = cells.consent(self.cells.get("contact_consent"))
        if not given:
            self.problem("contact_name", WARNING, "contact_without_consent")
            return
        self.parsed.contact = {
            "name": name,
            "email": email,
            "phone": phone,
            "given_on": day,
            "evidence": cells.text(self.cells.get("contact_consent"))[:200],
        }


class Validator:
    def __init__(self, *, table, mapping, default_type=None, decisions=None):
        self.table = table
        self.default_type = default_type
        self.decisions = decisions or Decisions()
        self.header_of = {target: header for header, target in mapping.items() if target}
        self.index_of = {
            target: table.headers.index(header) for target, header in self.header_of.items()
        }
        self.vocabulary = Vocabulary()
        self.unknown_districts = Counter()

    def run(self, *, progress=None):
        """(report, rows to write); ``progress(done, total)`` is called now and then.

        First every row is checked; then the directory's duplicate finder is asked once for
        all of them; then each row gets its status."""
        report = Report(header_row=self.table.header_row, columns=self.columns())
        checked, first_row_of_name = [], {}
        total = len(self.table.rows)
        for done, (number, row_cells) in enumerate(self.table.rows, start=1):
            checker = RowChecker(
                self, number, {target: row_cells[index] for target, index in self.index_of.items()}
            )
            checked.append((checker, self.check_row(checker, row_cells, first_row_of_name)))
            if progress and (done % PROGRESS_EVERY == 0 or done == total):
                progress(done, total)
        duplicates = existing_duplicates(
            [
                (checker.number, checker.parsed.values["name"], self.district_ids(checker))
                for checker, entry in checked
                if entry is None and checker.parsed.values.get("name")
            ]
        )
        accepted = []
        for checker, entry in checked:
            if entry is None:
                entry = self.final_entry(checker, duplicates.get(checker.number))
            report.add(entry)
            if entry["status"] in (OK, WARNING):
                accepted.append(checker.parsed)
        report.unknown_districts = sorted(self.unknown_districts)
        return report, accepted

    @staticmethod
    def district_ids(checker):
        return [district.pk for district in checker.parsed.many.get("districts", [])]

    def columns(self):
        return {
            "recognised": {header: target for target, header in self.header_of.items()},
            "unassigned": [
                header for header in self.table.headers if header not in self.header_of.values()
            ],
        }

    def check_row(self, checker, row_cells, first_row_of_name):
        """The row's entry if it is settled without the duplicate finder (not imported, or
        rejected), else ``None``."""
        number = checker.number
        kind = heading_or_note(row_cells, self.index_of.get("name"))
        if kind and number not in self.decisions.include:
            return self.entry(checker, EXCLUDED, [f"row_{kind}"])
        if number in self.decisions.exclude:
            return self.entry(checker, EXCLUDED, ["row_excluded"])
        problems = checker.check()
        self.check_twice_in_file(checker, first_row_of_name)
        if any(problem.is_error for problem in problems):
            return self.entry(checker, REJECTED)
        return None

    def final_entry(self, checker, duplicate):
        if duplicate is None:
            return self.entry(checker, WARNING if checker.problems else OK)
        code = "duplicate_existing" if duplicate.pop("same_name") else "duplicate_similar"
        checker.problem("name", WARNING, code, name=duplicate["name"], slug=duplicate["slug"])
        choice = self.decisions.duplicates.get(checker.number, SKIP)
        entry = self.entry(checker, EXCLUDED if choice == SKIP else WARNING)
        entry.update(duplicate=duplicate, decision=choice)
        if choice == SKIP:
            entry["notes"] = ["duplicate_skipped"]
        elif choice == UPDATE:
            checker.parsed.update_pk = duplicate["pk"]
        return entry

    def entry(self, checker, status, notes=()):
        name = checker.parsed.values.get("name") or cells.text(checker.cells.get("name"))
        return {
            "row": checker.number,
            "status": status,
            "name": name[:200],
            "problems": [problem.as_json() for problem in checker.problems],
            "notes": list(notes),
        }

    def check_twice_in_file(self, checker, first_row_of_name):
        """A name twice in the file (ignoring case, punctuation, "e.V.") is an error."""
        name = checker.parsed.values.get("name")
        if not name:
            return
        name_key = organisation_name_key(name)
        if name_key in first_row_of_name:
            checker.problem("name", ERROR, "duplicate_in_file", row=first_row_of_name[name_key])
        else:
            first_row_of_name[name_key] = checker.number


def validate(*, table, mapping, default_type=None, decisions=None, progress=None):
    validator = Validator(
        table=table, mapping=mapping, default_type=default_type, decisions=decisions
    )
    return validator.run(progress=progress)
