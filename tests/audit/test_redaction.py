import pytest

from vernetzt.audit.models import AuditEntry
from vernetzt.audit.services import REDACTED
from vernetzt.directory import services


@pytest.mark.django_db
def test_deleting_a_contact_erases_personal_values_from_its_trail(staff_user, edited_organisation):
    contact = services.save_contact(
        actor=staff_user,
        data={
            "name": "Amina Yilmaz",
            "email": "amina@example.org",
            "phone": "0123 456",
            "role": "Vorsitzende",
            "organisations": [edited_organisation],
        },
        consent_data={"subject": "Amina Yilmaz", "purpose": "Ansprechperson", "method": "written"},
    )
    services.save_contact(actor=staff_user, contact=contact, data={"email": "a.yilmaz@example.org"})
    contact_id = contact.pk

    services.delete_contact(actor=staff_user, contact=contact, reason="Einwilligung widerrufen")

    trail = AuditEntry.objects.filter(object_id=str(contact_id), content_type__model="contactperson")
    assert trail.count() == 3
    stored = str(list(trail.values_list("changes", "object_repr")))
    assert "Amina" not in stored and "amina@" not in stored and "0123" not in stored
    created = trail.get(action="create")
    assert created.changes["email"] == [REDACTED, REDACTED]
    assert created.changes["role"] == [None, "Vorsitzende"]  # not personal: kept
    assert trail.get(action="delete").note == "Einwilligung widerrufen"
    assert not AuditEntry.objects.filter(object_repr__contains="Amina").exists()
