"""Writes of bodies, members and meetings (audited), and the reads of the meeting pages:
action items carried over from meeting to meeting, attachments, visibility."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.council.factories_meetings import (
    ActionItemFactory,
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
)
from tests.factories import OrganisationFactory
from vernetzt.audit.models import AuditEntry
from vernetzt.council import selectors
from vernetzt.council.models import ActionItem, Attendance, Body, MeetingAttachment, Membership
from vernetzt.council.models.meetings import ATTACHMENT_MAX_BYTES
from vernetzt.council.selectors import meeting_pages
from vernetzt.council.services import meetings as services

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def entries(obj, action=None):
    rows = AuditEntry.objects.filter(
        object_id=str(obj.pk), content_type__model=type(obj)._meta.model_name
    )
    return rows.filter(action=action) if action else rows


def at(days, hour=18):
    base = timezone.localtime().replace(hour=hour, minute=0, second=0, microsecond=0)
    return base + datetime.timedelta(days=days)


def test_body_and_membership_writes_are_audited(staff_user):
    body = services.create_body(
        actor=staff_user,
        name="Vorbereitungsgruppe Fachtag",
        kind=Body.Kind.PREPARATION_GROUP,
        is_public=False,
    )
    assert entries(body, "create").get().changes["name"] == [None, "Vorbereitungsgruppe Fachtag"]
    services.update_body(actor=staff_user, body=body, is_public=True)
    assert entries(body, "update").get().changes == {"is_public": [False, True]}

    verein = OrganisationFactory(name="Deutsch-Türkischer Elternverein")
    membership = services.add_membership(
        actor=staff_user,
        body=body,
        person_name="  Ayşe   Yılmaz ",
        role=Membership.Role.CHAIR,
        organisation=verein,
        start_date=datetime.date(2025, 1, 1),
    )
    assert membership.person.name == "Ayşe Yılmaz"
    assert entries(membership.person, "create").exists()
    assert entries(membership, "create").get().changes["organisation"] == [None, str(verein)]

    services.end_membership(
        actor=staff_user, membership=membership, end_date=datetime.date(2025, 6, 30)
    )
    assert entries(membership, "update").get().changes == {"end_date": [None, "2025-06-30"]}
    members = meeting_pages.members_of(body=body, on=datetime.date(2025, 7, 1))
    assert members.current == [] and members.former == [membership]


def test_membership_needs_a_person(staff_user):
    body = BodyFactory()
    with pytest.raises(ValidationError):
        services.add_membership(actor=staff_user, body=body, person_name="   ")
    assert not Membership.objects.exists()


def test_a_membership_ending_before_it_began_is_refused(staff_user):
    membership = MembershipFactory(start_date=datetime.date(2025, 3, 1))
    with pytest.raises(ValidationError):
        services.update_membership(
            actor=staff_user, membership=membership, end_date=datetime.date(2025, 1, 1)
        )


def test_members_current_first_by_role_then_former():
    body = BodyFactory()
    today = datetime.date(2026, 5, 1)
    member = MembershipFactory(body=body, role=Membership.Role.MEMBER)
    guest = MembershipFactory(body=body, role=Membership.Role.GUEST)
    chair = MembershipFactory(body=body, role=Membership.Role.CHAIR)
    deputy = MembershipFactory(body=body, role=Membership.Role.DEPUTY, end_date=today)
    left = MembershipFactory(
        body=body, role=Membership.Role.CHAIR, end_date=datetime.date(2025, 12, 31)
    )
    left_earlier = MembershipFactory(body=body, end_date=datetime.date(2024, 12, 31))
    members = meeting_pages.members_of(body=body, on=today)
    assert members.current == [chair, deputy, member, guest]
    assert members.former == [left, left_earlier]


def test_meeting_writes_agenda_minutes_and_order_are_audited(staff_user):
    body = BodyFactory()
    meeting = services.create_meeting(
        actor=staff_user, body=body, name="3. Sitzung", start=at(7), place="Rathaus, Saal 2"
    )
    first = services.add_item(actor=staff_user, meeting=meeting, name="Begrüßung", number="1")
    second = services.add_item(
        actor=staff_user, meeting=meeting, name="Personalangelegenheit", is_public=False
    )
    assert (first.order, second.order) == (1, 2)
    services.update_agenda_item(
        actor=staff_user,
        item=first,
        minutes="Frau Groß begrüßt die Anwesenden.",
        result_text="zur Kenntnis",
    )
    assert entries(first, "update").get().changes["minutes"] == [
        "",
        "Frau Groß begrüßt die Anwesenden.",
    ]
    services.move_agenda_item(actor=staff_user, item=second, step=-1)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (second.order, first.order) == (1, 2)
    assert entries(meeting, "reorder").exists()
    with pytest.raises(TypeError):
        services.update_meeting(actor=staff_user, meeting=meeting, body=BodyFactory())


def test_attendance_one_entry_per_person_and_audited_once(staff_user):
    meeting = MeetingFactory()
    ayse, juergen = PersonFactory(), PersonFactory()
    changes = services.record_attendance(
        actor=staff_user,
        meeting=meeting,
        entries={
            ayse: (Attendance.Status.PRESENT, ""),
            juergen: (Attendance.Status.EXCUSED, "krank"),
        },
    )
    assert len(changes) == 2
    assert entries(meeting, "attendance").count() == 1
    # Saving the same again changes nothing; clearing a status removes the entry.
    assert (
        services.record_attendance(
            actor=staff_user,
            meeting=meeting,
            entries={ayse: ("present", ""), juergen: ("excused", "krank")},
        )
        == {}
    )
    services.record_attendance(
        actor=staff_user, meeting=meeting, entries={ayse: ("", ""), juergen: ("absent", "")}
    )
    assert list(Attendance.objects.values_list("person", "status")) == [(juergen.pk, "absent")]
    with pytest.raises(ValidationError):
        services.record_attendance(
            actor=staff_user, meeting=meeting, entries={ayse: ("asleep", "")}
        )


def test_action_item_stays_open_at_every_later_meeting_until_done(staff_user, council_user):
    body = BodyFactory(name="Lenkungsgruppe KIM")
    first = MeetingFactory(body=body, start=at(-60))
    second = MeetingFactory(body=body, start=at(-30))
    third = MeetingFactory(body=body, start=at(10))
    other_body_meeting = MeetingFactory(start=at(-20))
    item = services.add_action_item(
        actor=staff_user,
        meeting=first,
        text="Raum für den Fachtag reservieren",
        responsible_text="Integrationsbüro",
        due_date=(timezone.localdate() - datetime.timedelta(days=40)),
    )
    assert entries(item, "create").exists()
    assert list(meeting_pages.carried_over(user=AnonymousUser(), meeting=first)) == []
    assert list(meeting_pages.carried_over(user=AnonymousUser(), meeting=second)) == [item]
    assert list(meeting_pages.carried_over(user=AnonymousUser(), meeting=third)) == [item]
    assert list(meeting_pages.carried_over(user=AnonymousUser(), meeting=other_body_meeting)) == []
    assert list(selectors.open_action_items(user=council_user, body=body)) == [item]
    assert list(
        selectors.open_action_items(user=council_user, overdue_on=timezone.localdate())
    ) == [item]

    services.mark_action_item_done(actor=staff_user, item=item, when=at(-10))
    item.refresh_from_db()
    assert item.done and item.done_by == staff_user
    assert entries(item, "done").get().changes["done"] == [False, True]
    # The meeting held while it was open still shows it (as done since); the next does not.
    assert list(meeting_pages.carried_over(user=AnonymousUser(), meeting=second)) == [item]
    assert list(meeting_pages.carried_over(user=AnonymousUser(), meeting=third)) == []
    assert list(selectors.open_action_items(user=council_user)) == []

    services.mark_action_item_done(actor=staff_user, item=item, done=False)
    item.refresh_from_db()
    assert not item.done and item.done_at is None
    assert entries(item, "reopened").exists()


def test_open_action_items_respect_the_visibility_rule(council_user):
    internal = BodyFactory(is_public=False)
    hidden = ActionItemFactory(meeting=MeetingFactory(body=internal))
    secret_item = AgendaItemFactory(is_public=False)
    of_secret_item = ActionItemFactory(meeting=secret_item.meeting, agenda_item=secret_item)
    public = ActionItemFactory()
    ActionItemFactory(done=True, done_at=timezone.now())
    assert list(selectors.open_action_items(user=AnonymousUser())) == [public]
    assert set(selectors.open_action_items(user=council_user)) == {hidden, of_secret_item, public}
    overdue = ActionItemFactory(due_date=datetime.date(2020, 1, 1))
    assert list(
        selectors.open_action_items(user=AnonymousUser(), overdue_on=timezone.localdate())
    ) == [overdue]


def test_an_action_item_of_another_meetings_agenda_item_is_refused(staff_user):
    meeting = MeetingFactory()
    foreign = AgendaItemFactory()
    with pytest.raises(ValidationError):
        services.add_action_item(actor=staff_user, meeting=meeting, text="x", agenda_item=foreign)
    assert not ActionItem.objects.exists()


def test_attachment_stored_through_storage_and_audited(
    staff_user, media, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory()
    upload = SimpleUploadedFile("../../Einladung März.pdf", PDF, content_type="application/pdf")
    attachment = services.add_attachment(
        actor=staff_user, meeting=meeting, upload=upload, title="Einladung"
    )
    assert attachment.file.name.startswith(f"council/meetings/{meeting.pk}/")
    assert ".." not in attachment.file.name and "März" not in attachment.file.name
    assert attachment.file_name.endswith("Einladung März.pdf")
    with attachment.file.open("rb") as stored:
        assert stored.read() == PDF
    assert entries(attachment, "create").get().changes["title"] == [None, "Einladung"]
    name, pk = attachment.file.name, attachment.pk
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_attachment(actor=staff_user, attachment=attachment)
    assert not MeetingAttachment.objects.exists()
    assert AuditEntry.objects.filter(object_id=str(pk), action="delete").exists()
    assert not attachment.file.storage.exists(name)  # removed once the removal is committed


@pytest.mark.parametrize(
    "content, name",
    [
        (b"PK\x03\x04 not a pdf at all", "Einladung.pdf"),
        (b"<html><body>%PDF-</body></html>" + b" " * 2000, "Einladung.pdf"),
        (b"", "leer.pdf"),
    ],
)
def test_non_pdf_attachments_are_refused_and_nothing_is_stored(staff_user, media, content, name):
    meeting = MeetingFactory()
    with pytest.raises(ValidationError):
        services.add_attachment(
            actor=staff_user, meeting=meeting, upload=SimpleUploadedFile(name, content)
        )
    assert not MeetingAttachment.objects.exists()
    assert not list(media.rglob("*.pdf"))


def test_oversized_attachment_is_refused(staff_user, media):
    upload = SimpleUploadedFile("gross.pdf", PDF)
    upload.size = ATTACHMENT_MAX_BYTES + 1
    with pytest.raises(ValidationError) as error:
        services.add_attachment(actor=staff_user, meeting=MeetingFactory(), upload=upload)
    assert "file" in error.value.message_dict
    assert not MeetingAttachment.objects.exists()


def test_attachments_of_hidden_items_are_hidden(staff_user, council_user, media):
    meeting = MeetingFactory()
    secret_item = AgendaItemFactory(meeting=meeting, is_public=False)
    public = services.add_attachment(
        actor=staff_user, meeting=meeting, upload=SimpleUploadedFile("a.pdf", PDF)
    )
    of_secret = services.add_attachment(
        actor=staff_user,
        meeting=meeting,
        agenda_item=secret_item,
        upload=SimpleUploadedFile("b.pdf", PDF),
    )
    internal = services.add_attachment(
        actor=staff_user, meeting=meeting, is_public=False, upload=SimpleUploadedFile("c.pdf", PDF)
    )
    in_internal_body = services.add_attachment(
        actor=staff_user,
        meeting=MeetingFactory(body=BodyFactory(is_public=False)),
        upload=SimpleUploadedFile("d.pdf", PDF),
    )
    assert set(meeting_pages.attachments(user=AnonymousUser())) == {public}
    assert set(meeting_pages.attachments(user=council_user)) == {
        public,
        of_secret,
        internal,
        in_internal_body,
    }
