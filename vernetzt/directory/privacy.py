"""The rights of the people the directory stores data about (GDPR Art. 15 and 17).

A person is a contact person (name, e-mail, phone, their consent) or a proposer (name and
e-mail on a proposal, their consent). ``subject_data`` is everything stored about them, as
plain data for a JSON download; ``scrub`` erases their values wherever free text can hold
them, the audit trail included. The services call ``scrub`` whenever personal data is
deleted (``services.delete_contact``, ``services.erase_proposer``), so deleting *is* erasing.
"""

import json
import re

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from vernetzt.audit.models import AuditEntry
from vernetzt.audit.services import REDACTED
from vernetzt.directory.models import Consent, ContactPerson, Organisation
from vernetzt.directory.models_import import ImportJob


def _erasable_text():
    """Model → the fields where a person's values can appear as free text. Personal fields
    of their own rows (a contact's name, a proposer's e-mail) are erased by the services."""
    from django_tasks_db.models import DBTaskResult

    return {
        AuditEntry: ["object_repr", "note", "changes"],
        Consent: ["subject", "purpose", "evidence"],
        Organisation: ["status_reason"],
        ImportJob: ["report", "error"],
        DBTaskResult: ["args_kwargs", "return_value", "traceback"],  # e.g. queued e-mails
    }


def contact_values(contact):
    """What identifies a contact person in text: name, e-mail, phone and consent evidence."""
    consent = contact.consent
    return _values(contact.name, contact.email, contact.phone, consent.subject, consent.evidence)


def proposer_values(organisation):
    consent = organisation.proposal_consent
    subject = consent.subject if consent else ""
    return _values(organisation.proposer_name, organisation.proposer_email, subject)


def _values(*values):
    return sorted({value.strip() for value in values if value and len(value.strip()) >= 3})


def _pattern(values):
    """Each value as a whole word (``Ali`` is erased, ``Alice`` stays), any case."""
    alternatives = "|".join(re.escape(value) for value in sorted(values, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _replace(value, pattern):
    if isinstance(value, str):
        return pattern.sub(REDACTED, value)
    if isinstance(value, list):
        return [_replace(item, pattern) for item in value]
    if isinstance(value, dict):
        return {
            _replace(key, pattern): _replace(item, pattern) for key, item in value.items()
        }
    return value


def _containing(fields, values):
    """Rows whose ``fields`` may hold one of ``values`` (JSON text on SQLite escapes
    non-ASCII letters, so the escaped spelling is searched as well)."""
    condition = Q()
    for value in values:
        spellings = {value, json.dumps(value)[1:-1]}
        for name in fields:
            for spelling in spellings:
                condition |= Q(**{f"{name}__icontains": spelling})
    return condition


def scrub(values):
    """Replace ``values`` by ``[redacted]`` in every erasable text of every table."""
    if not values:
        return 0
    pattern = _pattern(values)
    changed = 0
    for model, fields in _erasable_text().items():
        for row in model.objects.filter(_containing(fields, values)):
            for name in fields:
                setattr(row, name, _replace(getattr(row, name), pattern))
            model.objects.filter(pk=row.pk).update(**{name: getattr(row, name) for name in fields})
            changed += 1
    return changed


def withdraw_consent(consent, *, label):
    """The consent stays as the record that it ended, without the person's name or evidence."""
    consent.subject = label
    consent.evidence = ""
    consent.withdrawn_at = consent.withdrawn_at or timezone.now()
    consent.save(update_fields=["subject", "evidence", "withdrawn_at"])


def contact_label(contact):
    return gettext("contact person no. %(number)s") % {"number": contact.pk}


# --- Data-subject export ----------------------------------------------------------------------


def _consent_data(consent):
    if consent is None:
        return None
    return {
        "subject": consent.subject,
        "purpose": consent.purpose,
        "agreed_visibility": consent.scope,
        "method": consent.method,
        "given_at": consent.given_at.isoformat(),
        "evidence": consent.evidence,
        "withdrawn_at": consent.withdrawn_at.isoformat() if consent.withdrawn_at else None,
    }


def _audit_data(entries):
    return [
        {
            "at": entry.at.isoformat(),
            "by": entry.actor_label,
            "action": entry.action,
            "object": entry.object_repr,
            "changes": entry.changes,
            "note": entry.note,
        }
        for entry in entries
    ]


def _entries_about(values, own=()):
    """Audit entries of the person's own records (``own``: objects) or naming them."""
    condition = _containing(_erasable_text()[AuditEntry], values) if values else Q(pk__in=[])
    for obj in own:
        condition |= Q(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
        )
    pattern = _pattern(values) if values else None
    entries = AuditEntry.objects.filter(condition).order_by("at", "pk")
    own_keys = {(ContentType.objects.get_for_model(obj).pk, str(obj.pk)) for obj in own}
    return [
        entry
        for entry in entries
        if (entry.content_type_id, entry.object_id) in own_keys
        or pattern.search(json.dumps([entry.object_repr, entry.note, entry.changes],
                                     ensure_ascii=False))
    ]


def _proposal_data(organisation):
    return {
        "organisation": organisation.name,
        "proposer_name": organisation.proposer_name,
        "proposer_email": organisation.proposer_email,
        "proposed_at": organisation.created_at.isoformat(),
        "consent": _consent_data(organisation.proposal_consent),
    }


def contact_subject_data(*, contact):
    """Everything stored about a contact person, including proposals under their e-mail."""
    values = contact_values(contact)
    proposals = (
        Organisation.objects.filter(proposer_email__iexact=contact.email)
        if contact.email
        else Organisation.objects.none()
    )
    return {
        "exported_at": timezone.now().isoformat(),
        "contact_person": {
            "name": contact.name,
            "role": contact.role,
            "email": contact.email,
            "phone": contact.phone,
            "visibility": contact.visibility,
            "languages": [language.code for language in contact.languages.all()],
            "organisations": [organisation.name for organisation in contact.organisations.all()],
            "created_at": contact.created_at.isoformat(),
            "updated_at": contact.updated_at.isoformat(),
        },
        "consent": _consent_data(contact.consent),
        "proposals": [_proposal_data(organisation) for organisation in proposals],
        "audit_entries": _audit_data(_entries_about(values, own=[contact, contact.consent])),
    }


def proposer_subject_data(*, organisation):
    """Everything stored about the person who proposed ``organisation``."""
    values = proposer_values(organisation)
    consent = organisation.proposal_consent
    return {
        "exported_at": timezone.now().isoformat(),
        "proposal": _proposal_data(organisation),
        "audit_entries": _audit_data(
            _entries_about(values, own=[consent] if consent else [])
        ),
    }


def contacts_matching(*, query):
    """Contact persons a staff member looks up for a data-subject request."""
    query = query.strip()
    if len(query) < 2:
        return ContactPerson.objects.none()
    return (
        ContactPerson.objects.filter(
            Q(name__icontains=query) | Q(email__icontains=query) | Q(phone__icontains=query)
        )
        .prefetch_related("organisations")
        .order_by("name")[:50]
    )
