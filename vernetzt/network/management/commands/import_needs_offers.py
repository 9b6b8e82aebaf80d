"""``manage.py import_needs_offers FILE [--dry-run]``: needs and offers from a CSV or XLSX list
(columns in ``network/importing_needs``), with the same report as the web page, all or nothing."""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from vernetzt.audit.services import SystemActor
from vernetzt.directory.importing.reading import ImportFileError, file_format, read_table
from vernetzt.network import importing_needs


class Command(BaseCommand):
    help = "Import needs and offers from a CSV or XLSX file (one row per need or offer)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .csv or .xlsx file")
        parser.add_argument("--dry-run", action="store_true", help="check only; write nothing")
        parser.add_argument("--json", action="store_true", help="print the report as JSON")
        parser.add_argument("--language", default="de", help="language of the report")
        parser.add_argument("--user", metavar="USERNAME", help="the importer in the audit trail")

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
        try:
            table = read_table(content, file_format(path.name))
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        report = importing_needs.check(table)
        if options["json"]:
            self.stdout.write(json.dumps(report.as_data(), ensure_ascii=False, indent=2))
        else:
            for line in report.text_lines():
                self.stdout.write(str(line))
        if report.errors:
            raise CommandError(
                _("Nothing was imported: correct the rows with errors and try again.")
            )
        if options["dry_run"]:
            if not options["json"]:
                self.stdout.write(_("Dry run: nothing was written."))
            return
        created = importing_needs.write(
            actor=actor,
            report=report,
            source=_("Import of %(file)s on the command line") % {"file": path.name},
        )
        if not options["json"]:
            self.stdout.write(
                self.style.SUCCESS(
                    _("%(count)s needs and offers imported.") % {"count": len(created)}
                )
            )

    def actor(self, username):
        if not username:
            return SystemActor(_("command line import"))
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(_('There is no account "%(username)s".') % {"username": username})
        return user
