"""``manage.py import_oparl SOURCE [--json] [--enqueue]``: an OParl import on the command line."""

import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from vernetzt.audit.services import SystemActor
from vernetzt.council.models import ImportRun
from vernetzt.council.oparl.importer import import_oparl
from vernetzt.council.oparl.report import text_lines
from vernetzt.council.oparl.tasks import import_oparl_task


class Command(BaseCommand):
    help = "Import bodies, persons, meetings and papers from an OParl server or folder (docs/council.md)."

    def add_arguments(self, parser):
        parser.add_argument("source", help="the system's http(s) address, or a folder of OParl JSON")
        parser.add_argument(
            "--json",
            action="store_true",
            help="print the report as JSON: counts per object type and the warnings",
        )
        parser.add_argument(
            "--enqueue", action="store_true", help="hand the import to the task queue and return"
        )
        parser.add_argument("--language", default="de", help="language of the report (de, en, …)")
        parser.add_argument("--user", metavar="USERNAME", help="the account the audit trail names")

    def handle(self, *args, **options):
        with translation.override(options["language"]):
            return self.run(options)

    def run(self, options):
        user = self.user(options["user"])
        if options["enqueue"]:
            result = import_oparl_task.enqueue(options["source"], user.pk if user else None)
            self.stdout.write(_("Queued as task %(id)s.") % {"id": result.id})
            return
        run = import_oparl(
            source=options["source"],
            actor=user or SystemActor(_("command line OParl import")),
            progress=lambda message: self.stderr.write(message),
        )
        if options["json"]:
            seconds = round((run.finished - run.started).total_seconds(), 2)
            result = {
                "source": run.source, "status": run.status, "error": run.error,
                "seconds": seconds, **run.report,
            }
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
        else:
            for line in text_lines(run.report):
                self.stdout.write(line)
        if run.status == ImportRun.Status.FAILED:
            raise CommandError(_("Nothing was imported: %(error)s") % {"error": run.error})

    def user(self, username):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(_('There is no account "%(username)s".') % {"username": username})
        return user
