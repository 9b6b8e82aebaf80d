"""Writes of the actor directory. Each one is atomic, audited and keeps the search index current."""

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from vernetzt.audit.services import REDACTED, diff, record, redact_history, snapshot
from vernetzt.directory import managed_lists, notifications, privacy, slugs
from vernetzt.directory.derived import directory_write, lists_changed, organisations_changed
from vernetzt.directory.languages import language_name
from vernetzt.directory.models import (
    Consent,
    ContactPerson,
    Need,
    Offer,
    Organisation,
    OrganisationDescription,
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


class EditConflict(Exception):
    """Someone saved the object since the editor loaded the version they edited: ``current``
    is the object as it is stored now (``forms.VersionedForm.show_conflict`` shows it)."""

    def __init__(self, current):
        super().__init__(f"{type(current).__name__} {current.pk} changed meanwhile")
        self.current = current


def claim_version(instance, version):
    """Optimistic locking, checked and bumped in one statement
    (``UPDATE … SET version = version + 1 WHERE id = … AND version = n``): of two saves from
    the same version only the first passes, the second gets ``EditConflict`` instead of
    silently writing back the values it started from. ``version=None`` (imports, the admin)
    only bumps."""
    model = type(instance)
    rows = model.objects.filter(pk=instance.pk)
    if version is not None:
        rows = rows.filter(version=version)
    if not rows.update(version=F("version") + 1):
        raise EditConflict(model.objects.get(pk=instance.pk))
    instance.version = model.objects.values_list("version", flat=True).get(pk=instance.pk)


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
    organisations_changed(organisation_ids=[organisation.pk])
    record(
        actor=actor,
        action="create",
        obj=organisation,
        changes=diff({}, snapshot(organisation, [*ORGANISATION_FIELDS, "status"])),
        note=note,
    )


@directory_write
def create_organisation(*, actor, data, status=Organisation.Status.VERIFIED, editors=()):
    organisation = Organisation(slug=unique_slug(data["name"]), status=status)
    if status == Organisation.Status.VERIFIED:
        organisation.verified_at = timezone.now()
    _apply(organisation, data)
    if editors:
        organisation.editors.add(*editors)
    _record_creation(actor, organisation)
    return organisation


@directory_write
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
        proposer_language=get_language() or "",
        proposal_consent=consent,
    )
    _apply(organisation, data)
    _record_creation(actor, organisation, note=_("proposed through the public form"))
    notifications.proposal_received(organisation)
    return organisation


@directory_write
def update_organisation(*, actor, organisation, data, version=None):
    claim_version(organisation, version)
    before = snapshot(organisation, list(data))
    _apply(organisation, data)
    changes = diff(before, snapshot(organisation, list(data)))
    if changes:
        organisations_changed(organisation_ids=[organisation.pk])
        record(actor=actor, action="update", obj=organisation, changes=changes)
    return organisation


ALLOWED_TRANSITIONS = {
    Organisation.Status.PROPOSED: {Organisation.Status.VERIFIED, Organisation.Status.REJECTED},
    Organisation.Status.VERIFIED: {Organisation.Status.ARCHIVED},
    Organisation.Status.REJECTED: {Organisation.Status.PROPOSED},
    Organisation.Status.ARCHIVED: {Organisation.Status.VERIFIED},
}
REASON_REQUIRED = {Organisation.Status.REJECTED, Organisation.Status.ARCHIVED}


@directory_write
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
    organisations_changed(organisation_ids=[organisation.pk])
    record(
        actor=actor,
        action="status",
        obj=organisation,
        changes={"status": [old, status]},
        note=reason.strip(),
    )
    if old == Organisation.Status.PROPOSED:
        notifications.proposal_decided(organisation, status=status, reason=reason.strip())
    return organisation


@directory_write
def verify_proposal(*, actor, organisation, editor=None):
    """Verify a proposal and, if named, let ``editor`` maintain the profile from now on."""
    change_status(actor=actor, organisation=organisation, status=Organisation.Status.VERIFIED)
    if editor is not None:
        set_editors(
            actor=actor, organisation=organisation, editors=[*organisation.editors.all(), editor]
        )
    return organisation


@directory_write
def set_editors(*, actor, organisation, editors):
    before = snapshot(organisation, ["editors"])
    previous = set(organisation.editors.all())
    organisation.editors.set(editors)
    changes = diff(before, snapshot(organisation, ["editors"]))
    if changes:
        record(actor=actor, action="update", obj=organisation, changes=changes)
    notifications.editors_added(organisation, [user for user in editors if user not in previous])


def _save_need_or_offer(*, actor, model, organisation, data, instance=None, version=None):
    creating = instance is None
    if not creating:
        claim_version(instance, version)
    instance = instance or model(organisation=organisation)
    before = {} if creating else snapshot(instance, NEED_OFFER_FIELDS)
    _apply(instance, data)
    changes = diff(before, snapshot(instance, NEED_OFFER_FIELDS))
    if creating or changes:
        organisations_changed(organisation_ids=[organisation.pk])
        record(actor=actor, action="create" if creating else "update", obj=instance, changes=changes)
    return instance


@directory_write
def save_need(*, actor, organisation, data, need=None, version=None):
    return _save_need_or_offer(
        actor=actor, model=Need, organisation=organisation, data=data, instance=need,
        version=version,
    )


@directory_write
def save_offer(*, actor, organisation, data, offer=None, version=None):
    return _save_need_or_offer(
        actor=actor, model=Offer, organisation=organisation, data=data, instance=offer,
        version=version,
    )


def _record_removal_on(organisation, *, actor, item, note=""):
    """The organisation's own trail keeps what was removed from it (the item's trail is keyed
    by an id nothing points to any more). A contact is named by number only: personal data."""
    relation = {Need: "needs", Offer: "offers", ContactPerson: "contacts"}[type(item)]
    label = privacy.contact_label(item) if isinstance(item, ContactPerson) else str(item)
    record(
        actor=actor, action="update", obj=organisation, changes={relation: [label, None]},
        note=note,
    )


@directory_write
def delete_need_or_offer(*, actor, item):
    organisation = item.organisation
    record(actor=actor, action="delete", obj=item, changes=diff(snapshot(item, NEED_OFFER_FIELDS), {}))
    _record_removal_on(organisation, actor=actor, item=item)
    item.delete()
    organisations_changed(organisation_ids=[organisation.pk])


@directory_write
def save_contact(*, actor, data, consent_data=None, contact=None, version=None):
    """Create or change a contact person; a new one needs a recorded consent (``consent_data``).

    Its visibility never exceeds what the consent allows (``ContactPerson.clean``, run by
    ``full_clean``)."""
    creating = contact is None
    if creating:
        if not consent_data:
            raise ValueError("A contact person is only stored with a recorded consent.")
        consent = Consent.objects.create(recorded_by=_user(actor), **consent_data)
        contact = ContactPerson(consent=consent)
    else:
        claim_version(contact, version)
        organisations_changed(organisation_ids=contact.organisations.values_list("pk", flat=True))
    before = {} if creating else snapshot(contact, CONTACT_FIELDS)
    _apply(contact, data)
    changes = diff(before, snapshot(contact, CONTACT_FIELDS))
    if creating:
        changes["consent"] = [None, str(contact.consent)]
    if changes:
        record(actor=actor, action="create" if creating else "update", obj=contact, changes=changes)
    organisations_changed(organisation_ids=contact.organisations.values_list("pk", flat=True))
    return contact


@directory_write
def delete_contact(*, actor, contact, reason=""):
    """Delete a contact person and erase them: the consent is marked withdrawn and keeps no
    name or evidence, and their name, e-mail, phone and evidence are replaced by
    ``[redacted]`` everywhere, the audit trail (the deletion note too) included."""
    consent = contact.consent
    values = privacy.contact_values(contact)
    label = privacy.contact_label(contact)
    redact_history(obj=contact, fields=PERSONAL_CONTACT_FIELDS, label=label)
    entry = record(actor=actor, action="delete", obj=contact, note=reason)
    entry.object_repr = label
    entry.save(update_fields=["object_repr"])
    for organisation in contact.organisations.all():
        _record_removal_on(
            organisation, actor=actor, item=contact, note=_("consent withdrawn, contact deleted")
        )
    organisations_changed(organisation_ids=contact.organisations.values_list("pk", flat=True))
    contact.delete()
    privacy.withdraw_consent(consent, label=label)
    privacy.scrub(values)


@directory_write
def erase_proposer(*, actor, organisation):
    """Erase the proposer of ``organisation``: name and e-mail blanked, their consent marked
    withdrawn, their values replaced by ``[redacted]`` everywhere (audit trail included)."""
    values = privacy.proposer_values(organisation)
    label = gettext("proposer of %(organisation)s") % {"organisation": organisation.name}
    organisation.proposer_name = ""
    organisation.proposer_email = ""
    organisation.save(update_fields=["proposer_name", "proposer_email", "updated_at"])
    if organisation.proposal_consent:
        privacy.withdraw_consent(organisation.proposal_consent, label=label)
    record(
        actor=actor, action="update", obj=organisation,
        changes={"proposer_name": [REDACTED, ""], "proposer_email": [REDACTED, ""]},
        note=_("personal data of the proposer erased"),
    )
    privacy.scrub(values)


@directory_write
def delete_organisation(*, actor, organisation, note=""):
    """Delete an organisation without leaving personal data behind: contact persons listed by
    it alone are deleted and erased (``delete_contact``), shared ones are only unlinked, and
    the proposer is erased."""
    for contact in organisation.contacts.all():
        if contact.organisations.exclude(pk=organisation.pk).exists():
            unlink_contact(actor=actor, contact=contact, organisation=organisation)
        else:
            delete_contact(
                actor=actor, contact=contact, reason=_("its organisation was deleted")
            )
    if organisation.proposer_name or organisation.proposer_email:
        erase_proposer(actor=actor, organisation=organisation)
    record(actor=actor, action="delete", obj=organisation, note=note)
    organisations_changed(organisation_ids=[organisation.pk])
    organisation.delete()


@directory_write
def unlink_contact(*, actor, contact, organisation):
    """Remove ``contact`` from ``organisation`` only: the person stays with the other
    organisations that list them (``models.may_edit_contact``)."""
    before = snapshot(contact, ["organisations"])
    contact.organisations.remove(organisation)
    record(
        actor=actor, action="update", obj=contact,
        changes=diff(before, snapshot(contact, ["organisations"])),
    )
    _record_removal_on(organisation, actor=actor, item=contact)
    organisations_changed(organisation_ids=[organisation.pk])


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def description_languages():
    """The languages an organisation may add its self-description in: the platform's
    languages other than German (``settings.LANGUAGES``), as (code, name in the reader's
    language) pairs."""
    return [(code, language_name(code)) for code, _name in settings.LANGUAGES if code != "de"]


@directory_write
def save_description_translation(*, actor, organisation, language, text):
    """Set (or, with an empty ``text``, remove) the organisation's self-description in
    ``language``; German stays ``Organisation.description``."""
    if language not in dict(description_languages()):
        raise ValueError(f"not a language for descriptions: {language!r}")
    text = text.strip()
    current = OrganisationDescription.objects.filter(
        organisation=organisation, language=language
    ).first()
    old = current.text if current else ""
    if old == text:
        return current
    if not text:
        current.delete()
        current = None
    else:
        current = current or OrganisationDescription(organisation=organisation, language=language)
        current.text = text
        current.full_clean()
        current.save()
    record(
        actor=actor, action="update", obj=organisation,
        changes={"description": [old, text]},
        note=gettext("Description in %(language)s") % {
            "language": dict(description_languages())[language]
        },
    )
    organisations_changed(organisation_ids=[organisation.pk])
    return current


# --- The admin's writes -------------------------------------------------------------------------
# The admin edits any field of any directory model; it writes through these, so its saves are
# audited and keep derived data current like every other write (``derived``).


def _audited_fields(obj, *, many):
    return [
        field.name for field in obj._meta.get_fields()
        if field.concrete and not field.auto_created and bool(field.many_to_many) == many
    ]


def _shown_on(obj):
    """The organisations whose pages or search text show ``obj``."""
    if isinstance(obj, Organisation):
        return [obj.pk]
    if isinstance(obj, (Need, Offer, OrganisationDescription)):
        return [obj.organisation_id]
    if isinstance(obj, ContactPerson):
        return list(obj.organisations.values_list("pk", flat=True))
    managed = managed_lists.by_model(type(obj))
    if managed is None:
        return []
    if managed is managed_lists.CATEGORIES:
        return sorted({
            pk for model in (Need, Offer)
            for pk in model.objects.filter(category=obj).values_list("organisation_id", flat=True)
        })
    return list(Organisation.objects.filter(**{managed.field: obj}).values_list("pk", flat=True))


@directory_write
def save_in_admin(*, actor, obj, change, save):
    """``save()`` (the admin's own saving of ``obj``), audited field by field."""
    fields = _audited_fields(obj, many=False)
    before = snapshot(type(obj).objects.get(pk=obj.pk), fields) if change else {}
    if change and hasattr(obj, "version"):
        claim_version(obj, None)  # an editor's form loaded before this save must not overwrite it
    save()
    changes = diff(before, snapshot(obj, fields))
    if changes or not change:
        record(actor=actor, action="update" if change else "create", obj=obj, changes=changes)
    organisations_changed(organisation_ids=_shown_on(obj))
    if managed_lists.by_model(type(obj)):
        lists_changed()


@directory_write
def save_relations_in_admin(*, actor, obj, change, save):
    """``save()`` (the admin's saving of ``obj``'s many-to-many links), audited."""
    names = _audited_fields(obj, many=True)
    before = snapshot(obj, names) if change else dict.fromkeys(names, [])
    shown_before = _shown_on(obj)
    save()
    changes = diff(before, snapshot(obj, names))
    if changes:
        record(actor=actor, action="update", obj=obj, changes=changes)
    organisations_changed(organisation_ids=[*shown_before, *_shown_on(obj)])


@directory_write
def delete_in_admin(*, actor, obj):
    """Delete ``obj`` (an organisation or a term of a managed list), audited."""
    shown = _shown_on(obj)
    record(actor=actor, action="delete", obj=obj)
    obj.delete()
    organisations_changed(organisation_ids=shown)
    if managed_lists.by_model(type(obj)):
        lists_changed()
