"""The dry-run report: per-row problems stored as message codes, translated when shown.

Codes rather than finished sentences let the same stored report be read in any language
(the web page in the reader's, the command in ``--language``).
"""

from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext_lazy as _

from vernetzt.directory.importing.terms import LIST_LABELS

ERROR = "error"
WARNING = "warning"

MESSAGES = {
    "name_missing": _("The name is missing."),
    "type_missing": _("The type is missing and no default type was chosen for the import."),
    "type_unknown": _('"%(value)s" is not a known type.'),
    "type_unknown_default": _(
        '"%(value)s" is not a known type; the default type "%(default)s" is used.'
    ),
    "email_invalid": _("This is not a valid e-mail address."),
    "url_invalid": _("This is not a valid web address (e.g. https://verein.de)."),
    "year_invalid": _("This is not a year (e.g. 1998)."),
    "year_too_early": _("The founding year lies before 1800."),
    "year_future": _("The founding year lies in the future."),
    "number_invalid": _("This is not a whole number (e.g. 120)."),
    "too_long": _("Too long: at most %(limit)s characters."),
    "duplicate_in_file": _("The same name already appears in row %(row)s."),
    "term_unknown": _('"%(value)s" is not a known %(list)s and was left out.'),
    "choice_unknown": _('"%(value)s" is not a known %(list)s and was left out.'),
    "duplicate_existing": _(
        'An organisation with this name is already in the directory: "%(name)s".'
    ),
    "duplicate_similar": _(
        'Possibly already in the directory: "%(name)s" (similar name, same district).'
    ),
    "contact_without_consent_column": _(
        "The contact person was not imported: the file has no column recording their consent."
    ),
    "contact_without_consent": _(
        "The contact person was not imported: no consent is recorded in this row."
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


@dataclass
class Report:
    rows: int = 0
    ok: int = 0
    with_warnings: int = 0
    rejected: int = 0
    problems: list = field(default_factory=list)
    created: list = field(default_factory=list)  # [{"name", "slug"}] after the import

    @property
    def importable(self):
        return self.ok + self.with_warnings

    def count(self, problems):
        self.rows += 1
        if any(problem.is_error for problem in problems):
            self.rejected += 1
        elif problems:
            self.with_warnings += 1
        else:
            self.ok += 1
        self.problems.extend(asdict(problem) for problem in problems)

    def to_json(self):
        return asdict(self)

    @classmethod
    def from_json(cls, data):
        return cls(**data) if data else cls()

    def errors(self):
        return [problem for problem in self.problems if problem["level"] == ERROR]

    def warnings(self):
        return [problem for problem in self.problems if problem["level"] == WARNING]


def summary(report):
    return _(
        "%(rows)s rows: %(ok)s fine, %(with_warnings)s with warnings, %(rejected)s rejected."
    ) % {
        "rows": report.rows,
        "ok": report.ok,
        "with_warnings": report.with_warnings,
        "rejected": report.rejected,
    }


def as_text_lines(report):
    """The report as lines of text, errors first (for the command line)."""
    lines = []
    for title, problems in (
        (_("Errors (row rejected)"), report.errors()),
        (_("Warnings"), report.warnings()),
    ):
        if problems:
            lines.append(f"{title}:")
            lines.extend(
                "  "
                + _('Row %(row)s, column "%(column)s", value "%(value)s": %(message)s')
                % {
                    "row": problem["row"],
                    "column": problem["column"],
                    "value": problem["value"],
                    "message": render(problem),
                }
                for problem in problems
            )
    lines.append(str(summary(report)))
    return lines
