"""Writing mapped objects: insert what is new, update what changed, leave the rest alone.

Objects are keyed by ``oparl_id``. The existing rows of a type are read once and compared
field by field, so an unchanged re-import writes nothing at all. Writes go in batches, each
its own short transaction, because SQLite has a single writer and the web keeps serving.
Rows without ``oparl_id`` (created by staff) and fields the import does not map (a
membership's organisation from the directory, anything linked to a paper) stay as they are.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vernetzt.council.models import (
    AgendaItem,
    Body,
    Consultation,
    File,
    Meeting,
    Membership,
    Paper,
    Person,
)
from vernetzt.council.oparl.mapping import CREATE_ONLY

BATCH_SIZE = 500


class Target:
    def __init__(self, model, references=None, required=()):
        self.model = model
        self.references = references or {}  # field → OParl type it points to
        self.required = set(required)


TARGETS = {
    "Organization": Target(Body),
    "Person": Target(Person),
    "Membership": Target(
        Membership, {"person": "Person", "body": "Organization"}, required=["person", "body"]
    ),
    "Meeting": Target(Meeting, {"body": "Organization"}),
    "AgendaItem": Target(AgendaItem, {"meeting": "Meeting"}, required=["meeting"]),
    "Paper": Target(Paper),
    "Consultation": Target(
        Consultation,
        {"paper": "Paper", "meeting": "Meeting", "agenda_item": "AgendaItem", "body": "Organization"},
        required=["paper"],
    ),
    "File": Target(
        File, {"paper": "Paper", "meeting": "Meeting", "agenda_item": "AgendaItem"}
    ),
}


def known_ids(model):
    return dict(model.objects.exclude(oparl_id=None).values_list("oparl_id", "pk"))


class Writer:
    def __init__(self, report):
        self.report = report
        self.ids = {}  # OParl type → {oparl_id: pk}

    def write(self, type_name, rows):
        """``rows``: oparl_id → mapped fields (references as OParl ids). Updates the counts."""
        target = TARGETS[type_name]
        model = target.model
        resolved = {}
        for oparl_id, fields in rows.items():
            fields = self._resolve(type_name, target, oparl_id, fields)
            if fields is None:
                self.report.count(type_name, "skipped")
            else:
                resolved[oparl_id] = fields
        names = sorted({name for fields in resolved.values() for name in fields})
        existing = {
            row["oparl_id"]: row
            for row in model.objects.exclude(oparl_id=None).values("pk", "oparl_id", *names)
        }
        create_only = CREATE_ONLY.get(type_name, set())
        new, changed = [], []
        for oparl_id, fields in resolved.items():
            row = existing.get(oparl_id)
            if row is None:
                new.append(model(oparl_id=oparl_id, **fields))
                continue
            differing = {
                name: value for name, value in fields.items()
                if name not in create_only and row[name] != value
            }
            if differing:
                changed.append((row["pk"], differing))
            else:
                self.report.count(type_name, "unchanged")
        self._insert(model, new)
        self._update(model, changed)
        self.report.count(type_name, "created", len(new))
        self.report.count(type_name, "updated", len(changed))
        self.ids[type_name] = known_ids(model)

    def _resolve(self, type_name, target, oparl_id, fields):
        fields = dict(fields)
        for name, points_to in target.references.items():
            reference = fields.pop(name)
            pk = self.ids.get(points_to, {}).get(reference) if reference else None
            if pk is None and (reference or name in target.required):
                if name in target.required:
                    self.report.warn(
                        _("%(type)s skipped: its %(field)s is not in the source.")
                        % {"type": type_name, "field": name},
                        oparl_id,
                    )
                    return None
                self.report.warn(
                    _("%(type)s: its %(field)s is not in the source and was left empty.")
                    % {"type": type_name, "field": name},
                    oparl_id,
                )
            fields[f"{name}_id"] = pk
        return fields

    def _insert(self, model, objects):
        for start in range(0, len(objects), BATCH_SIZE):
            with transaction.atomic():
                model.objects.bulk_create(objects[start : start + BATCH_SIZE])

    def _update(self, model, changed):
        """``changed``: (pk, {field: new value}); each batch reads its rows and writes back
        the union of the fields that changed in it."""
        now = timezone.now()
        for start in range(0, len(changed), BATCH_SIZE):
            batch = dict(changed[start : start + BATCH_SIZE])
            names = sorted(set().union(*(values.keys() for values in batch.values())))
            with transaction.atomic():
                objects = model.objects.in_bulk(list(batch))
                for pk, values in batch.items():
                    for name, value in values.items():
                        setattr(objects[pk], name, value)
                    objects[pk].updated = now
                model.objects.bulk_update(list(objects.values()), [*names, "updated"])
