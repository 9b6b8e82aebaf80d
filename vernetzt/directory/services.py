"""Writes of the actor directory. Each one is atomic, audited and keeps the search index current."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vernetzt.audit.services import diff, record, redact_history, snapshot
from vernetzt.directory import cache, search, slugs
from vernetzt.directory.models import (
    Consent,
    ContactPerson,
    Need,
    Offer,
    Organisation,
)

ORGANISATION_FIELDS = [
    "name", "short_name", "type", "description", "goals", "founding_year", "legal_form",
    "member_count", "fields", "communities", "languages", "districts", "street", "postcode",
    "city", "latitude", "longitude", "website", "public_email", "public_phone",
    "accessibility", "accessibility_notes", "visibility",
]
NEED_OFFER_FIELDS = ["category", "title", "description", "languages", "districts", "valid_from", "valid_until"]
# Erased from the audit trail when a contact is deleted (consent withdrawn).
PERSONAL_CONTACT_FIELDS = {"name", "email", "phone", "consent"}
CONTACT_FIELDS = ["name", "role", "organisations", "email", "phone", "languages", "visibility"]


class TransitionError(Exception):
    """A status change that the verification workflow does not allow."""


def unique_slug(name, *, exclude_pk=None):
    """A free web address for ``name`` in any script, never a fixed route (``slugs``)."""
    others = Organisation.objects.exclude(pk=exclude_pk)
    return slugs.first_free(slugs.slug_base(name), lambda slug: others.filter(slug=slug).exists())


def _split(model, data):
    """Plain fields and many-to-many fields of ``data``, each set on its own."""
    many = {name for name in data if model._meta.get_field(name).many_to_many}
    return (
        {name: value for name, value in data.items() if name not in many},
        {name: value for name, value in data.items() if name in many},
    )


def _apply(obj, data):
    plain, many = _split(type(obj), data)
    for name, value in plain.items():
        setattr(obj, name, value)
    obj.full_clean(exclude=list(many))
    obj.save()
    for name, values in many.items():
        getattr(obj, name).set(values)


def _record_creation(actor, organisation, note=""):
    """Index a new organisation and audit its creation with every field it was given."""
    search.reindex(organisation_ids=[organisation.pk])
    record(
        actor=actor,
        action="create",
        obj=organisation,
        changes=diff({}, snapshot(organisation, [*ORGANISATION_FIELDS, "status"])),
        note=note,
    )


@transaction.atomic
def create_organisation(*, actor, data, status=Organisation.Status.VERIFIED, editors=()):
    organisation = Organisation(slug=unique_slug(data["name"]), status=status)
    if status == Organisation.Status.VERIFIED:
        organisation.verified_at = timezone.now()
    _apply(organisation, data)
    if editors:
        organisation.editors.add(*editors)
    _record_creation(actor, organisation)
    return organisation


@transaction.atomic
def propose_organisation(*, data, proposer_name, proposer_email, consent_purpose, actor=None):
    """A proposal from the public form: stored as ``proposed`` with the proposer's consent."""
    consent = Consent.objects.create(
        subject=proposer_name,
        purpose=consent_purpose,
        method=Consent.Method.WEB_FORM,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    organisation = Organisation(
        slug=unique_slug(data["name"]),
        status=Organisation.Status.PROPOSED,
        proposer_name=proposer_name,
        proposer_email=proposer_email,
        proposal_consent=consent,
    )
    _apply(organisation, data)
    _record_creation(actor, organisation, note=_("proposed through the public form"))
    return organisation


@transaction.atomic
def update_organisation(*, actor, organisation, data):
    before = snapshot(organisation, list(data))
    _apply(organisation, data)
    changes = diff(before, snapshot(organisation, list(data)))
    if changes:
        search.reindex(organisation_ids=[organisation.pk])
        record(actor=actor, action="update", obj=organisation, changes=changes)
    return organisation


ALLOWED_TRANSITIONS = {
    Organisation.Status.PROPOSED: {Organisation.Status.VERIFIED, Organisation.Status.REJECTED},
    Organisation.Status.VERIFIED: {Organisation.Status.ARCHIVED},
    Organisation.Status.REJECTED: {Organisation.Status.PROPOSED},
    Organisation.Status.ARCHIVED: {Organisation.Status.VERIFIED},
}
REASON_REQUIRED = {Organisation.Status.REJECTED, Organisation.Status.ARCHIVED}


@transaction.atomic
def change_status(*, actor, organisation, status, reason=""):
    """Move an organisation through proposed → verified → archived (or rejected, with reason)."""
    old = organisation.status
    if status not in ALLOWED_TRANSITIONS.get(old, set()):
        raise TransitionError(
            _("An organisation that is %(old)s cannot become %(new)s.")
            % {"old": Organisation.Status(old).label, "new": Organisation.Status(status).label}
        )
    if status in REASON_REQUIRED and not reason.strip():
        raise TransitionError(_("Please give a reason."))
    organisation.status = status
    organisation.status_reason = reason.strip()
    if status == Organisation.Status.VERIFIED:
        organisation.verified_at = timezone.now()
    organisation.save(update_fields=["status", "status_reason", "verified_at", "updated_at"])
    cache.bump()
    record(
        actor=actor,
        action="status",
        obj=organisation,
        changes={"status": [old, status]},
        note=reason.strip(),
    )
    return organisation


@transaction.atomic
def verify_proposal(*, actor, organisation, editor=None):
    """Verify a proposal and, if named, let ``editor`` maintain the profile from now on."""
    change_status(actor=actor, organisation=organisation, status=Organisation.Status.VERIFIED)
    if editor is not None:
        set_editors(
            actor=actor, organisation=organisation, editors=[*organisation.editors.all(), editor]
        )
    return organisation


@transaction.atomic
def set_editors(*, actor, organisation, editors):
    before = snapshot(organisation, ["editors"])
    organisation.editors.set(editors)
    changes = diff(before, snapshot(organisation, ["editors"]))
    if changes:
        record(actor=actor, action="update", obj=organisation, changes=changes)


def _save_need_or_offer(*, actor, model, organisation, data, instance=None):
    creating = instance is None
    instance = instance or model(organisation=organisation)
    before = {} if creating else snapshot(instance, NEED_OFFER_FIELDS)
    _apply(instance, data)
    changes = diff(before, snapshot(instance, NEED_OFFER_FIELDS))
    if creating or changes:
        search.reindex(organisation_ids=[organisation.pk])
        record(actor=actor, action="create" if creating else "update", obj=instance, changes=changes)
    return instance


@transaction.atomic
def save_need(*, actor, organisation, data, need=None):
    return _save_need_or_offer(actor=actor, model=Need, organisation=organisation, data=data, instance=need)


@transaction.atomic
def save_offer(*, actor, organisation, data, offer=None):
    return _save_need_or_offer(actor=actor, model=Offer, organisation=organisation, data=data, instance=offer)


def _record_removal_on(organisation, *, actor, item, note=""):
    """The organisation's own trail keeps what was removed from it (the item's trail is keyed
    by an id nothing points to any more). A contact is named by number only: personal data."""
    relation = {Need: "needs", Offer: "offers", ContactPerson: "contacts"}[type(item)]
    label = (
        gettext("contact person no. %(number)s") % {"number": item.pk}
        if isinstance(item, ContactPerson)
        else str(item)
    )
    record(
        actor=actor, action="update", obj=organisation, changes={relation: [label, None]},
        note=note,
    )


@transaction.atomic
def delete_need_or_offer(*, actor, item):
    organisation = item.organisation
    record(actor=actor, action="delete", obj=item, changes=diff(snapshot(item, NEED_OFFER_FIELDS), {}))
    _record_removal_on(organisation, actor=actor, item=item)
    item.delete()
    search.reindex(organisation_ids=[organisation.pk])


@transaction.atomic
def save_contact(*, actor, data, consent_data=None, contact=None):
    """Create or change a contact person; a new one needs a recorded consent (``consent_data``)."""
    creating = contact is None
    if creating:
        if not consent_data:
            raise ValueError("A contact person is only stored with a recorded consent.")
        consent = Consent.objects.create(recorded_by=_user(actor), **consent_data)
        contact = ContactPerson(consent=consent)
    before = {} if creating else snapshot(contact, CONTACT_FIELDS)
    _apply(contact, data)
    changes = diff(before, snapshot(contact, CONTACT_FIELDS))
    if creating:
        changes["consent"] = [None, str(contact.consent)]
    if changes:
        record(actor=actor, action="create" if creating else "update", obj=contact, changes=changes)
    cache.bump()
    return contact


@transaction.atomic
def delete_contact(*, actor, contact, reason=""):
    """Delete a contact person and mark the consent withdrawn: personal data does not linger."""
    consent = contact.consent
    label = gettext("contact person no. %(number)s") % {"number": contact.pk}
    redact_history(obj=contact, fields=PERSONAL_CONTACT_FIELDS, label=label)
    entry = record(actor=actor, action="delete", obj=contact, note=reason)
    entry.object_repr = label
    entry.save(update_fields=["object_repr"])
    for organisation in contact.organisations.all():
        _record_removal_on(
            organisation, actor=actor, item=contact, note=_("consent withdrawn, contact deleted")
        )
    contact.delete()
    consent.withdrawn_at = timezone.now()
    consent.save(update_fields=["withdrawn_at"])
    cache.bump()


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None
