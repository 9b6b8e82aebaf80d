"""``manage.py events_housekeeping``: the events' timed work, safe to run every few minutes.

- offers of a freed place past their deadline go to the next person waiting;
- when an event has started, everyone still waiting hears that it is full for good (once);
- people with a place get one reminder within 48 hours of the start.

Run it from cron or a systemd timer (``*/5 * * * *``), or enqueue the task
``vernetzt.events.notifications.housekeeping`` for the worker. Each step is idempotent, and
several runs at once never send an e-mail twice.
"""

from django.core.management.base import BaseCommand

from vernetzt.events.services.registration import housekeeping


class Command(BaseCommand):
    help = "Expire offers from the waiting list, send full-for-good notices and reminders."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Hand the work to the task worker instead of doing it here.",
        )

    def handle(self, *args, enqueue, **options):
        if enqueue:
            from vernetzt.events.notifications import housekeeping as task

            result = task.enqueue()
            self.stdout.write(f"enqueued {result.id}")
            return
        done = housekeeping()
        self.stdout.write(
            "expired offers: {expired_offers}, full notices: {full_notices}, "
            "reminders: {reminders}".format(**done)
        )
