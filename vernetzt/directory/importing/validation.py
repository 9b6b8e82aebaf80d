"""The dry run: every row checked into a ``Report`` and, where accepted, a ``ParsedRow``."""

from dataclasses import dataclass, field

from django.utils import timezone

from vernetzt.directory.importing import cells
from vernetzt.directory.importing.columns import MULTI_VALUE_TARGETS
from vernetzt.directory.importing.duplicates import ExistingOrganisations
from vernetzt.directory.importing.normalise import organisation_name_key
from vernetzt.directory.importing.report import ERROR, WARNING, Problem, Report
from vernetzt.directory.importing.terms import Vocabulary, split_values
from vernetzt.directory.models import ContactPerson, Organisation

TEXT_FIELDS = [
    "name",
    "short_name",
    "description",
    "goals",
    "street",
    "city",
    "public_phone",
    "accessibility_notes",
]
PROGRESS_EVERY = 50


@dataclass
class ParsedRow:
    number: int
    values: dict = field(default_factory=dict)  # model fields; ``type`` is an OrganisationType
    many: dict = field(default_factory=dict)  # many-to-many field → list of terms
    contact: dict | None = None


def _limit(model, name):
    return model._meta.get_field(name).max_length


class RowChecker:
    """Checks one row; ``problem`` collects what it finds, tied to the row's column."""

    def __init__(self, validator, number, cells_by_target):
        self.validator = validator
        self.number = number
        self.cells = cells_by_target
        self.problems = []
        self.parsed = ParsedRow(number=number)

    def problem(self, target, level, code, **params):
        cell = self.cells.get(target)
        self.problems.append(
            Problem(
                row=self.number,
                column=self.validator.header_of.get(target, ""),
                value=cells.text(cell)[:200],
                level=level,
                code=code,
                params=params,
            )
        )

    def text(self, target, model=Organisation, model_field=None):
        value = cells.text(self.cells.get(target))
        limit = _limit(model, model_field or target)
        if limit and len(value) > limit:
            self.problem(target, ERROR, "too_long", limit=limit)
        return value

    def check(self):
        values = self.parsed.values
        for name in TEXT_FIELDS:
            if name in self.cells:
                values[name] = self.text(name)
        if "postcode" in self.cells:
            values["postcode"] = cells.postcode(self.cells["postcode"])
            if len(values["postcode"]) > _limit(Organisation, "postcode"):
                self.problem("postcode", ERROR, "too_long", limit=_limit(Organisation, "postcode"))
        if not values.get("name"):
            self.problem("name", ERROR, "name_missing")
        self.check_type()
        self.check_year()
        self.check_member_count()
        self.check_email()
        self.check_website()
        self.check_choice("legal_form")
        self.check_choice("accessibility")
        for target in MULTI_VALUE_TARGETS:
            if target in self.cells:
                self.parsed.many[target] = self.terms(target)
        self.check_contact()
        return self.problems

    def check_type(self):
        value = cells.text(self.cells.get("type"))
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
        if not cells.text(self.cells.get("founding_year")):
            return
        year = cells.whole_number(self.cells["founding_year"])
        if year is None or year < 100 or year > 9999:
            self.problem("founding_year", ERROR, "year_invalid")
        elif year < 1800:
            self.problem("founding_year", ERROR, "year_too_early")
        elif year > timezone.localdate().year:
            self.problem("founding_year", ERROR, "year_future")
        else:
            self.parsed.values["founding_year"] = year

    def check_member_count(self):
        if not cells.text(self.cells.get("member_count")):
            return
        count = cells.whole_number(self.cells["member_count"])
        if count is None or count < 0 or count > 2_147_483_647:
            self.problem("member_count", ERROR, "number_invalid")
        else:
            self.parsed.values["member_count"] = count

    def check_email(self):
        value = self.text("public_email")
        if value and not cells.is_email(value):
            self.problem("public_email", ERROR, "email_invalid")
        elif value:
            self.parsed.values["public_email"] = value

    def check_website(self):
        value = cells.text(self.cells.get("website"))
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
        value = cells.text(self.cells.get(target))
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
        found = []
        for value in split_values(cells.text(self.cells[target])):
            term = self.validator.vocabulary.find(target, value)
            if term is None:
                self.problems.append(
                    Problem(
                        row=self.number,
                        column=self.validator.header_of[target],
                        value=value[:200],
                        level=WARNING,
                        code="term_unknown",
                        params={
                            "list": target,
                            "suggestions": self.validator.vocabulary.suggest(target, value),
                        },
                    )
                )
            elif term not in found:
                found.append(term)
        return found

    def check_contact(self):
        name = self.text("contact_name", ContactPerson, "name")
        if not name:
            return
        email = self.text("contact_email", ContactPerson, "email")
        if email and not cells.is_email(email):
            self.problem("contact_email", ERROR, "email_invalid")
        phone = self.text("contact_phone", ContactPerson, "phone")
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
    def __init__(self, *, table, mapping, default_type=None):
        self.table = table
        self.default_type = default_type
        self.header_of = {target: header for header, target in mapping.items() if target}
        self.index_of = {
            target: table.headers.index(header) for target, header in self.header_of.items()
        }
        self.vocabulary = Vocabulary()
        self.existing = ExistingOrganisations()

    def run(self, *, progress=None):
        """(report, accepted rows); ``progress(done, total)`` is called now and then."""
        report, accepted, first_row_of_name = Report(), [], {}
        total = len(self.table.rows)
        for done, (number, row_cells) in enumerate(self.table.rows, start=1):
            checker = RowChecker(
                self, number, {target: row_cells[index] for target, index in self.index_of.items()}
            )
            problems = checker.check()
            self.check_duplicates(checker, first_row_of_name)
            report.count(problems)
            if not any(problem.is_error for problem in problems):
                accepted.append(checker.parsed)
            if progress and (done % PROGRESS_EVERY == 0 or done == total):
                progress(done, total)
        return report, accepted

    def check_duplicates(self, checker, first_row_of_name):
        name = checker.parsed.values.get("name")
        if not name:
            return
        name_key = organisation_name_key(name)
        if name_key in first_row_of_name:
            checker.problem("name", ERROR, "duplicate_in_file", row=first_row_of_name[name_key])
            return
        first_row_of_name[name_key] = checker.number
        existing = self.existing.same_name(name) or self.existing.similar_in_districts(
            name, [district.pk for district in checker.parsed.many.get("districts", [])]
        )
        if existing:
            code = "duplicate_existing" if self.existing.same_name(name) else "duplicate_similar"
            checker.problem("name", WARNING, code, name=existing["name"], slug=existing["slug"])


def validate(*, table, mapping, default_type=None, progress=None):
    return Validator(table=table, mapping=mapping, default_type=default_type).run(progress=progress)
