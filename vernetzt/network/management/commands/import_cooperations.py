"""``manage.py import_cooperations FILE [--dry-run] [--json]``: the web page's import of
cooperations (Organisation A, Organisation B, Art, seit, bis, Titel), for the command line."""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from vernetzt.audit.services import SystemActor
from vernetzt.core.roles import is_staff
from vernetzt.directory.importing.reading import ImportFileError, file_format
from vernetzt.directory.models import Visibility
from vernetzt.network.importing import cooperations as importing


class Command(BaseCommand):
    help = "Import cooperations from a CSV or XLSX file: all rows or, with any error, none."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .csv or .xlsx file")
        parser.add_argument("--dry-run", action="store_true", help="check only; write nothing")
        parser.add_argument(
            "--json", action="store_true", help="print the report as JSON (nothing else)"
        )
        parser.add_argument(
            "--visibility",
            choices=[choice.value for choice in Visibility],
            default=Visibility.INTERNAL,
            help="visibility of the imported cooperations (default: internal)",
        )
        parser.add_argument("--language", default="de", help="language of the report (de, en, …)")
        parser.add_argument(
            "--user", metavar="USERNAME", help="the staff account the audit trail names"
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
        try:
            table = importing.read_table(content, file_format(path.name))
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        checked = importing.check(table)
        if options["json"]:
            self.stdout.write(json.dumps(importing.as_data(checked), ensure_ascii=False, indent=2))
        else:
            for line in importing.as_text_lines(checked):
                self.stdout.write(line)
        if not checked.importable:
            raise CommandError(
                _("Nothing was imported: correct the rows with errors and try again.")
                if checked.missing or checked.report.rejected
                else _("Nothing was imported: the file has no rows.")
            )
        if options["dry_run"]:
            if not options["json"]:
                self.stdout.write(_("Dry run: nothing was written."))
            return
        created = importing.write(
            actor=actor,
            checked=checked,
            visibility=options["visibility"],
            source=path.name,
        )
        if not options["json"]:
            self.stdout.write(
                self.style.SUCCESS(_("%(count)s cooperations imported.") % {"count": len(created)})
            )

    def actor(self, username):
        if not username:
            return SystemActor(_("command line import"))
        user = get_user_model().objects.filter(username=username).first()
        if user is None or not is_staff(user):
            raise CommandError(
                _('There is no staff account "%(username)s".') % {"username": username}
            )
        return user
