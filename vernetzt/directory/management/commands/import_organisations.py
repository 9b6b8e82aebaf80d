"""``manage.py import_organisations FILE``: the import of the web pages, for the command line."""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from vernetzt.audit.services import SystemActor
from vernetzt.directory.importing import writer
from vernetzt.directory.importing.columns import (
    MappingError,
    apply_overrides,
    check_mapping,
    parse_assignments,
    suggest_mapping,
)
from vernetzt.directory.importing.reading import ImportFileError, file_format, read_table
from vernetzt.directory.importing.report import as_text_lines
from vernetzt.directory.importing.validation import DUPLICATE_CHOICES, Decisions, validate
from vernetzt.directory.models import OrganisationType, Visibility


class Command(BaseCommand):
    help = "Import organisations from a CSV or XLSX file (see docs/import.md)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .csv or .xlsx file")
        parser.add_argument("--dry-run", action="store_true", help="check only; write nothing")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="COLUMN=FIELD",
            help='assign a column to a field, e.g. --map "Verein=name" '
            '(repeatable; FIELD "ignore" skips the column)',
        )
        parser.add_argument(
            "--mapping", metavar="FILE.json", help='a JSON object {"Column": "field", …}'
        )
        parser.add_argument(
            "--default-type", metavar="SLUG", help="type for rows whose type is empty or unknown"
        )
        parser.add_argument(
            "--visibility",
            choices=[choice.value for choice in Visibility],
            default=Visibility.INTERNAL,
            help="visibility of the new organisations (default: internal until staff publish)",
        )
        parser.add_argument(
            "--json", action="store_true", help="print the report as JSON (nothing else)"
        )
        parser.add_argument(
            "--exclude",
            action="append",
            type=int,
            default=[],
            metavar="ROW",
            help="leave out this row (as the spreadsheet numbers it; repeatable)",
        )
        parser.add_argument(
            "--include",
            action="append",
            type=int,
            default=[],
            metavar="ROW",
            help="take in a row flagged as a section heading or note (repeatable)",
        )
        parser.add_argument(
            "--duplicate",
            action="append",
            default=[],
            metavar="ROW=CHOICE",
            help="for a likely duplicate: skip (default), update or new (repeatable)",
        )
        parser.add_argument("--language", default="de", help="language of the report (de, en, …)")
        parser.add_argument(
            "--user", metavar="USERNAME", help="the account the audit trail names as importer"
        )

    def handle(self, *args, **options):
        with translation.override(options["language"]):
            return self.run(options)

    def run(self, options):
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("The file %(file)s cannot be opened (%(reason)s).")
                % {"file": path, "reason": error.strerror}
            ) from error
        actor = self.actor(options["user"])
        default_type = self.default_type(options["default_type"])
        try:
            table = read_table(content, file_format(path.name))
            mapping = self.mapping(table.headers, options, default_type)
        except (ImportFileError, MappingError) as error:
            raise CommandError(str(error)) from error
        report, rows = validate(
            table=table,
            mapping=mapping,
            default_type=default_type,
            decisions=self.decisions(options),
        )
        if options["json"]:
            self.stdout.write(json.dumps(report.as_data(), ensure_ascii=False, indent=2))
        else:
            for header, target in mapping.items():
                self.stdout.write(f"  {header} → {target or '—'}")
            for line in as_text_lines(report):
                self.stdout.write(line)
        if report.rejected:
            raise CommandError(
                _("Nothing was imported: correct or exclude the rejected rows and try again.")
            )
        if options["dry_run"]:
            if not options["json"]:
                self.stdout.write(_("Dry run: nothing was written."))
            return
        created, updated = writer.write(
            actor=actor,
            rows=rows,
            visibility=options["visibility"],
            source=_("Import of %(file)s on the command line") % {"file": path.name},
        )
        if not options["json"]:
            self.stdout.write(
                self.style.SUCCESS(
                    _("%(created)s organisations imported, %(updated)s updated.")
                    % {"created": len(created), "updated": len(updated)}
                )
            )

    def decisions(self, options):
        duplicates = {}
        for assignment in options["duplicate"]:
            row, _separator, choice = assignment.partition("=")
            if not row.strip().isdigit() or choice.strip() not in DUPLICATE_CHOICES:
                raise CommandError(
                    _('"%(value)s" is not of the form "ROW=skip|update|new".')
                    % {"value": assignment}
                )
            duplicates[int(row)] = choice.strip()
        return Decisions(
            exclude=set(options["exclude"]), include=set(options["include"]), duplicates=duplicates
        )

    def mapping(self, headers, options, default_type):
        overrides = {}
        if options["mapping"]:
            overrides.update(self.mapping_file(options["mapping"]))
        overrides.update(parse_assignments(options["map"]))
        mapping = apply_overrides(suggest_mapping(headers), overrides, headers)
        problems = check_mapping(mapping, has_default_type=default_type is not None)
        if problems:
            raise MappingError(" ".join(str(problem) for problem in problems))
        return mapping

    def mapping_file(self, name):
        try:
            data = json.loads(Path(name).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise MappingError(
                _("The mapping file %(file)s cannot be read (%(reason)s).")
                % {"file": name, "reason": error}
            ) from error
        if not isinstance(data, dict) or not all(
            isinstance(key, str) and isinstance(value, str) for key, value in data.items()
        ):
            raise MappingError(_('The mapping file must hold an object {"Column": "field", …}.'))
        return data

    def default_type(self, slug):
        if not slug:
            return None
        found = OrganisationType.objects.filter(slug=slug).first()
        if found is None:
            known = ", ".join(OrganisationType.objects.values_list("slug", flat=True))
            raise CommandError(
                _('There is no type "%(slug)s". Types: %(known)s.') % {"slug": slug, "known": known}
            )
        return found

    def actor(self, username):
        if not username:
            return SystemActor(_("command line import"))
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(_('There is no account "%(username)s".') % {"username": username})
        return user
