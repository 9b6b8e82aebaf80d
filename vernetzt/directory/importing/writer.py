"""Writing accepted rows: one transaction, bulk inserts, one audit entry per organisation."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from vernetzt.audit.services import record_many
from vernetzt.directory import published, search
from vernetzt.directory.models import Consent, ContactPerson, Organisation, Visibility

BATCH_SIZE = 500
CONSENT_PURPOSE = _(
    "Listing as contact person of the organisation in the directory "
    "(consent documented in the imported list)."
)


class SlugAllocator:
    """Unique web addresses for many new organisations with one query."""

    def __init__(self):
        self.taken = set(Organisation.objects.values_list("slug", flat=True))

    def allocate(self, name):
        base = slugify(name)[:200] or "organisation"
        slug, counter = base, 2
        while slug in self.taken:
            slug = f"{base}-{counter}"
            counter += 1
        self.taken.add(slug)
        return slug


def _audit_changes(row, organisation):
    changes = {
        name: [None, value.name if name == "type" else value]
        for name, value in row.values.items()
        if value not in ("", None)
    }
    changes.update(
        {
            name: [None, sorted(term.name for term in terms)]
            for name, terms in row.many.items()
            if terms
        }
    )
    changes["status"] = [None, organisation.status]
    changes["visibility"] = [None, organisation.visibility]
    return changes


def _link_many(organisations, rows):
    for field_name in ("fields", "communities", "languages", "districts"):
        field = Organisation._meta.get_field(field_name)
        through = field.remote_field.through
        source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        links = [
            through(**{source: organisation.pk, target: term.pk})
            for organisation, row in zip(organisations, rows, strict=True)
            for term in row.many.get(field_name, [])
        ]
        through.objects.bulk_create(links, batch_size=BATCH_SIZE)


def _given_at(day, now):
    if day is None:
        return now
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def _create_contacts(*, actor, organisations, rows, source, now):
    pairs = [
        (organisation, row)
        for organisation, row in zip(organisations, rows, strict=True)
        if row.contact
    ]
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
        ],
        batch_size=BATCH_SIZE,
    )
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
        ],
        batch_size=BATCH_SIZE,
    )
    ContactPerson.organisations.through.objects.bulk_create(
        [
            ContactPerson.organisations.through(
                contactperson_id=contact.pk, organisation_id=organisation.pk
            )
            for contact, (organisation, _row) in zip(contacts, pairs, strict=True)
        ],
        batch_size=BATCH_SIZE,
    )
    record_many(
        actor=actor,
        action="import",
        note=source,
        objects=[
            (contact, {"name": [None, contact.name], "consent": [None, str(contact.consent)]})
            for contact in contacts
        ],
    )
    return contacts


@transaction.atomic
def write(*, actor, rows, visibility=Visibility.PUBLIC, source=""):
    """Create one verified organisation per row (with consented contacts); all or nothing."""
    now = timezone.now()
    slugs = SlugAllocator()
    organisations = [
        Organisation(
            slug=slugs.allocate(row.values["name"]),
            status=Organisation.Status.VERIFIED,
            verified_at=now,
            visibility=visibility,
            **row.values,
        )
        for row in rows
    ]
    Organisation.objects.bulk_create(organisations, batch_size=BATCH_SIZE)
    _link_many(organisations, rows)
    _create_contacts(actor=actor, organisations=organisations, rows=rows, source=source, now=now)
    record_many(
        actor=actor,
        action="import",
        note=source,
        objects=[
            (organisation, _audit_changes(row, organisation))
            for organisation, row in zip(organisations, rows, strict=True)
        ],
    )
    search.reindex(organisation_ids=[organisation.pk for organisation in organisations])
    published.prerender(organisation_ids=[organisation.pk for organisation in organisations])
    return organisations
