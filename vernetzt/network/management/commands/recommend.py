"""``manage.py recommend --json [--need ID] [--limit N]``: every current need (or one) with
its best offers, as the integration office sees them (every verified organisation, public or
internal)."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from vernetzt.network.selectors import matching

DEFAULT_LIMIT = 10


def side_data(side):
    return {
        "id": side.id,
        "organisation": side.organisation,
        "organisation_slug": side.organisation_slug,
        "title": side.title,
        "description": side.description,
        "category": side.category,
        "languages": side.languages,
        "districts": side.districts,
        "valid_from": side.valid_from.isoformat(),
        "valid_until": side.valid_until.isoformat() if side.valid_until else None,
    }


def recommendation_data(need, rows):
    return {
        "need": side_data(need),
        "offers": [
            {**side_data(row.offer), "score": row.score, "reasons": row.reasons} for row in rows
        ],
    }


class Command(BaseCommand):
    help = "Print every current need (or one) with its best-fitting offers and the reasons."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print JSON (nothing else)")
        parser.add_argument("--need", type=int, metavar="ID", help="only this need")
        parser.add_argument(
            "--limit", type=int, default=DEFAULT_LIMIT, help="offers per need (default 10)"
        )
        parser.add_argument("--language", default="de", help="language of the reasons")

    def handle(self, *args, **options):
        limit = options["limit"]
        if not 1 <= limit <= matching.MAX_LIMIT:
            raise CommandError(
                _("--limit must lie between 1 and %(max)s.") % {"max": matching.MAX_LIMIT}
            )
        with translation.override(options["language"]):
            found = matching.recommendations(
                scope=matching.OFFICE, need_id=options["need"], limit=limit
            )
            if options["need"] is not None and not found:
                raise CommandError(
                    _("There is no current need %(id)s of a verified organisation.")
                    % {"id": options["need"]}
                )
            data = [recommendation_data(need, rows) for need, rows in found]
            if options["json"]:
                self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
                return
            for item in data:
                need = item["need"]
                self.stdout.write(f"{need['id']} {need['organisation']}: {need['title']}")
                for offer in item["offers"]:
                    self.stdout.write(
                        f"  {offer['score']:6.2f}  {offer['organisation']}: {offer['title']}"
                    )
                    for reason in offer["reasons"]:
                        self.stdout.write(f"          – {reason}")
