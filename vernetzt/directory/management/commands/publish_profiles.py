"""``manage.py publish_profiles``: render every public profile ahead of its first visit.

Visits render and store a profile whose stored article is missing or stale themselves; this
command does it for all at once, e.g. after a deployment that changed templates or
translations (README, "Deploy"). ``--forget`` drops every stored article instead.
"""

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from vernetzt.directory import published
from vernetzt.directory.models import Organisation


class Command(BaseCommand):
    help = "Render every public organisation profile in every language ahead of its first visit."

    def add_arguments(self, parser):
        parser.add_argument(
            "--forget", action="store_true",
            help="Drop every stored profile instead; visits render them again.",
        )

    def handle(self, *args, forget=False, **options):
        if forget:
            published.forget_all()
            self.stdout.write(_("Dropped every published profile."))
            return
        started = time.perf_counter()
        ids = list(Organisation.objects.publicly_visible().values_list("pk", flat=True))
        published.prerender(organisation_ids=ids)
        self.stdout.write(
            _("Published %(count)d profiles in %(seconds).1f s.")
            % {"count": len(ids), "seconds": time.perf_counter() - started}
        )
