"""Local council writes (audited) and the one visibility rule of the selectors."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import OrganisationFactory
from vernetzt.audit.models import AuditEntry
from vernetzt.council import selectors, services
from vernetzt.council.models import Body, Consultation, Membership, Paper

pytestmark = pytest.mark.django_db


@pytest.fixture
def steering(staff_user):
    """Bergkamen's KIM steering group, internal, with a public integration council beside it."""
    internal = services.create_body(
        actor=staff_user, name="Lenkungsgruppe KIM", kind=Body.Kind.STEERING_GROUP, is_public=False
    )
    public = services.create_body(
        actor=staff_user, name="Integrationsrat", kind=Body.Kind.INTEGRATION_COUNCIL
    )
    return internal, public


def test_writes_are_audited_with_their_changes(staff_user, steering):
    internal, _public = steering
    entry = AuditEntry.objects.filter(object_id=str(internal.pk), action="create").get()
    assert entry.actor == staff_user
    assert entry.changes["name"] == [None, "Lenkungsgruppe KIM"]
    internal.name = "Lenkungsgruppe Kommunales Integrationsmanagement"
    services.save(actor=staff_user, obj=internal)
    update = AuditEntry.objects.filter(object_id=str(internal.pk), action="update").get()
    assert update.changes == {
        "name": ["Lenkungsgruppe KIM", "Lenkungsgruppe Kommunales Integrationsmanagement"]
    }


def test_membership_links_a_directory_organisation(staff_user, steering):
    internal, _public = steering
    person = services.create_person(actor=staff_user, name="Ayşe Yılmaz")
    organisation = OrganisationFactory(name="Türkischer Elternverein")
    membership = services.add_member(
        actor=staff_user, body=internal, person=person, role=Membership.Role.DEPUTY,
        organisation=organisation, start_date=datetime.date(2026, 1, 1),
    )
    assert organisation.council_memberships.get() == membership
    assert list(selectors.members(body=internal, on=datetime.date(2026, 6, 1))) == [membership]
    assert not selectors.members(body=internal, on=datetime.date(2025, 6, 1)).exists()


def test_erasing_a_person_removes_the_name_from_the_audit_trail(staff_user, steering):
    internal, _public = steering
    person = services.create_person(actor=staff_user, name="Ayşe Yılmaz", family_name="Yılmaz")
    services.add_member(actor=staff_user, body=internal, person=person)
    services.erase_person(actor=staff_user, person=person)
    assert not Membership.objects.exists()
    trail = list(AuditEntry.objects.values_list("object_repr", "changes", "note"))
    assert len(trail) >= 6  # two bodies, the person, the membership, two deletions
    assert "Yılmaz" not in str(trail)


def test_agenda_items_are_appended_and_limits_are_checked(staff_user, steering):
    _internal, public = steering
    meeting = services.create_meeting(
        actor=staff_user, body=public, name="1. Sitzung", start=timezone.now()
    )
    first = services.add_agenda_item(actor=staff_user, meeting=meeting, name="Begrüßung")
    second = services.add_agenda_item(
        actor=staff_user, meeting=meeting, name="Personalien", is_public=False
    )
    assert (first.order, second.order) == (1, 2)
    with pytest.raises(ValidationError):
        services.add_agenda_item(actor=staff_user, meeting=meeting, name="x" * 20_001)


def test_results_are_recorded(staff_user, steering):
    _internal, public = steering
    paper = services.create_paper(
        actor=staff_user, reference="22-4292", name="Aufsuchende Arbeit", kind=Paper.Kind.MOTION
    )
    consultation = services.add_consultation(actor=staff_user, paper=paper, body=public)
    services.record_result(actor=staff_user, consultation=consultation, result=Consultation.Result.ACCEPTED)
    change = AuditEntry.objects.filter(object_id=str(consultation.pk), action="update").get()
    assert change.changes == {"result": ["", "accepted"]}


def test_internal_bodies_and_non_public_items_are_for_council_and_staff(
    staff_user, council_user, participant_user, steering
):
    internal, public = steering
    for body in (internal, public):
        meeting = services.create_meeting(actor=staff_user, body=body, name=f"Sitzung {body}", start=timezone.now())
        services.add_agenda_item(actor=staff_user, meeting=meeting, name="Öffentlich")
        services.add_agenda_item(actor=staff_user, meeting=meeting, name="Vertraulich", is_public=False)
    paper = services.create_paper(actor=staff_user, reference="1", name="Antrag")
    services.add_consultation(actor=staff_user, paper=paper, body=internal)
    services.add_consultation(actor=staff_user, paper=paper, body=public, role="Vorberatung")
    services.add_consultation(actor=staff_user, paper=paper, body=None, role="Kenntnisnahme")

    from django.contrib.auth.models import AnonymousUser

    for user in (AnonymousUser(), participant_user):
        assert list(selectors.bodies(user=user)) == [public]
        [meeting] = selectors.meetings(user=user)
        assert [item.name for item in meeting.agenda_items.all()] == ["Öffentlich"]
        consultations = selectors.papers(user=user).get().consultations.all()
        assert sorted(c.role for c in consultations) == ["Kenntnisnahme", "Vorberatung"]
    for user in (council_user, staff_user):
        assert set(selectors.bodies(user=user)) == {internal, public}
        assert all(len(m.agenda_items.all()) == 2 for m in selectors.meetings(user=user))
        assert len(selectors.papers(user=user).get().consultations.all()) == 3


def test_the_admin_saves_through_the_services(client, staff_user):
    staff_user.is_superuser = True
    staff_user.save()
    client.force_login(staff_user)
    response = client.post(
        reverse("admin:council_body_add"),
        {"name": "Arbeitsgruppe Sprache", "short_name": "", "kind": "working_group",
         "is_public": "on", "classification": "", "website": "",
         "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0"},
    )
    assert response.status_code == 302, response.content[:2000]
    body = Body.objects.get(name="Arbeitsgruppe Sprache")
    assert AuditEntry.objects.filter(object_id=str(body.pk), action="create", actor=staff_user).exists()
