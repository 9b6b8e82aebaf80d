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
    """Each builder sees the world with what the builders before it made (``world.council_body``)."""
    from types import SimpleNamespace

    objects = {}
    for build in WORLD_BUILDERS:
        objects |= build(SimpleNamespace(**vars(world), **objects))
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


# --- papers, measures and the implementation status (council/views/papers.py, measures.py,
# accountability.py) ----------------------------------------------------------------------------
from tests.access import LOGGED_IN  # noqa: E402


def _accountability_world(world):
    """A public motion accepted by the world's working group, with a submitter, an attachment,
    and a running measure of the world's organisation over its plan (5,000 planned, 3,500
    committed, 2,000 spent), with a milestone, a progress update with evidence, a scanned
    receipt and a follower. Files are not stored: downloads answer 404, which is no denial."""
    import datetime
    from decimal import Decimal

    from tests.council.factories_accountability import (
        BudgetLineFactory,
        ConsultationFactory,
        MeasureFactory,
        MilestoneFactory,
        PaperFactory,
        ProgressUpdateFactory,
    )
    from tests.factories import UserFactory
    from vernetzt.council.models import BudgetLine, Follow, PaperAttachment, Submitter
    from vernetzt.council.notifications import unfollow_token

    paper = PaperFactory(reference="26-0815", name="Antrag: Aufsuchende Arbeit in den Gemeinden")
    ConsultationFactory(paper=paper, body=world.council_body, meeting=world.council_meeting)
    Submitter.objects.create(paper=paper, body=world.council_body)
    attachment = PaperAttachment.objects.create(
        paper=paper, title="Antragstext", content="council/papers/missing-world-file.pdf", size=99
    )
    measure = MeasureFactory(
        paper=paper, title="Brücken bauen: Infoabende", responsible_organisation=world.organisation
    )
    milestone = MilestoneFactory(measure=measure, due_date=datetime.date(2026, 1, 31))
    progress = ProgressUpdateFactory(
        measure=measure, evidence="council/evidence/missing-world-file.jpg", evidence_type="image/jpeg"
    )
    BudgetLineFactory(measure=measure)
    BudgetLineFactory(measure=measure, kind=BudgetLine.Kind.COMMITMENT, amount=Decimal("3500.00"))
    line = BudgetLineFactory(
        measure=measure,
        kind=BudgetLine.Kind.EXPENDITURE,
        amount=Decimal("2000.00"),
        receipt="R-2026-17",
        receipt_file="council/receipts/missing-world-file.pdf",
    )
    follower = Follow.objects.create(
        user=UserFactory(username="council_follower"), measure=measure
    )
    return {
        "council_paper": paper,
        "council_paper_attachment": attachment,
        "council_measure": measure,
        "council_milestone": milestone,
        "council_progress": progress,
        "council_budget_line": line,
        "council_unfollow_token": unfollow_token(follower),
    }


WORLD_BUILDERS.append(_accountability_world)


def _paper(world):
    return {"pk": world.council_paper.pk}


def _measure(world):
    return {"pk": world.council_measure.pk}


EXPECTED |= {
    "council:accountability": Expect(EVERYONE),
    "council:unfollow": Expect(EVERYONE, lambda world: {"token": world.council_unfollow_token}),
    "council:paper_list": Expect(EVERYONE),
    "council:paper_detail": Expect(EVERYONE, _paper),
    "council:paper_attachment": Expect(
        EVERYONE,
        lambda world: {
            "pk": world.council_paper.pk,
            "attachment_pk": world.council_paper_attachment.pk,
        },
    ),
    # POST only (GET answers 405, which is no denial).
    "council:paper_follow": Expect(LOGGED_IN, _paper),
    "council:paper_create": Expect(STAFF_ONLY),
    "council:paper_edit": Expect(STAFF_ONLY, _paper),
    "council:paper_submitters": Expect(STAFF_ONLY, _paper),
    "council:paper_attachment_add": Expect(STAFF_ONLY, _paper),
    "council:paper_resolution": Expect(STAFF_ONLY, _paper),
    "council:measure_detail": Expect(EVERYONE, _measure),
    "council:progress_evidence": Expect(
        EVERYONE,
        lambda world: {"pk": world.council_measure.pk, "update_pk": world.council_progress.pk},
    ),
    "council:measure_follow": Expect(LOGGED_IN, _measure),
    "council:measure_create": Expect(STAFF_ONLY),
    "council:measure_edit": Expect(STAFF_ONLY, _measure),
    "council:measure_status": Expect(STAFF_ONLY, _measure),
    "council:milestone_add": Expect(STAFF_ONLY, _measure),
    "council:milestone_edit": Expect(
        STAFF_ONLY,
        lambda world: {"pk": world.council_measure.pk, "milestone_pk": world.council_milestone.pk},
    ),
    "council:progress_add": Expect(STAFF_ONLY, _measure),
    "council:budget_line_add": Expect(STAFF_ONLY, _measure),
    "council:budget_receipt": Expect(
        STAFF_ONLY,
        lambda world: {"pk": world.council_measure.pk, "line_pk": world.council_budget_line.pk},
    ),
}
