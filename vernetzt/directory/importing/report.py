"""The dry-run report: per row a status and its problems, stored as message codes and
translated when shown.

Codes rather than finished sentences let the same stored report be read in any language
(the web page in the reader's, the command in ``--language``).
"""

from dataclasses import asdict, dataclass, field, fields

from django.utils.translation import gettext_lazy as _

from vernetzt.directory.importing.terms import LIST_LABELS

ERROR = "error"
WARNING = "warning"
# A row's status; the order is the report's: errors first.
REJECTED, OK, EXCLUDED = "rejected", "ok", "excluded"
STATUSES = (REJECTED, WARNING, OK, EXCLUDED)
STATUS_LABELS = {
    REJECTED: _("Error: not importable"),
    WARNING: _("Warning: imported, please check"),
    OK: _("OK"),
    EXCLUDED: _("Not imported"),
}

MESSAGES = {
    "name_missing": _("The name is missing."),
    "type_missing": _("The type is missing and no default type was chosen for the import."),
    "type_unknown": _('"%(value)s" is not a known type.'),
    "type_unknown_default": _(
        '"%(value)s" is not a known type; the default type "%(default)s" is used.'
    ),
    "email_invalid": _("This is not a valid e-mail address."),
    "email_several": _("Several e-mail addresses: the first was taken; left out: %(others)s."),
    "url_invalid": _("This is not a valid web address (e.g. https://verein.de)."),
    "year_invalid": _("This is not a year (e.g. 1998)."),
    "year_too_early": _("The founding year lies before 1800."),
    "year_future": _("The founding year lies in the future."),
    "year_from_serial": _("Read as an Excel date: founding year %(year)s. Please check."),
    "year_from_text": _("The founding year %(year)s was taken from this text. Please check."),
    "number_invalid": _("This is not a whole number (e.g. 120)."),
    "too_long": _("Too long: at most %(limit)s characters."),
    "placeholder_empty": _('"%(value)s" was read as "no value": the field stays empty.'),
    "phone_zero_restored": _(
        "Excel had stored this phone number as a number and dropped its leading zero; "
        "imported as %(phone)s. Please check."
    ),
    "phone_short": _(
        "Excel stored this phone number as a number: a leading zero or the area code may be "
        "missing. Please check."
    ),
    "duplicate_in_file": _("The same name already appears in row %(row)s."),
    "term_unknown": _('"%(value)s" is not a known %(list)s and was left out.'),
    "choice_unknown": _('"%(value)s" is not a known %(list)s and was left out.'),
    "duplicate_existing": _(
        'An organisation with this name is already in the directory: "%(name)s".'
    ),
    "duplicate_similar": _('Possibly already in the directory: "%(name)s" (similar name).'),
    "contact_without_consent_column": _(
        "The contact person was not imported: the file has no column recording their consent."
    ),
    "contact_without_consent": _(
        "The contact person was not imported: no consent is recorded in this row."
    ),
}
# Why a row is not imported (no column, no value).
NOTES = {
    "row_heading": _(
        "Looks like a section heading, not an organisation: not imported "
        "(staff can take it in on the import page)."
    ),
    "row_note": _(
        "Looks like a note, not an organisation: not imported "
        "(staff can take it in on the import page)."
    ),
    "row_excluded": _("Excluded by staff: not imported."),
    "duplicate_skipped": _(
        "Already in the directory: skipped (staff can choose to update the existing entry "
        "or import it as new)."
    ),
}
SUGGESTION = _("Did you mean: %(suggestions)s?")


@dataclass
class Problem:
    row: int
    column: str
    value: str
    level: str
    code: str
    params: dict = field(default_factory=dict)

    @property
    def is_error(self):
        return self.level == ERROR

    def as_json(self):
        return asdict(self)


def render(problem):
    """The translated message of a stored problem (a dict) in the active language."""
    params = dict(problem.get("params") or {})
    params.setdefault("value", problem.get("value", ""))
    if "list" in params:
        params["list"] = LIST_LABELS.get(params["list"], params["list"])
    template = MESSAGES.get(problem["code"])
    message = str(template) % params if template else problem["code"]
    suggestions = params.get("suggestions")
    if suggestions:
        message = f"{message} {SUGGESTION % {'suggestions': ', '.join(suggestions)}}"
    return message


def located(problem):
    """The message with where and what: 'Column "E-Mail", value "x@": …'."""
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
    """Every message of a row, translated: why it is not imported first, then its problems,
    errors before warnings."""
    ordered = sorted(entry["problems"], key=lambda problem: problem["level"] != ERROR)
    return [str(NOTES[note]) for note in entry.get("notes", [])] + [
        str(located(problem)) for problem in ordered
    ]


@dataclass
class Report:
    rows: int = 0
    ok: int = 0
    with_warnings: int = 0
    rejected: int = 0
    excluded: int = 0
    header_row: int = 1
    columns: dict = field(default_factory=dict)  # {"recognised": {…}, "unassigned": […]}
    entries: list = field(default_factory=list)  # per row: status, name, problems, notes
    unknown_districts: list = field(default_factory=list)
    created: list = field(default_factory=list)  # [{"name", "slug"}] after the import
    updated: list = field(default_factory=list)

    @property
    def importable(self):
        return self.ok + self.with_warnings

    @property
    def problems(self):
        return [problem for entry in self.entries for problem in entry["problems"]]

    def add(self, entry):
        self.rows += 1
        counter = {OK: "ok", WARNING: "with_warnings", REJECTED: "rejected", EXCLUDED: "excluded"}
        setattr(self, counter[entry["status"]], getattr(self, counter[entry["status"]]) + 1)
        self.entries.append(entry)

    def to_json(self):
        return asdict(self)

    @classmethod
    def from_json(cls, data):
        known = {item.name for item in fields(cls)}
        return cls(**{name: value for name, value in (data or {}).items() if name in known})

    def errors(self):
        return [problem for problem in self.problems if problem["level"] == ERROR]

    def warnings(self):
        return [problem for problem in self.problems if problem["level"] == WARNING]

    def sorted_entries(self, status=None):
        """Rows errors first, then warnings, OK and not imported; each in file order."""
        chosen = [entry for entry in self.entries if status in (None, entry["status"])]
        return sorted(chosen, key=lambda entry: STATUSES.index(entry["status"]))

    def as_data(self):
        """The report as ``manage.py import_organisations --json`` prints it."""
        return {
            "header_row": self.header_row,
            "columns": {
                "recognised": dict(self.columns.get("recognised", {})),
                "unassigned": list(self.columns.get("unassigned", [])),
            },
            "counts": {
                "ok": self.ok,
                "warning": self.with_warnings,
                "rejected": self.rejected,
                "excluded": self.excluded,
            },
            "rows": [
                {
                    "row": entry["row"],
                    "status": entry["status"],
                    "name": entry["name"],
                    "messages": entry_messages(entry),
                }
                for entry in self.entries
            ],
        }


def summary(report):
    return _(
        "%(rows)s rows: %(ok)s fine, %(with_warnings)s with warnings, %(rejected)s rejected, "
        "%(excluded)s not imported."
    ) % {
        "rows": report.rows,
        "ok": report.ok,
        "with_warnings": report.with_warnings,
        "rejected": report.rejected,
        "excluded": report.excluded,
    }


def as_text_lines(report):
    """The report as lines of text, errors first (for the command line)."""
    lines = [str(_("Column headers found in row %(row)s.") % {"row": report.header_row})]
    for entry in report.sorted_entries():
        if entry["status"] == OK:
            continue
        lines.append(
            f"{_('Row')} {entry['row']} [{STATUS_LABELS[entry['status']]}] {entry['name']}"
        )
        lines.extend(f"  {message}" for message in entry_messages(entry))
    lines.append(str(summary(report)))
    return lines
