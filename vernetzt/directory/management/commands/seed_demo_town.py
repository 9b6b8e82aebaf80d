"""``manage.py seed_demo_town``: fills an empty directory with the demo town Musterstadt."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from vernetzt.core.roles import ROLE_LABELS, Role
from vernetzt.directory.demo import services

DEFAULT_PASSWORD = "vernetzt-demo"


class Command(BaseCommand):
    help = "Create the fictional demo town Musterstadt: organisations, needs, offers, accounts."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same town.")
        parser.add_argument("--organisations", type=int, default=250)
        parser.add_argument(
            "--cooperations", type=int, default=None,
            help="Cooperations among them (default: twice the organisations; 0 for none).",
        )
        parser.add_argument(
            "--if-empty", action="store_true",
            help="Do nothing (successfully) when the directory already has organisations.",
        )
        parser.add_argument("--password", default=DEFAULT_PASSWORD, help="For all demo accounts.")
        parser.add_argument(
            "--force", action="store_true",
            help="Run even with DEBUG off (creates accounts with known passwords).",
        )

    def handle(self, *args, seed, organisations, if_empty, password, force, cooperations=None,
               **options):
        if not settings.DEBUG and not force:
            raise CommandError(_(
                "DEBUG is off: the demo town creates accounts with known passwords. "
                "Use --force if this really is a demo or test installation."
            ))
        if organisations < 1:
            raise CommandError(_("--organisations must be at least 1."))
        if not services.directory_is_empty():
            if if_empty:
                self.stdout.write(_("The directory already has organisations; nothing to do."))
                self._seed_events(seed)
                self._seed_council()
                self._print_existing_logins(password)
                return
            raise CommandError(_(
                "The directory already has organisations. The demo town is only created in an "
                "empty directory (use --if-empty to skip silently)."
            ))
        started = time.perf_counter()
        result = services.seed_town(seed=seed, organisations=organisations, password=password)
        if cooperations != 0:
            from vernetzt.network.demo import seed_cooperations

            written = seed_cooperations(seed=seed, count=cooperations)
            self.stdout.write(_("%(count)d cooperations among them.") % {"count": written})
        self.stdout.write(self.style.SUCCESS(_(
            "Musterstadt created in %(seconds).1f s: %(organisations)d organisations, "
            "%(needs)d needs, %(offers)d offers, %(contacts)d contact persons."
        ) % {
            "seconds": time.perf_counter() - started, "organisations": result.organisations,
            "needs": result.needs, "offers": result.offers, "contacts": result.contacts,
        }))
        self._seed_council()
        self._print_logins(result, password)
        self._seed_events(seed)

    def _seed_events(self, seed):
        """The events app's demo (an upcoming conference, a past Open Space), once."""
        from vernetzt.events.demo import seed_events

        made = seed_events(seed=seed)
        if made.events:
            self.stdout.write(
                _("Events: %(events)d events with %(registrations)d registrations.")
                % {"events": made.events, "registrations": made.registrations}
            )

    def _seed_council(self):
        """The council part (``council/demo.py``): bodies, meetings, papers, measures; once."""
        from vernetzt.accounts.models import User
        from vernetzt.council import demo as council_demo

        result = council_demo.seed(actor=User.objects.filter(username="buero").first())
        if result is not None:
            self.stdout.write(_(
                "Council work: %(bodies)d bodies, %(meetings)d meetings, %(papers)d papers, "
                "%(measures)d measures."
            ) % vars(result))

    def _print_logins(self, result, password):
        rows = [
            (
                account.username,
                password if created else _("(existed already, unchanged)"),
                str(ROLE_LABELS[Role(account.role)]),
            )
            for account, created in result.accounts
        ]
        self.stdout.write("")
        self._table([_("Username"), _("Password"), _("Role")], rows)
        if result.edited:
            self.stdout.write(
                _("“verein” edits: %(names)s") % {"names": "; ".join(result.edited)}
            )

    def _print_existing_logins(self, password):
        """On later starts, remind of the demo logins that exist (passwords as first set)."""
        existing = services.existing_demo_accounts()
        if not existing:
            return
        self.stdout.write("")
        self._table(
            [_("Username"), _("Password"), _("Role")],
            [
                (account.username, _("%(password)s (unless changed)") % {"password": password},
                 str(ROLE_LABELS[Role(account.role)]))
                for account in existing
            ],
        )

    def _table(self, header, rows):
        widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]

        def line(cells):
            return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

        self.stdout.write(line(header))
        self.stdout.write("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        for row in rows:
            self.stdout.write(line(row))
