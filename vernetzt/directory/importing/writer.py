"""Writing the rows of a checked import: in short batches, all or nothing.

SQLite has one writer: a 6,000-row import in one transaction blocked every other write for
20 s. So the rows are written in batches of ``BATCH_SIZE``, each batch its own short
transaction that also records what it wrote in a ``WriteLog`` (for a web import: in the job's
row, in the same transaction). If anything fails, ``undo`` removes what the log names (new
organisations, their contacts and consents) and restores the updated organisations' old values,
so a failed import leaves no data behind; an import interrupted by a restart is undone the same
way from the job's stored log (``jobs``).

New organisations stay internal while the batches are written; the last, short transaction
gives them the chosen visibility and writes the audit entries, so neither the public nor the
audit trail ever sees half an import.
"""

import datetime
import logging
from dataclasses import asdict, dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vernetzt.audit.services import record_many
from vernetzt.directory import derived, slugs
from vernetzt.directory.importing.columns import MULTI_VALUE_TARGETS
from vernetzt.directory.models import Consent, ContactPerson, Organisation, Visibility

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
CONSENT_PURPOSE = _(
    "Listing as contact person of the organisation in the directory "
    "(consent documented in the imported list)."
)


@dataclass
class WriteLog:
    """What an import has written so far, enough to undo it."""

    created: list = field(default_factory=list)  # organisation pks
    contacts: list = field(default_factory=list)
    consents: list = field(default_factory=list)
    updated: dict = field(default_factory=dict)  # pk (str) → {"values": {…}, "many": {…}}
    started_at: str = ""  # ISO time the import began: its audit entries are not older

    def __post_init__(self):
        self.started_at = self.started_at or timezone.now().isoformat()

    def to_json(self):
        return asdict(self)

    @classmethod
    def from_json(cls, data):
        return cls(**(data or {}))

    @property
    def empty(self):
        return not (self.created or self.contacts or self.consents or self.updated)


class SlugAllocator:
    """Unique web addresses for many new organisations with one query (rule: ``slugs``)."""

    def __init__(self):
        self.taken = set(Organisation.objects.values_list("slug", flat=True))

    def allocate(self, name):
        slug = slugs.first_free(slugs.slug_base(name), self.taken.__contains__)
        self.taken.add(slug)
        return slug


def _audit_value(name, value):
    if name == "type":
        return value.name
    if name in MULTI_VALUE_TARGETS:
        return sorted(term.name for term in value)
    return value


def _audit_changes(row, organisation, before=None, *, visibility=None):
    values = _update_values(row) if before else row.values
    changes = {
        name: [(before or {}).get(name), _audit_value(name, value)]
        for name, value in [*values.items(), *row.many.items()]
        if value not in ("", None, [])
    }
    if not before:
        changes["status"] = [None, organisation.status]
        changes["visibility"] = [None, visibility or organisation.visibility]
    return changes


def _link_many(pairs):
    """Add the rows' terms to the organisations (new ones, or existing ones being updated)."""
    for field_name in MULTI_VALUE_TARGETS:
        model_field = Organisation._meta.get_field(field_name)
        through = model_field.remote_field.through
        source = f"{model_field.m2m_field_name()}_id"
        target = f"{model_field.m2m_reverse_field_name()}_id"
        links = [
            through(**{source: organisation.pk, target: term.pk})
            for organisation, row in pairs
            for term in row.many.get(field_name, [])
        ]
        through.objects.bulk_create(links, batch_size=500, ignore_conflicts=True)


def _given_at(day, now):
    if day is None:
        return now
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def _create_contacts(*, actor, pairs, source, now, log):
    pairs = [(organisation, row) for organisation, row in pairs if row.contact]
    if not pairs:
        return []
    user = actor if getattr(actor, "is_authenticated", False) else None
    consents = Consent.objects.bulk_create(
        [
            Consent(
                subject=row.contact["name"],
                purpose=str(CONSENT_PURPOSE),
                method=Consent.Method.IMPORT,
                given_at=_given_at(row.contact["given_on"], now),
                recorded_by=user,
                evidence=f"{source}, {_('row')} {row.number}: {row.contact['evidence']}"[:300],
            )
            for _organisation, row in pairs
        ]
    )
    log.consents.extend(consent.pk for consent in consents)
    contacts = ContactPerson.objects.bulk_create(
        [
            ContactPerson(
                name=row.contact["name"],
                email=row.contact["email"],
                phone=row.contact["phone"],
                visibility=Visibility.INTERNAL,
                consent=consent,
            )
            for (_organisation, row), consent in zip(pairs, consents, strict=True)
        ]
    )
    log.contacts.extend(contact.pk for contact in contacts)
    ContactPerson.organisations.through.objects.bulk_create(
        [
            ContactPerson.organisations.through(
                contactperson_id=contact.pk, organisation_id=organisation.pk
            )
            for contact, (organisation, _row) in zip(contacts, pairs, strict=True)
        ]
    )
    return contacts


def _snapshot(organisation, row):
    """The values an update will change, JSON-ready, to restore them on undo."""
    values = {}
    for name in _update_values(row):
        attname = Organisation._meta.get_field(name).attname
        values[attname] = getattr(organisation, attname)
    many = {
        name: list(getattr(organisation, name).values_list("pk", flat=True))
        for name in MULTI_VALUE_TARGETS
        if row.many.get(name)
    }
    return {"values": values, "many": many}


def _update_values(row):
    """What an update takes from a row: its filled cells, except the name (the entry keeps
    its own spelling; the row was matched to it by name)."""
    return {
        name: value
        for name, value in row.values.items()
        if value not in ("", None) and name != "name"
    }


def _apply_update(organisation, row):
    """The list's filled cells replace the entry's values; its terms are added to the entry's."""
    values = _update_values(row)
    for name, value in values.items():
        setattr(organisation, name, value)
    organisation.full_clean(exclude=[*MULTI_VALUE_TARGETS, "slug"])
    fields = list(values)
    if hasattr(organisation, "version"):
        organisation.version += 1  # an edit form opened before the import sees a conflict
        fields.append("version")
    organisation.save(update_fields=[*fields, "updated_at"])


class Writer:
    def __init__(self, *, actor, visibility, source, log=None, save_log=None, progress=None):
        self.actor = actor
        self.visibility = visibility
        self.source = source
        self.log = log if log is not None else WriteLog()
        self.save_log = save_log or (lambda log: None)
        self.progress = progress or (lambda done, total: None)
        self.now = timezone.now()

    def write(self, rows):
        """(created, updated organisations); on any failure nothing stays written."""
        new_rows = [row for row in rows if row.update_pk is None]
        update_rows = [row for row in rows if row.update_pk is not None]
        try:
            created = self.create_all(new_rows, total=len(rows))
            updated = self.update_all(update_rows, done=len(new_rows), total=len(rows))
            self.finish(created, updated)
        except BaseException:
            undo(self.log)
            raise
        # After the commits, so the search text is built outside write transactions. The data
        # is complete by now: a failing index is logged (a reindex repairs it), not undone.
        try:
            derived.organisations_changed(
                organisation_ids=[organisation.pk for organisation, _row in created + updated]
            )
        except Exception:
            logger.exception("The import was written, but the search index was not updated")
        return [pair[0] for pair in created], [pair[0] for pair in updated]

    def create_all(self, rows, *, total):
        slug_allocator = SlugAllocator()
        created = []
        for start in range(0, len(rows), BATCH_SIZE):
            batch = rows[start : start + BATCH_SIZE]
            organisations = [
                Organisation(
                    slug=slug_allocator.allocate(row.values["name"]),
                    status=Organisation.Status.VERIFIED,
                    verified_at=self.now,
                    **{**row.values, "visibility": Visibility.INTERNAL},
                )
                for row in batch
            ]
            with transaction.atomic():
                Organisation.objects.bulk_create(organisations)
                self.log.created.extend(organisation.pk for organisation in organisations)
                pairs = list(zip(organisations, batch, strict=True))
                _link_many(pairs)
                contacts = self.contacts(pairs)
                self.audit(
                    [
                        (org, _audit_changes(row, org, visibility=self.visibility))
                        for org, row in pairs
                    ],
                    contacts,
                )
                self.save_log(self.log)
            created.extend(pairs)
            self.progress(start + len(batch), total)
        return created

    def update_all(self, rows, *, done, total):
        updated = []
        for start in range(0, len(rows), BATCH_SIZE):
            batch = rows[start : start + BATCH_SIZE]
            with transaction.atomic():
                existing = Organisation.objects.select_for_update().in_bulk(
                    [row.update_pk for row in batch]
                )
                pairs = [
                    (existing[row.update_pk], row) for row in batch if row.update_pk in existing
                ]
                changes = []
                for organisation, row in pairs:
                    self.log.updated[str(organisation.pk)] = _snapshot(organisation, row)
                    changes.append(
                        (organisation, _audit_changes(row, organisation, self.before(organisation)))
                    )
                    _apply_update(organisation, row)
                _link_many(pairs)
                self.audit(changes, self.contacts(pairs))
                self.save_log(self.log)
            updated.extend(pairs)
            self.progress(done + start + len(batch), total)
        return updated

    def contacts(self, pairs):
        return _create_contacts(
            actor=self.actor, pairs=pairs, source=self.source, now=self.now, log=self.log
        )

    def audit(self, organisation_changes, contacts):
        """The batch's audit entries, in its transaction (``undo`` removes them again)."""
        entries = organisation_changes + [
            (contact, {"name": [None, contact.name], "consent": [None, str(contact.consent)]})
            for contact in contacts
        ]
        record_many(actor=self.actor, action="import", note=self.source, objects=entries)

    def finish(self, created, updated):
        """One short transaction: the new organisations get the chosen visibility."""
        ids = [organisation.pk for organisation, _row in created]
        with transaction.atomic():
            for start in range(0, len(ids), 500):
                Organisation.objects.filter(pk__in=ids[start : start + 500]).update(
                    visibility=self.visibility
                )
        for organisation, _row in created:
            organisation.visibility = self.visibility

    def before(self, organisation):
        values = self.log.updated[str(organisation.pk)]["values"]
        return {name.removesuffix("_id"): value for name, value in values.items()}


def write(*, actor, rows, visibility=Visibility.INTERNAL, source="", **options):
    """Create (or, for rows marked so, update) one organisation per row, with consented
    contacts, in short batches; all or nothing. ``options``: ``log``, ``save_log``,
    ``progress`` (see ``Writer``). Returns (created, updated)."""
    return Writer(actor=actor, visibility=visibility, source=source, **options).write(rows)


def _forget_audit(model, ids, log):
    """The import entries this import wrote for ``ids``: what they describe is undone (and the
    contacts' names must not stay behind in the trail)."""
    from django.contrib.contenttypes.models import ContentType

    from vernetzt.audit.models import AuditEntry

    AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=[str(pk) for pk in ids],
        action="import",
        at__gte=log.started_at,
    ).delete()


def undo(log):
    """Remove what ``log`` records as written and restore what it updated, in short
    transactions; the log empties as it goes, so an interrupted undo can be run again."""
    for start in range(0, len(log.created), BATCH_SIZE):
        with transaction.atomic():
            ids = log.created[start : start + BATCH_SIZE]
            _forget_audit(Organisation, ids, log)
            Organisation.objects.filter(pk__in=ids).delete()
    with transaction.atomic():
        _forget_audit(ContactPerson, log.contacts, log)
        ContactPerson.objects.filter(pk__in=log.contacts).delete()
        Consent.objects.filter(pk__in=log.consents).delete()
        _forget_audit(Organisation, [int(pk) for pk in log.updated], log)
    for pk, before in log.updated.items():
        with transaction.atomic():
            organisation = Organisation.objects.filter(pk=pk).first()
            if organisation is None:
                continue
            for attname, value in before["values"].items():
                setattr(organisation, attname, value)
            organisation.save(update_fields=[*before["values"], "updated_at"])
            for name, ids in before["many"].items():
                getattr(organisation, name).set(ids)
    ids = [*log.created, *(int(pk) for pk in log.updated)]
    if ids:
        try:
            derived.organisations_changed(organisation_ids=ids)
        except Exception:
            logger.exception("An import was undone, but the search index was not updated")
    log.created, log.contacts, log.consents, log.updated = [], [], [], {}
