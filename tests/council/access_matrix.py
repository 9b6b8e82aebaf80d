from tests.access import EVERYONE, Expect

EXPECTED = {
    # The OParl export (objects of types without a row answer 404, which is not a denial).
    "oparl:system": Expect(EVERYONE),
    "oparl:body_list": Expect(EVERYONE),
    "oparl:body": Expect(EVERYONE),
    "oparl:list": Expect(EVERYONE, lambda world: {"kind": "meeting"}),
    "oparl:object": Expect(EVERYONE, lambda world: {"kind": "meeting", "pk": 1}),
    "oparl:organization_meetings": Expect(EVERYONE, lambda world: {"pk": 1}),
}


# --- bodies and meetings (council/views/bodies.py, council/views/meetings.py) ---------------
from tests.access import STAFF_ONLY  # noqa: E402


def _body(world):
    return {"pk": world.council_body.pk}


def _meeting(world):
    return {"pk": world.council_meeting.pk}


EXPECTED |= {
    "council:body_list": Expect(EVERYONE),
    "council:body_detail": Expect(EVERYONE, _body),
    "council:body_calendar": Expect(EVERYONE, _body),
    "council:body_create": Expect(STAFF_ONLY),
    "council:body_edit": Expect(STAFF_ONLY, _body),
    "council:membership_add": Expect(STAFF_ONLY, _body),
    "council:membership_edit": Expect(
        STAFF_ONLY, lambda world: {"pk": world.council_membership.pk}
    ),
    "council:membership_end": Expect(STAFF_ONLY, lambda world: {"pk": world.council_membership.pk}),
    "council:meeting_detail": Expect(EVERYONE, _meeting),
    "council:meeting_minutes_pdf": Expect(EVERYONE, _meeting),
    "council:meeting_create": Expect(STAFF_ONLY, _body),
    "council:meeting_edit": Expect(STAFF_ONLY, _meeting),
    "council:meeting_minutes": Expect(STAFF_ONLY, _meeting),
    "council:meeting_attendance": Expect(STAFF_ONLY, _meeting),
    "council:agenda_item_create": Expect(STAFF_ONLY, _meeting),
    "council:agenda_item_edit": Expect(
        STAFF_ONLY,
        lambda world: {"pk": world.council_meeting.pk, "item_pk": world.council_agenda_item.pk},
    ),
    "council:agenda_item_move": Expect(
        STAFF_ONLY,
        lambda world: {"pk": world.council_meeting.pk, "item_pk": world.council_agenda_item.pk},
    ),
    "council:attachment_add": Expect(STAFF_ONLY, _meeting),
    # The world's attachment has no stored file: allowed roles get 404, which is no denial.
    "council:attachment_download": Expect(
        EVERYONE, lambda world: {"pk": world.council_attachment.pk}
    ),
    "council:attachment_delete": Expect(
        STAFF_ONLY, lambda world: {"pk": world.council_attachment.pk}
    ),
    "council:action_item_create": Expect(STAFF_ONLY, _meeting),
    "council:action_item_edit": Expect(
        STAFF_ONLY, lambda world: {"pk": world.council_action_item.pk}
    ),
    "council:action_item_done": Expect(
        STAFF_ONLY, lambda world: {"pk": world.council_action_item.pk}
    ),
}


def _bodies_and_meetings(world):
    """A public working group with a member sent by the world's organisation, a past meeting
    with a public and a non-public agenda item, attendance, an attachment and an open action
    item, and a later meeting that carries the action item over."""
    import datetime

    from django.utils import timezone

    from tests.council.factories_meetings import (
        ActionItemFactory,
        AgendaItemFactory,
        BodyFactory,
        MeetingFactory,
        MembershipFactory,
    )
    from vernetzt.council.models import Attendance, MeetingAttachment, Membership

    body = BodyFactory(name="Arbeitsgruppe Sprache & Bildung")
    chair = MembershipFactory(
        body=body, role=Membership.Role.CHAIR, organisation=world.organisation
    )
    MembershipFactory(body=body, end_date=datetime.date(2025, 6, 30))
    meeting = MeetingFactory(
        body=body,
        name="4. Sitzung",
        start=timezone.now() - datetime.timedelta(days=20),
        invitation_text="Liebe Mitglieder, hiermit lade ich ein.",
    )
    item = AgendaItemFactory(
        meeting=meeting, order=1, number="1", name="Sprachkurse 2026", minutes="Bericht."
    )
    AgendaItemFactory(
        meeting=meeting, order=2, number="2", name="Personalangelegenheit", is_public=False
    )
    Attendance.objects.create(
        meeting=meeting, person=chair.person, status=Attendance.Status.PRESENT
    )
    action = ActionItemFactory(meeting=meeting, agenda_item=item, due_date=timezone.localdate())
    MeetingFactory(body=body, name="5. Sitzung")
    attachment = MeetingAttachment.objects.create(
        meeting=meeting,
        title="Einladung",
        file="council/meetings/missing-world-file.pdf",
        size=1234,
    )
    return {
        "council_body": body,
        "council_membership": chair,
        "council_meeting": meeting,
        "council_agenda_item": item,
        "council_action_item": action,
        "council_attachment": attachment,
    }


# Each area of the council adds its builder here; ``build_world`` calls ``world_objects``.
WORLD_BUILDERS = [_bodies_and_meetings]


def world_objects(world):
    objects = {}
    for build in WORLD_BUILDERS:
        objects |= build(world)
    return objects


# --- staff tools and the council report (council/views/staff.py, council/views/reports.py) ---
from tests.access import COUNCIL_AND_STAFF  # noqa: E402


def _council_report_world(world):
    """A finished council report (XLSX, built by the task; tests run tasks at once)."""
    import datetime

    from tests.factories import StaffFactory
    from vernetzt.council.reports import jobs

    body = world.council_body
    token = jobs.enqueue(
        user=StaffFactory(username="council_report_staff"),
        body=body,
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 12, 31),
        fmt="xlsx",
        language="de",
    )
    return {"council_report_token": token}


WORLD_BUILDERS.append(_council_report_world)


def _report_token(world):
    return {"token": world.council_report_token}


EXPECTED |= {
    "council:staff_overdue": Expect(STAFF_ONLY),
    "council:bulk_table": Expect(STAFF_ONLY),
    "council:bulk_upload": Expect(STAFF_ONLY),
    "council:bulk_upload_example": Expect(STAFF_ONLY),
    # POST only; an unknown upload answers 404 (no denial).
    "council:bulk_upload_confirm": Expect(
        STAFF_ONLY, lambda world: {"token": "0" * 32}
    ),
    "council:treasury": Expect(STAFF_ONLY),
    "council:treasury_export": Expect(STAFF_ONLY, lambda world: {"fmt": "xlsx"}),
    "council:report": Expect(COUNCIL_AND_STAFF),
    "council:report_status": Expect(COUNCIL_AND_STAFF, _report_token),
    "council:report_download": Expect(COUNCIL_AND_STAFF, _report_token),
}
