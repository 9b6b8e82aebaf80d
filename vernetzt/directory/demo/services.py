"""Writes the demo town in bulk: one transaction, audited, indexed once at the end.

The regular services write one object at a time (a query per slug check, a snapshot per audit
entry); that is right for people at a form and far too slow for 10,000 generated organisations.
Here every table is filled with ``bulk_create`` and audited with ``record_many``.
"""

from dataclasses import dataclass

from django.db import connection

from vernetzt.accounts.models import User
from vernetzt.accounts.services import create_user
from vernetzt.audit.services import record_many
from vernetzt.directory import derived
from vernetzt.directory.demo import people, places, town
from vernetzt.directory.models import (
    Category,
    Community,
    Consent,
    ContactPerson,
    District,
    FieldOfAction,
    Language,
    Need,
    Offer,
    Organisation,
    OrganisationType,
)

AUDIT_NOTE = "demo data"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str  # a vernetzt.core.roles.Role value
    first_name: str
    last_name: str
    office_staff: bool = False
    council_member: bool = False


DEMO_ACCOUNTS = [
    DemoAccount("buero", "staff", "Birgit", "Büro", office_staff=True),
    DemoAccount("rat", "council", "Rainer", "Rat", council_member=True),
    DemoAccount("verein", "editor", "Vera", "Verein"),
    DemoAccount("teilnehmer", "participant", "Timo", "Teilnehmer"),
]


def existing_demo_accounts():
    """The demo accounts present in this installation."""
    present = set(
        User.objects.filter(
            username__in=[account.username for account in DEMO_ACCOUNTS]
        ).values_list("username", flat=True)
    )
    return [account for account in DEMO_ACCOUNTS if account.username in present]


@dataclass
class SeedResult:
    organisations: int
    needs: int
    offers: int
    contacts: int
    accounts: list  # (DemoAccount, created: bool)
    edited: list  # names of the organisations "verein" edits


def directory_is_empty():
    return not Organisation.objects.exists()


def seed_town(*, seed, organisations, password):
    result = _write_town(seed=seed, organisations=organisations, password=password)
    _refresh_planner_statistics()
    return result


def _refresh_planner_statistics():
    """Let the query planner see the new table sizes at once.

    Without statistics both databases pick bad plans for the search after a bulk load (seconds
    instead of milliseconds per query at 10,000 organisations): PostgreSQL filters every row
    through ``to_tsvector`` instead of using the GIN index until autovacuum gets round to
    analysing, and SQLite re-runs the FTS5 match once per organisation.
    """
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


@derived.directory_write
def _write_town(*, seed, organisations, password):
    ids = _TermIds.load()
    plan = town.plan_town(seed=seed, organisations=organisations, vocabulary=ids.vocabulary())
    ids.districts = _ensure_districts()
    accounts = [_ensure_account(account, password) for account in DEMO_ACCOUNTS]
    users = {account.username: user for account, user, _created in accounts}
    created = _write_organisations(plan, ids)
    by_slug = {organisation.slug: organisation for organisation in created}
    _link(Organisation, "editors", [
        (by_slug[slug].pk, users["verein"].pk) for slug in plan.edited_slugs
    ])
    needs = _write_items(Need, plan, by_slug, ids, side="needs")
    offers = _write_items(Offer, plan, by_slug, ids, side="offers")
    contacts = _write_contacts(plan, by_slug, ids, recorded_by=users["buero"])
    _audit(created, needs, offers, contacts)
    derived.organisations_changed(organisation_ids=[organisation.pk for organisation in created])
    return SeedResult(
        organisations=len(created),
        needs=len(needs),
        offers=len(offers),
        contacts=len(contacts),
        accounts=[(account, was_created) for account, _user, was_created in accounts],
        edited=[by_slug[slug].name for slug in plan.edited_slugs],
    )


class _TermIds:
    """slug → primary key of every managed list (languages by ISO code)."""

    def __init__(self, **maps):
        self.__dict__.update(maps)

    @classmethod
    def load(cls):
        def ids(model, key="slug"):
            return dict(model.objects.values_list(key, "pk"))

        return cls(
            types=ids(OrganisationType), fields=ids(FieldOfAction), communities=ids(Community),
            categories=ids(Category), languages=ids(Language, "code"), districts=ids(District),
        )

    def vocabulary(self):
        return town.Vocabulary(
            types=tuple(sorted(self.types)), fields=tuple(sorted(self.fields)),
            communities=tuple(sorted(self.communities)),
            categories=tuple(sorted(self.categories)), languages=tuple(sorted(self.languages)),
        )


def _ensure_districts():
    existing = set(District.objects.values_list("slug", flat=True))
    new = [
        District(slug=slug, name=name, translations={"en": english}, sort_order=order * 10)
        for order, (slug, name, english) in enumerate(places.DISTRICTS)
        if slug not in existing
    ]
    District.objects.bulk_create(new)
    record_many(
        actor=None, action="create", note=AUDIT_NOTE,
        objects=[(district, {"name": [None, district.name]}) for district in new],
    )
    return dict(District.objects.values_list("slug", "pk"))


def _ensure_account(account, password):
    user = User.objects.filter(username=account.username).first()
    if user is not None:
        return account, user, False
    user = create_user(
        actor=None,
        username=account.username,
        password=password,
        email=f"{account.username}@musterstadt.example.org",
        first_name=account.first_name,
        last_name=account.last_name,
        office_staff=account.office_staff,
        council_member=account.council_member,
    )
    return account, user, True


def _write_organisations(plan, ids):
    proposal_consents = Consent.objects.bulk_create([
        Consent(
            subject=organisation.proposer_name,
            purpose=people.PROPOSAL_CONSENT_PURPOSE,
            method=Consent.Method.WEB_FORM,
            given_at=town.REFERENCE_TIME,
        )
        for organisation in plan.organisations
        if organisation.status == "proposed"
    ])
    consents = iter(proposal_consents)
    rows = [
        _organisation_row(organisation, ids, next(consents) if organisation.proposer_name else None)
        for organisation in plan.organisations
    ]
    created = Organisation.objects.bulk_create(rows)
    pairs = list(zip(created, plan.organisations, strict=True))
    for name, key_ids in [("fields", ids.fields), ("communities", ids.communities),
                          ("languages", ids.languages), ("districts", ids.districts)]:
        _link(Organisation, name, [
            (row.pk, key_ids[key]) for row, drawn in pairs for key in getattr(drawn, name)
        ])
    return created


def _organisation_row(drawn, ids, proposal_consent):
    return Organisation(
        name=drawn.name, slug=drawn.slug, type_id=ids.types[drawn.type],
        description=drawn.description, goals=drawn.goals, founding_year=drawn.founding_year,
        legal_form=drawn.legal_form, member_count=drawn.member_count, street=drawn.street,
        postcode=places.POSTCODE, city=places.TOWN, latitude=drawn.latitude,
        longitude=drawn.longitude, website=drawn.website, public_email=drawn.public_email,
        public_phone=drawn.public_phone, accessibility=drawn.accessibility,
        accessibility_notes=drawn.accessibility_notes, status=drawn.status,
        status_reason=drawn.status_reason, visibility=drawn.visibility,
        verified_at=drawn.verified_at, proposer_name=drawn.proposer_name,
        proposer_email=drawn.proposer_email, proposal_consent=proposal_consent,
    )


def _write_items(model, plan, by_slug, ids, *, side):
    drawn_items = [
        (by_slug[organisation.slug], item)
        for organisation in plan.organisations
        for item in getattr(organisation, side)
    ]
    created = model.objects.bulk_create([
        model(
            organisation=organisation, category_id=ids.categories[item.category],
            title=item.title, description=item.description, valid_from=item.valid_from,
            valid_until=item.valid_until,
        )
        for organisation, item in drawn_items
    ])
    pairs = list(zip(created, (item for _organisation, item in drawn_items), strict=True))
    _link(model, "languages", [(row.pk, ids.languages[code]) for row, item in pairs
                               for code in item.languages])
    _link(model, "districts", [(row.pk, ids.districts[slug]) for row, item in pairs
                               for slug in item.districts])
    return created


def _write_contacts(plan, by_slug, ids, *, recorded_by):
    drawn = [
        (by_slug[organisation.slug], contact)
        for organisation in plan.organisations
        for contact in organisation.contacts
    ]
    consents = Consent.objects.bulk_create([
        Consent(
            subject=contact.name,
            purpose=people.CONSENT_PURPOSES[contact.visibility],
            scope=contact.visibility,  # what the person agreed to (Consent.allows)
            method=Consent.Method.WRITTEN,
            given_at=contact.consent_given_at,
            recorded_by=recorded_by,
            evidence=f"Einwilligungserklärung vom {contact.consent_given_at:%d.%m.%Y}, "
            "Akte Integrationsbüro",
        )
        for _organisation, contact in drawn
    ])
    created = ContactPerson.objects.bulk_create([
        ContactPerson(
            name=contact.name, role=contact.role, email=contact.email, phone=contact.phone,
            visibility=contact.visibility, consent=consent,
        )
        for (_organisation, contact), consent in zip(drawn, consents, strict=True)
    ])
    _link(ContactPerson, "organisations", [
        (row.pk, organisation.pk) for row, (organisation, _contact) in zip(created, drawn, strict=True)
    ])
    _link(ContactPerson, "languages", [
        (row.pk, ids.languages[code])
        for row, (_organisation, contact) in zip(created, drawn, strict=True)
        for code in contact.languages
    ])
    return created


def _link(model, field_name, pairs):
    """Bulk-insert many-to-many rows (owner pk, target pk) of ``model.field_name``."""
    field = model._meta.get_field(field_name)
    through = field.remote_field.through
    owner, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    through.objects.bulk_create(
        [through(**{f"{owner}_id": left, f"{target}_id": right}) for left, right in pairs],
        batch_size=2000,
    )


def _audit(organisations, needs, offers, contacts):
    entries = [
        *((organisation, {
            "name": [None, organisation.name],
            "status": [None, organisation.status],
            "visibility": [None, organisation.visibility],
        }) for organisation in organisations),
        *((item, {"title": [None, item.title]}) for item in [*needs, *offers]),
        *((contact, {"name": [None, contact.name], "consent": [None, str(contact.consent)]})
          for contact in contacts),
    ]
    record_many(actor=None, action="create", objects=entries, note=AUDIT_NOTE)
